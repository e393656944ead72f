#include "storage/isolateStorage.h"

#include "storage/d1Migrations.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace sy {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

int64_t systemNowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string dump(const json &j)
{
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// A storage id as a file name: letters, digits, '.', '-', '_' kept.
std::string fileName(const std::string &id)
{
    std::string out;
    for (char c : id)
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')
                   ? c
                   : '_';
    return out.empty() || out[0] == '.' ? "_" + out : out;
}

BindingResult fail(const StorageError &e)
{
    return BindingResult::error(e.message, e.typeError ? BindingResult::Status::TypeError
                                                       : BindingResult::Status::Error);
}

// An integer option (number or string) of a KV call, see KvInteger.
std::optional<KvInteger> integerArg(const json &args, const char *name)
{
    auto it = args.find(name);
    if (it == args.end() || it->is_null())
        return std::nullopt;
    KvInteger out;
    if (it->is_number_integer()) {
        out.value = it->get<int64_t>();
        out.text = std::to_string(*out.value);
    } else if (it->is_number()) {
        const double d = it->get<double>();
        if (std::isfinite(d) && std::fabs(d) < 9.2e18) {
            out.value = static_cast<int64_t>(std::trunc(d));
            out.text = std::to_string(*out.value);
        } else {
            out.text = dump(*it);
        }
    } else {
        out.text = it->is_string() ? it->get<std::string>() : dump(*it);
        try {
            size_t used = 0;
            const long long v = std::stoll(out.text, &used);
            if (used > 0)
                out.value = v; // parseInt semantics: leading digits count
        } catch (const std::exception &) {
        }
    }
    return out;
}

std::string stringArg(const json &args, const char *name)
{
    auto it = args.find(name);
    return it != args.end() && it->is_string() ? it->get<std::string>() : std::string();
}

json metadataJson(const std::optional<std::string> &text)
{
    if (!text)
        return nullptr;
    json parsed = json::parse(*text, nullptr, false);
    return parsed.is_discarded() ? json(*text) : parsed;
}

// One bound D1 value from the worker's JSON (numbers, strings, null, byte arrays).
bool toSqlValue(const json &v, SqlValue &out, std::string &error)
{
    if (v.is_null()) {
        out = std::monostate{};
    } else if (v.is_boolean()) {
        out = int64_t(v.get<bool>() ? 1 : 0);
    } else if (v.is_number_integer()) {
        out = v.get<int64_t>();
    } else if (v.is_number_unsigned()) {
        out = v.get<double>();
    } else if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::trunc(d) == d && std::fabs(d) < 9.2e18)
            out = static_cast<int64_t>(d);
        else
            out = d;
    } else if (v.is_string()) {
        out = v.get<std::string>();
    } else if (v.is_array()) {
        std::vector<uint8_t> blob;
        blob.reserve(v.size());
        for (const json &b : v) {
            if (!b.is_number_integer() || b.get<int64_t>() < 0 || b.get<int64_t>() > 255) {
                error = "D1_TYPE_ERROR: Type 'object' not supported for value '" + dump(v) + "'";
                return false;
            }
            blob.push_back(uint8_t(b.get<int64_t>()));
        }
        out = std::move(blob);
    } else {
        error = "D1_TYPE_ERROR: Type 'object' not supported for value '" + dump(v) + "'";
        return false;
    }
    return true;
}

bool toParams(const json &args, std::vector<SqlValue> &out, std::string &error)
{
    auto it = args.find("params");
    if (it == args.end() || it->is_null())
        return true;
    if (!it->is_array()) {
        error = "D1_TYPE_ERROR: params must be an array";
        return false;
    }
    out.reserve(it->size());
    for (const json &v : *it) {
        SqlValue value;
        if (!toSqlValue(v, value, error))
            return false;
        out.push_back(std::move(value));
    }
    return true;
}

