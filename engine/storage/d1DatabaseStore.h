#pragma once
// One D1 database: a SQLite database run with D1's rules (what the statements
// may do, how several statements, batches and exec() behave, what a result
// reports), plus the read-only access of the storage inspector.
#include "storage/sqlValue.h"
#include "storage/sqliteConnection.h"
#include "storage/storageError.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace sy {

/// One prepared statement of a batch: SQL and its positional parameters.
struct D1Statement {
    std::string sql;
    std::vector<SqlValue> params;
};

/// A table or view as the inspector lists it.
struct D1TableInfo {
    std::string name;
    std::string type; ///< "table" or "view"
    int64_t rowCount = 0;
    std::vector<std::string> columns;
    std::string sql; ///< the CREATE statement
};

/// D1 semantics over `db`, modelled on workerd's D1 binding and Miniflare's
/// D1 database object:
///  - query(): the SQL may hold several statements (`;`-separated); they run
///    in order and atomically, the result is the last one's; only the last
///    may have parameters ("When executing multiple SQL statements in a single
///    call, only the last statement can have parameters."); its parameter
///    count must match ("Wrong number of parameter bindings for SQL query.");
///  - batch(): every statement in one transaction, rolled back entirely when
///    one fails;
///  - exec(): the SQL split into lines as workerd does, each line run without
///    parameters, all in one transaction; counts the lines run;
///  - BEGIN/COMMIT/ROLLBACK/SAVEPOINT and ATTACH/DETACH are refused (D1 runs
///    on a Durable Object's SQLite, which owns transactions), so the storage's
///    own savepoints (per-test isolation) cannot be broken by app SQL;
///  - foreign keys are enforced (D1 turns PRAGMA foreign_keys on).
/// Single-statement queries stay prepared (up to 256 distinct SQL texts),
/// as workerd caches the statements of a Durable Object's SQL.
/// Error messages are bare ("no such table: t: SQLITE_ERROR"); the binding
/// prefixes them ("D1_ERROR: ", "D1_EXEC_ERROR: Error in line N: ...").
///
/// Internal savepoints are nested, so all of this also works inside the
/// savepoints IsolateStorage opens for test isolation. Not thread-safe:
/// IsolateStorage serializes calls.
class D1DatabaseStore {
public:
    explicit D1DatabaseStore(SqliteConnection &db);
    ~D1DatabaseStore();
    D1DatabaseStore(const D1DatabaseStore &) = delete;
    D1DatabaseStore &operator=(const D1DatabaseStore &) = delete;

    /// Turns foreign keys on and installs the authorizer and the time
    /// limit. False + error.
    bool init(std::string *error);
    /// Longest a query(), batch() statement or exec() line may run (D1's
    /// limit: 30 s). A longer one is interrupted and fails with "the query
    /// ran longer than N ms and was stopped (D1 limits a query to 30 s):
    /// SQLITE_INTERRUPT"; the database stays usable. Inspector queries get
    /// `inspector` (2 s), so a runaway query never freezes the GUI. As
    /// SQLite does for any interrupted write, a write statement stopped
    /// inside an open transaction (a test's savepoint) rolls that whole
    /// transaction back.
    void setTimeLimits(std::chrono::milliseconds app, std::chrono::milliseconds inspector);
    SqliteConnection &connection() { return m_db; }

    /// One prepared statement (see above). `out` holds columns, rows and meta.
    StorageError query(const std::string &sql, const std::vector<SqlValue> &params, SqlResult &out);
    /// Statements in one transaction; `out` gets one result per statement.
    /// The error names the failing statement's problem only, as D1 does.
    StorageError batch(const std::vector<D1Statement> &statements, std::vector<SqlResult> &out);
    /// workerd's exec(): `count` lines run, `durationMs` their total time.
    /// Errors: "Error in line N: <line>: <message>".
    StorageError exec(const std::string &sql, int64_t &count, double &durationMs);
    /// A whole SQL script (migrations): every statement, one transaction.
    StorageError runScript(const std::string &sql);

    /// Inspector: tables and views (without sqlite_* and _cf_* internals),
    /// by name, with row counts and columns.
    std::vector<D1TableInfo> tables(std::string *error);
    /// Inspector: runs `sql` only if it cannot write: the authorizer allows
    /// reads, functions and a list of read-only pragmas, and the statement must
    /// be sqlite3_stmt_readonly. At most `maxRows` rows (truncated set beyond).
    StorageError readOnlyQuery(const std::string &sql, size_t maxRows, SqlResult &out);

    /// What the authorizer currently enforces (internal to the store).
    enum class Mode { Internal, App, ReadOnly };

private:
    StorageError run(std::string_view sql, const std::vector<SqlValue> &params, Mode mode,
                     size_t maxRows, SqlResult &out);
    bool savepoint(const char *name, std::string *error);
    void rollbackTo(const char *name);
    bool release(const char *name, std::string *error);
    static int authorize(void *self, int action, const char *a, const char *b, const char *db,
                         const char *trigger);
    static int progress(void *self);

    SqliteConnection &m_db;
    Mode m_mode = Mode::Internal;
    std::string m_denied; ///< why the authorizer refused the last statement
    /// Prepared single-statement queries by SQL text (app statements only;
    /// SQLite re-prepares them itself after a schema change).
    std::unordered_map<std::string, SqliteStatement> m_cache;
    int64_t m_size = -1; ///< size_after, re-read only after a statement that writes
    std::chrono::milliseconds m_appLimit{30000};
    std::chrono::milliseconds m_inspectorLimit{2000};
    std::chrono::steady_clock::time_point m_deadline; ///< of the running query
    bool m_limited = false;                           ///< a query with a deadline runs
    bool m_timedOut = false;
};

} // namespace sy
