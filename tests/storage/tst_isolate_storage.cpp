// IsolateStorage through its BindingHost interface (the same JSON the worker
// realm sends): KV and D1 semantics and errors as Cloudflare reports them,
// savepoints across all databases, persistence in a directory, D1
// migrations, the inspector's read-only access, and a reader thread beside a
// writer thread.
#include "storage/isolateStorage.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

using namespace sy;
using nlohmann::json;

namespace {

const int64_t kT0 = 1'800'000'000'000; // a fixed "now" (ms) for expiration tests

std::vector<BindingDescriptor> bindings()
{
    return {{"KV", BindingKind::Kv, "kv-id", {}},
            {"CACHE", BindingKind::Kv, "", {}},
            {"DB", BindingKind::D1, "db-id", {}}};
}

struct Reply {
    BindingResult result;
    json value;
    std::string bytes() const { return std::string(result.bytes.begin(), result.bytes.end()); }
};

Reply call(IsolateStorage &s, const char *binding, const char *op, const json &args,
           std::string_view bytes = {})
{
    Reply r;
    r.result = s.call(binding, op, args.dump(),
                      {reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size()});
    if (r.result.ok())
        r.value = json::parse(r.result.json);
    return r;
}

// Asserts a failure with exactly `message` (and TypeError-ness).
#define EXPECT_ERROR(reply, text, isType)                                                          \
    do {                                                                                           \
        const Reply &r_ = (reply);                                                                 \
        QVERIFY2(!r_.result.ok(), r_.result.json.c_str());                                         \
        QCOMPARE(QString::fromStdString(r_.result.message), QString::fromUtf8(text));              \
        QCOMPARE(r_.result.status == BindingResult::Status::TypeError, isType);                    \
    } while (0)

#define EXPECT_OK(reply)                                                                           \
    do {                                                                                           \
        const Reply &r_ = (reply);                                                                 \
        QVERIFY2(r_.result.ok(), r_.result.message.c_str());                                       \
    } while (0)

json query(IsolateStorage &s, const std::string &sql, json params = json::array())
{
    Reply r = call(s, "DB", "query", {{"sql", sql}, {"params", params}});
    if (!r.result.ok())
        qWarning("query failed: %s", r.result.message.c_str());
    return r.value;
}

std::vector<std::string> listAll(IsolateStorage &s, const json &base)
{
    std::vector<std::string> names;
    json args = base;
    for (int page = 0; page < 100; ++page) {
        Reply r = call(s, "KV", "list", args);
        if (!r.result.ok())
            return names;
        for (const json &k : r.value["keys"])
            names.push_back(k["name"].get<std::string>());
        if (r.value["list_complete"].get<bool>())
            break;
        args["cursor"] = r.value["cursor"];
    }
    return names;
}

void writeFile(const QString &path, const std::string &text)
{
    std::ofstream(path.toStdString()) << text;
}

} // namespace

class TstIsolateStorage : public QObject {
    Q_OBJECT

    std::shared_ptr<IsolateStorage> fresh()
    {
        std::string error;
        auto s = IsolateStorage::createInMemory(bindings(), &error);
        if (!s)
            qFatal("createInMemory: %s", error.c_str());
        return s;
    }

private slots:
    // ---- KV ---------------------------------------------------------------

    void kvPutGetDelete()
    {
        auto s = fresh();
        EXPECT_OK(call(*s, "KV", "put", {{"key", "greeting"}, {"metadata", R"({"lang":"en"})"}},
                       "hello"));
        Reply got = call(*s, "KV", "get", {{"key", "greeting"}, {"type", "text"}});
        EXPECT_OK(got);
        QCOMPARE(got.value["found"].get<bool>(), true);
        QCOMPARE(got.bytes(), std::string("hello"));
        QCOMPARE(got.value["metadata"], json({{"lang", "en"}}));
        QVERIFY(!got.value.contains("expiration"));

        // Empty values are values, not missing keys.
        EXPECT_OK(call(*s, "KV", "put", {{"key", "empty"}}, ""));
        Reply empty = call(*s, "KV", "get", {{"key", "empty"}, {"type", "text"}});
        QCOMPARE(empty.value["found"].get<bool>(), true);
        QCOMPARE(empty.bytes(), std::string());
        QVERIFY(empty.value["metadata"].is_null());

        // Binary values survive byte for byte.
        const std::string binary("\x00\xff\x10\x00z", 5);
        EXPECT_OK(call(*s, "KV", "put", {{"key", "bin"}}, binary));
        QCOMPARE(call(*s, "KV", "get", {{"key", "bin"}, {"type", "arrayBuffer"}}).bytes(), binary);

        EXPECT_OK(call(*s, "KV", "delete", {{"key", "greeting"}}));
        QCOMPARE(call(*s, "KV", "get", {{"key", "greeting"}, {"type", "text"}})
                     .value["found"]
                     .get<bool>(),
                 false);
        EXPECT_OK(call(*s, "KV", "delete", {{"key", "never-there"}}));
    }