json toJson(const SqlValue &v)
{
    struct Visitor {
        json operator()(std::monostate) const { return nullptr; }
        json operator()(int64_t i) const { return i; }
        json operator()(double d) const { return std::isfinite(d) ? json(d) : json(nullptr); }
        json operator()(const std::string &s) const { return s; }
        json operator()(const std::vector<uint8_t> &b) const
        {
            json a = json::array();
            for (uint8_t x : b)
                a.push_back(x);
            return a;
        }
    };
    return std::visit(Visitor{}, v);
}

json toJson(const SqlResult &r)
{
    json rows = json::array();
    for (const auto &row : r.rows) {
        json cells = json::array();
        for (const SqlValue &v : row)
            cells.push_back(toJson(v));
        rows.push_back(std::move(cells));
    }
    const D1Meta &m = r.meta;
    return {{"columns", r.columns},
            {"rows", std::move(rows)},
            {"meta",
             {{"served_by", "switchyard.db"},
              {"served_by_primary", true},
              {"duration", m.durationMs},
              {"changes", m.changes},
              {"last_row_id", m.lastRowId},
              {"changed_db", m.changedDb},
              {"size_after", m.sizeAfter},
              {"rows_read", m.rowsRead},
              {"rows_written", m.rowsWritten},
              {"timings", {{"sql_duration_ms", m.durationMs}}}}}};
}

} // namespace

IsolateStorage::IsolateStorage(std::vector<BindingDescriptor> bindings, std::string directory)
    : m_bindings(std::move(bindings)), m_directory(std::move(directory)), m_clock(&systemNowMs)
{
}

IsolateStorage::~IsolateStorage()
{
    std::lock_guard lock(m_mutex);
    // Statements before connections: the stores hold prepared statements.
    m_kvByBinding.clear();
    m_d1ByBinding.clear();
    m_kvById.clear();
    m_d1ById.clear();
    m_d1Dbs.clear();
    m_kvDb.reset();
}

std::shared_ptr<IsolateStorage>
IsolateStorage::createInMemory(std::vector<BindingDescriptor> bindings, std::string *error)
{
    std::shared_ptr<IsolateStorage> s(new IsolateStorage(std::move(bindings), {}));
    if (!s->openDatabases(error))
        return nullptr;
    return s;
}

std::shared_ptr<IsolateStorage>
IsolateStorage::openDirectory(const std::string &directory, std::vector<BindingDescriptor> bindings,
                              std::string *error)
{
    std::error_code ec;
    fs::create_directories(fs::path(directory) / "d1", ec);
    if (ec) {
        if (error)
            *error = directory + ": cannot create the storage folder: " + ec.message();
        return nullptr;
    }
    std::shared_ptr<IsolateStorage> s(new IsolateStorage(std::move(bindings), directory));
    if (!s->openDatabases(error))
        return nullptr;
    return s;
}

bool IsolateStorage::openDatabases(std::string *error)
{
    std::lock_guard lock(m_mutex);
    auto clock = [this] { return m_clock(); }; // called with m_mutex held
    for (const BindingDescriptor &b : m_bindings) {
        const std::string &id = b.storageId();
        if (b.kind == BindingKind::Kv) {
            if (!m_kvDb) {
                m_kvDb = SqliteConnection::open(
                    m_directory.empty() ? ":memory:" : m_directory + "/kv.sqlite", error);
                if (!m_kvDb)
                    return false;
            }
            auto it = m_kvById.find(id);
            if (it == m_kvById.end()) {
                auto store = std::make_unique<KvNamespaceStore>(*m_kvDb, "kv:" + id, clock);
                if (!store->init(error))
                    return false;
                if (!m_directory.empty())
                    store->purgeExpired(nullptr);
                it = m_kvById.emplace(id, std::move(store)).first;
            }
            m_kvByBinding[b.name] = it->second.get();
        } else {
            auto it = m_d1ById.find(id);
            if (it == m_d1ById.end()) {
                auto db = SqliteConnection::open(m_directory.empty() ? ":memory:"
                                                                     : m_directory + "/d1/" +
                                                                           fileName(id) + ".sqlite",
                                                 error);
                if (!db)
                    return false;
                auto store = std::make_unique<D1DatabaseStore>(*db);
                if (!store->init(error))
                    return false;
                m_d1Dbs.emplace(id, std::move(db));
                it = m_d1ById.emplace(id, std::move(store)).first;
            }
            m_d1ByBinding[b.name] = it->second.get();
        }
    }
    return true;
}

