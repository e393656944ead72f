#pragma once
// File extension -> Content-Type for served files.
#include <filesystem>
#include <string_view>

namespace sy {

/// Content-Type for a file by its extension (case-insensitive), with "; charset=utf-8" for text
/// types. Unknown extensions give "application/octet-stream".
std::string_view mimeTypeFor(const std::filesystem::path &file);

} // namespace sy
