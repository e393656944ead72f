#pragma once
// The disk tier of TransformService's memos: what sucrase and React Refresh's
// Babel pass made of a source, kept in a folder for the next process. A test
// run or a dev server start then transforms only the files that changed since
// an earlier run, and starts no transform isolate when none did (sucrase's
// costs ~30 ms to start and its first transforms run unoptimised: 3-9 ms for a
// 2 KB test file instead of 0.3 ms). The idea of Jest's transform cache
// (cacheDirectory) and of babel-loader's cacheDirectory.
//
// Keys are content keys: the transformer's identity (a hash of its embedded
// bundle, so a new sucrase or Babel build never meets old outputs), then the
// memo key of (options, source) (contentMemo.h). An edit changes the key;
// nothing is ever invalidated. Only successful outputs are kept: a failing
// transform runs again and reports its error afresh. Entries live in a
// DiskCacheFolder (diskCacheFolder.h: atomic writes, bounded, mode 0700).
#include "core/diskCacheFolder.h"
#include "js/transformService.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace sy {

class TransformDiskCache {
public:
    /// The process's cache (off until enable()).
    static TransformDiskCache &instance();
    TransformDiskCache();

    /// Turns the tier on: entries go under `directory` (created, mode 0700),
    /// at most `maxBytes` (default 128 MiB; the oldest go first). False, and
    /// off, when the folder cannot be made.
    bool enable(const std::string &directory, uint64_t maxBytes = uint64_t(128) << 20);
    /// Turns the tier off (files stay).
    void disable();
    /// The folder in use, empty when off.
    std::string directory() const;
    bool enabled() const { return m_folder.isOpen(); }

    /// Where the switchyard binary keeps it: $SWITCHYARD_TRANSFORM_CACHE_DIR, else
    /// $XDG_CACHE_HOME/switchyard/transform-cache, else ~/.cache/switchyard/transform-cache.
    /// Empty (off) when SWITCHYARD_TRANSFORM_CACHE or SWITCHYARD_CODE_CACHE is "0" (the
    /// latter turns off every disk cache), or no home folder is known.
    static std::string defaultDirectory();

    /// A sucrase output stored under `key` by an earlier run, or nullopt (off, none, damaged).
    std::optional<TransformOutput> findTransform(const std::string &key);
    /// Keeps a successful output (`out.ok`) under `key`; anything else is ignored.
    void storeTransform(const std::string &key, const TransformOutput &out);
    /// A React Refresh output stored under `key`, or nullopt.
    std::optional<RefreshTransformOutput> findRefresh(const std::string &key);
    /// Keeps a successful output (`out.ok`) under `key`.
    void storeRefresh(const std::string &key, const RefreshTransformOutput &out);

    struct Stats {
        uint64_t hits = 0;   ///< finds answered from a file
        uint64_t misses = 0; ///< finds with the tier on and no usable file
        uint64_t writes = 0; ///< files this process wrote
    };
    Stats stats() const;

private:
    void count(uint64_t Stats::*counter);

    DiskCacheFolder m_folder;
    mutable std::mutex m_mutex;
    Stats m_stats;
};

} // namespace sy