const BindingDescriptor *IsolateStorage::binding(std::string_view name) const
{
    for (const BindingDescriptor &b : m_bindings)
        if (b.name == name)
            return &b;
    return nullptr;
}

std::string IsolateStorage::databasePath(std::string_view name) const
{
    const BindingDescriptor *b = binding(name);
    if (!b)
        return {};
    if (m_directory.empty())
        return ":memory:";
    return b->kind == BindingKind::Kv ? m_directory + "/kv.sqlite"
                                      : m_directory + "/d1/" + fileName(b->storageId()) + ".sqlite";
}

KvNamespaceStore *IsolateStorage::kv(std::string_view binding)
{
    auto it = m_kvByBinding.find(binding);
    return it == m_kvByBinding.end() ? nullptr : it->second;
}

D1DatabaseStore *IsolateStorage::d1(std::string_view binding)
{
    auto it = m_d1ByBinding.find(binding);
    return it == m_d1ByBinding.end() ? nullptr : it->second;
}

std::vector<SqliteConnection *> IsolateStorage::connections()
{
    std::vector<SqliteConnection *> out;
    if (m_kvDb)
        out.push_back(m_kvDb.get());
    for (auto &[id, db] : m_d1Dbs)
        out.push_back(db.get());
    return out;
}

// ---- BindingHost ----------------------------------------------------------

BindingResult IsolateStorage::call(std::string_view binding, std::string_view op,
                                   std::string_view argsJson, std::span<const uint8_t> bytes)
{
    json args = json::parse(argsJson.begin(), argsJson.end(), nullptr, false);
    if (args.is_discarded() || !args.is_object())
        return BindingResult::error("Invalid arguments for " + std::string(binding) + "." +
                                    std::string(op) + ": not a JSON object");
    std::lock_guard lock(m_mutex);
    try {
        if (KvNamespaceStore *store = kv(binding))
            return callKv(*store, op, args, bytes);
        if (D1DatabaseStore *store = d1(binding))
            return callD1(*store, op, args);
    } catch (const std::exception &e) {
        return BindingResult::error(std::string(binding) + "." + std::string(op) +
                                    ": storage failure: " + e.what());
    }
    return BindingResult::error("No storage binding named '" + std::string(binding) + "'");
}

BindingResult IsolateStorage::callKv(KvNamespaceStore &store, std::string_view op, const json &args,
                                     std::span<const uint8_t> bytes)
{
    const std::string key = stringArg(args, "key");
    if (op == "get") {
        std::optional<KvEntry> entry;
        std::string type = stringArg(args, "type");
        if (type.empty())
            type = "text";
        if (StorageError e = store.get(key, type, integerArg(args, "cacheTtl"), entry))
            return fail(e);
        if (!entry)
            return BindingResult::success(R"({"found":false})");
        json out = {{"found", true}, {"metadata", metadataJson(entry->metadataJson)}};
        if (entry->expiration)
            out["expiration"] = *entry->expiration;
        return BindingResult::success(dump(out), std::move(entry->value));
    }
    if (op == "put") {
        KvPutOptions options;
        options.expiration = integerArg(args, "expiration");
        options.expirationTtl = integerArg(args, "expirationTtl");
        if (auto it = args.find("metadata"); it != args.end() && it->is_string())
            options.metadataJson = it->get<std::string>();
        if (StorageError e = store.put(key, bytes, options))
            return fail(e);
        ++m_changes;
        return BindingResult::success("null");
    }
    if (op == "delete") {
        if (StorageError e = store.remove(key))
            return fail(e);
        ++m_changes;
        return BindingResult::success("null");
    }
    if (op == "list") {
        KvListOptions options;
        options.prefix = stringArg(args, "prefix");
        options.limit = integerArg(args, "limit");
        options.cursor = stringArg(args, "cursor");
        KvListPage page;
        if (StorageError e = store.list(options, page))
            return fail(e);
        json keys = json::array();
        for (const KvEntry &k : page.keys) {
            json entry = {{"name", k.key}};
            if (k.expiration)
                entry["expiration"] = *k.expiration;
            if (k.metadataJson)
                entry["metadata"] = metadataJson(k.metadataJson);
            keys.push_back(std::move(entry));
        }
        json out = {{"keys", std::move(keys)}, {"list_complete", page.complete}};
        if (!page.complete)
            out["cursor"] = page.cursor;
        out["cacheStatus"] = nullptr;
        return BindingResult::success(dump(out));
    }
    return BindingResult::error("KV has no operation '" + std::string(op) + "'");
}