    void kvKeyValidation()
    {
        auto s = fresh();
        const std::string tooLong(513, 'x');
        std::string euros; // 171 x 3 bytes = 513 UTF-8 bytes in 171 characters
        for (int i = 0; i < 171; ++i)
            euros += "\xe2\x82\xac";
        for (const char *op : {"get", "put", "delete"}) {
            const json typeArg = std::string(op) == "get" ? json("text") : json();
            EXPECT_ERROR(call(*s, "KV", op, {{"key", ""}, {"type", typeArg}}),
                         "Key name cannot be empty.", true);
            EXPECT_ERROR(call(*s, "KV", op, {{"key", "."}, {"type", typeArg}}),
                         "\".\" is not allowed as a key name.", true);
            EXPECT_ERROR(call(*s, "KV", op, {{"key", ".."}, {"type", typeArg}}),
                         "\"..\" is not allowed as a key name.", true);
            const std::string method = QString(op).toUpper().toStdString();
            EXPECT_ERROR(call(*s, "KV", op, {{"key", tooLong}, {"type", typeArg}}),
                         ("KV " + method +
                          " failed: 414 UTF-8 encoded length of 513 exceeds key length limit of "
                          "512.")
                             .c_str(),
                         false);
            EXPECT_ERROR(call(*s, "KV", op, {{"key", euros}, {"type", typeArg}}),
                         ("KV " + method +
                          " failed: 414 UTF-8 encoded length of 513 exceeds key length limit of "
                          "512.")
                             .c_str(),
                         false);
        }
        EXPECT_OK(call(*s, "KV", "put", {{"key", std::string(512, 'y')}}, "ok"));
        EXPECT_OK(call(*s, "KV", "put", {{"key", "..."}}, "three dots are fine"));
    }

    void kvGetOptions()
    {
        auto s = fresh();
        EXPECT_ERROR(call(*s, "KV", "get", {{"key", "k"}, {"type", "banana"}}),
                     "Unknown response type. Possible types are \"text\", \"arrayBuffer\", "
                     "\"json\", and \"stream\".",
                     true);
        EXPECT_ERROR(call(*s, "KV", "get", {{"key", "k"}, {"type", "text"}, {"cacheTtl", 29}}),
                     "KV GET failed: 400 Invalid cache_ttl of 29. Cache TTL must be at least 30.",
                     false);
        EXPECT_OK(call(*s, "KV", "get", {{"key", "k"}, {"type", "json"}, {"cacheTtl", 30}}));
    }

    void kvExpiration()
    {
        auto s = fresh();
        std::atomic<int64_t> now{kT0};
        s->setClock([&] { return now.load(); });
        const int64_t nowS = kT0 / 1000;

        EXPECT_OK(call(*s, "KV", "put", {{"key", "ttl"}, {"expirationTtl", 60}}, "short"));
        EXPECT_OK(call(*s, "KV", "put", {{"key", "at"}, {"expiration", nowS + 120}}, "later"));
        // Both given: expirationTtl wins (Cloudflare's API documents it so).
        EXPECT_OK(call(*s, "KV", "put",
                       {{"key", "both"}, {"expiration", nowS + 3600}, {"expirationTtl", 90}}, "x"));
        EXPECT_OK(call(*s, "KV", "put", {{"key", "forever"}}, "y"));
        Reply ttl = call(*s, "KV", "get", {{"key", "ttl"}, {"type", "text"}});
        QCOMPARE(ttl.value["expiration"].get<int64_t>(), nowS + 60);
        QCOMPARE(call(*s, "KV", "get", {{"key", "both"}, {"type", "text"}})
                     .value["expiration"]
                     .get<int64_t>(),
                 nowS + 90);
        Reply listed = call(*s, "KV", "list", json::object());
        QCOMPARE(listed.value["keys"].size(), size_t(4));
        QCOMPARE(listed.value["keys"][0]["name"].get<std::string>(), std::string("at"));
        QCOMPARE(listed.value["keys"][0]["expiration"].get<int64_t>(), nowS + 120);
        QVERIFY(!listed.value["keys"][2].contains("expiration")); // "forever"

        now = kT0 + 61'000; // past "ttl", before "both" and "at"
        QCOMPARE(
            call(*s, "KV", "get", {{"key", "ttl"}, {"type", "text"}}).value["found"].get<bool>(),
            false);
        QCOMPARE(listAll(*s, json::object()), (std::vector<std::string>{"at", "both", "forever"}));
        QCOMPARE(s->kvCount("KV", nullptr), int64_t(3));

        now = kT0 + 121'000;
        QCOMPARE(listAll(*s, json::object()), (std::vector<std::string>{"forever"}));
        // Re-putting an expired key makes it live again.
        EXPECT_OK(call(*s, "KV", "put", {{"key", "ttl"}}, "back"));
        QCOMPARE(call(*s, "KV", "get", {{"key", "ttl"}, {"type", "text"}}).bytes(),
                 std::string("back"));
    }

