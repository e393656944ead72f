#include "js/transformDiskCache.h"

namespace sy {

namespace {
// An entry file's magic (diskCacheFolder.h): format 1 of transform outputs.
constexpr DiskCacheFolder::Magic kMagic = {'S', 'Y', 'T', 'R', 'F', 'M', '1', '\0'};

void putLength(std::string &out, size_t n)
{
    const auto v = static_cast<uint32_t>(n);
    out.push_back(static_cast<char>(v & 0xff));
    out.push_back(static_cast<char>(v >> 8 & 0xff));
    out.push_back(static_cast<char>(v >> 16 & 0xff));
    out.push_back(static_cast<char>(v >> 24 & 0xff));
}

/// Reads a 4-byte little-endian length at `at` and the string after it; false when the
/// bytes end first.
bool takeString(const std::vector<uint8_t> &in, size_t &at, std::string &out)
{
    if (in.size() - at < 4)
        return false;
    const uint32_t n = in[at] | in[at + 1] << 8 | in[at + 2] << 16 | uint32_t(in[at + 3]) << 24;
    at += 4;
    if (in.size() - at < n)
        return false;
    out.assign(reinterpret_cast<const char *>(in.data() + at), n);
    at += n;
    return true;
}

} // namespace

TransformDiskCache &TransformDiskCache::instance()
{
    static TransformDiskCache cache;
    return cache;
}

TransformDiskCache::TransformDiskCache() : m_folder(kMagic) {}

bool TransformDiskCache::enable(const std::string &directory, uint64_t maxBytes)
{
    return m_folder.open(directory, maxBytes);
}

void TransformDiskCache::disable()
{
    m_folder.close();
}

std::string TransformDiskCache::directory() const
{
    return m_folder.directory();
}

std::string TransformDiskCache::defaultDirectory()
{
    return defaultCacheFolder("SWITCHYARD_TRANSFORM_CACHE_DIR", "transform-cache",
                              {"SWITCHYARD_TRANSFORM_CACHE", "SWITCHYARD_CODE_CACHE"});
}

void TransformDiskCache::count(uint64_t Stats::*counter)
{
    std::lock_guard lock(m_mutex);
    ++(m_stats.*counter);
}

TransformDiskCache::Stats TransformDiskCache::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_stats;
}

// Value of a sucrase output: length + code, length + source map.
std::optional<TransformOutput> TransformDiskCache::findTransform(const std::string &key)
{
    if (!m_folder.isOpen())
        return std::nullopt;
    std::optional<std::vector<uint8_t>> bytes = m_folder.read(key);
    TransformOutput out;
    size_t at = 0;
    if (!bytes || !takeString(*bytes, at, out.code) || !takeString(*bytes, at, out.sourceMapJson) ||
        at != bytes->size()) {
        count(&Stats::misses);
        return std::nullopt;
    }
    out.ok = true;
    count(&Stats::hits);
    return out;
}

void TransformDiskCache::storeTransform(const std::string &key, const TransformOutput &out)
{
    if (!out.ok || !m_folder.isOpen())
        return;
    std::string value;
    value.reserve(8 + out.code.size() + out.sourceMapJson.size());
    putLength(value, out.code.size());
    value += out.code;
    putLength(value, out.sourceMapJson.size());
    value += out.sourceMapJson;
    if (m_folder.write(key, value))
        count(&Stats::writes);
}

// Value of a React Refresh output: one byte `refreshed`, length + code.
std::optional<RefreshTransformOutput> TransformDiskCache::findRefresh(const std::string &key)
{
    if (!m_folder.isOpen())
        return std::nullopt;
    std::optional<std::vector<uint8_t>> bytes = m_folder.read(key);
    RefreshTransformOutput out;
    size_t at = 1;
    if (!bytes || bytes->empty() || (*bytes)[0] > 1 || !takeString(*bytes, at, out.code) ||
        at != bytes->size()) {
        count(&Stats::misses);
        return std::nullopt;
    }
    out.ok = true;
    out.refreshed = (*bytes)[0] == 1;
    count(&Stats::hits);
    return out;
}

void TransformDiskCache::storeRefresh(const std::string &key, const RefreshTransformOutput &out)
{
    if (!out.ok || !m_folder.isOpen())
        return;
    std::string value(1, out.refreshed ? '\1' : '\0');
    putLength(value, out.code.size());
    value += out.code;
    if (m_folder.write(key, value))
        count(&Stats::writes);
}

} // namespace sy
