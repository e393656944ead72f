#pragma once
// The failure of one storage operation, worded as Cloudflare words it.
#include <string>

namespace sy {

/// Empty message = success. `typeError` marks failures the worker sees as a
/// TypeError (workerd's argument checks, e.g. "Key name cannot be empty.");
/// all others are plain Errors ("KV PUT failed: 400 ...", "D1_ERROR: ...").
struct StorageError {
    std::string message;
    bool typeError = false;

    bool failed() const { return !message.empty(); }
    explicit operator bool() const { return failed(); }
    static StorageError error(std::string m) { return {std::move(m), false}; }
    static StorageError type(std::string m) { return {std::move(m), true}; }
};

} // namespace sy