    void kvExpirationErrors()
    {
        auto s = fresh();
        s->setClock([] { return kT0; });
        const int64_t nowS = kT0 / 1000;
        EXPECT_ERROR(call(*s, "KV", "put", {{"key", "k"}, {"expirationTtl", 59}}, "v"),
                     "KV PUT failed: 400 Invalid expiration_ttl of 59. Expiration TTL must be at "
                     "least 60.",
                     false);
        EXPECT_ERROR(call(*s, "KV", "put", {{"key", "k"}, {"expirationTtl", 0}}, "v"),
                     "KV PUT failed: 400 Invalid expiration_ttl of 0. Please specify integer "
                     "greater than 0.",
                     false);
        EXPECT_ERROR(call(*s, "KV", "put", {{"key", "k"}, {"expirationTtl", "nan"}}, "v"),
                     "KV PUT failed: 400 Invalid expiration_ttl of nan. Please specify integer "
                     "greater than 0.",
                     false);
        EXPECT_ERROR(call(*s, "KV", "put", {{"key", "k"}, {"expiration", nowS}}, "v"),
                     ("KV PUT failed: 400 Invalid expiration of " + std::to_string(nowS) +
                      ". Please specify integer greater than the current number of seconds since "
                      "the UNIX epoch.")
                         .c_str(),
                     false);
        EXPECT_ERROR(call(*s, "KV", "put", {{"key", "k"}, {"expiration", nowS + 30}}, "v"),
                     ("KV PUT failed: 400 Invalid expiration of " + std::to_string(nowS + 30) +
                      ". Expiration times must be at least 60 seconds in the future.")
                         .c_str(),
                     false);
        // Numeric strings are read as integers, fractions truncated (workerd's conversion).
        EXPECT_OK(call(*s, "KV", "put", {{"key", "k"}, {"expirationTtl", "61"}}, "v"));
        EXPECT_OK(call(*s, "KV", "put", {{"key", "k"}, {"expirationTtl", 60.9}}, "v"));
        QCOMPARE(call(*s, "KV", "get", {{"key", "k"}, {"type", "text"}})
                     .value["expiration"]
                     .get<int64_t>(),
                 nowS + 60);
        QCOMPARE(s->kvCount("KV", nullptr), int64_t(1)); // failed puts wrote nothing
    }

    void kvSizeLimits()
    {
        auto s = fresh();
        const std::string big(KvNamespaceStore::kMaxValueBytes + 1, 'v');
        EXPECT_ERROR(call(*s, "KV", "put", {{"key", "big"}}, big),
                     "KV PUT failed: 413 Value length of 26214401 exceeds limit of 26214400.",
                     false);
        const std::string meta = json({{"m", std::string(1020, 'm')}}).dump(); // 1028 bytes
        EXPECT_ERROR(call(*s, "KV", "put", {{"key", "meta"}, {"metadata", meta}}, "v"),
                     "KV PUT failed: 413 Metadata length of 1028 exceeds limit of 1024.", false);
        const std::string maxValue(KvNamespaceStore::kMaxValueBytes, 'v');
        EXPECT_OK(call(*s, "KV", "put", {{"key", "max"}}, maxValue));
        QCOMPARE(call(*s, "KV", "get", {{"key", "max"}, {"type", "text"}}).result.bytes.size(),
                 maxValue.size());
    }

    void kvListPagination()
    {
        auto s = fresh();
        std::vector<std::string> expected;
        for (int i = 0; i < 25; ++i) {
            char key[16];
            std::snprintf(key, sizeof key, "user:%02d", i);
            expected.push_back(key);
            EXPECT_OK(
                call(*s, "KV", "put", {{"key", key}, {"metadata", json({{"n", i}}).dump()}}, "v"));
        }
        EXPECT_OK(call(*s, "KV", "put", {{"key", "session:1"}}, "v"));
        EXPECT_OK(call(*s, "KV", "put", {{"key", "user"}}, "v")); // no colon: outside "user:"

        Reply first = call(*s, "KV", "list", {{"prefix", "user:"}, {"limit", 10}});
        EXPECT_OK(first);
        QCOMPARE(first.value["keys"].size(), size_t(10));
        QCOMPARE(first.value["list_complete"].get<bool>(), false);
        QVERIFY(first.value["cursor"].is_string());
        QVERIFY(first.value.contains("cacheStatus"));
        QCOMPARE(first.value["keys"][3]["metadata"], json({{"n", 3}}));
        QCOMPARE(listAll(*s, {{"prefix", "user:"}, {"limit", 10}}), expected);
        QCOMPARE(listAll(*s, {{"prefix", "user:"}, {"limit", 25}}), expected);

        Reply exact = call(*s, "KV", "list", {{"prefix", "user:"}, {"limit", 25}});
        QCOMPARE(exact.value["list_complete"].get<bool>(), true);
        QVERIFY(!exact.value.contains("cursor"));

        // limit: default (and 0) is 1000, more is an error.
        QCOMPARE(call(*s, "KV", "list", json::object()).value["keys"].size(), size_t(27));
        QCOMPARE(call(*s, "KV", "list", {{"limit", 0}}).value["keys"].size(), size_t(27));
        EXPECT_ERROR(call(*s, "KV", "list", {{"limit", 1001}}),
                     "KV GET failed: 400 Invalid key_count_limit of 1001. Please specify integer "
                     "less than 1000.",
                     false);
        EXPECT_ERROR(call(*s, "KV", "list", {{"cursor", "not a cursor!"}}),
                     "KV GET failed: 400 Invalid cursor not a cursor!.", false);
    }

    void kvListOrderIsUtf8Bytes()
    {
        auto s = fresh();
        for (const char *k : {"a", "B", "\xc3\xa9", "z", "aa", "A"})
            EXPECT_OK(call(*s, "KV", "put", {{"key", k}}, "v"));
        QCOMPARE(listAll(*s, json::object()),
                 (std::vector<std::string>{"A", "B", "a", "aa", "z", "\xc3\xa9"}));
        QCOMPARE(listAll(*s, {{"prefix", "a"}}), (std::vector<std::string>{"a", "aa"}));
    }

