#include "storage/kvNamespaceStore.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>

namespace sy {

namespace {

const char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// list() cursors: the last key of the page, base64url without padding.
std::string encodeCursor(const std::string &key)
{
    std::string out;
    uint32_t acc = 0;
    int bits = 0;
    for (unsigned char c : key) {
        acc = (acc << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += kBase64[(acc >> bits) & 0x3f];
        }
    }
    if (bits > 0)
        out += kBase64[(acc << (6 - bits)) & 0x3f];
    return out;
}

std::optional<std::string> decodeCursor(const std::string &cursor)
{
    std::string out;
    uint32_t acc = 0;
    int bits = 0;
    for (char c : cursor) {
        const char *at = std::char_traits<char>::find(kBase64, 64, c);
        if (!at)
            return std::nullopt;
        acc = (acc << 6) | uint32_t(at - kBase64);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((acc >> bits) & 0xff);
        }
    }
    return out;
}

StorageError failed(const char *method, int status, const std::string &message)
{
    return StorageError::error(std::string("KV ") + method + " failed: " + std::to_string(status) +
                               " " + message);
}

void bindText(sqlite3_stmt *stmt, int index, const std::string &s)
{
    sqlite3_bind_text(stmt, index, s.data(), int(s.size()), SQLITE_TRANSIENT);
}

std::string columnText(sqlite3_stmt *stmt, int column)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
    return text ? std::string(text, size_t(sqlite3_column_bytes(stmt, column))) : std::string();
}

void readOptional(sqlite3_stmt *stmt, int expirationColumn, int metadataColumn, KvEntry &e)
{
    if (sqlite3_column_type(stmt, expirationColumn) != SQLITE_NULL)
        e.expiration = sqlite3_column_int64(stmt, expirationColumn);
    if (sqlite3_column_type(stmt, metadataColumn) != SQLITE_NULL)
        e.metadataJson = columnText(stmt, metadataColumn);
}

} // namespace

KvNamespaceStore::KvNamespaceStore(SqliteConnection &db, std::string table,
                                   std::function<int64_t()> nowMs)
    : m_db(db), m_table(std::move(table)), m_nowMs(std::move(nowMs))
{
}

int64_t KvNamespaceStore::nowSeconds() const
{
    return m_nowMs() / 1000;
}

bool KvNamespaceStore::init(std::string *error)
{
    const std::string t = quoteIdentifier(m_table);
    if (!m_db.exec("CREATE TABLE IF NOT EXISTS " + t +
                       "(key TEXT PRIMARY KEY, value BLOB NOT NULL,"
                       " expiration INTEGER, metadata TEXT) WITHOUT ROWID",
                   error))
        return false;
    m_get = m_db.prepare("SELECT value, expiration, metadata FROM " + t +
                             " WHERE key = ?1 AND (expiration IS NULL OR expiration * 1000 > ?2)",
                         error);
    m_put = m_db.prepare("INSERT OR REPLACE INTO " + t +
                             "(key, value, expiration, metadata) VALUES(?1, ?2, ?3, ?4)",
                         error);
    m_delete = m_db.prepare("DELETE FROM " + t + " WHERE key = ?1", error);
    return m_get && m_put && m_delete;
}

StorageError KvNamespaceStore::validateKey(const std::string &key, const char *method)
{
    if (key.empty())
        return StorageError::type("Key name cannot be empty.");
    if (key == ".")
        return StorageError::type("\".\" is not allowed as a key name.");
    if (key == "..")
        return StorageError::type("\"..\" is not allowed as a key name.");
    if (key.size() > kMaxKeyBytes)
        return failed(method, 414,
                      "UTF-8 encoded length of " + std::to_string(key.size()) +
                          " exceeds key length limit of " + std::to_string(kMaxKeyBytes) + ".");
    return {};
}

