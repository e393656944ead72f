#pragma once
// The storage of one worker isolate: its KV namespaces and D1 databases in
// SQLite, in memory (a test file) or in files (the dev server), behind the
// BindingHost the isolate's env.KV / env.DB call.
#include "core/bindingHost.h"
#include "storage/d1DatabaseStore.h"
#include "storage/kvNamespaceStore.h"
#include "storage/sqlValue.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

/// One SQLite database per D1 database and one for all KV namespaces (a table
/// per namespace), the way Miniflare keeps a worker's local state, but owned
/// by one isolate:
///  - createInMemory(): private in-memory databases, fresh for each test file
///    (files running in parallel never see each other's writes);
///  - openDirectory(): `<dir>/kv.sqlite` and `<dir>/d1/<database id>.sqlite`,
///    persisted across restarts (the dev server: `<app>/.switchyard/storage`).
/// Bindings sharing an id (two bindings to one namespace) share the data.
///
/// Per-test isolation: savepoint() opens a SQLite SAVEPOINT on every database
/// at once, rollbackToSavepoint() discards everything written since and
/// closes it, release() keeps the writes and closes it. They nest (a stack).
/// D1's own transactions (batch(), multi-statement queries) nest inside, and
/// app SQL cannot BEGIN/COMMIT/SAVEPOINT, so a test cannot break the stack
/// (the Workers test pool's "Failed to pop isolated storage stack frame").
///
/// Threads: every method is thread-safe (one mutex): the isolate thread
/// calls call(), an inspector reads from the GUI thread. Held in a
/// shared_ptr by the isolate (WorkerOptions::bindingHost) and by inspectors,
/// so the data stays readable after the isolate ended.
///
/// BindingHost ops (args JSON -> result JSON; errors as workerd words them):
///  KV  get     {key, type, cacheTtl?}                 -> {found, metadata?, expiration?} + bytes
///      put     {key, expiration?, expirationTtl?, metadata? (JSON text)} + bytes -> null
///      delete  {key}                                  -> null
///      list    {prefix?, limit?, cursor?}             -> {keys:[{name, expiration?,
///              metadata?}], list_complete, cursor?, cacheStatus: null}
///  D1  query   {sql, params:[...]}                    -> {columns, rows, meta}
///      batch   {statements:[{sql, params}]}           -> [{columns, rows, meta}, ...]
///      exec    {sql}                                  -> {count, duration}
/// D1 values: null, numbers, strings, arrays of bytes (BLOBs, also in results);
/// meta is {served_by, served_by_primary, duration, changes, last_row_id,
/// changed_db, size_after, rows_read, rows_written, timings:{sql_duration_ms}};
/// errors are "D1_ERROR: <sqlite message>: SQLITE_<CODE>" and
/// "D1_EXEC_ERROR: Error in line N: <line>: <message>".
class IsolateStorage final : public BindingHost {
public:
    /// Milliseconds since the Unix epoch (KV expiration); tests move it.
    using Clock = std::function<int64_t()>;

    /// Fresh in-memory storage for `bindings`. Null + error only if SQLite
    /// cannot create a database.
    static std::shared_ptr<IsolateStorage> createInMemory(std::vector<BindingDescriptor> bindings,
                                                          std::string *error = nullptr);
    /// Storage in files under `directory` (created): data written by an
    /// earlier IsolateStorage on the same directory is there. Expired KV
    /// entries are purged on open. Null + error ("<file>: <problem>") when a
    /// file cannot be created or is not a SQLite database.
    static std::shared_ptr<IsolateStorage> openDirectory(const std::string &directory,
                                                         std::vector<BindingDescriptor> bindings,
                                                         std::string *error);
    ~IsolateStorage() override;

    const std::vector<BindingDescriptor> &bindings() const { return m_bindings; }
    /// The binding named `name`, or null.
    const BindingDescriptor *binding(std::string_view name) const;
    /// The storage directory, empty in memory.
    const std::string &directory() const { return m_directory; }
    /// The SQLite file holding `binding` (":memory:" in memory), empty if unknown.
    std::string databasePath(std::string_view binding) const;

    /// BindingHost: one op of `binding` (see the class comment).
    BindingResult call(std::string_view binding, std::string_view op, std::string_view argsJson,
                       std::span<const uint8_t> bytes) override;

