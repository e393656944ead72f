#pragma once
// One SQLite connection of the isolate storage: open/close, statements, and
// SQLite's errors worded the way workerd words them.
#include <memory>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace sy {

/// Finalizes a statement (std::unique_ptr deleter).
struct SqliteStatementDeleter {
    void operator()(sqlite3_stmt *stmt) const;
};
using SqliteStatement = std::unique_ptr<sqlite3_stmt, SqliteStatementDeleter>;

/// "SQLITE_ERROR", "SQLITE_CONSTRAINT", ... for a (primary or extended) result code.
const char *sqliteCodeName(int code);

/// A SQLite connection opened with extended result codes and a 5 s busy
/// timeout. File databases use WAL with synchronous=NORMAL (a committed write
/// survives a crash of the process). Not thread-safe: the owner (IsolateStorage)
/// serializes every use with its mutex.
class SqliteConnection {
public:
    /// Opens `path`, creating it; ":memory:" for a private in-memory database.
    /// Null + `error` ("<path>: <sqlite message>") when it cannot be opened or
    /// is not a SQLite database.
    static std::unique_ptr<SqliteConnection> open(const std::string &path, std::string *error);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    sqlite3 *handle() const { return m_db; }
    const std::string &path() const { return m_path; }
    bool inMemory() const { return m_path == ":memory:"; }

    /// Runs `sql` (any number of statements, no parameters). False + error.
    bool exec(std::string_view sql, std::string *error);
    /// Prepares one statement (the first in `sql`); null + error on failure.
    SqliteStatement prepare(std::string_view sql, std::string *error);
    /// The connection's last error as workerd reports SQLite errors:
    /// "<message>: SQLITE_<CODE>", e.g. "no such table: users: SQLITE_ERROR".
    std::string lastError() const;
    /// Size of the database in bytes (page_count * page_size).
    int64_t sizeBytes();

private:
    SqliteConnection(sqlite3 *db, std::string path);
    sqlite3 *m_db;
    std::string m_path;
    SqliteStatement m_size;
};

/// Quotes an SQL identifier ("a""b").
std::string quoteIdentifier(std::string_view name);

} // namespace sy