    void kvNamespacesAreSeparateUnlessTheyShareAnId()
    {
        std::vector<BindingDescriptor> b = {{"ONE", BindingKind::Kv, "shared", {}},
                                            {"TWO", BindingKind::Kv, "shared", {}},
                                            {"OTHER", BindingKind::Kv, "", {}}};
        auto s = IsolateStorage::createInMemory(b);
        QVERIFY(s);
        EXPECT_OK(call(*s, "ONE", "put", {{"key", "k"}}, "from one"));
        QCOMPARE(call(*s, "TWO", "get", {{"key", "k"}, {"type", "text"}}).bytes(),
                 std::string("from one"));
        QCOMPARE(
            call(*s, "OTHER", "get", {{"key", "k"}, {"type", "text"}}).value["found"].get<bool>(),
            false);
    }

    void badCallsAreErrorsNotCrashes()
    {
        auto s = fresh();
        EXPECT_ERROR(call(*s, "NOPE", "get", {{"key", "k"}}), "No storage binding named 'NOPE'",
                     false);
        EXPECT_ERROR(call(*s, "KV", "frobnicate", json::object()),
                     "KV has no operation 'frobnicate'", false);
        BindingResult r = s->call("KV", "get", "{not json", {});
        QVERIFY(!r.ok());
        QVERIFY(r.message.find("not a JSON object") != std::string::npos);
    }

    // ---- D1 -----------------------------------------------------------------

    void d1CreateInsertSelect()
    {
        auto s = fresh();
        json created = query(*s, "CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT UNIQUE, "
                                 "score REAL, avatar BLOB, active INTEGER)");
        QCOMPARE(created["meta"]["changed_db"].get<bool>(), true);
        QCOMPARE(created["meta"]["changes"].get<int>(), 0);

        json inserted =
            query(*s, "INSERT INTO users(name, score, avatar, active) VALUES(?, ?, ?, ?)",
                  {"ada", 9.5, {1, 2, 255}, true});
        QCOMPARE(inserted["meta"]["changes"].get<int>(), 1);
        QCOMPARE(inserted["meta"]["rows_written"].get<int>(), 1);
        QCOMPARE(inserted["meta"]["last_row_id"].get<int>(), 1);
        QVERIFY(inserted["meta"]["size_after"].get<int64_t>() > 0);
        QVERIFY(inserted["meta"]["duration"].get<double>() >= 0);
        QCOMPARE(inserted["meta"]["served_by"].get<std::string>(), std::string("switchyard.db"));
        query(*s, "INSERT INTO users(name, score, avatar, active) VALUES(?1, ?2, ?3, ?4)",
              {"bob", 7, json::array(), nullptr});

        json selected = query(*s, "SELECT id, name, score, avatar, active FROM users ORDER BY id");
        QCOMPARE(selected["columns"], json({"id", "name", "score", "avatar", "active"}));
        QCOMPARE(selected["rows"].size(), size_t(2));
        QCOMPARE(selected["rows"][0], json({1, "ada", 9.5, {1, 2, 255}, 1}));
        // 7 binds as an INTEGER, an empty array is an empty BLOB, null is NULL.
        QCOMPARE(selected["rows"][1], json({2, "bob", 7, json::array(), nullptr}));
        QCOMPARE(selected["meta"]["changed_db"].get<bool>(), false);
        QCOMPARE(selected["meta"]["rows_read"].get<int>(), 2);
        // The same SQL again runs the cached statement: same answer, fresh counts.
        json again = query(*s, "SELECT id, name, score, avatar, active FROM users ORDER BY id");
        QCOMPARE(again["rows"], selected["rows"]);
        QCOMPARE(again["meta"]["rows_read"].get<int>(), 2);
        QCOMPARE(again["meta"]["size_after"], inserted["meta"]["size_after"]);
        QCOMPARE(query(*s, "SELECT typeof(score) AS t FROM users WHERE id = 2")["rows"][0][0],
                 json("real")); // REAL column affinity
    }

    void d1CachedStatementsFollowSchemaChanges()
    {
        auto s = fresh();
        query(*s, "CREATE TABLE t(a)");
        query(*s, "INSERT INTO t VALUES(1)");
        QCOMPARE(query(*s, "SELECT * FROM t")["columns"], json({"a"}));
        query(*s, "ALTER TABLE t ADD COLUMN b DEFAULT 7");
        QCOMPARE(query(*s, "SELECT * FROM t")["rows"], json({{1, 7}}));
        query(*s, "DROP TABLE t");
        EXPECT_ERROR(call(*s, "DB", "query", {{"sql", "SELECT * FROM t"}}),
                     "D1_ERROR: no such table: t: SQLITE_ERROR", false);
        // A cached statement is reset after a failure: its bindings do not leak.
        query(*s, "CREATE TABLE u(v NOT NULL)");
        EXPECT_ERROR(
            call(*s, "DB", "query", {{"sql", "INSERT INTO u VALUES(?)"}, {"params", {nullptr}}}),
            "D1_ERROR: NOT NULL constraint failed: u.v: SQLITE_CONSTRAINT", false);
        query(*s, "INSERT INTO u VALUES(?)", {5});
        QCOMPARE(query(*s, "SELECT v FROM u")["rows"], json({{5}}));
    }

