#include "core/diskCacheFolder.h"

#include "core/hash.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace fs = std::filesystem;

namespace sy {

namespace {

// The folder's size as its last scan found it, with the scan's time as the file's mtime: a start
// reads this one small file instead of stat()ing every entry (~10,000 files after a few big test
// runs: 50-130 ms of every start).
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

/// Stats every file; past `maxBytes` the least recently written go first, down to 3/4 of it.
/// Records the size it ends with (readFolderSize) and returns it.
uint64_t trimFolder(const fs::path &dir, uint64_t maxBytes)
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
    if (total > maxBytes) {
        std::sort(files.begin(), files.end(),
                  [](const File &a, const File &b) { return a.written < b.written; });
        for (const File &f : files) {
            if (total <= maxBytes / 4 * 3)
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

DiskCacheFolder::DiskCacheFolder(Magic magic) : m_magic(magic) {}

bool DiskCacheFolder::open(const std::string &directory, uint64_t maxBytes,
                           const std::string &protectedParent)
{
    if (directory.empty())
        return false;
    const fs::path dir(directory);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir, ec))
        return false;
    // Its entries are run as code (bytecode, transformed modules): a folder another user
    // owns could hand this one anything, so it is not used.
    struct stat info {};
    if (::stat(dir.c_str(), &info) != 0 || info.st_uid != ::geteuid())
        return false;
    // Only this user writes what the caches trust as input.
    if (!protectedParent.empty())
        fs::permissions(protectedParent, fs::perms::owner_all, fs::perm_options::replace, ec);
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);

    uint64_t total = 0;
    if (!readFolderSize(dir, total))
        total = trimFolder(dir, maxBytes);
    std::lock_guard lock(m_mutex);
    m_dir = dir.string();
    m_bytes = total;
    m_maxBytes = maxBytes;
    m_full = false;
    return true;
}

void DiskCacheFolder::close()
{
    std::lock_guard lock(m_mutex);
    m_dir.clear();
}

std::string DiskCacheFolder::directory() const
{
    std::lock_guard lock(m_mutex);
    return m_dir;
}

std::string DiskCacheFolder::fileFor(const std::string &key) const
{
    return m_dir + '/' + sha256Hex(key).substr(0, 40) + ".bin";
}

std::optional<std::vector<uint8_t>> DiskCacheFolder::read(const std::string &key) const
{
    std::string file;
    {
        std::lock_guard lock(m_mutex);
        if (m_dir.empty() || key.empty())
            return std::nullopt;
        file = fileFor(key);
    }
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return std::nullopt;
    Magic magic;
    uint8_t len[4];
    if (!in.read(magic.data(), magic.size()) || magic != m_magic ||
        !in.read(reinterpret_cast<char *>(len), 4))
        return std::nullopt;
    const uint32_t keyLength = len[0] | len[1] << 8 | len[2] << 16 | uint32_t(len[3]) << 24;
    if (keyLength != key.size())
        return std::nullopt;
    std::string stored(keyLength, '\0');
    if (!in.read(stored.data(), keyLength) || stored != key)
        return std::nullopt; // another key with the same file name: not ours
    // The rest of the file in one read (an istreambuf_iterator copy goes byte by byte: ~5 ms
    // for the 900 KB of Node's built-ins' code cache).
    const std::streamoff start = in.tellg();
    in.seekg(0, std::ios::end);
    const std::streamoff end = in.tellg();
    if (start < 0 || end <= start)
        return std::nullopt;
    in.seekg(start);
    std::vector<uint8_t> value(static_cast<size_t>(end - start));
    if (!in.read(reinterpret_cast<char *>(value.data()),
                 static_cast<std::streamsize>(value.size())))
        return std::nullopt;
    return value;
}

bool DiskCacheFolder::exists(const std::string &key) const
{
    std::string file;
    {
        std::lock_guard lock(m_mutex);
        if (m_dir.empty() || key.empty())
            return false;
        file = fileFor(key);
    }
    std::error_code ec;
    return fs::exists(file, ec);
}

bool DiskCacheFolder::write(const std::string &key, std::string_view value)
{
    static std::atomic<uint64_t> counter{0};
    std::string file;
    {
        std::lock_guard lock(m_mutex);
        if (m_dir.empty() || key.empty() || value.empty())
            return false;
        file = fileFor(key);
    }
    std::error_code ec;
    if (fs::exists(file, ec)) // another process wrote it: nothing new on disk
        return false;
    {
        std::lock_guard lock(m_mutex);
        const uint64_t size = m_magic.size() + 4 + key.size() + value.size();
        if (m_bytes + size > m_maxBytes) {
            if (!m_full) { // the next start trims (readFolderSize)
                m_full = true;
                fs::remove(fs::path(m_dir) / kFolderSizeFile, ec);
            }
            return false;
        }
        m_bytes += size;
    }
    const std::string temp =
        file + '.' + std::to_string(::getpid()) + '.' + std::to_string(counter++) + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        const uint32_t n = static_cast<uint32_t>(key.size());
        const uint8_t len[4] = {uint8_t(n), uint8_t(n >> 8), uint8_t(n >> 16), uint8_t(n >> 24)};
        out.write(m_magic.data(), m_magic.size());
        out.write(reinterpret_cast<const char *>(len), 4);
        out.write(key.data(), static_cast<std::streamsize>(key.size()));
        out.write(value.data(), static_cast<std::streamsize>(value.size()));
        if (!out.flush()) {
            out.close();
            fs::remove(temp, ec);
            return false;
        }
    }
    fs::rename(temp, file, ec); // atomic: a reader sees the whole file or none
    if (ec) {
        fs::remove(temp, ec);
        return false;
    }
    return true;
}

void DiskCacheFolder::remove(const std::string &key)
{
    std::string file;
    {
        std::lock_guard lock(m_mutex);
        if (m_dir.empty() || key.empty())
            return;
        file = fileFor(key);
    }
    std::error_code ec;
    fs::remove(file, ec);
}

std::string defaultCacheFolder(const char *dirVariable, const std::string &name,
                               std::initializer_list<const char *> offVariables)
{
    for (const char *variable : offVariables)
        if (const char *value = std::getenv(variable); value && std::strcmp(value, "0") == 0)
            return {};
    if (const char *dir = std::getenv(dirVariable); dir && *dir)
        return dir;
    if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/')
        return std::string(xdg) + "/switchyard/" + name;
    if (const char *home = std::getenv("HOME"); home && *home == '/')
        return std::string(home) + "/.cache/switchyard/" + name;
    return {};
}

} // namespace sy
