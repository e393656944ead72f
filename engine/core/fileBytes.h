#pragma once
// Whole files as bytes, for the engine's own files (the optimizer's cache and
// metadata, a module's source for the inspector). Not for request paths:
// anything a request names goes through FilePolicy (server/filePolicy.h).
#include <filesystem>
#include <string>

namespace sy {

/// The bytes of `path`; empty when it cannot be read (missing, a folder).
std::string readFileBytes(const std::filesystem::path &path);

/// Writes `bytes` to `path`, replacing it; false when the write failed.
bool writeFileBytes(const std::filesystem::path &path, const std::string &bytes);

} // namespace sy
