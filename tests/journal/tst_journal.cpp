#include "journal/journal.h"
#include "journal/journalFeed.h"
#include "journal/journalFilterModel.h"
#include "journal/journalJson.h"
#include "journal/journalModel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <map>
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <thread>

using namespace sy;

namespace {

JournalEvent ev(const std::string &kind, const std::string &env, int64_t timeMs,
                const std::string &summary = {}, const std::string &data = "{}")
{
    JournalEvent e;
    e.kind = kind;
    e.environment = env;
    e.timeMs = timeMs;
    e.summary = summary.empty() ? kind : summary;
    e.dataJson = data;
    return e;
}

std::vector<int64_t> ids(const std::vector<JournalEvent> &events)
{
    std::vector<int64_t> out;
    for (const auto &e : events)
        out.push_back(e.id);
    return out;
}

std::string sqlitePragma(const std::string &path, const char *pragma)
{
    sqlite3 *db = nullptr;
    std::string value;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, pragma, -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW)
            value = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return value;
}

/// Records `perThread` events from each of `threads` threads; event (t, n)
/// has summary "t<t> n<n>", environment "env<t>", generation n, data {"t","n"}.
/// Returns id -> (t, n).
std::map<int64_t, std::pair<int, int>> recordConcurrently(Journal &journal, int threads,
                                                          int perThread)
{
    std::vector<std::vector<int64_t>> idsByThread{size_t(threads)};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (int n = 0; n < perThread; ++n) {
                JournalEvent e =
                    ev(n % 5 == 0 ? "optimizer-run" : "request", "env" + std::to_string(t), 0,
                       "t" + std::to_string(t) + " n" + std::to_string(n),
                       R"({"t":)" + std::to_string(t) + R"(,"n":)" + std::to_string(n) + "}");
                e.generation = n;
                idsByThread[size_t(t)].push_back(journal.record(std::move(e)));
            }
        });
    }
    for (auto &w : workers)
        w.join();
    std::map<int64_t, std::pair<int, int>> out;
    for (int t = 0; t < threads; ++t)
        for (int n = 0; n < perThread; ++n)
            out[idsByThread[size_t(t)][size_t(n)]] = {t, n};
    return out;
}

} // namespace

class TestJournal : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string file(const char *name) const { return m_dir.filePath(name).toStdString(); }