    void d1SeveralStatementsInOneQuery()
    {
        auto s = fresh();
        json r = query(*s,
                       "CREATE TABLE t(a); INSERT INTO t VALUES(1); INSERT INTO t VALUES(2);"
                       " SELECT sum(a) AS total FROM t WHERE a > ?",
                       {0});
        QCOMPARE(r["columns"], json({"total"}));
        QCOMPARE(r["rows"], json({{3}}));
        QCOMPARE(r["meta"]["changes"].get<int>(), 2);

        EXPECT_ERROR(call(*s, "DB", "query",
                          {{"sql", "INSERT INTO t VALUES(?); SELECT 1"}, {"params", {5}}}),
                     "D1_ERROR: When executing multiple SQL statements in a single call, only the "
                     "last statement can have parameters.",
                     false);
        // Atomic: the second statement fails, the first is undone.
        EXPECT_ERROR(call(*s, "DB", "query",
                          {{"sql", "INSERT INTO t VALUES(10); INSERT INTO nope VALUES(1)"}}),
                     "D1_ERROR: no such table: nope: SQLITE_ERROR", false);
        QCOMPARE(query(*s, "SELECT count(*) AS n FROM t")["rows"][0][0], json(2));
        EXPECT_ERROR(call(*s, "DB", "query", {{"sql", "SELECT ?, ?"}, {"params", {1}}}),
                     "D1_ERROR: Wrong number of parameter bindings for SQL query.", false);
        EXPECT_ERROR(call(*s, "DB", "query", {{"sql", "  -- nothing here\n"}}),
                     "D1_ERROR: No SQL statements detected.", false);
        // A trailing semicolon and comment after the last statement are fine.
        QCOMPARE(query(*s, "SELECT ? AS v; -- done", {4})["rows"], json({{4}}));
    }

    void d1Errors()
    {
        auto s = fresh();
        query(*s, "CREATE TABLE users(email TEXT UNIQUE NOT NULL)");
        query(*s, "INSERT INTO users VALUES('a@x')");
        EXPECT_ERROR(call(*s, "DB", "query", {{"sql", "INSERT INTO users VALUES('a@x')"}}),
                     "D1_ERROR: UNIQUE constraint failed: users.email: SQLITE_CONSTRAINT", false);
        EXPECT_ERROR(call(*s, "DB", "query", {{"sql", "SELEC 1"}}),
                     "D1_ERROR: near \"SELEC\": syntax error: SQLITE_ERROR", false);
        EXPECT_ERROR(call(*s, "DB", "query", {{"sql", "SELECT * FROM nope"}}),
                     "D1_ERROR: no such table: nope: SQLITE_ERROR", false);
        EXPECT_ERROR(call(*s, "DB", "query", {{"sql", "SELECT ?"}, {"params", {{{"a", 1}}}}}),
                     "D1_TYPE_ERROR: Type 'object' not supported for value '{\"a\":1}'", false);
        // Foreign keys are enforced, as in D1.
        query(*s, "CREATE TABLE posts(author TEXT REFERENCES users(email))");
        EXPECT_ERROR(call(*s, "DB", "query", {{"sql", "INSERT INTO posts VALUES('ghost')"}}),
                     "D1_ERROR: FOREIGN KEY constraint failed: SQLITE_CONSTRAINT", false);
    }

    void d1RunawayQueriesAreStopped()
    {
        auto s = fresh();
        s->setD1TimeLimits(std::chrono::milliseconds(100), std::chrono::milliseconds(50));
        query(*s, "CREATE TABLE t(v)");
        query(*s, "INSERT INTO t VALUES(1)");
        const char *runaway = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                              "SELECT count(*) FROM c";
        QElapsedTimer timer;
        timer.start();
        EXPECT_ERROR(call(*s, "DB", "query", {{"sql", runaway}}),
                     "D1_ERROR: the query ran longer than 100 ms and was stopped (D1 limits a "
                     "query to 30 s): SQLITE_INTERRUPT",
                     false);
        QVERIFY(timer.elapsed() < 5000);
        // In a multi-statement query and a batch the earlier writes are undone.
        EXPECT_ERROR(
            call(*s, "DB", "query", {{"sql", std::string("INSERT INTO t VALUES(2); ") + runaway}}),
            "D1_ERROR: the query ran longer than 100 ms and was stopped (D1 limits a "
            "query to 30 s): SQLITE_INTERRUPT",
            false);
        QVERIFY(!call(*s, "DB", "batch",
                      {{"statements", {{{"sql", "INSERT INTO t VALUES(3)"}}, {{"sql", runaway}}}}})
                     .result.ok());
        QCOMPARE(query(*s, "SELECT count(*) FROM t")["rows"][0][0], json(1));
        // The inspector's limit is its own; the database stays usable.
        SqlResult out;
        std::string error;
        QVERIFY(!s->d1ReadOnlyQuery("DB", runaway, 10, out, &error));
        QVERIFY2(error.find("longer than 50 ms") != std::string::npos, error.c_str());
        QCOMPARE(query(*s, "SELECT v FROM t")["rows"], json({{1}}));
    }

