#include "storage/d1DatabaseStore.h"

#include <sqlite3.h>

#include <chrono>
#include <cstring>
#include <set>

namespace sy {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// True when [p, end) holds only whitespace and SQL comments.
bool onlyCommentsOrSpace(const char *p, const char *end)
{
    while (p < end) {
        if (std::isspace(static_cast<unsigned char>(*p))) {
            ++p;
        } else if (*p == '-' && p + 1 < end && p[1] == '-') {
            while (p < end && *p != '\n')
                ++p;
        } else if (*p == '/' && p + 1 < end && p[1] == '*') {
            const char *close = p + 2;
            while (close + 1 < end && !(close[0] == '*' && close[1] == '/'))
                ++close;
            p = close + 2;
        } else if (*p == ';') {
            ++p;
        } else {
            return false;
        }
    }
    return true;
}

SqlValue columnValue(sqlite3_stmt *stmt, int i)
{
    switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER:
        return sqlite3_column_int64(stmt, i);
    case SQLITE_FLOAT:
        return sqlite3_column_double(stmt, i);
    case SQLITE_TEXT: {
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, i));
        return std::string(text, size_t(sqlite3_column_bytes(stmt, i)));
    }
    case SQLITE_BLOB: {
        const auto *blob = static_cast<const uint8_t *>(sqlite3_column_blob(stmt, i));
        return std::vector<uint8_t>(blob, blob + sqlite3_column_bytes(stmt, i));
    }
    default:
        return std::monostate{};
    }
}

int bindValue(sqlite3_stmt *stmt, int index, const SqlValue &value)
{
    struct Binder {
        sqlite3_stmt *stmt;
        int index;
        int operator()(std::monostate) const { return sqlite3_bind_null(stmt, index); }
        int operator()(int64_t v) const { return sqlite3_bind_int64(stmt, index, v); }
        int operator()(double v) const { return sqlite3_bind_double(stmt, index, v); }
        int operator()(const std::string &v) const
        {
            return sqlite3_bind_text(stmt, index, v.data(), int(v.size()), SQLITE_TRANSIENT);
        }
        int operator()(const std::vector<uint8_t> &v) const
        {
            // An empty blob stays a BLOB, not NULL.
            return v.empty()
                       ? sqlite3_bind_zeroblob(stmt, index, 0)
                       : sqlite3_bind_blob(stmt, index, v.data(), int(v.size()), SQLITE_TRANSIENT);
        }
    };
    return std::visit(Binder{stmt, index}, value);
}

// Pragmas that only read (allowed in the inspector's SQL box).
const std::set<std::string> kReadPragmas = {
    "table_info",      "table_xinfo",      "table_list",       "index_list",    "index_info",
    "index_xinfo",     "foreign_key_list", "database_list",    "page_count",    "page_size",
    "freelist_count",  "compile_options",  "collation_list",   "function_list", "pragma_list",
    "integrity_check", "quick_check",      "foreign_key_check"};
// Pragmas that read without an argument and write with one.
const std::set<std::string> kReadPragmasWithoutArgument = {
    "user_version", "schema_version", "foreign_keys", "application_id", "journal_mode", "encoding"};

// Lifts the time limit for the store's own statements (savepoints), restoring
// it when the scope ends.
class Unlimited {
public:
    explicit Unlimited(bool &flag) : m_flag(flag), m_old(flag) { m_flag = false; }
    ~Unlimited() { m_flag = m_old; }

private:
    bool &m_flag;
    bool m_old;
};

// Restores the authorizer's mode when a scope ends.
class ModeScope {
public:
    ModeScope(D1DatabaseStore::Mode &slot, D1DatabaseStore::Mode mode) : m_slot(slot), m_old(slot)
    {
        m_slot = mode;
    }
    ~ModeScope() { m_slot = m_old; }

private:
    D1DatabaseStore::Mode &m_slot;
    D1DatabaseStore::Mode m_old;
};

} // namespace

D1DatabaseStore::D1DatabaseStore(SqliteConnection &db) : m_db(db) {}

D1DatabaseStore::~D1DatabaseStore()
{
    sqlite3_set_authorizer(m_db.handle(), nullptr, nullptr);
}

bool D1DatabaseStore::init(std::string *error)
{
    if (!m_db.exec("PRAGMA foreign_keys = ON", error))
        return false;
    sqlite3_set_authorizer(m_db.handle(), &D1DatabaseStore::authorize, this);
    sqlite3_progress_handler(m_db.handle(), 1000, &D1DatabaseStore::progress, this);
    return true;
}

void D1DatabaseStore::setTimeLimits(std::chrono::milliseconds app,
                                    std::chrono::milliseconds inspector)
{
    m_appLimit = app;
    m_inspectorLimit = inspector;
}

