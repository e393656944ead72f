#pragma once
// A bounded, thread-safe memo of pure transforms keyed by their whole input.
#include "core/hash.h"

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace sy {

/// Remembers the results of a deterministic transform (sucrase, React
/// Refresh's registration) by the SHA-256 of its options and source, so the
/// same file transformed again gives the same output without running the
/// transform: after the start-up scan's optimizer run resets the module
/// graph, after a full optimizer run mid-session, or when the worker, ssr
/// and client environments transform one file with the same options. An
/// edit changes the source and so the key; nothing needs invalidating.
///
/// Least recently used entries go once the results' sizes (bytes, as
/// `sizeOf` counts them) pass `capacityBytes`. Thread-safe.
template <typename Value> class ContentMemo {
public:
    explicit ContentMemo(std::size_t capacityBytes) : m_capacity(capacityBytes) {}

    /// The key of (options, source): hex SHA-256 of both, separated.
    static std::string keyOf(std::string_view options, std::string_view source)
    {
        std::string input;
        input.reserve(options.size() + 1 + source.size());
        input.append(options).push_back('\0');
        input.append(source);
        return sha256Hex(input);
    }

    std::optional<Value> find(const std::string &key)
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_index.find(key);
        if (it == m_index.end())
            return std::nullopt;
        m_order.splice(m_order.begin(), m_order, it->second); // most recent first
        return it->second->value;
    }

    /// Stores `value` (`bytes`: its size) under `key`; a value larger than
    /// the whole capacity is not kept.
    void insert(const std::string &key, Value value, std::size_t bytes)
    {
        std::lock_guard lock(m_mutex);
        if (bytes > m_capacity || m_index.count(key))
            return;
        m_order.push_front({key, std::move(value), bytes});
        m_index.emplace(key, m_order.begin());
        m_bytes += bytes;
        while (m_bytes > m_capacity) {
            const Entry &last = m_order.back();
            m_bytes -= last.bytes;
            m_index.erase(last.key);
            m_order.pop_back();
        }
    }

    std::size_t bytes() const
    {
        std::lock_guard lock(m_mutex);
        return m_bytes;
    }

private:
    struct Entry {
        std::string key;
        Value value;
        std::size_t bytes;
    };
    mutable std::mutex m_mutex;
    std::size_t m_capacity;
    std::size_t m_bytes = 0;
    std::list<Entry> m_order;
    std::unordered_map<std::string, typename std::list<Entry>::iterator> m_index;
};

} // namespace sy