    void d1RefusesTransactionStatements()
    {
        auto s = fresh();
        const char *refused = "D1_ERROR: BEGIN, COMMIT, ROLLBACK and SAVEPOINT are not allowed: "
                              "D1 runs each query and each batch() atomically (use "
                              "env.DB.batch([...]) for a transaction): SQLITE_AUTH";
        for (const char *sql :
             {"BEGIN", "BEGIN TRANSACTION", "COMMIT", "ROLLBACK", "SAVEPOINT x", "RELEASE x"})
            EXPECT_ERROR(call(*s, "DB", "query", {{"sql", sql}}), refused, false);
        EXPECT_ERROR(call(*s, "DB", "query", {{"sql", "ATTACH ':memory:' AS other"}}),
                     "D1_ERROR: ATTACH and DETACH are not allowed in D1: SQLITE_AUTH", false);
        // PRAGMAs D1 allows still work.
        QCOMPARE(query(*s, "PRAGMA foreign_keys")["rows"], json({{1}}));
    }

    void d1BatchIsAtomic()
    {
        auto s = fresh();
        query(*s, "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
        Reply ok = call(*s, "DB", "batch",
                        {{"statements",
                          {{{"sql", "INSERT INTO t(v) VALUES(?)"}, {"params", {"a"}}},
                           {{"sql", "INSERT INTO t(v) VALUES(?)"}, {"params", {"b"}}},
                           {{"sql", "SELECT v FROM t ORDER BY id"}, {"params", json::array()}}}}});
        EXPECT_OK(ok);
        QCOMPARE(ok.value.size(), size_t(3));
        QCOMPARE(ok.value[1]["meta"]["last_row_id"].get<int>(), 2);
        QCOMPARE(ok.value[2]["rows"], json({{"a"}, {"b"}}));

        EXPECT_ERROR(call(*s, "DB", "batch",
                          {{"statements",
                            {{{"sql", "INSERT INTO t(v) VALUES('c')"}},
                             {{"sql", "INSERT INTO t(v) VALUES(NULL)"}}}}}),
                     "D1_ERROR: NOT NULL constraint failed: t.v: SQLITE_CONSTRAINT", false);
        QCOMPARE(query(*s, "SELECT count(*) FROM t")["rows"][0][0], json(2)); // 'c' rolled back
        EXPECT_ERROR(call(*s, "DB", "batch", {{"statements", json::array()}}),
                     "D1_ERROR: batch() needs at least one statement.", false);
    }

    void d1Exec()
    {
        auto s = fresh();
        Reply r =
            call(*s, "DB", "exec",
                 {{"sql", "\n  CREATE TABLE t(a);\nINSERT INTO t VALUES(1);\n\n"
                          "-- a comment\nINSERT INTO t VALUES(2); INSERT INTO t VALUES(3)\n"}});
        EXPECT_OK(r);
        QCOMPARE(r.value["count"].get<int>(), 3);
        QVERIFY(r.value["duration"].get<double>() >= 0);
        QCOMPARE(query(*s, "SELECT count(*) FROM t")["rows"][0][0], json(3));

        EXPECT_ERROR(call(*s, "DB", "exec",
                          {{"sql", "INSERT INTO t VALUES(4);\nINSERT INTO nope VALUES(5);"}}),
                     "D1_EXEC_ERROR: Error in line 2: INSERT INTO nope VALUES(5);: no such table: "
                     "nope: SQLITE_ERROR",
                     false);
        QCOMPARE(query(*s, "SELECT count(*) FROM t")["rows"][0][0], json(3)); // line 1 undone
        // A statement over several lines fails in D1's exec() too (it splits lines).
        Reply multi = call(*s, "DB", "exec", {{"sql", "CREATE TABLE u(\n a\n)"}});
        QVERIFY(!multi.result.ok());
        QVERIFY(multi.result.message.rfind("D1_EXEC_ERROR: Error in line 1: CREATE TABLE u(: ",
                                           0) == 0);
    }

    // ---- savepoints ------------------------------------------------------

    void savepointRollbackDiscardsEverything()
    {
        auto s = fresh();
        EXPECT_OK(call(*s, "KV", "put", {{"key", "kept"}}, "1"));
        query(*s, "CREATE TABLE t(v)");
        query(*s, "INSERT INTO t VALUES('before')");
        const uint64_t changes = s->changeCount();

        QVERIFY(s->savepoint());
        QCOMPARE(s->savepointDepth(), 1);
        EXPECT_OK(call(*s, "KV", "put", {{"key", "temp"}}, "2"));
        EXPECT_OK(call(*s, "CACHE", "put", {{"key", "c"}}, "3"));
        EXPECT_OK(call(*s, "KV", "delete", {{"key", "kept"}}));
        query(*s, "INSERT INTO t VALUES('during')");
        query(*s, "CREATE TABLE made_in_test(x)");
        // D1 transactions nest inside the test's savepoint, failing ones too.
        QVERIFY(!call(*s, "DB", "batch",
                      {{"statements",
                        {{{"sql", "INSERT INTO t VALUES('b1')"}}, {{"sql", "INSERT INTO nope"}}}}})
                     .result.ok());
        QVERIFY(s->rollbackToSavepoint());
        QCOMPARE(s->savepointDepth(), 0);
        QVERIFY(s->changeCount() > changes);

        QCOMPARE(call(*s, "KV", "get", {{"key", "kept"}, {"type", "text"}}).bytes(),
                 std::string("1"));
        QCOMPARE(
            call(*s, "KV", "get", {{"key", "temp"}, {"type", "text"}}).value["found"].get<bool>(),
            false);
        QCOMPARE(
            call(*s, "CACHE", "get", {{"key", "c"}, {"type", "text"}}).value["found"].get<bool>(),
            false);
        QCOMPARE(query(*s, "SELECT v FROM t")["rows"], json({{"before"}}));
        QCOMPARE(s->d1Tables("DB", nullptr).size(), size_t(1));
    }

    void savepointsNestAndRelease()
    {
        auto s = fresh();
        QVERIFY(s->savepoint()); // test file
        EXPECT_OK(call(*s, "KV", "put", {{"key", "file"}}, "f"));
        QVERIFY(s->savepoint()); // test 1
        EXPECT_OK(call(*s, "KV", "put", {{"key", "t1"}}, "1"));
        QVERIFY(s->release());   // keep t1
        QVERIFY(s->savepoint()); // test 2
        EXPECT_OK(call(*s, "KV", "put", {{"key", "t2"}}, "2"));
        QVERIFY(s->rollbackToSavepoint()); // drop t2
        QCOMPARE(listAll(*s, json::object()), (std::vector<std::string>{"file", "t1"}));
        QVERIFY(s->rollbackToSavepoint()); // drop the file's writes
        QCOMPARE(listAll(*s, json::object()), std::vector<std::string>{});

        std::string error;
        QVERIFY(!s->rollbackToSavepoint(&error));
        QCOMPARE(error, std::string("no savepoint is open"));
        QVERIFY(!s->release(&error));

        QVERIFY(s->savepoint());
        EXPECT_OK(call(*s, "KV", "put", {{"key", "committed"}}, "c"));
        QVERIFY(s->release());
        QCOMPARE(listAll(*s, json::object()), (std::vector<std::string>{"committed"}));
    }

    void storageWithoutBindingsStillSavepoints()
    {
        auto s = IsolateStorage::createInMemory({});
        QVERIFY(s);
        QVERIFY(s->savepoint());
        QVERIFY(s->rollbackToSavepoint());
    }

    // ---- files, migrations --------------------------------------------------

    void persistsAcrossInstances()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/storage";
        std::string error;
        {
            auto s = IsolateStorage::openDirectory(path, bindings(), &error);
            QVERIFY2(s, error.c_str());
            const int64_t anHourAgo = QDateTime::currentMSecsSinceEpoch() - 3'600'000;
            s->setClock([=] { return anHourAgo; });
            EXPECT_OK(call(*s, "KV", "put", {{"key", "visits"}, {"metadata", R"({"n":1})"}}, "41"));
            EXPECT_OK(call(*s, "KV", "put", {{"key", "soon-gone"}, {"expirationTtl", 60}}, "x"));
            query(*s, "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)");
            query(*s, "INSERT INTO notes(body) VALUES(?)", {"persisted"});
            QCOMPARE(s->databasePath("DB"), path + "/d1/db-id.sqlite");
            QCOMPARE(s->databasePath("KV"), path + "/kv.sqlite");
        }
        QVERIFY(QFile::exists(QString::fromStdString(path + "/kv.sqlite")));
        QVERIFY(QFile::exists(QString::fromStdString(path + "/d1/db-id.sqlite")));

        auto again = IsolateStorage::openDirectory(path, bindings(), &error);
        QVERIFY2(again, error.c_str());
        Reply visits = call(*again, "KV", "get", {{"key", "visits"}, {"type", "text"}});
        QCOMPARE(visits.bytes(), std::string("41"));
        QCOMPARE(visits.value["metadata"], json({{"n", 1}}));
        // Written an hour ago with a 60 s TTL: expired, and purged on open.
        QCOMPARE(again->kvCount("KV", nullptr), int64_t(1));
        QCOMPARE(query(*again, "SELECT body FROM notes")["rows"], json({{"persisted"}}));
    }

