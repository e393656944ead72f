#include "js/moduleCodeCache.h"

#include "core/hash.h"

#include <v8.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <unistd.h>

namespace fs = std::filesystem;

namespace sy {

namespace {
// A cache file: magic, the key's length (4 bytes, little endian), the key, V8's bytes.
constexpr char kMagic[8] = {'S', 'Y', 'V', '8', 'C', 'C', '1', '\0'};

// The folder's size as its last scan found it, with the scan's time as the file's mtime: a start
// reads this one small file instead of stat()ing every entry (~10,000 files after a few big test
// runs: 50-130 ms of every start). Written after each scan; removed when a process reaches the
// bound, so the next start scans and trims.
constexpr const char *kFolderSizeFile = "folder-size";
constexpr auto kFolderRescanInterval = std::chrono::hours(1);

bool readFolderSize(const fs::path &dir, uint64_t &total)
{
    const fs::path ledger = dir / kFolderSizeFile;
    std::error_code ec;
    const auto written = fs::last_write_time(ledger, ec);
    if (ec)
        return false;
    const auto age = fs::file_time_type::clock::now() - written;
    if (age < fs::file_time_type::duration::zero() || age > kFolderRescanInterval)
        return false;
    std::ifstream in(ledger);
    return static_cast<bool>(in >> total);
}

/// Stats every file; past `maxDiskBytes` the least recently written go first, down to 3/4 of
/// it. Records the size it ends with (readFolderSize) and returns it.
uint64_t trimFolder(const fs::path &dir, uint64_t maxDiskBytes)
{
    struct File {
        fs::path path;
        uint64_t size;
        fs::file_time_type written;
    };
    std::vector<File> files;
    uint64_t total = 0;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(dir, ec)) {
        std::error_code fileEc;
        if (!entry.is_regular_file(fileEc) || entry.path().filename() == kFolderSizeFile)
            continue;
        const uint64_t size = entry.file_size(fileEc);
        if (fileEc)
            continue;
        files.push_back({entry.path(), size, entry.last_write_time(fileEc)});
        total += size;
    }
    if (total > maxDiskBytes) { // the oldest go first, down to 3/4 of the bound
        std::sort(files.begin(), files.end(),
                  [](const File &a, const File &b) { return a.written < b.written; });
        for (const File &f : files) {
            if (total <= maxDiskBytes / 4 * 3)
                break;
            if (fs::remove(f.path, ec))
                total -= f.size;
        }
    }
    const fs::path ledger = dir / kFolderSizeFile;
    const fs::path temp = ledger.string() + '.' + std::to_string(::getpid()) + ".tmp";
    {
        std::ofstream out(temp, std::ios::trunc);
        out << total << '\n';
    }
    fs::rename(temp, ledger, ec); // atomic, as the entries
    if (ec)
        fs::remove(temp, ec);
    return total;
}

} // namespace

ModuleCodeCache &ModuleCodeCache::instance()
{
    static ModuleCodeCache cache;
    return cache;
}

std::string ModuleCodeCache::keyFor(const std::string &id, const std::string &transformHash)
{
    if (transformHash.empty())
        return {};
    return id + '\n' + transformHash;
}

std::string ModuleCodeCache::keyForEmbedded(const std::string &name, std::string_view source)
{
    return keyFor(name, sha256Hex(source).substr(0, 16) + ':' + std::to_string(source.size()));
}

std::shared_ptr<const ModuleCodeCache::Bytes> ModuleCodeCache::find(const std::string &key)
{
    {
        std::lock_guard lock(m_mutex);
        auto it = m_entries.find(key);
        if (it != m_entries.end()) {
            ++m_stats.hits;
            return it->second;
        }
        if (m_diskDir.empty() || key.empty()) {
            ++m_stats.misses;
            return nullptr;
        }
    }
    std::shared_ptr<const Bytes> bytes = readFile(key); // outside the lock: file IO
    std::lock_guard lock(m_mutex);
    if (!bytes) {
        ++m_stats.misses;
        return nullptr;
    }
    ++m_stats.hits;
    ++m_stats.diskHits;
    if (auto [it, added] = m_entries.try_emplace(key, bytes); !added)
        return it->second;
    if (m_bytes + bytes->size() > m_maxBytes)
        m_entries.erase(key); // served, not kept
    else
        m_bytes += bytes->size();
    return bytes;
}

bool ModuleCodeCache::contains(const std::string &key)
{
    std::string file;
    {
        std::lock_guard lock(m_mutex);
        if (m_entries.count(key))
            return true;
        if (m_diskDir.empty() || key.empty())
            return false;
        file = fileFor(key);
    }
    std::error_code ec;
    return fs::exists(file, ec);
}

void ModuleCodeCache::store(const std::string &key, Bytes bytes)
{
    if (key.empty())
        return;
    bool toDisk = false;
    std::shared_ptr<const Bytes> kept;
    {
        std::lock_guard lock(m_mutex);
        if (m_entries.count(key))
            return;
        toDisk = !m_diskDir.empty();
        if (m_bytes + bytes.size() <= m_maxBytes) {
            m_bytes += bytes.size();
            kept = std::make_shared<const Bytes>(std::move(bytes));
            m_entries.emplace(key, kept);
        } else if (toDisk) {
            kept = std::make_shared<const Bytes>(std::move(bytes));
        }
    }
    if (toDisk && kept)
        writeFile(key, *kept);
}

