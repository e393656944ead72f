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

std::string_view moduleRoleName(ModuleRole role)
{
    switch (role) {
    case ModuleRole::None:
        return "";
    case ModuleRole::SsrBridge:
        return "ssr-bridge";
    case ModuleRole::ClientLookup:
        return "client-lookup";
    case ModuleRole::ServerLookup:
        return "server-lookup";
    case ModuleRole::RequestState:
        return "request-state";
    case ModuleRole::VitePreamble:
        return "vite-preamble";
    case ModuleRole::ReactRefresh:
        return "react-refresh";
    case ModuleRole::ViteClient:
        return "vite-client";
    }
    return "";
}

std::string_view directiveTransformName(DirectiveTransform transform)
{
    switch (transform) {
    case DirectiveTransform::None:
        return "";
    case DirectiveTransform::ClientReferences:
        return "client-references";
    case DirectiveTransform::SsrModule:
        return "ssr-module";
    case DirectiveTransform::ClientModule:
        return "client-module";
    case DirectiveTransform::ServerRegistration:
        return "server-registration";
    case DirectiveTransform::ServerReferenceStubs:
        return "server-reference-stubs";
    }
    return "";
}

} // namespace sy