int D1DatabaseStore::progress(void *selfPtr)
{
    auto *self = static_cast<D1DatabaseStore *>(selfPtr);
    if (!self->m_limited || Clock::now() < self->m_deadline)
        return 0;
    self->m_timedOut = true;
    return 1; // interrupts the statement (SQLITE_INTERRUPT)
}

int D1DatabaseStore::authorize(void *selfPtr, int action, const char *a, const char *b,
                               const char *, const char *)
{
    auto *self = static_cast<D1DatabaseStore *>(selfPtr);
    switch (self->m_mode) {
    case Mode::Internal:
        return SQLITE_OK;
    case Mode::App:
        if (action == SQLITE_TRANSACTION || action == SQLITE_SAVEPOINT) {
            self->m_denied = "BEGIN, COMMIT, ROLLBACK and SAVEPOINT are not allowed: D1 runs each "
                             "query and each batch() atomically (use env.DB.batch([...]) for a "
                             "transaction)";
            return SQLITE_DENY;
        }
        if (action == SQLITE_ATTACH || action == SQLITE_DETACH) {
            self->m_denied = "ATTACH and DETACH are not allowed in D1";
            return SQLITE_DENY;
        }
        return SQLITE_OK;
    case Mode::ReadOnly:
        switch (action) {
        case SQLITE_SELECT:
        case SQLITE_READ:
        case SQLITE_FUNCTION:
        case SQLITE_RECURSIVE:
            return SQLITE_OK;
        case SQLITE_PRAGMA: {
            const std::string name = a ? a : "";
            if (kReadPragmas.count(name) || (!b && kReadPragmasWithoutArgument.count(name)))
                return SQLITE_OK;
            self->m_denied = "read-only: PRAGMA " + name + (b ? " with a value" : "") +
                             " is refused (the storage inspector never writes)";
            return SQLITE_DENY;
        }
        default:
            self->m_denied = "read-only: the storage inspector runs only statements that do not "
                             "write (INSERT, UPDATE, DELETE, DDL and transactions are refused)";
            return SQLITE_DENY;
        }
    }
    return SQLITE_OK;
}

bool D1DatabaseStore::savepoint(const char *name, std::string *error)
{
    ModeScope scope(m_mode, Mode::Internal);
    Unlimited unlimited(m_limited); // our own statements are never interrupted
    return m_db.exec(std::string("SAVEPOINT ") + name, error);
}

void D1DatabaseStore::rollbackTo(const char *name)
{
    ModeScope scope(m_mode, Mode::Internal);
    Unlimited unlimited(m_limited); // our own statements are never interrupted
    m_db.exec(std::string("ROLLBACK TO ") + name, nullptr);
    m_db.exec(std::string("RELEASE ") + name, nullptr);
}

bool D1DatabaseStore::release(const char *name, std::string *error)
{
    ModeScope scope(m_mode, Mode::Internal);
    Unlimited unlimited(m_limited); // our own statements are never interrupted
    return m_db.exec(std::string("RELEASE ") + name, error);
}