void ModuleCodeCache::reject(const std::string &key)
{
    std::string file;
    {
        std::lock_guard lock(m_mutex);
        ++m_stats.rejected;
        if (auto it = m_entries.find(key); it != m_entries.end()) {
            m_bytes -= it->second->size();
            m_entries.erase(it);
        }
        if (m_diskDir.empty() || key.empty())
            return;
        file = fileFor(key);
    }
    std::error_code ec;
    fs::remove(file, ec);
}

ModuleCodeCache::Stats ModuleCodeCache::stats() const
{
    std::lock_guard lock(m_mutex);
    Stats s = m_stats;
    s.entries = m_entries.size();
    s.bytes = m_bytes;
    return s;
}

void ModuleCodeCache::setMaxBytes(size_t bytes)
{
    std::lock_guard lock(m_mutex);
    m_maxBytes = bytes;
}

void ModuleCodeCache::clear()
{
    std::lock_guard lock(m_mutex);
    m_entries.clear();
    m_bytes = 0;
    m_stats = {};
}

bool ModuleCodeCache::enableDisk(const std::string &directory, uint64_t maxDiskBytes)
{
    if (directory.empty())
        return false;
    const fs::path dir = fs::path(directory) / v8::V8::GetVersion();
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir, ec))
        return false;
    // Only this user reads what V8 will trust as bytecode.
    fs::permissions(directory, fs::perms::owner_all, fs::perm_options::replace, ec);
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);

    uint64_t total = 0;
    if (!readFolderSize(dir, total))
        total = trimFolder(dir, maxDiskBytes);
    std::lock_guard lock(m_mutex);
    m_diskDir = dir.string();
    m_diskBytes = total;
    m_maxDiskBytes = maxDiskBytes;
    m_folderFull = false;
    return true;
}

void ModuleCodeCache::disableDisk()
{
    std::lock_guard lock(m_mutex);
    m_diskDir.clear();
}

std::string ModuleCodeCache::diskDirectory() const
{
    std::lock_guard lock(m_mutex);
    return m_diskDir;
}

std::string ModuleCodeCache::defaultDiskDirectory()
{
    const char *off = std::getenv("SWITCHYARD_CODE_CACHE");
    if (off && std::strcmp(off, "0") == 0)
        return {};
    if (const char *dir = std::getenv("SWITCHYARD_CODE_CACHE_DIR"); dir && *dir)
        return dir;
    if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/')
        return std::string(xdg) + "/switchyard/v8-code-cache";
    if (const char *home = std::getenv("HOME"); home && *home == '/')
        return std::string(home) + "/.cache/switchyard/v8-code-cache";
    return {};
}

std::string ModuleCodeCache::fileFor(const std::string &key) const
{
    return m_diskDir + '/' + sha256Hex(key).substr(0, 40) + ".bin";
}

std::shared_ptr<const ModuleCodeCache::Bytes>
ModuleCodeCache::readFile(const std::string &key) const
{
    std::string file;
    {
        std::lock_guard lock(m_mutex);
        if (m_diskDir.empty())
            return nullptr;
        file = fileFor(key);
    }
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return nullptr;
    char magic[sizeof kMagic];
    uint8_t len[4];
    if (!in.read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0 ||
        !in.read(reinterpret_cast<char *>(len), 4))
        return nullptr;
    const uint32_t keyLength = len[0] | len[1] << 8 | len[2] << 16 | uint32_t(len[3]) << 24;
    if (keyLength != key.size())
        return nullptr;
    std::string stored(keyLength, '\0');
    if (!in.read(stored.data(), keyLength) || stored != key)
        return nullptr; // another key with the same file name: not ours
    auto bytes = std::make_shared<Bytes>(std::istreambuf_iterator<char>(in),
                                         std::istreambuf_iterator<char>());
    if (bytes->empty())
        return nullptr;
    return bytes;
}

void ModuleCodeCache::writeFile(const std::string &key, const Bytes &bytes)
{
    static std::atomic<uint64_t> counter{0};
    std::string file;
    {
        std::lock_guard lock(m_mutex);
        const uint64_t size = sizeof kMagic + 4 + key.size() + bytes.size();
        if (m_diskDir.empty())
            return;
        if (m_diskBytes + size > m_maxDiskBytes) {
            if (!m_folderFull) { // the next start trims (readFolderSize)
                m_folderFull = true;
                std::error_code ec;
                fs::remove(fs::path(m_diskDir) / kFolderSizeFile, ec);
            }
            return;
        }
        m_diskBytes += size;
        file = fileFor(key);
    }
    std::error_code ec;
    if (fs::exists(file, ec))
        return;
    const std::string temp =
        file + '.' + std::to_string(::getpid()) + '.' + std::to_string(counter++) + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        const uint32_t n = static_cast<uint32_t>(key.size());
        const uint8_t len[4] = {uint8_t(n), uint8_t(n >> 8), uint8_t(n >> 16), uint8_t(n >> 24)};
        out.write(kMagic, sizeof kMagic);
        out.write(reinterpret_cast<const char *>(len), 4);
        out.write(key.data(), static_cast<std::streamsize>(key.size()));
        out.write(reinterpret_cast<const char *>(bytes.data()),
                  static_cast<std::streamsize>(bytes.size()));
        if (!out.flush()) {
            out.close();
            fs::remove(temp, ec);
            return;
        }
    }
    fs::rename(temp, file, ec); // atomic: a reader sees the whole file or none
    if (ec) {
        fs::remove(temp, ec);
        return;
    }
    std::lock_guard lock(m_mutex);
    ++m_stats.diskWrites;
}

} // namespace sy
