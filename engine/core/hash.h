#pragma once
#include <string>
#include <string_view>

namespace sy {

/// First 8 hex characters of SHA-256(`data`): the hash Vite uses for
/// optimizer hashes, browserHash and fileHash (engine-reference.md).
std::string shortHash(std::string_view data);

/// Full lowercase hex SHA-256 of `data` (64 characters).
std::string sha256Hex(std::string_view data);

} // namespace sy
