#pragma once
// JavaScript/JSON string literals from UTF-8 text.
#include <string>
#include <string_view>

namespace sy {

/// `text` as a double-quoted JS (and JSON) string literal: quotes,
/// backslashes and control characters escaped; other bytes (UTF-8) kept.
std::string jsStringLiteral(std::string_view text);

} // namespace sy
