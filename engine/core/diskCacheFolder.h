#pragma once
// A folder of cache entries, one file per key, shared by the processes of one
// user: the disk tier of the V8 code cache (js/moduleCodeCache.h) and of the
// transform cache (js/transformDiskCache.h). Nothing here knows what the bytes
// mean; each user names its files with its own 8-byte magic.
//
// A file holds the magic, the key's length (4 bytes, little endian), the key
// and the value: a reader checks the whole key, so two keys that share a file
// name (the first 160 bits of the key's SHA-256) never answer for each other.
// Writes are atomic (temp file + rename): a reader sees a whole entry or none,
// also while other processes write the same folder.
//
// The folder has a size bound. A start reads the size its last scan found (a
// `folder-size` file less than an hour old) instead of stat()ing every entry;
// otherwise it scans, deletes the least recently written files down to 3/4 of
// the bound, and records the size. A process that reaches the bound stops
// writing and removes the size file, so the next start scans and trims.
// Between scans the folder may pass the bound by what other processes wrote.
#include <array>
#include <cstdint>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

class DiskCacheFolder {
public:
    using Magic = std::array<char, 8>;

    /// Entries of this folder start with `magic` (e.g. "SYV8CC1\0"): files
    /// of another format or version are never read as entries.
    explicit DiskCacheFolder(Magic magic);

    /// Uses `directory` (created with its parents, mode 0700 for it and for
    /// `protectedParent` when given, since its files are trusted as input).
    /// `maxBytes`: the folder's bound. Returns false, and stays closed, when
    /// the folder cannot be made or belongs to another user.
    bool open(const std::string &directory, uint64_t maxBytes,
              const std::string &protectedParent = {});
    /// Stops reading and writing (files stay).
    void close();
    /// The open folder, empty when closed.
    std::string directory() const;
    bool isOpen() const { return !directory().empty(); }

    /// The value stored for `key`, or nullopt (closed, no such entry, another
    /// format, another key in the file, an empty value).
    std::optional<std::vector<uint8_t>> read(const std::string &key) const;
    /// True when an entry file for `key` exists (its contents unchecked).
    bool exists(const std::string &key) const;
    /// Writes `value` for `key` unless the folder is closed, the entry exists
    /// or the bound would be passed. True when this call wrote the file.
    bool write(const std::string &key, std::string_view value);
    /// Deletes `key`'s file.
    void remove(const std::string &key);

private:
    std::string fileFor(const std::string &key) const; // m_mutex held

    const Magic m_magic;
    mutable std::mutex m_mutex;
    std::string m_dir; ///< empty: closed
    uint64_t m_bytes = 0;
    uint64_t m_maxBytes = 0;
    bool m_full = false; ///< a write met the bound: the size file is gone
};

/// The folder of one of the switchyard binary's caches: $`dirVariable` when set, else
/// $XDG_CACHE_HOME/switchyard/`name`, else ~/.cache/switchyard/`name`. Empty (no disk
/// tier) when one of `offVariables` is "0" or no home folder is known.
std::string defaultCacheFolder(const char *dirVariable, const std::string &name,
                               std::initializer_list<const char *> offVariables);

} // namespace sy
