#pragma once
// Request-target helpers: path extraction and percent-decoding.
#include <optional>
#include <string>
#include <string_view>

namespace sy {

/// The path part of a request-target: everything before '?' or '#'.
std::string_view targetPath(std::string_view target);

/// Percent-decodes `text` ("%2e%2e" -> ".."). '+' is kept as is (paths, not forms).
/// Returns nullopt for malformed escapes or a decoded NUL byte.
std::optional<std::string> percentDecode(std::string_view text);

} // namespace sy
