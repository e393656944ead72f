#pragma once
// One SQLite connection to a journal file: schema, batched inserts, queries.
// Journal owns one for writing (its writer thread) and one for reading.
#include "journal/journalEvent.h"
#include "journal/journalQuery.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace sy {

/// A SQLite connection holding the journal's `events` table:
///   events(id INTEGER PRIMARY KEY, time_ms, kind, environment, generation,
///          summary, data TEXT JSON) + indexes (kind, time_ms) and (time_ms),
/// schema version in PRAGMA user_version (kSchemaVersion), application_id
/// 'SYJN'. Writable connections put the file in WAL mode with
/// synchronous=NORMAL: a committed transaction survives a crash of the
/// process (not necessarily a power loss), readers never block the writer.
///
/// Not thread-safe: one thread at a time (Journal guards each connection with
/// a mutex). Errors are returned as messages ("<path>: <sqlite message>").
class JournalDatabase {
public:
    static constexpr int kSchemaVersion = 1;
    static constexpr int kApplicationId = 0x53594A4E; // "SYJN"

    enum class Mode {
        ReadWrite, ///< creates the file and the schema when missing
        ReadOnly   ///< the file must exist and hold a journal
    };

    /// Opens `path` (":memory:" for a private in-memory database; ReadWrite
    /// only). Returns null and sets `error` when the file is missing
    /// (ReadOnly), not a SQLite database, not a journal, or has a newer
    /// schema than this build.
    static std::unique_ptr<JournalDatabase> open(const std::string &path, Mode mode,
                                                 std::string *error);
    ~JournalDatabase();
    JournalDatabase(const JournalDatabase &) = delete;
    JournalDatabase &operator=(const JournalDatabase &) = delete;

    /// Inserts `events` (ids and times already assigned) in one transaction.
    /// Data that is not valid JSON is stored as {"invalidJson": "<text>"};
    /// empty data as {}. On failure rolls back and returns false.
    bool insert(const std::vector<JournalEvent> &events, size_t begin, size_t end,
                std::string *error);

    /// Events matching `q`, ordered by id. On a SQLite error (a corrupt page)
    /// returns what was read so far and sets `error`.
    std::vector<JournalEvent> query(const JournalQuery &q, std::string *error) const;

    /// Largest id in the table, 0 when empty.
    int64_t maxId(std::string *error) const;

    /// The value of a text/int pragma ("journal_mode", "synchronous", ...).
    std::string pragma(const std::string &name) const;

private:
    JournalDatabase(sqlite3 *db, std::string path);
    bool exec(const char *sql, std::string *error);
    bool prepareInsert(std::string *error);
    std::string message(const char *what) const;

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insert = nullptr;
    sqlite3_stmt *m_begin = nullptr;
    sqlite3_stmt *m_commit = nullptr;
    std::string m_path;
};

} // namespace sy
