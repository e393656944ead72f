#pragma once
// Bytes from the outside (request lines, headers, file names) as valid UTF-8 for JSON, the
// journal and WebSocket text frames, which must never fail on them.
#include <string>
#include <string_view>

namespace sy {

/// True when `bytes` is well-formed UTF-8 (no overlong forms, surrogates or code points past
/// U+10FFFF).
bool isValidUtf8(std::string_view bytes);

/// `bytes` with every byte that is not part of a well-formed UTF-8 sequence replaced by U+FFFD
/// (as nlohmann::json's error_handler_t::replace and TextDecoder do); valid input is returned
/// unchanged.
std::string toValidUtf8(std::string_view bytes);

} // namespace sy