private slots:
    void concurrentRecordsComeBackInIdOrder()
    {
        std::string error;
        auto journal = Journal::open(file("concurrent.db"), &error);
        QVERIFY2(journal, error.c_str());
        const int threads = 4, perThread = 2500;
        const auto expected = recordConcurrently(*journal, threads, perThread);
        QCOMPARE(expected.size(), size_t(threads * perThread));
        journal->flush();
        const auto events = journal->query({}, &error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(events.size(), size_t(threads * perThread));
        std::vector<int> lastN(threads, -1);
        int64_t lastTime = 0;
        for (size_t i = 0; i < events.size(); ++i) {
            const JournalEvent &e = events[i];
            QCOMPARE(e.id, int64_t(i + 1));
            const auto [t, n] = expected.at(e.id);
            QCOMPARE(e.summary, "t" + std::to_string(t) + " n" + std::to_string(n));
            QCOMPARE(e.environment, "env" + std::to_string(t));
            QCOMPARE(e.generation, int64_t(n));
            QCOMPARE(e.kind, std::string(n % 5 == 0 ? "optimizer-run" : "request"));
            const auto data = nlohmann::json::parse(e.dataJson);
            QCOMPARE(data["t"].get<int>(), t);
            QCOMPARE(data["n"].get<int>(), n);
            QVERIFY(n > lastN[size_t(t)]); // each thread's events keep their order
            lastN[size_t(t)] = n;
            QVERIFY(e.timeMs >= lastTime); // times assigned with the ids
            lastTime = e.timeMs;
        }
        QVERIFY(lastTime > 1600000000000); // real ms since the epoch
        QCOMPARE(journal->droppedCount(), int64_t(0));
    }

    void queryFilters()
    {
        std::string error;
        auto journal = Journal::open(file("filters.db"), &error);
        QVERIFY2(journal, error.c_str());
        journal->record(ev("optimizer-run", "client", 1000)); // 1
        journal->record(ev("invalidation", "worker", 1010));  // 2
        journal->record(ev("request", "", 1020));             // 3
        journal->record(ev("optimizer-run", "worker", 1030)); // 4
        journal->record(ev("hmr", "client", 1040));           // 5
        journal->record(ev("error", "ssr", 1050));            // 6
        journal->record(ev("optimizer-run", "ssr", 1060));    // 7
        journal->flush();

        JournalQuery q;
        QCOMPARE(ids(journal->query(q)), (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7}));
        q.kinds = {"optimizer-run"};
        QCOMPARE(ids(journal->query(q)), (std::vector<int64_t>{1, 4, 7}));
        q.kinds = {"optimizer-run", "hmr"};
        QCOMPARE(ids(journal->query(q)), (std::vector<int64_t>{1, 4, 5, 7}));
        q.environment = "client";
        QCOMPARE(ids(journal->query(q)), (std::vector<int64_t>{1, 5}));
        q = {};
        q.environment = "";
        QCOMPARE(ids(journal->query(q)), (std::vector<int64_t>{3}));
        q = {};
        q.sinceMs = 1020;
        q.untilMs = 1040;
        QCOMPARE(ids(journal->query(q)), (std::vector<int64_t>{3, 4, 5}));
        q.untilMs.reset();
        QCOMPARE(ids(journal->query(q)), (std::vector<int64_t>{3, 4, 5, 6, 7}));
        q = {};
        q.afterId = 4;
        QCOMPARE(ids(journal->query(q)), (std::vector<int64_t>{5, 6, 7}));
        q.limit = 2;
        QCOMPARE(ids(journal->query(q)), (std::vector<int64_t>{5, 6}));
        q = {};
        q.kinds = {"optimizer-run"};
        q.sinceMs = 1010;
        q.limit = 1;
        QCOMPARE(ids(journal->query(q)), (std::vector<int64_t>{4}));
        q = {};
        q.kinds = {"no-such-kind"};
        QVERIFY(journal->query(q).empty());
    }

    void reopenSeesEverything()
    {
        const std::string path = file("reopen.db");
        std::string error;
        {
            auto journal = Journal::open(path, &error);
            QVERIFY2(journal, error.c_str());
            for (int i = 0; i < 300; ++i)
                journal->record(ev("request", "worker", 0, "r" + std::to_string(i)));
            // no flush(): the destructor drains the queue
        }
        {
            auto journal = Journal::open(path, &error);
            QVERIFY2(journal, error.c_str());
            QCOMPARE(journal->lastId(), int64_t(300));
            const auto events = journal->query({});
            QCOMPARE(events.size(), size_t(300));
            QCOMPARE(events.back().summary, std::string("r299"));
            QCOMPARE(journal->record(ev("hmr", "client", 0)), int64_t(301)); // ids continue
        }
        auto readOnly = Journal::openReadOnly(path, &error);
        QVERIFY2(readOnly, error.c_str());
        QVERIFY(readOnly->isReadOnly());
        QCOMPARE(readOnly->query({}).size(), size_t(301));
        QCOMPARE(readOnly->record(ev("hmr", "client", 0)), int64_t(0));
        readOnly->flush(); // no-op
        QCOMPARE(readOnly->query({}).size(), size_t(301));
    }

    void readerSeesRunningWriter()
    {
        const std::string path = file("running.db");
        std::string error;
        auto writer = Journal::open(path, &error);
        QVERIFY2(writer, error.c_str());
        writer->record(ev("request", "worker", 0));
        writer->flush();
        auto reader = Journal::openReadOnly(path, &error);
        QVERIFY2(reader, error.c_str());
        QCOMPARE(reader->query({}).size(), size_t(1));
        writer->record(ev("request", "worker", 0));
        writer->flush();
        QCOMPARE(reader->query({}).size(), size_t(2));
        // Without flush(): the writer thread commits on its own, soon.
        writer->record(ev("request", "worker", 0));
        QTRY_COMPARE(reader->query({}).size(), size_t(3));
    }

    void crashedProcessLeavesFlushedEvents()
    {
        const QString path = m_dir.filePath(QStringLiteral("crash.db"));
        QProcess child;
        child.start(QStringLiteral(SY_JOURNAL_WRITER),
                    {path, QStringLiteral("500"), QStringLiteral("--abort")});
        QVERIFY(child.waitForFinished(60000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        QCOMPARE(child.readAllStandardOutput().trimmed(), QByteArray("flushed 500"));
        QVERIFY(QFile::exists(path + QStringLiteral("-wal"))); // never closed cleanly

        std::string error;
        auto journal = Journal::openReadOnly(path.toStdString(), &error);
        QVERIFY2(journal, error.c_str());
        const auto events = journal->query({}, &error);
        QVERIFY2(error.empty(), error.c_str());
        QVERIFY(events.size() >= 500); // the flushed ones, maybe some of the rest
        QVERIFY(events.size() <= 1000);
        static const char *const kinds[] = {"optimizer-run", "invalidation", "request", "hmr"};
        for (int64_t i = 1; i <= int64_t(events.size()); ++i) {
            const JournalEvent &e = events[size_t(i - 1)];
            QCOMPARE(e.id, i);
            QCOMPARE(e.kind, std::string(kinds[i % 4]));
            QCOMPARE(e.timeMs, 1000000 + 10 * i);
            QCOMPARE(e.summary, "event " + std::to_string(i));
        }
        // A new writer recovers the file and continues after the last id.
        auto writer = Journal::open(path.toStdString(), &error);
        QVERIFY2(writer, error.c_str());
        QCOMPARE(writer->record(ev("generation", "", 0)), int64_t(events.size() + 1));
    }

    void walModeAndSchema()
    {
        const std::string path = file("wal.db");
        std::string error;
        auto journal = Journal::open(path, &error);
        QVERIFY2(journal, error.c_str());
        QCOMPARE(journal->pragma("journal_mode"), std::string("wal"));
        QCOMPARE(sqlitePragma(path, "PRAGMA journal_mode"), std::string("wal"));
        QCOMPARE(sqlitePragma(path, "PRAGMA user_version"), std::string("1"));
        QCOMPARE(sqlitePragma(path, "SELECT count(*) FROM sqlite_master WHERE type='index' AND "
                                    "name IN ('events_kind_time','events_time')"),
                 std::string("2"));
    }

    void badFilesGiveClearErrors()
    {
        const std::string corrupt = file("corrupt.db");
        {
            QFile f(QString::fromStdString(corrupt));
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 0; i < 512; ++i)
                f.write("this is not a database at all.\n");
        }
        std::string error;
        QVERIFY(!Journal::open(corrupt, &error));
        QVERIFY2(error.find("not a database") != std::string::npos, error.c_str());
        error.clear();
        QVERIFY(!Journal::openReadOnly(corrupt, &error));
        QVERIFY2(error.find("not a database") != std::string::npos, error.c_str());

        error.clear();
        QVERIFY(!Journal::openReadOnly(file("missing.db"), &error));
        QVERIFY2(error.find("no such file") != std::string::npos, error.c_str());

        const std::string other = file("other.db");
        {
            sqlite3 *db = nullptr;
            QCOMPARE(sqlite3_open(other.c_str(), &db), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr), SQLITE_OK);
            sqlite3_close(db);
        }
        error.clear();
        QVERIFY(!Journal::open(other, &error));
        QVERIFY2(error.find("not a Switchyard journal") != std::string::npos, error.c_str());

        error.clear();
        QVERIFY(!Journal::open("", &error));
        QVERIFY(!error.empty());
        error.clear();
        QVERIFY(!Journal::open(m_dir.path().toStdString(), &error)); // a directory
        QVERIFY(!error.empty());
    }

    void inMemoryJournalAndPayloads()
    {
        std::string error;
        auto journal = Journal::open(":memory:", &error);
        QVERIFY2(journal, error.c_str());
        journal->record(ev("error", "ssr", 5, "boom", R"({"message":"x","line":3})"));
        journal->record(ev("error", "ssr", 6, "bad payload", "{not json"));
        journal->record(ev("error", "ssr", 7, "empty payload", ""));
        journal->flush();
        const auto events = journal->query({});
        QCOMPARE(events.size(), size_t(3));
        const auto first = journalEventToJson(events[0]);
        QCOMPARE(first["data"]["line"].get<int>(), 3);
        QCOMPARE(first["timeMs"].get<int64_t>(), int64_t(5));
        QVERIFY(nlohmann::json::parse(journalEventFromJson(first).dataJson) ==
                nlohmann::json::parse(events[0].dataJson));
        const auto second = nlohmann::json::parse(events[1].dataJson);
        QCOMPARE(second["invalidJson"].get<std::string>(), std::string("{not json"));
        QCOMPARE(events[2].dataJson, std::string("{}"));
    }

    void liveSignalFeedsModels()
    {
        std::string error;
        auto journal = Journal::open(":memory:", &error);
        QVERIFY2(journal, error.c_str());
        JournalModel model;
        QAbstractItemModelTester modelTester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        JournalFilterModel filter;
        filter.setSourceModel(&model);
        filter.setKinds({QStringLiteral("optimizer-run")});
        QAbstractItemModelTester filterTester(
            &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy spy(journal->feed(), &JournalFeed::eventRecorded);
        QObject::connect(journal->feed(), &JournalFeed::eventRecorded, &model,
                         &JournalModel::append);

        const auto expected = recordConcurrently(*journal, 4, 100);
        journal->flush();
        QTRY_COMPARE(model.rowCount(), 400);
        QCOMPARE(spy.count(), 400);
        QCOMPARE(filter.rowCount(), 4 * 20); // n % 5 == 0
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex idx = model.index(row, JournalModel::SummaryColumn);
            QCOMPARE(idx.data(JournalModel::IdRole).toLongLong(), qint64(row + 1));
            const auto [t, n] = expected.at(row + 1);
            QCOMPARE(idx.data().toString(), QStringLiteral("t%1 n%2").arg(t).arg(n));
            QCOMPARE(model.index(row, JournalModel::EnvironmentColumn).data().toString(),
                     QStringLiteral("env%1").arg(t));
            const auto data = nlohmann::json::parse(
                idx.data(JournalModel::DataJsonRole).toString().toStdString());
            QCOMPARE(data["n"].get<int>(), n);
        }
        for (int row = 0; row < filter.rowCount(); ++row)
            QCOMPARE(filter.index(row, JournalModel::KindColumn).data().toString(),
                     QStringLiteral("optimizer-run"));

        // More events while filtered, then a time window and an environment.
        journal->record(ev("optimizer-run", "client", 0));
        journal->flush();
        QTRY_COMPARE(model.rowCount(), 401);
        QCOMPARE(filter.rowCount(), 81);
        filter.setKinds({});
        QCOMPARE(filter.rowCount(), 401);
        const qint64 t0 = model.index(0, 0).data(JournalModel::TimeMsRole).toLongLong();
        filter.setTimeWindow(std::nullopt, t0 - 1);
        QCOMPARE(filter.rowCount(), 0);
        filter.setTimeWindow(t0, std::nullopt);
        QCOMPARE(filter.rowCount(), 401);
        filter.setEnvironment(QStringLiteral("client"));
        QCOMPARE(filter.rowCount(), 1);
    }

    void modelIsBoundedAndIgnoresOverlap()
    {
        JournalModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        JournalFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester filterTester(
            &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.maxRows(), JournalModel::kDefaultMaxRows);
        model.setMaxRows(10);
        std::vector<JournalEvent> history;
        for (int i = 1; i <= 30; ++i) {
            JournalEvent e = ev(i % 2 ? "request" : "hmr", "client", 1000 + i);
            e.id = i;
            history.push_back(e);
        }
        model.load(history);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.event(0).id, int64_t(21));
        model.append(history[25]); // already shown: ignored
        QCOMPARE(model.rowCount(), 10);
        for (int i = 31; i <= 45; ++i) {
            JournalEvent e = ev("request", "worker", 1000 + i);
            e.id = i;
            model.append(e);
        }
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.event(0).id, int64_t(36));
        QCOMPARE(model.event(9).id, int64_t(45));
        QCOMPARE(filter.rowCount(), 10);
        model.setMaxRows(3);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(
            model.headerData(JournalModel::KindColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
            QStringLiteral("Kind"));
        filter.sort(JournalModel::TimeColumn, Qt::DescendingOrder);
        QCOMPARE(filter.index(0, 0).data(JournalModel::IdRole).toLongLong(), qint64(45));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