    void badDirectoryIsAnError()
    {
        QTemporaryDir dir;
        const QString notADb = dir.path() + "/kv.sqlite";
        writeFile(notADb, std::string(4096, 'x'));
        std::string error;
        auto s = IsolateStorage::openDirectory(dir.path().toStdString(), bindings(), &error);
        QVERIFY(!s);
        QVERIFY2(error.find("kv.sqlite") != std::string::npos, error.c_str());
        QVERIFY2(error.find("not a database") != std::string::npos, error.c_str());
    }

    void migrationsApplyOnce()
    {
        QTemporaryDir dir;
        const QString migrations = dir.path() + "/migrations";
        QDir().mkpath(migrations);
        writeFile(migrations + "/0001_init.sql",
                  "-- the schema\nCREATE TABLE todos(id INTEGER PRIMARY KEY,\n"
                  "  title TEXT NOT NULL);\nCREATE INDEX todos_title ON todos(title);\n");
        writeFile(migrations + "/0002_seed.sql", "INSERT INTO todos(title) VALUES('first');\n");
        writeFile(migrations + "/README.md", "not a migration");
        std::vector<BindingDescriptor> b = {
            {"DB", BindingKind::D1, "db", migrations.toStdString()}};
        auto s = IsolateStorage::createInMemory(b);
        std::vector<std::string> applied;
        std::string error;
        QVERIFY2(s->applyD1Migrations("DB", &applied, &error), error.c_str());
        QCOMPARE(applied, (std::vector<std::string>{"0001_init.sql", "0002_seed.sql"}));
        QVERIFY2(s->applyD1Migrations("DB", &applied, &error), error.c_str());
        QVERIFY(applied.empty());
        QCOMPARE(query(*s, "SELECT name FROM d1_migrations ORDER BY id")["rows"],
                 json({{"0001_init.sql"}, {"0002_seed.sql"}}));

        writeFile(migrations + "/0003_broken.sql",
                  "INSERT INTO todos(title) VALUES('half');\nINSERT INTO nope VALUES(1);\n");
        QVERIFY(!s->applyD1Migrations("DB", &applied, &error));
        QVERIFY2(error.find("0003_broken.sql: no such table: nope") != std::string::npos,
                 error.c_str());
        QCOMPARE(query(*s, "SELECT count(*) FROM todos")["rows"][0][0], json(1)); // all or nothing
        QVERIFY(!s->applyD1Migrations("NOPE", &applied, &error));
    }

