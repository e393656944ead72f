// IsolateStorage::deleteAll: cloudflare:test's reset() (see isolateStorage.h).
#include "storage/isolateStorage.h"
#include "storage/sqliteConnection.h"

#include <sqlite3.h>

namespace sy {

namespace {

// Names of the schema objects of `type` ("table", "view") that are not SQLite's own.
std::vector<std::string> schemaObjects(SqliteConnection &db, const char *type, std::string *error)
{
    std::vector<std::string> names;
    SqliteStatement stmt = db.prepare(
        "SELECT name FROM sqlite_master WHERE type = ?1 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        error);
    if (!stmt)
        return names;
    sqlite3_bind_text(stmt.get(), 1, type, -1, SQLITE_STATIC);
    while (sqlite3_step(stmt.get()) == SQLITE_ROW)
        names.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(stmt.get(), 0)));
    return names;
}

} // namespace

bool IsolateStorage::deleteAll(std::string *error)
{
    std::lock_guard lock(m_mutex);
    // KV: the namespaces' tables stay (the stores hold statements on them), their rows go.
    if (m_kvDb) {
        for (const std::string &table : schemaObjects(*m_kvDb, "table", error))
            if (!m_kvDb->exec("DELETE FROM " + quoteIdentifier(table), error))
                return false;
    }
    // D1: the database as new. Foreign keys are checked when the outermost
    // transaction ends, by which time every table is gone.
    for (auto &[id, db] : m_d1Dbs) {
        if (!db->exec("SAVEPOINT sy_reset; PRAGMA defer_foreign_keys = ON", error))
            return false;
        bool ok = true;
        for (const std::string &view : schemaObjects(*db, "view", error))
            ok = ok && db->exec("DROP VIEW IF EXISTS " + quoteIdentifier(view), error);
        for (const std::string &table : schemaObjects(*db, "table", error))
            ok = ok && db->exec("DROP TABLE IF EXISTS " + quoteIdentifier(table), error);
        if (!ok) {
            db->exec("ROLLBACK TO sy_reset; RELEASE sy_reset", nullptr);
            return false;
        }
        if (!db->exec("RELEASE sy_reset", error))
            return false;
    }
    ++m_changes;
    return true;
}

} // namespace sy