BindingResult IsolateStorage::callD1(D1DatabaseStore &store, std::string_view op, const json &args)
{
    if (op == "query") {
        std::vector<SqlValue> params;
        std::string error;
        if (!toParams(args, params, error))
            return BindingResult::error(error);
        SqlResult result;
        if (StorageError e = store.query(stringArg(args, "sql"), params, result))
            return BindingResult::error("D1_ERROR: " + e.message);
        if (result.meta.changedDb)
            ++m_changes;
        return BindingResult::success(dump(toJson(result)));
    }
    if (op == "batch") {
        std::vector<D1Statement> statements;
        auto it = args.find("statements");
        if (it == args.end() || !it->is_array())
            return BindingResult::error("D1_ERROR: batch() takes an array of statements");
        for (const json &s : *it) {
            D1Statement statement;
            statement.sql = s.is_object() ? stringArg(s, "sql") : std::string();
            std::string error;
            if (s.is_object() && !toParams(s, statement.params, error))
                return BindingResult::error(error);
            statements.push_back(std::move(statement));
        }
        std::vector<SqlResult> results;
        if (StorageError e = store.batch(statements, results))
            return BindingResult::error("D1_ERROR: " + e.message);
        json out = json::array();
        bool changed = false;
        for (const SqlResult &r : results) {
            changed = changed || r.meta.changedDb;
            out.push_back(toJson(r));
        }
        if (changed)
            ++m_changes;
        return BindingResult::success(dump(out));
    }
    if (op == "exec") {
        int64_t count = 0;
        double duration = 0;
        if (StorageError e = store.exec(stringArg(args, "sql"), count, duration))
            return BindingResult::error(
                (e.message.rfind("Error in line ", 0) == 0 ? "D1_EXEC_ERROR: " : "D1_ERROR: ") +
                e.message);
        ++m_changes;
        return BindingResult::success(dump(json{{"count", count}, {"duration", duration}}));
    }
    return BindingResult::error("D1 has no operation '" + std::string(op) + "'");
}

// ---- savepoints -----------------------------------------------------------

bool IsolateStorage::savepoint(std::string *error)
{
    std::lock_guard lock(m_mutex);
    const std::string name = "sy_isolation_" + std::to_string(m_savepoints + 1);
    std::vector<SqliteConnection *> opened;
    for (SqliteConnection *db : connections()) {
        if (!db->exec("SAVEPOINT " + name, error)) {
            for (SqliteConnection *o : opened) {
                o->exec("ROLLBACK TO " + name, nullptr);
                o->exec("RELEASE " + name, nullptr);
            }
            return false;
        }
        opened.push_back(db);
    }
    ++m_savepoints;
    return true;
}

bool IsolateStorage::rollbackToSavepoint(std::string *error)
{
    return closeSavepoint(true, error);
}

bool IsolateStorage::release(std::string *error)
{
    return closeSavepoint(false, error);
}

