#include "journal/journalDatabase.h"

#include <filesystem>
#include <sqlite3.h>

namespace sy {

namespace {

const char kSchema[] = "CREATE TABLE IF NOT EXISTS events("
                       " id INTEGER PRIMARY KEY,"
                       " time_ms INTEGER NOT NULL,"
                       " kind TEXT NOT NULL,"
                       " environment TEXT NOT NULL DEFAULT '',"
                       " generation INTEGER NOT NULL DEFAULT 0,"
                       " summary TEXT NOT NULL DEFAULT '',"
                       " data TEXT NOT NULL DEFAULT '{}');"
                       "CREATE INDEX IF NOT EXISTS events_kind_time ON events(kind, time_ms);"
                       "CREATE INDEX IF NOT EXISTS events_time ON events(time_ms);";

const char kInsert[] =
    "INSERT INTO events(id, time_ms, kind, environment, generation, summary, data)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6,"
    " CASE WHEN ?7 = '' THEN '{}' WHEN json_valid(?7) THEN ?7"
    " ELSE json_object('invalidJson', ?7) END)";

/// Runs a one-row query returning an integer; false on error.
bool queryInt(sqlite3 *db, const char *sql, int64_t &out, std::string &error)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
        error = sqlite3_errmsg(db);
        return false;
    }
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        out = sqlite3_column_int64(stmt, 0);
    else if (rc != SQLITE_DONE)
        error = sqlite3_errmsg(db);
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

std::string columnText(sqlite3_stmt *stmt, int column)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
    return text ? std::string(text, size_t(sqlite3_column_bytes(stmt, column))) : std::string();
}

void bindText(sqlite3_stmt *stmt, int index, const std::string &s)
{
    sqlite3_bind_text(stmt, index, s.data(), int(s.size()), SQLITE_STATIC);
}

} // namespace

JournalDatabase::JournalDatabase(sqlite3 *db, std::string path) : m_db(db), m_path(std::move(path))
{
}

JournalDatabase::~JournalDatabase()
{
    sqlite3_finalize(m_insert);
    sqlite3_finalize(m_begin);
    sqlite3_finalize(m_commit);
    sqlite3_close_v2(m_db);
}

std::string JournalDatabase::message(const char *what) const
{
    return m_path + ": " + what + ": " + sqlite3_errmsg(m_db);
}

bool JournalDatabase::exec(const char *sql, std::string *error)
{
    char *msg = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &msg) == SQLITE_OK)
        return true;
    if (error)
        *error = m_path + ": " + (msg ? msg : "error");
    sqlite3_free(msg);
    return false;
}

std::unique_ptr<JournalDatabase> JournalDatabase::open(const std::string &path, Mode mode,
                                                       std::string *error)
{
    std::string ignored;
    std::string &err = error ? *error : ignored;
    if (path.empty()) {
        err = "a journal needs a file path (or \":memory:\")";
        return nullptr;
    }
    const bool memory = path == ":memory:";
    if (memory && mode == Mode::ReadOnly) {
        err = "an in-memory journal cannot be opened read-only";
        return nullptr;
    }
    if (!memory && mode == Mode::ReadOnly) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) {
            err = path + ": no such file";
            return nullptr;
        }
        if (std::filesystem::is_directory(path, ec)) {
            err = path + ": is a directory";
            return nullptr;
        }
    }
    const int flags =
        SQLITE_OPEN_NOMUTEX | (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY
                                                      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    std::unique_ptr<JournalDatabase> db(new JournalDatabase(raw, path));
    if (rc != SQLITE_OK) {
        err = db->message("cannot open");
        return nullptr;
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 5000);

    // Reading the header is the first real I/O: a file that is not a SQLite
    // database fails here ("file is not a database").
    int64_t version = 0, appId = 0, tables = 0, hasEvents = 0;
    std::string sqlError;
    if (!queryInt(raw, "PRAGMA user_version", version, sqlError) ||
        !queryInt(raw, "PRAGMA application_id", appId, sqlError) ||
        !queryInt(raw, "SELECT count(*) FROM sqlite_master", tables, sqlError) ||
        !queryInt(raw, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='events'",
                  hasEvents, sqlError)) {
        err = path + ": not a readable journal: " + sqlError;
        return nullptr;
    }
    if (version > kSchemaVersion) {
        err = path + ": journal schema version " + std::to_string(version) +
              " is newer than this build's (" + std::to_string(kSchemaVersion) + ")";
        return nullptr;
    }
    const bool empty = tables == 0;
    if (!empty && (appId != kApplicationId || !hasEvents)) {
        err = path + ": a SQLite database, but not a Switchyard journal";
        return nullptr;
    }
    if (mode == Mode::ReadOnly) {
        if (empty) {
            err = path + ": an empty database, not a Switchyard journal";
            return nullptr;
        }
        return db;
    }

    // journal_mode=WAL persists in the file; synchronous is per connection.
    // An in-memory database reports "memory" and stays so.
    if (!memory && !db->exec("PRAGMA journal_mode=WAL", &err))
        return nullptr;
    if (!db->exec("PRAGMA synchronous=NORMAL", &err))
        return nullptr;
    if (version < kSchemaVersion) {
        const std::string migrate = std::string("BEGIN IMMEDIATE;") + kSchema +
                                    "PRAGMA application_id=" + std::to_string(kApplicationId) +
                                    ";PRAGMA user_version=" + std::to_string(kSchemaVersion) +
                                    ";COMMIT;";
        if (!db->exec(migrate.c_str(), &err)) {
            db->exec("ROLLBACK", nullptr);
            return nullptr;
        }
    }
    if (!db->prepareInsert(&err))
        return nullptr;
    return db;
}

