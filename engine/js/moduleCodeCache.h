#pragma once
// Process-wide V8 code cache of the modules worker isolates compile. A module
// compiled in one isolate leaves its bytecode here (produced after its first
// evaluation, so functions that ran are included); the next isolate that
// loads the same transform consumes it instead of parsing and compiling again
// (V8's ScriptCompiler::kConsumeCodeCache, the way Node caches its builtins
// across workers). What this buys: test files each get a fresh isolate, yet
// React and the harness are compiled once per process.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace sy {

class ModuleCodeCache {
public:
    using Bytes = std::vector<uint8_t>;

    /// The process's cache.
    static ModuleCodeCache &instance();

    /// Cache key of one transform: module id + transform hash (a new transform
    /// of the same id is a different entry). Empty when `transformHash` is
    /// empty (not cacheable).
    static std::string keyFor(const std::string &id, const std::string &transformHash);

    /// The cached bytes for `key`, or null.
    std::shared_ptr<const Bytes> find(const std::string &key);
    /// Stores `bytes` for `key` unless the cache already holds `maxBytes()`.
    void store(const std::string &key, Bytes bytes);
    /// Forgets `key` (V8 rejected its data: other flags or version).
    void reject(const std::string &key);

    struct Stats {
        uint64_t hits = 0, misses = 0, rejected = 0, entries = 0, bytes = 0;
    };
    Stats stats() const;
    /// Upper bound of the cache's size in bytes (default 256 MiB).
    size_t maxBytes() const { return m_maxBytes; }
    void setMaxBytes(size_t bytes);
    /// Drops everything (tests).
    void clear();

private:
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, std::shared_ptr<const Bytes>> m_entries;
    size_t m_bytes = 0;
    size_t m_maxBytes = size_t(256) << 20;
    Stats m_stats;
};

} // namespace sy
