#pragma once
// JSON text from values that may hold bytes from the outside (request data,
// file names, tool output): never throws on invalid UTF-8.
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace sy {

/// `json` as compact text; invalid UTF-8 in its strings becomes U+FFFD
/// (nlohmann's error_handler_t::replace) instead of throwing type_error 316.
std::string dumpJson(const nlohmann::json &json);

} // namespace sy
