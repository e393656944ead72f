#include "core/jsonText.h"

#include <nlohmann/json.hpp>

namespace sy {

std::string dumpJson(const nlohmann::json &json)
{
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace sy
