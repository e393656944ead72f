#pragma once
// One Workers KV namespace stored as a table of a SQLite database, with the
// checks and limits Cloudflare's KV applies (as workerd and Miniflare report
// them).
#include "storage/sqliteConnection.h"
#include "storage/storageError.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sy {

/// One key of a namespace.
struct KvEntry {
    std::string key;
    std::vector<uint8_t> value;              ///< empty in list() pages
    std::optional<int64_t> expiration;       ///< seconds since the Unix epoch
    std::optional<std::string> metadataJson; ///< JSON text as put() serialized it
};

/// An integer option as the worker passed it (a number or a string): `text`
/// is what error messages quote, `value` is set when it reads as an integer
/// (numbers are truncated, as workerd converts them to integers).
struct KvInteger {
    std::string text;
    std::optional<int64_t> value;
};

/// put() options: expiration (absolute, seconds since the epoch),
/// expirationTtl (seconds from now; wins when both are given, as Cloudflare's
/// API documents), metadata (JSON text, already serialized by the worker).
struct KvPutOptions {
    std::optional<KvInteger> expiration;
    std::optional<KvInteger> expirationTtl;
    std::optional<std::string> metadataJson;
};

/// list() options: keys starting with `prefix`, at most `limit` (0 = the
/// default 1000), after `cursor` (from the previous page).
struct KvListOptions {
    std::string prefix;
    std::optional<KvInteger> limit;
    std::string cursor;
};

/// One page of list(): `keys` in UTF-8 byte order (names, expiration,
/// metadata; no values); `cursor` continues it when !complete.
struct KvListPage {
    std::vector<KvEntry> keys;
    bool complete = true;
    std::string cursor;
};

/// KV semantics over one table `(key TEXT PRIMARY KEY, value BLOB, expiration
/// INTEGER, metadata TEXT)` of `db`. Entries whose expiration has passed are
/// invisible to get() and list() (Cloudflare deletes them; here they stay
/// until overwritten or purgeExpired()).
///
/// Limits and messages (workerd's and Miniflare's):
///  - key: not "" ("Key name cannot be empty."), ".", ".." (TypeErrors), at
///    most 512 UTF-8 bytes ("KV <OP> failed: 414 UTF-8 encoded length of N
///    exceeds key length limit of 512.");
///  - value at most 25 MiB, metadata at most 1024 bytes of JSON (413);
///  - expirationTtl >= 60, expiration >= now + 60 (400, with Miniflare's texts);
///  - get cacheTtl >= 30 (accepted, otherwise ignored: one local "edge");
///  - list limit <= 1000 ("Invalid key_count_limit of N. Please specify
///    integer less than 1000."); 0 or negative means the default 1000.
/// Not thread-safe: IsolateStorage serializes calls.
class KvNamespaceStore {
public:
    static constexpr size_t kMaxKeyBytes = 512;
    static constexpr size_t kMaxValueBytes = 25 * 1024 * 1024;
    static constexpr size_t kMaxMetadataBytes = 1024;
    static constexpr int64_t kMinTtlSeconds = 60;
    static constexpr int64_t kMinCacheTtlSeconds = 30;
    static constexpr int64_t kMaxListKeys = 1000;

    /// `nowMs` is the storage's clock (milliseconds since the epoch).
    KvNamespaceStore(SqliteConnection &db, std::string table, std::function<int64_t()> nowMs);

    /// Creates the table if missing. False + error.
    bool init(std::string *error);
    const std::string &table() const { return m_table; }

    /// The live entry under `key`, or nullopt. `type` is the requested
    /// response type ("text", "json", "arrayBuffer", "stream"), checked here;
    /// `cacheTtl` is checked and otherwise ignored.
    StorageError get(const std::string &key, const std::string &type,
                     const std::optional<KvInteger> &cacheTtl, std::optional<KvEntry> &out);
    /// Writes `value` under `key` (replacing value, expiration and metadata).
    StorageError put(const std::string &key, std::span<const uint8_t> value,
                     const KvPutOptions &options);
    /// Deletes `key` (no error when missing).
    StorageError remove(const std::string &key);
    /// One page of live keys.
    StorageError list(const KvListOptions &options, KvListPage &out);

    /// Inspector: up to `limit` live entries starting with `prefix`, in key
    /// order, with values.
    std::vector<KvEntry> entries(size_t limit, const std::string &prefix, std::string *error);
    /// Number of live entries.
    int64_t count(std::string *error);
    /// Deletes entries whose expiration has passed; returns how many.
    int64_t purgeExpired(std::string *error);

    /// Validates a key name as workerd does for `method` ("GET", "PUT", "DELETE").
    static StorageError validateKey(const std::string &key, const char *method);

private:
    int64_t nowSeconds() const;

    SqliteConnection &m_db;
    std::string m_table;
    std::function<int64_t()> m_nowMs;
    SqliteStatement m_get, m_put, m_delete;
};

} // namespace sy
