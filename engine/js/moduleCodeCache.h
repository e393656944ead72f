#pragma once
// Process-wide V8 code cache of the modules worker isolates compile. A module
// compiled in one isolate leaves its bytecode here (produced after its first
// evaluation, so functions that ran are included); the next isolate that
// loads the same transform consumes it instead of parsing and compiling again
// (V8's ScriptCompiler::kConsumeCodeCache, the way Node caches its builtins
// across workers). What this buys: test files each get a fresh isolate, yet
// React and the harness are compiled once per process.
//
// With the disk tier on (enableDisk), entries also live in a folder, one file
// per key, so the next process starts with the bytecode this one produced
// (the idea of Node 22's module.enableCompileCache and of v8-compile-cache).
// V8 itself rejects data made by another V8 version or other flags, or for a
// source of another length (CachedData::rejected); the key holds a hash of the
// source, so an edited module or a new build of an embedded script never
// meets old bytes.
#include "core/diskCacheFolder.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sy {

class ModuleCodeCache {
public:
    using Bytes = std::vector<uint8_t>;

    /// The process's cache.
    static ModuleCodeCache &instance();
    ModuleCodeCache();

    /// Cache key of one transform: module id + transform hash (a hash of the
    /// transformed code: a new transform of the same id is a different entry).
    /// The whole id, a pre-bundle's `?v=` included: V8 10.2 gives a script made
    /// from a code cache the name it was compiled under, and that name is the
    /// referrer of its import() calls and the file of its stack frames (data
    /// made for `x.js?v=1` consumed for `x.js?v=2` left a lookup's import()
    /// edges unknown to the runner, and an edit of a "use client" module never
    /// reached the page). The optimizer's content-derived browserHash keeps ids
    /// stable across cold starts instead. Empty when `transformHash` is empty
    /// (not cacheable).
    static std::string keyFor(const std::string &id, const std::string &transformHash);
    /// The key of the "run" code cache of what is cached under `evaluationKey`: made after its
    /// code ran (ModuleRunner::produceRunCodeCaches, EmbeddedFunction::markRunOver), with the
    /// functions compiled lazily by then. Empty for an empty key.
    static std::string runKeyFor(const std::string &evaluationKey);
    /// Cache key of a script built into the binary (a bundle, a bootstrap):
    /// `name` + a hash of `source`, computed once per call site by the caller.
    static std::string keyForEmbedded(const std::string &name, std::string_view source);

    /// The cached bytes for `key`, from memory or else from the disk tier, or null.
    std::shared_ptr<const Bytes> find(const std::string &key);
    /// True when find(`key`) would answer without producing anything: callers
    /// skip V8's CreateCodeCache (a few ms for a large script) when it is.
    bool contains(const std::string &key);
    /// Stores `bytes` for `key` unless the cache already holds `maxBytes()`;
    /// with the disk tier on, also writes its file (atomically: temp + rename)
    /// unless that would pass the folder's bound.
    void store(const std::string &key, Bytes bytes);
    /// Forgets `key` (V8 rejected its data: other flags or version), its file too.
    void reject(const std::string &key);

    struct Stats {
        uint64_t hits = 0, misses = 0, rejected = 0, entries = 0, bytes = 0;
        uint64_t diskHits = 0;   ///< finds answered by a file of an earlier process
        uint64_t diskWrites = 0; ///< files written by this process
    };
    Stats stats() const;
    /// Upper bound of the cache's size in bytes (default 256 MiB).
    size_t maxBytes() const { return m_maxBytes; }
    void setMaxBytes(size_t bytes);
    /// Drops everything in memory (tests); the disk tier's files stay.
    void clear();

    /// Turns the disk tier on: files go under `directory`/<V8 version>/
    /// (created, mode 0700). When the folder holds more than `maxDiskBytes`,
    /// the least recently written files are deleted down to 3/4 of it first.
    /// The folder's size comes from its last scan (a `folder-size` file) when
    /// that is less than an hour old, so a start stats no entry; a process
    /// that reaches the bound removes it, and the next start scans and trims.
    /// Between scans the folder may pass the bound by what other processes
    /// wrote meanwhile.
    /// Returns false, and leaves the tier off, when the folder cannot be made.
    bool enableDisk(const std::string &directory, uint64_t maxDiskBytes = uint64_t(256) << 20);
    /// The disk tier's bytes for `key`, not kept in memory, or nullopt (tier off, no entry): for
    /// an entry read once per process (Node's built-ins' cache, nodeBuiltinCodeCache.h).
    std::optional<Bytes> readFromDisk(const std::string &key) const;
    /// Writes `bytes` for `key` to the disk tier only, replacing the entry there (one that
    /// grows between processes). False when the tier is off or the folder's bound is met.
    bool writeToDisk(const std::string &key, std::string_view bytes);
    /// Turns the disk tier off (files stay).
    void disableDisk();
    /// The folder the tier uses, empty when off.
    std::string diskDirectory() const;
    /// Where the switchyard binary keeps it: $SWITCHYARD_CODE_CACHE_DIR, else
    /// $XDG_CACHE_HOME/switchyard/v8-code-cache, else
    /// ~/.cache/switchyard/v8-code-cache. Empty (no disk tier) when
    /// SWITCHYARD_CODE_CACHE is "0" or no home folder is known.
    static std::string defaultDiskDirectory();

private:
    std::shared_ptr<const Bytes> readFile(const std::string &key) const;

    mutable std::mutex m_mutex;
    std::unordered_map<std::string, std::shared_ptr<const Bytes>> m_entries;
    size_t m_bytes = 0;
    size_t m_maxBytes = size_t(256) << 20;
    Stats m_stats;
    DiskCacheFolder m_disk; ///< the disk tier, in its V8 version's folder; closed: off
};

} // namespace sy
