#include "graph/moduleNode.h"

namespace sy {

std::string_view moduleTypeName(ModuleType type)
{
    switch (type) {
    case ModuleType::Js:
        return "js";
    case ModuleType::Css:
        return "css";
    case ModuleType::Json:
        return "json";
    case ModuleType::Asset:
        return "asset";
    case ModuleType::Url:
        return "url";
    case ModuleType::Raw:
        return "raw";
    case ModuleType::Inline:
        return "inline";
    case ModuleType::Wasm:
        return "wasm";
    case ModuleType::Text:
        return "text";
    case ModuleType::Data:
        return "data";
    }
    return "js";
}

std::string_view invalidationStateName(InvalidationState state)
{
    switch (state) {
    case InvalidationState::None:
        return "none";
    case InvalidationState::Soft:
        return "soft";
    case InvalidationState::Hard:
        return "hard";
    }
    return "none";
}

} // namespace sy