bool JournalDatabase::prepareInsert(std::string *error)
{
    if (sqlite3_prepare_v3(m_db, kInsert, -1, SQLITE_PREPARE_PERSISTENT, &m_insert, nullptr) !=
            SQLITE_OK ||
        sqlite3_prepare_v3(m_db, "BEGIN", -1, SQLITE_PREPARE_PERSISTENT, &m_begin, nullptr) !=
            SQLITE_OK ||
        sqlite3_prepare_v3(m_db, "COMMIT", -1, SQLITE_PREPARE_PERSISTENT, &m_commit, nullptr) !=
            SQLITE_OK) {
        if (error)
            *error = message("cannot prepare statements");
        return false;
    }
    return true;
}

bool JournalDatabase::insert(const std::vector<JournalEvent> &events, size_t begin, size_t end,
                             std::string *error)
{
    if (!m_insert) {
        if (error)
            *error = m_path + ": opened read-only";
        return false;
    }
    auto fail = [&](const char *what) {
        if (error)
            *error = message(what);
        sqlite3_reset(m_insert);
        sqlite3_reset(m_begin);
        sqlite3_reset(m_commit);
        if (!sqlite3_get_autocommit(m_db))
            exec("ROLLBACK", nullptr);
        return false;
    };
    if (sqlite3_step(m_begin) != SQLITE_DONE)
        return fail("cannot begin a transaction");
    sqlite3_reset(m_begin);
    for (size_t i = begin; i < end; ++i) {
        const JournalEvent &e = events[i];
        sqlite3_bind_int64(m_insert, 1, e.id);
        sqlite3_bind_int64(m_insert, 2, e.timeMs);
        bindText(m_insert, 3, e.kind);
        bindText(m_insert, 4, e.environment);
        sqlite3_bind_int64(m_insert, 5, e.generation);
        bindText(m_insert, 6, e.summary);
        bindText(m_insert, 7, e.dataJson);
        if (sqlite3_step(m_insert) != SQLITE_DONE)
            return fail("cannot insert an event");
        sqlite3_reset(m_insert);
    }
    sqlite3_clear_bindings(m_insert);
    if (sqlite3_step(m_commit) != SQLITE_DONE)
        return fail("cannot commit");
    sqlite3_reset(m_commit);
    return true;
}

std::vector<JournalEvent> JournalDatabase::query(const JournalQuery &q, std::string *error) const
{
    std::string sql = "SELECT id, time_ms, kind, environment, generation, summary, data"
                      " FROM events WHERE id > ?";
    if (!q.kinds.empty()) {
        sql += " AND kind IN (";
        for (size_t i = 0; i < q.kinds.size(); ++i)
            sql += i ? ",?" : "?";
        sql += ")";
    }
    if (q.environment)
        sql += " AND environment = ?";
    if (q.sinceMs)
        sql += " AND time_ms >= ?";
    if (q.untilMs)
        sql += " AND time_ms <= ?";
    sql += " ORDER BY id";
    if (q.limit > 0)
        sql += " LIMIT ?";

    std::vector<JournalEvent> out;
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
        if (error)
            *error = message("cannot query");
        return out;
    }
    int index = 1;
    sqlite3_bind_int64(stmt, index++, q.afterId);
    for (const std::string &kind : q.kinds)
        bindText(stmt, index++, kind);
    if (q.environment)
        bindText(stmt, index++, *q.environment);
    if (q.sinceMs)
        sqlite3_bind_int64(stmt, index++, *q.sinceMs);
    if (q.untilMs)
        sqlite3_bind_int64(stmt, index++, *q.untilMs);
    if (q.limit > 0)
        sqlite3_bind_int64(stmt, index++, q.limit);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        JournalEvent e;
        e.id = sqlite3_column_int64(stmt, 0);
        e.timeMs = sqlite3_column_int64(stmt, 1);
        e.kind = columnText(stmt, 2);
        e.environment = columnText(stmt, 3);
        e.generation = sqlite3_column_int64(stmt, 4);
        e.summary = columnText(stmt, 5);
        e.dataJson = columnText(stmt, 6);
        out.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE && error)
        *error = message("cannot read events");
    sqlite3_finalize(stmt);
    return out;
}

int64_t JournalDatabase::maxId(std::string *error) const
{
    int64_t id = 0;
    std::string err;
    if (!queryInt(m_db, "SELECT coalesce(max(id), 0) FROM events", id, err) && error)
        *error = m_path + ": " + err;
    return id;
}

std::string JournalDatabase::pragma(const std::string &name) const
{
    sqlite3_stmt *stmt = nullptr;
    std::string value;
    const std::string sql = "PRAGMA " + name;
    if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        value = columnText(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
}

} // namespace sy
