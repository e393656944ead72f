#include "storage/sqliteConnection.h"

#include <sqlite3.h>

namespace sy {

void SqliteStatementDeleter::operator()(sqlite3_stmt *stmt) const
{
    sqlite3_finalize(stmt);
}

const char *sqliteCodeName(int code)
{
    switch (code & 0xff) {
    case SQLITE_OK:
        return "SQLITE_OK";
    case SQLITE_ERROR:
        return "SQLITE_ERROR";
    case SQLITE_INTERNAL:
        return "SQLITE_INTERNAL";
    case SQLITE_PERM:
        return "SQLITE_PERM";
    case SQLITE_ABORT:
        return "SQLITE_ABORT";
    case SQLITE_BUSY:
        return "SQLITE_BUSY";
    case SQLITE_LOCKED:
        return "SQLITE_LOCKED";
    case SQLITE_NOMEM:
        return "SQLITE_NOMEM";
    case SQLITE_READONLY:
        return "SQLITE_READONLY";
    case SQLITE_INTERRUPT:
        return "SQLITE_INTERRUPT";
    case SQLITE_IOERR:
        return "SQLITE_IOERR";
    case SQLITE_CORRUPT:
        return "SQLITE_CORRUPT";
    case SQLITE_NOTFOUND:
        return "SQLITE_NOTFOUND";
    case SQLITE_FULL:
        return "SQLITE_FULL";
    case SQLITE_CANTOPEN:
        return "SQLITE_CANTOPEN";
    case SQLITE_PROTOCOL:
        return "SQLITE_PROTOCOL";
    case SQLITE_EMPTY:
        return "SQLITE_EMPTY";
    case SQLITE_SCHEMA:
        return "SQLITE_SCHEMA";
    case SQLITE_TOOBIG:
        return "SQLITE_TOOBIG";
    case SQLITE_CONSTRAINT:
        return "SQLITE_CONSTRAINT";
    case SQLITE_MISMATCH:
        return "SQLITE_MISMATCH";
    case SQLITE_MISUSE:
        return "SQLITE_MISUSE";
    case SQLITE_NOLFS:
        return "SQLITE_NOLFS";
    case SQLITE_AUTH:
        return "SQLITE_AUTH";
    case SQLITE_FORMAT:
        return "SQLITE_FORMAT";
    case SQLITE_RANGE:
        return "SQLITE_RANGE";
    case SQLITE_NOTADB:
        return "SQLITE_NOTADB";
    default:
        return "SQLITE_ERROR";
    }
}

std::string quoteIdentifier(std::string_view name)
{
    std::string out = "\"";
    for (char c : name) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

SqliteConnection::SqliteConnection(sqlite3 *db, std::string path)
    : m_db(db), m_path(std::move(path))
{
}

SqliteConnection::~SqliteConnection()
{
    m_size.reset();
    sqlite3_close_v2(m_db);
}

std::unique_ptr<SqliteConnection> SqliteConnection::open(const std::string &path,
                                                         std::string *error)
{
    sqlite3 *raw = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &raw,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    std::unique_ptr<SqliteConnection> db(new SqliteConnection(raw, path));
    if (rc != SQLITE_OK) {
        if (error)
            *error = path + ": cannot open: " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
        return nullptr;
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 5000);
    std::string err;
    // The first read of the header: a file that is not a database fails here.
    if (!db->exec("SELECT count(*) FROM sqlite_master", &err) ||
        (!db->inMemory() && !db->exec("PRAGMA journal_mode=WAL", &err)) ||
        !db->exec("PRAGMA synchronous=NORMAL", &err)) {
        if (error)
            *error = path + ": " + err;
        return nullptr;
    }
    return db;
}

bool SqliteConnection::exec(std::string_view sql, std::string *error)
{
    const std::string text(sql);
    char *msg = nullptr;
    if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &msg) == SQLITE_OK)
        return true;
    if (error)
        *error = msg ? std::string(msg) + ": " + sqliteCodeName(sqlite3_extended_errcode(m_db))
                     : lastError();
    sqlite3_free(msg);
    return false;
}

SqliteStatement SqliteConnection::prepare(std::string_view sql, std::string *error)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
        SQLITE_OK) {
        if (error)
            *error = lastError();
        sqlite3_finalize(stmt);
        return nullptr;
    }
    return SqliteStatement(stmt);
}

std::string SqliteConnection::lastError() const
{
    return std::string(sqlite3_errmsg(m_db)) + ": " +
           sqliteCodeName(sqlite3_extended_errcode(m_db));
}

int64_t SqliteConnection::sizeBytes()
{
    if (!m_size) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v3(m_db,
                               "SELECT p.page_count * s.page_size"
                               " FROM pragma_page_count() p, pragma_page_size() s",
                               -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
            sqlite3_finalize(stmt);
            return 0;
        }
        m_size.reset(stmt);
    }
    int64_t size = 0;
    if (sqlite3_step(m_size.get()) == SQLITE_ROW)
        size = sqlite3_column_int64(m_size.get(), 0);
    sqlite3_reset(m_size.get());
    return size;
}

} // namespace sy