StorageError KvNamespaceStore::get(const std::string &key, const std::string &type,
                                   const std::optional<KvInteger> &cacheTtl,
                                   std::optional<KvEntry> &out)
{
    out.reset();
    if (StorageError e = validateKey(key, "GET"))
        return e;
    if (cacheTtl && (!cacheTtl->value || *cacheTtl->value < kMinCacheTtlSeconds))
        return failed("GET", 400,
                      "Invalid cache_ttl of " + cacheTtl->text + ". Cache TTL must be at least " +
                          std::to_string(kMinCacheTtlSeconds) + ".");
    if (type != "text" && type != "json" && type != "arrayBuffer" && type != "stream")
        return StorageError::type("Unknown response type. Possible types are \"text\", "
                                  "\"arrayBuffer\", \"json\", and \"stream\".");
    sqlite3_stmt *stmt = m_get.get();
    bindText(stmt, 1, key);
    sqlite3_bind_int64(stmt, 2, m_nowMs());
    const int rc = sqlite3_step(stmt);
    StorageError result;
    if (rc == SQLITE_ROW) {
        KvEntry e;
        e.key = key;
        const auto *blob = static_cast<const uint8_t *>(sqlite3_column_blob(stmt, 0));
        e.value.assign(blob, blob + sqlite3_column_bytes(stmt, 0));
        readOptional(stmt, 1, 2, e);
        out = std::move(e);
    } else if (rc != SQLITE_DONE) {
        result = failed("GET", 500, m_db.lastError());
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return result;
}

StorageError KvNamespaceStore::put(const std::string &key, std::span<const uint8_t> value,
                                   const KvPutOptions &options)
{
    if (StorageError e = validateKey(key, "PUT"))
        return e;
    const int64_t now = nowSeconds();
    std::optional<int64_t> expiration;
    if (options.expirationTtl) {
        const KvInteger &ttl = *options.expirationTtl;
        if (!ttl.value || *ttl.value <= 0)
            return failed("PUT", 400,
                          "Invalid expiration_ttl of " + ttl.text +
                              ". Please specify integer greater than 0.");
        if (*ttl.value < kMinTtlSeconds)
            return failed("PUT", 400,
                          "Invalid expiration_ttl of " + ttl.text +
                              ". Expiration TTL must be at least " +
                              std::to_string(kMinTtlSeconds) + ".");
        expiration = now + *ttl.value;
    } else if (options.expiration) {
        const KvInteger &at = *options.expiration;
        if (!at.value || *at.value <= now)
            return failed("PUT", 400,
                          "Invalid expiration of " + at.text +
                              ". Please specify integer greater than the current number of "
                              "seconds since the UNIX epoch.");
        if (*at.value < now + kMinTtlSeconds)
            return failed("PUT", 400,
                          "Invalid expiration of " + at.text +
                              ". Expiration times must be at least " +
                              std::to_string(kMinTtlSeconds) + " seconds in the future.");
        expiration = *at.value;
    }
    if (value.size() > kMaxValueBytes)
        return failed("PUT", 413,
                      "Value length of " + std::to_string(value.size()) + " exceeds limit of " +
                          std::to_string(kMaxValueBytes) + ".");
    if (options.metadataJson && options.metadataJson->size() > kMaxMetadataBytes)
        return failed("PUT", 413,
                      "Metadata length of " + std::to_string(options.metadataJson->size()) +
                          " exceeds limit of " + std::to_string(kMaxMetadataBytes) + ".");
    sqlite3_stmt *stmt = m_put.get();
    bindText(stmt, 1, key);
    // A zero-length blob must not bind as NULL (value is NOT NULL).
    static const uint8_t empty = 0;
    sqlite3_bind_blob(stmt, 2, value.empty() ? &empty : value.data(), int(value.size()),
                      SQLITE_STATIC);
    if (expiration)
        sqlite3_bind_int64(stmt, 3, *expiration);
    else
        sqlite3_bind_null(stmt, 3);
    if (options.metadataJson)
        bindText(stmt, 4, *options.metadataJson);
    else
        sqlite3_bind_null(stmt, 4);
    StorageError result;
    if (sqlite3_step(stmt) != SQLITE_DONE)
        result = failed("PUT", 500, m_db.lastError());
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return result;
}

StorageError KvNamespaceStore::remove(const std::string &key)
{
    if (StorageError e = validateKey(key, "DELETE"))
        return e;
    sqlite3_stmt *stmt = m_delete.get();
    bindText(stmt, 1, key);
    StorageError result;
    if (sqlite3_step(stmt) != SQLITE_DONE)
        result = failed("DELETE", 500, m_db.lastError());
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return result;
}

StorageError KvNamespaceStore::list(const KvListOptions &options, KvListPage &out)
{
    out = KvListPage{};
    int64_t limit = kMaxListKeys;
    if (options.limit) {
        const KvInteger &l = *options.limit;
        if (!l.value)
            return failed("GET", 400,
                          "Invalid key_count_limit of " + l.text +
                              ". Please specify an integer greater than 0.");
        if (*l.value > kMaxListKeys)
            return failed("GET", 400,
                          "Invalid key_count_limit of " + l.text +
                              ". Please specify integer less than " + std::to_string(kMaxListKeys) +
                              ".");
        if (*l.value > 0) // workerd sends no limit for 0 or less: the default applies
            limit = *l.value;
    }
    std::string after;
    if (!options.cursor.empty()) {
        std::optional<std::string> key = decodeCursor(options.cursor);
        if (!key)
            return failed("GET", 400, "Invalid cursor " + options.cursor + ".");
        after = *key;
    }
    std::string err;
    SqliteStatement stmt = m_db.prepare(
        "SELECT key, expiration, metadata FROM " + quoteIdentifier(m_table) +
            " WHERE key > ?1 AND key >= ?2 AND substr(key, 1, length(?2)) = ?2"
            " AND (expiration IS NULL OR expiration * 1000 > ?3) ORDER BY key LIMIT ?4",
        &err);
    if (!stmt)
        return failed("GET", 500, err);
    bindText(stmt.get(), 1, after);
    bindText(stmt.get(), 2, options.prefix);
    sqlite3_bind_int64(stmt.get(), 3, m_nowMs());
    sqlite3_bind_int64(stmt.get(), 4, limit + 1);
    int rc;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
        if (int64_t(out.keys.size()) == limit) {
            out.complete = false;
            out.cursor = encodeCursor(out.keys.back().key);
            break;
        }
        KvEntry e;
        e.key = columnText(stmt.get(), 0);
        readOptional(stmt.get(), 1, 2, e);
        out.keys.push_back(std::move(e));
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return failed("GET", 500, m_db.lastError());
    return {};
}

std::vector<KvEntry> KvNamespaceStore::entries(size_t limit, const std::string &prefix,
                                               std::string *error)
{
    std::vector<KvEntry> out;
    SqliteStatement stmt =
        m_db.prepare("SELECT key, value, expiration, metadata FROM " + quoteIdentifier(m_table) +
                         " WHERE (expiration IS NULL OR expiration * 1000 > ?1)"
                         " AND key >= ?3 AND substr(key, 1, length(?3)) = ?3 ORDER BY key LIMIT ?2",
                     error);
    if (!stmt)
        return out;
    sqlite3_bind_int64(stmt.get(), 1, m_nowMs());
    sqlite3_bind_int64(stmt.get(), 2, int64_t(std::min<size_t>(limit, INT64_MAX)));
    bindText(stmt.get(), 3, prefix);
    int rc;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
        KvEntry e;
        e.key = columnText(stmt.get(), 0);
        const auto *blob = static_cast<const uint8_t *>(sqlite3_column_blob(stmt.get(), 1));
        e.value.assign(blob, blob + sqlite3_column_bytes(stmt.get(), 1));
        readOptional(stmt.get(), 2, 3, e);
        out.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE && error)
        *error = m_db.lastError();
    return out;
}

int64_t KvNamespaceStore::count(std::string *error)
{
    SqliteStatement stmt = m_db.prepare("SELECT count(*) FROM " + quoteIdentifier(m_table) +
                                            " WHERE expiration IS NULL OR expiration * 1000 > ?1",
                                        error);
    if (!stmt)
        return 0;
    sqlite3_bind_int64(stmt.get(), 1, m_nowMs());
    return sqlite3_step(stmt.get()) == SQLITE_ROW ? sqlite3_column_int64(stmt.get(), 0) : 0;
}

int64_t KvNamespaceStore::purgeExpired(std::string *error)
{
    SqliteStatement stmt = m_db.prepare(
        "DELETE FROM " + quoteIdentifier(m_table) + " WHERE expiration * 1000 <= ?1", error);
    if (!stmt)
        return 0;
    sqlite3_bind_int64(stmt.get(), 1, m_nowMs());
    if (sqlite3_step(stmt.get()) != SQLITE_DONE) {
        if (error)
            *error = m_db.lastError();
        return 0;
    }
    return sqlite3_changes64(m_db.handle());
}

} // namespace sy