    /// Opens a savepoint on every database. False + error (nothing opened).
    bool savepoint(std::string *error = nullptr);
    /// Discards all writes since the newest savepoint and closes it. False
    /// when none is open.
    bool rollbackToSavepoint(std::string *error = nullptr);
    /// Keeps the writes since the newest savepoint and closes it (they join
    /// the enclosing savepoint, or are committed). False when none is open.
    bool release(std::string *error = nullptr);
    /// How many savepoints are open.
    int savepointDepth() const;
    /// Deletes all data of every binding, as the Workers Vitest pool's
    /// `reset()` (cloudflare:test) does: every KV entry, and every table,
    /// view, index and trigger of every D1 database (d1_migrations too: a D1
    /// database is as new). Inside an open savepoint, a rollback brings it all
    /// back. False + error when SQLite refuses.
    bool deleteAll(std::string *error = nullptr);

    /// Time limits of D1 statements (app default 30 s, D1's limit) and of
    /// inspector queries (default 2 s); see D1DatabaseStore::setTimeLimits.
    void setD1TimeLimits(std::chrono::milliseconds app, std::chrono::milliseconds inspector);

    /// Replaces the clock (default: the system clock).
    void setClock(Clock clock);
    int64_t nowMs() const;

    /// Applies the pending migrations of D1 binding `binding` from its
    /// migrationsDir (see applyD1Migrations in d1Migrations.h). `applied`
    /// gets the files applied now. False + error.
    bool applyD1Migrations(std::string_view binding, std::vector<std::string> *applied,
                           std::string *error);

    // ---- inspector (read-only) -------------------------------------------

    /// Grows with every write (KV put/delete, D1 statements that write,
    /// rollbacks, migrations): a cheap "did anything change" for inspectors.
    uint64_t changeCount() const { return m_changes.load(); }
    /// Up to `limit` live entries of KV binding `binding` whose keys start
    /// with `prefix`, by key, with values.
    std::vector<KvEntry> kvEntries(std::string_view binding, size_t limit, std::string *error,
                                   const std::string &prefix = {});
    /// Number of live entries of a KV binding.
    int64_t kvCount(std::string_view binding, std::string *error);
    /// Tables and views of D1 binding `binding`.
    std::vector<D1TableInfo> d1Tables(std::string_view binding, std::string *error);
    /// Runs `sql` on D1 binding `binding` if it cannot write (see
    /// D1DatabaseStore::readOnlyQuery); at most `maxRows` rows. False + error.
    bool d1ReadOnlyQuery(std::string_view binding, const std::string &sql, size_t maxRows,
                         SqlResult &out, std::string *error);
    /// Rows `offset`.. of table `table` (SELECT * order: rowid for rowid
    /// tables), at most `limit`.
    bool d1TableRows(std::string_view binding, const std::string &table, size_t offset,
                     size_t limit, SqlResult &out, std::string *error);

private:
    IsolateStorage(std::vector<BindingDescriptor> bindings, std::string directory);
    /// Closes the newest savepoint, discarding its writes when `rollback`.
    bool closeSavepoint(bool rollback, std::string *error);
    bool openDatabases(std::string *error);
    BindingResult callKv(KvNamespaceStore &kv, std::string_view op, const nlohmann::json &args,
                         std::span<const uint8_t> bytes);
    BindingResult callD1(D1DatabaseStore &db, std::string_view op, const nlohmann::json &args);
    KvNamespaceStore *kv(std::string_view binding);
    D1DatabaseStore *d1(std::string_view binding);
    std::vector<SqliteConnection *> connections();

    std::vector<BindingDescriptor> m_bindings;
    std::string m_directory;
    mutable std::mutex m_mutex;
    Clock m_clock;
    std::unique_ptr<SqliteConnection> m_kvDb;
    std::map<std::string, std::unique_ptr<SqliteConnection>, std::less<>>
        m_d1Dbs; ///< by storage id
    std::map<std::string, std::unique_ptr<D1DatabaseStore>, std::less<>> m_d1ById;
    std::map<std::string, std::unique_ptr<KvNamespaceStore>, std::less<>> m_kvById;
    std::map<std::string, D1DatabaseStore *, std::less<>> m_d1ByBinding;
    std::map<std::string, KvNamespaceStore *, std::less<>> m_kvByBinding;
    int m_savepoints = 0;
    std::atomic<uint64_t> m_changes{0};
};

} // namespace sy