StorageError D1DatabaseStore::run(std::string_view sql, const std::vector<SqlValue> &params,
                                  Mode mode, size_t maxRows, SqlResult &out)
{
    out = SqlResult{};
    sqlite3 *db = m_db.handle();
    const auto t0 = Clock::now();
    const auto limit = mode == Mode::ReadOnly ? m_inspectorLimit : m_appLimit;
    m_deadline = t0 + limit;
    m_limited = true;
    m_timedOut = false;
    struct Unlimit {
        bool &flag;
        ~Unlimit() { flag = false; }
    } unlimit{m_limited};
    auto failure = [&] {
        if (m_timedOut)
            return StorageError::error("the query ran longer than " +
                                       std::to_string(limit.count()) +
                                       " ms and was stopped (D1 limits a query to 30 s): "
                                       "SQLITE_INTERRUPT");
        return StorageError::error(m_denied.empty() ? m_db.lastError()
                                                    : m_denied + ": SQLITE_AUTH");
    };
    const int64_t changesBefore = sqlite3_total_changes64(db);
    const char *p = sql.data();
    const char *end = p + sql.size();
    int statements = 0;
    bool inSavepoint = false;
    StorageError error;

    // A cached statement is the whole SQL (one statement), prepared in App mode.
    sqlite3_stmt *cached = nullptr;
    if (mode == Mode::App)
        if (auto it = m_cache.find(std::string(sql)); it != m_cache.end())
            cached = it->second.get();

    while (p < end && !error) {
        sqlite3_stmt *raw = cached;
        const char *tail = end;
        m_denied.clear();
        int rc = SQLITE_OK;
        if (!cached) {
            ModeScope scope(m_mode, mode);
            rc = sqlite3_prepare_v3(db, p, int(end - p), SQLITE_PREPARE_PERSISTENT, &raw, &tail);
        }
        if (rc != SQLITE_OK) {
            sqlite3_finalize(raw);
            error = failure();
            break;
        }
        const bool fromCache = cached != nullptr;
        cached = nullptr;
        SqliteStatement owned(fromCache ? nullptr : raw);
        p = tail;
        if (!raw)
            continue; // whitespace or a comment
        const bool last = onlyCommentsOrSpace(tail, end);
        // Keep a lone app statement prepared for next time.
        if (!fromCache && mode == Mode::App && statements == 0 && last) {
            if (m_cache.size() >= 256)
                m_cache.clear();
            m_cache.emplace(std::string(sql), std::move(owned));
        }
        // The statement is reset and unbound whichever way this iteration ends
        // (a cached one must not keep a read transaction open).
        struct Statement {
            sqlite3_stmt *raw;
            sqlite3_stmt *get() const { return raw; }
            ~Statement()
            {
                sqlite3_reset(raw);
                sqlite3_clear_bindings(raw);
            }
        } stmt{raw};
        if (mode == Mode::ReadOnly && !sqlite3_stmt_readonly(stmt.get())) {
            error = StorageError::error("read-only: the storage inspector runs only statements "
                                        "that do not write: SQLITE_AUTH");
            break;
        }
        if (statements == 0 && !last && mode != Mode::ReadOnly) {
            std::string err;
            if (!savepoint("sy_d1_query", &err)) {
                error = StorageError::error(err);
                break;
            }
            inSavepoint = true;
        }
        ++statements;
        const int expected = sqlite3_bind_parameter_count(stmt.get());
        if (!last && expected > 0) {
            error = StorageError::error("When executing multiple SQL statements in a single call, "
                                        "only the last statement can have parameters.");
            break;
        }
        if (last) {
            if (size_t(expected) != params.size()) {
                error = StorageError::error("Wrong number of parameter bindings for SQL query.");
                break;
            }
            for (int i = 0; i < expected; ++i)
                if (bindValue(stmt.get(), i + 1, params[size_t(i)]) != SQLITE_OK) {
                    error = StorageError::error(m_db.lastError());
                    break;
                }
            if (error)
                break;
        }
        if (!sqlite3_stmt_readonly(stmt.get()))
            out.meta.changedDb = true;
        // Column names are read after the first step: a statement prepared
        // before a schema change is re-prepared by sqlite3_step (SELECT *
        // then has the new columns).
        auto readColumns = [&] {
            const int columns = sqlite3_column_count(stmt.get());
            out.columns.clear();
            out.columns.reserve(size_t(columns));
            for (int i = 0; i < columns; ++i)
                out.columns.emplace_back(sqlite3_column_name(stmt.get(), i));
        };
        {
            ModeScope scope(m_mode, mode); // a re-prepare (schema change) is checked again
            bool first = true;
            while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
                if (!last)
                    continue;
                if (first) {
                    readColumns();
                    first = false;
                }
                if (out.rows.size() == maxRows) {
                    out.truncated = true;
                    break;
                }
                const int columns = int(out.columns.size());
                std::vector<SqlValue> row;
                row.reserve(size_t(columns));
                for (int i = 0; i < columns; ++i)
                    row.push_back(columnValue(stmt.get(), i));
                out.rows.push_back(std::move(row));
            }
        }
        if (last && rc == SQLITE_DONE && out.rows.empty())
            readColumns();
        if (rc != SQLITE_DONE && !(rc == SQLITE_ROW && out.truncated)) {
            error = failure();
            break;
        }
        out.meta.rowsRead +=
            std::max<int64_t>(last ? int64_t(out.rows.size()) : 0,
                              sqlite3_stmt_status(stmt.get(), SQLITE_STMTSTATUS_FULLSCAN_STEP, 1));
    }
    if (!error && statements == 0)
        error = StorageError::error("No SQL statements detected.");
    if (inSavepoint) {
        std::string err;
        if (error)
            rollbackTo("sy_d1_query");
        else if (!release("sy_d1_query", &err))
            error = StorageError::error(err);
    }
    if (error) {
        out.rows.clear();
        return error;
    }
    out.meta.changes = sqlite3_total_changes64(db) - changesBefore;
    out.meta.rowsWritten = out.meta.changes;
    out.meta.lastRowId = sqlite3_last_insert_rowid(db);
    if (out.meta.changedDb || m_size < 0)
        m_size = m_db.sizeBytes(); // reads do not change the size
    out.meta.sizeAfter = m_size;
    out.meta.durationMs = msSince(t0);
    return {};
}

StorageError D1DatabaseStore::query(const std::string &sql, const std::vector<SqlValue> &params,
                                    SqlResult &out)
{
    return run(sql, params, Mode::App, SIZE_MAX, out);
}