bool IsolateStorage::closeSavepoint(bool rollback, std::string *error)
{
    std::lock_guard lock(m_mutex);
    if (m_savepoints == 0) {
        if (error)
            *error = "no savepoint is open";
        return false;
    }
    const std::string name = "sy_isolation_" + std::to_string(m_savepoints);
    bool ok = true;
    for (SqliteConnection *db : connections())
        ok = (!rollback || db->exec("ROLLBACK TO " + name, error)) &&
             db->exec("RELEASE " + name, error) && ok;
    --m_savepoints;
    if (rollback)
        ++m_changes;
    return ok;
}

int IsolateStorage::savepointDepth() const
{
    std::lock_guard lock(m_mutex);
    return m_savepoints;
}

void IsolateStorage::setD1TimeLimits(std::chrono::milliseconds app,
                                     std::chrono::milliseconds inspector)
{
    std::lock_guard lock(m_mutex);
    for (auto &[id, store] : m_d1ById)
        store->setTimeLimits(app, inspector);
}

void IsolateStorage::setClock(Clock clock)
{
    std::lock_guard lock(m_mutex);
    m_clock = clock ? std::move(clock) : Clock(&systemNowMs);
}

int64_t IsolateStorage::nowMs() const
{
    std::lock_guard lock(m_mutex);
    return m_clock();
}

bool IsolateStorage::applyD1Migrations(std::string_view name, std::vector<std::string> *applied,
                                       std::string *error)
{
    std::lock_guard lock(m_mutex);
    const BindingDescriptor *b = binding(name);
    D1DatabaseStore *store = d1(name);
    if (!b || !store) {
        if (error)
            *error = "no D1 binding named '" + std::string(name) + "'";
        return false;
    }
    std::vector<std::string> done;
    StorageError e = sy::applyD1Migrations(*store, b->migrationsDir, done);
    if (!done.empty())
        ++m_changes;
    if (applied)
        *applied = std::move(done);
    if (e) {
        if (error)
            *error = b->migrationsDir + "/" + e.message;
        return false;
    }
    return true;
}

// ---- inspector --------------------------------------------------------------

std::vector<KvEntry> IsolateStorage::kvEntries(std::string_view binding, size_t limit,
                                               std::string *error, const std::string &prefix)
{
    std::lock_guard lock(m_mutex);
    KvNamespaceStore *store = kv(binding);
    if (!store) {
        if (error)
            *error = "no KV binding named '" + std::string(binding) + "'";
        return {};
    }
    return store->entries(limit, prefix, error);
}

int64_t IsolateStorage::kvCount(std::string_view binding, std::string *error)
{
    std::lock_guard lock(m_mutex);
    KvNamespaceStore *store = kv(binding);
    if (!store) {
        if (error)
            *error = "no KV binding named '" + std::string(binding) + "'";
        return 0;
    }
    return store->count(error);
}

std::vector<D1TableInfo> IsolateStorage::d1Tables(std::string_view binding, std::string *error)
{
    std::lock_guard lock(m_mutex);
    D1DatabaseStore *store = d1(binding);
    if (!store) {
        if (error)
            *error = "no D1 binding named '" + std::string(binding) + "'";
        return {};
    }
    return store->tables(error);
}

bool IsolateStorage::d1ReadOnlyQuery(std::string_view binding, const std::string &sql,
                                     size_t maxRows, SqlResult &out, std::string *error)
{
    std::lock_guard lock(m_mutex);
    D1DatabaseStore *store = d1(binding);
    if (!store) {
        if (error)
            *error = "no D1 binding named '" + std::string(binding) + "'";
        return false;
    }
    if (StorageError e = store->readOnlyQuery(sql, maxRows, out)) {
        if (error)
            *error = e.message;
        return false;
    }
    return true;
}

bool IsolateStorage::d1TableRows(std::string_view binding, const std::string &table, size_t offset,
                                 size_t limit, SqlResult &out, std::string *error)
{
    return d1ReadOnlyQuery(binding,
                           "SELECT * FROM " + quoteIdentifier(table) + " LIMIT " +
                               std::to_string(limit) + " OFFSET " + std::to_string(offset),
                           limit, out, error);
}

} // namespace sy
