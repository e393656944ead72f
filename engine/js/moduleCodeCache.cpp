#include "js/moduleCodeCache.h"

namespace sy {

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

std::shared_ptr<const ModuleCodeCache::Bytes> ModuleCodeCache::find(const std::string &key)
{
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        ++m_stats.misses;
        return nullptr;
    }
    ++m_stats.hits;
    return it->second;
}

void ModuleCodeCache::store(const std::string &key, Bytes bytes)
{
    std::lock_guard lock(m_mutex);
    if (key.empty() || m_entries.count(key) || m_bytes + bytes.size() > m_maxBytes)
        return;
    m_bytes += bytes.size();
    m_entries.emplace(key, std::make_shared<const Bytes>(std::move(bytes)));
}

void ModuleCodeCache::reject(const std::string &key)
{
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(key);
    if (it == m_entries.end())
        return;
    m_bytes -= it->second->size();
    m_entries.erase(it);
    ++m_stats.rejected;
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

} // namespace sy