StorageError D1DatabaseStore::batch(const std::vector<D1Statement> &statements,
                                    std::vector<SqlResult> &out)
{
    out.clear();
    if (statements.empty())
        return StorageError::error("batch() needs at least one statement.");
    std::string err;
    if (!savepoint("sy_d1_batch", &err))
        return StorageError::error(err);
    out.reserve(statements.size());
    for (const D1Statement &s : statements) {
        SqlResult result;
        if (StorageError e = run(s.sql, s.params, Mode::App, SIZE_MAX, result)) {
            rollbackTo("sy_d1_batch");
            out.clear();
            return e;
        }
        out.push_back(std::move(result));
    }
    if (!release("sy_d1_batch", &err)) {
        rollbackTo("sy_d1_batch");
        out.clear();
        return StorageError::error(err);
    }
    return {};
}

StorageError D1DatabaseStore::exec(const std::string &sql, int64_t &count, double &durationMs)
{
    count = 0;
    durationMs = 0;
    // workerd splits exec()'s input into lines: query.trim().split('\n').
    size_t first = 0, stop = sql.size();
    while (first < stop && std::isspace(static_cast<unsigned char>(sql[first])))
        ++first;
    while (stop > first && std::isspace(static_cast<unsigned char>(sql[stop - 1])))
        --stop;
    std::vector<std::string> lines;
    size_t start = first;
    while (start <= stop) {
        size_t nl = sql.find('\n', start);
        if (nl == std::string::npos || nl > stop)
            nl = stop;
        lines.push_back(sql.substr(start, nl - start));
        start = nl + 1;
    }
    std::string err;
    if (!savepoint("sy_d1_exec", &err))
        return StorageError::error(err);
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string &line = lines[i];
        if (onlyCommentsOrSpace(line.data(), line.data() + line.size()))
            continue; // Miniflare drops empty and comment-only queries
        SqlResult result;
        if (StorageError e = run(line, {}, Mode::App, 0, result)) {
            rollbackTo("sy_d1_exec");
            return StorageError::error("Error in line " + std::to_string(i + 1) + ": " + line +
                                       ": " + e.message);
        }
        ++count;
        durationMs += result.meta.durationMs;
    }
    if (!release("sy_d1_exec", &err)) {
        rollbackTo("sy_d1_exec");
        return StorageError::error(err);
    }
    if (count == 0)
        return StorageError::error("No SQL statements detected.");
    return {};
}

StorageError D1DatabaseStore::runScript(const std::string &sql)
{
    SqlResult result;
    std::string err;
    if (!savepoint("sy_d1_script", &err))
        return StorageError::error(err);
    if (StorageError e = run(sql, {}, Mode::App, 0, result)) {
        rollbackTo("sy_d1_script");
        return e;
    }
    if (!release("sy_d1_script", &err)) {
        rollbackTo("sy_d1_script");
        return StorageError::error(err);
    }
    return {};
}

std::vector<D1TableInfo> D1DatabaseStore::tables(std::string *error)
{
    ModeScope scope(m_mode, Mode::Internal);
    std::vector<D1TableInfo> out;
    SqliteStatement list =
        m_db.prepare("SELECT name, type, coalesce(sql, '') FROM sqlite_master"
                     " WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                     " AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY name",
                     error);
    if (!list)
        return out;
    while (sqlite3_step(list.get()) == SQLITE_ROW) {
        D1TableInfo t;
        t.name = reinterpret_cast<const char *>(sqlite3_column_text(list.get(), 0));
        t.type = reinterpret_cast<const char *>(sqlite3_column_text(list.get(), 1));
        t.sql = reinterpret_cast<const char *>(sqlite3_column_text(list.get(), 2));
        out.push_back(std::move(t));
    }
    for (D1TableInfo &t : out) {
        if (SqliteStatement count =
                m_db.prepare("SELECT count(*) FROM " + quoteIdentifier(t.name), error);
            count && sqlite3_step(count.get()) == SQLITE_ROW)
            t.rowCount = sqlite3_column_int64(count.get(), 0);
        if (SqliteStatement info = m_db.prepare("SELECT name FROM pragma_table_info(" +
                                                    quoteIdentifier(t.name) + ") ORDER BY cid",
                                                error))
            while (sqlite3_step(info.get()) == SQLITE_ROW)
                t.columns.emplace_back(
                    reinterpret_cast<const char *>(sqlite3_column_text(info.get(), 0)));
    }
    return out;
}

StorageError D1DatabaseStore::readOnlyQuery(const std::string &sql, size_t maxRows, SqlResult &out)
{
    return run(sql, {}, Mode::ReadOnly, maxRows, out);
}

} // namespace sy
