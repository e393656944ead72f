#include "js/moduleCodeCache.h"

#include "core/hash.h"

#include <v8.h>

#include <filesystem>

namespace fs = std::filesystem;

namespace sy {

namespace {
// An entry file's magic (diskCacheFolder.h): format 1 of V8 code cache entries.
constexpr DiskCacheFolder::Magic kMagic = {'S', 'Y', 'V', '8', 'C', 'C', '1', '\0'};
} // namespace

ModuleCodeCache::ModuleCodeCache() : m_disk(kMagic) {}

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

std::string ModuleCodeCache::runKeyFor(const std::string &evaluationKey)
{
    return evaluationKey.empty() ? std::string() : evaluationKey + "\nrun";
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
        if (!m_disk.isOpen() || key.empty()) {
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
    {
        std::lock_guard lock(m_mutex);
        if (m_entries.count(key))
            return true;
    }
    return m_disk.exists(key);
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
        toDisk = m_disk.isOpen();
        if (m_bytes + bytes.size() <= m_maxBytes) {
            m_bytes += bytes.size();
            kept = std::make_shared<const Bytes>(std::move(bytes));
            m_entries.emplace(key, kept);
        } else if (toDisk) {
            kept = std::make_shared<const Bytes>(std::move(bytes));
        }
    }
    if (toDisk && kept &&
        m_disk.write(
            key, std::string_view(reinterpret_cast<const char *>(kept->data()), kept->size()))) {
        std::lock_guard lock(m_mutex);
        ++m_stats.diskWrites;
    }
}

void ModuleCodeCache::reject(const std::string &key)
{
    {
        std::lock_guard lock(m_mutex);
        ++m_stats.rejected;
        if (auto it = m_entries.find(key); it != m_entries.end()) {
            m_bytes -= it->second->size();
            m_entries.erase(it);
        }
    }
    m_disk.remove(key);
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
    return m_disk.open((fs::path(directory) / v8::V8::GetVersion()).string(), maxDiskBytes,
                       directory);
}

void ModuleCodeCache::disableDisk()
{
    m_disk.close();
}

std::string ModuleCodeCache::diskDirectory() const
{
    return m_disk.directory();
}

std::string ModuleCodeCache::defaultDiskDirectory()
{
    return defaultCacheFolder("SWITCHYARD_CODE_CACHE_DIR", "v8-code-cache",
                              {"SWITCHYARD_CODE_CACHE"});
}

std::optional<ModuleCodeCache::Bytes> ModuleCodeCache::readFromDisk(const std::string &key) const
{
    return m_disk.read(key);
}

bool ModuleCodeCache::writeToDisk(const std::string &key, std::string_view bytes)
{
    m_disk.remove(key);
    if (!m_disk.write(key, bytes))
        return false;
    std::lock_guard lock(m_mutex);
    ++m_stats.diskWrites;
    return true;
}

std::shared_ptr<const ModuleCodeCache::Bytes>
ModuleCodeCache::readFile(const std::string &key) const
{
    std::optional<std::vector<uint8_t>> value = m_disk.read(key);
    if (!value)
        return nullptr;
    return std::make_shared<const Bytes>(std::move(*value));
}

} // namespace sy