    // ---- inspector access ---------------------------------------------------

    void readOnlyQueriesRefuseWrites()
    {
        auto s = fresh();
        query(*s, "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
        for (int i = 0; i < 30; ++i)
            query(*s, "INSERT INTO t(v) VALUES(?)", {"row " + std::to_string(i)});
        SqlResult out;
        std::string error;
        QVERIFY2(s->d1ReadOnlyQuery("DB", "SELECT count(*) AS n FROM t", 100, out, &error),
                 error.c_str());
        QCOMPARE(std::get<int64_t>(out.rows[0][0]), int64_t(30));
        QVERIFY(s->d1ReadOnlyQuery("DB",
                                   "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 "
                                   "FROM c WHERE x < 3) SELECT x FROM c",
                                   100, out, &error));
        QCOMPARE(out.rows.size(), size_t(3));
        QVERIFY(s->d1ReadOnlyQuery("DB", "PRAGMA table_info(t)", 100, out, &error));
        QCOMPARE(out.rows.size(), size_t(2));
        QVERIFY(s->d1ReadOnlyQuery("DB", "SELECT * FROM t", 10, out, &error));
        QCOMPARE(out.rows.size(), size_t(10));
        QVERIFY(out.truncated);

        for (const char *sql :
             {"INSERT INTO t(v) VALUES('x')", "UPDATE t SET v = 'y'", "DELETE FROM t",
              "DROP TABLE t", "CREATE TABLE u(a)", "BEGIN", "PRAGMA user_version = 7",
              "SELECT 1; DELETE FROM t", "ATTACH ':memory:' AS x"}) {
            QVERIFY2(!s->d1ReadOnlyQuery("DB", sql, 100, out, &error), sql);
            QVERIFY2(error.rfind("read-only", 0) == 0, error.c_str());
        }
        QCOMPARE(query(*s, "SELECT count(*) FROM t")["rows"][0][0], json(30));
        QCOMPARE(query(*s, "PRAGMA user_version")["rows"][0][0], json(0));

        QVERIFY(s->d1TableRows("DB", "t", 25, 10, out, &error));
        QCOMPARE(out.rows.size(), size_t(5));
        QCOMPARE(std::get<std::string>(out.rows[0][1]), std::string("row 25"));
        const std::vector<D1TableInfo> tables = s->d1Tables("DB", &error);
        QCOMPARE(tables.size(), size_t(1));
        QCOMPARE(tables[0].rowCount, int64_t(30));
        QCOMPARE(tables[0].columns, (std::vector<std::string>{"id", "v"}));
    }

    void readerThreadBesideWriterThread()
    {
        auto s = fresh();
        query(*s, "CREATE TABLE t(v INTEGER)");
        std::atomic<bool> done{false};
        std::atomic<int> reads{0};
        std::thread reader([&] {
            while (!done.load()) {
                std::string error;
                const auto entries = s->kvEntries("KV", 50, &error);
                SqlResult out;
                s->d1ReadOnlyQuery("DB", "SELECT count(*) FROM t", 10, out, &error);
                s->d1Tables("DB", &error);
                if (!error.empty())
                    qFatal("reader: %s", error.c_str());
                ++reads;
            }
        });
        for (int i = 0; i < 400; ++i) {
            const std::string key = "k" + std::to_string(i % 40);
            if (!call(*s, "KV", "put", {{"key", key}}, "v").result.ok() ||
                !call(*s, "DB", "query", {{"sql", "INSERT INTO t VALUES(?)"}, {"params", {i}}})
                     .result.ok())
                qFatal("writer failed");
        }
        done = true;
        reader.join();
        QVERIFY(reads.load() > 0);
        QCOMPARE(s->kvCount("KV", nullptr), int64_t(40));
        QCOMPARE(query(*s, "SELECT count(*) FROM t")["rows"][0][0], json(400));
    }
};

QTEST_GUILESS_MAIN(TstIsolateStorage)
#include "tst_isolate_storage.moc"
