// The timeline: events into lanes, the model under QAbstractItemModelTester,
// the painted view (click, zoom, filters, cursor, follow) and post-mortem replay.
#include "journal/journal.h"
#include "journal/journalModel.h"
#include "timeline/journalReplay.h"
#include "timeline/timelineCanvas.h"
#include "timeline/timelineDetails.h"
#include "timeline/timelineModel.h"
#include "timeline/timelineRowPacker.h"
#include "timeline/timelineView.h"
#include "timeline/timelineZoom.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "sampleJournal.h"
#include <QWheelEvent>
#include <nlohmann/json.hpp>
#include <tuple>

using namespace sy;
using json = nlohmann::json;

namespace {

constexpr int64_t kT0 = 1'700'000'000'000; // ms since the epoch

JournalEvent ev(int64_t id, const std::string &kind, const std::string &env, int64_t timeMs,
                const std::string &summary, const json &data, int64_t generation = 1)
{
    JournalEvent e = sy::test::journalEvent(kind, env, timeMs, summary, data, generation);
    e.id = id;
    return e;
}

// Shapes as engine/dev/devServer.cpp and engine/dev/hotUpdater.cpp record them.
JournalEvent optimizerRun(int64_t id, const std::string &env, int64_t timeMs,
                          const std::vector<std::string> &deps, const std::string &oldHash,
                          const std::string &newHash, double durationMs,
                          const std::string &outcome = "committed", int64_t generation = 1)
{
    return ev(id, "optimizer-run", env, timeMs,
              outcome + ": " + (deps.empty() ? std::string("x") : deps.front()) + " (" + oldHash +
                  " -> " + newHash + ")",
              json{{"trigger", "discovered " + (deps.empty() ? std::string() : deps.front())},
                   {"depsAdded", deps},
                   {"depsChanged", json::array()},
                   {"oldBrowserHash", oldHash},
                   {"newBrowserHash", newHash},
                   {"durationMs", durationMs},
                   {"outcome", outcome},
                   {"error", ""}},
              generation);
}

JournalEvent request(int64_t id, int64_t timeMs, const std::string &path, int status,
                     double durationMs, double heldMs, int replays, int64_t generation = 1)
{
    return ev(id, "request", "", timeMs, "GET " + path + " " + std::to_string(status),
              json{{"method", "GET"},
                   {"path", path},
                   {"status", status},
                   {"durationMs", durationMs},
                   {"held", heldMs > 0},
                   {"heldMs", heldMs},
                   {"replayed", replays > 0},
                   {"replays", replays}},
              generation);
}

JournalEvent invalidation(int64_t id, int64_t timeMs, const std::string &file,
                          const std::vector<std::string> &chain = {})
{
    json d{{"module", file}, {"cause", "file changed"}};
    if (!chain.empty())
        d["chain"] = chain;
    return ev(id, "invalidation", "", timeMs, "changed " + file, d);
}

JournalEvent generation(int64_t id, int64_t timeMs, int64_t from, int64_t to)
{
    return ev(id, "generation", "", timeMs,
              "generation " + std::to_string(from) + " -> " + std::to_string(to),
              json{{"from", from}, {"to", to}, {"reason", "re-optimization"}}, from);
}

/// One of each kind, in id order.
std::vector<JournalEvent> everyKind()
{
    return {
        optimizerRun(1, "client", kT0 + 400, {"react", "react-dom"}, "", "a1b2c3d4", 350),
        invalidation(2, kT0 + 1000, "/app/src/app/pages/Home.tsx", {"/app/src/app/Document.tsx"}),
        ev(3, "runner-cache-clear", "worker", kT0 + 1100, "dropped 2 evaluated modules",
           json{{"dropped", {"/app/src/worker.tsx", "/app/src/app/pages/Home.tsx"}},
                {"reason", "files changed"}}),
        ev(4, "hmr", "client", kT0 + 1150, "custom",
           json{{"payload", {{"type", "custom"}, {"event", "switchyard:rsc-update"}}}}),
        request(5, kT0 + 1300, "/", 200, 40, 60, 0),
        generation(6, kT0 + 1400, 1, 2),
        ev(7, "error", "", kT0 + 1500, "Transform failed: /app/src/x.tsx:3:7",
           json{{"message", "Transform failed"}, {"file", "/app/src/x.tsx"}}),
        ev(8, "stale-reference", "ssr", kT0 + 1600, "stale ?v= in /app/src/a.tsx",
           json{{"module", "/app/src/a.tsx"},
                {"dependencies",
                 {{"/node_modules/.vite/deps_ssr/react.js",
                   {{"referencedHash", "11111111"}, {"currentHash", "22222222"}}}}}}),
        request(9, kT0 + 1700, "/src/client.tsx", 500, 5, 0, 0),
        ev(10, "unknown-kind", "", kT0 + 1800, "ignored", json::object()),
    };
}

QModelIndex child(const TimelineModel &m, TimelineLane lane, int row)
{
    return m.index(row, 0, m.laneIndex(lane));
}

} // namespace

class TstTimeline : public QObject {
    Q_OBJECT
private slots:
    void eventsLandInTheirLanes();
    void additiveRunIsLabelled();
    void liveAppendUnderModelTester();
    void followsJournalModel();
    void rowPackerStacksOverlaps();
    void overlappingItemsStackIntoRows();
    void clickPicksItemInItsRow();
    void zoomArithmetic();
    void clickActivatesItemWithModules();
    void wheelZoomKeepsTimeUnderMouse();
    void filtersHideLanesAndItems();
    void cursorDragEmitsCursorMoved();
    void followNowKeepsNewestInView();
    void replayComputesStateAtTime();
    void grabIsNotBlank();
};

void TstTimeline::additiveRunIsLabelled()
{
    // engine/optimizer/optimizerRunJson: the run's kind; an additive run says so.
    JournalEvent additive = optimizerRun(1, "worker", kT0 + 400, {"is-odd"}, "a1", "b2", 15);
    json data = json::parse(additive.dataJson);
    data["kind"] = "additive";
    additive.dataJson = data.dump();
    JournalEvent full = optimizerRun(2, "client", kT0 + 900, {"react"}, "b2", "c3", 300);
    data = json::parse(full.dataJson);
    data["kind"] = "full";
    data["kindReason"] =
        "node_modules/scheduler/index.js is already part of the current pre-bundles";
    full.dataJson = data.dump();
    TimelineModel model;
    model.load({additive, full});
    QCOMPARE(child(model, TimelineLane::Optimizer, 0).data().toString(),
             QStringLiteral("worker: +is-odd additive (a1 -> b2)"));
    QCOMPARE(child(model, TimelineLane::Optimizer, 1).data().toString(),
             QStringLiteral("client: +react (b2 -> c3)"));
}

void TstTimeline::eventsLandInTheirLanes()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.load(everyKind());
    QCOMPARE(model.rowCount(), kTimelineLaneCount);
    QCOMPARE(model.totalItems(), 9); // the unknown kind is skipped
    QCOMPARE(model.itemCount(TimelineLane::Optimizer), 1);
    QCOMPARE(model.itemCount(TimelineLane::Invalidations), 2);
    QCOMPARE(model.itemCount(TimelineLane::Hmr), 1);
    QCOMPARE(model.itemCount(TimelineLane::Requests), 2);
    QCOMPARE(model.itemCount(TimelineLane::Generations), 1);
    QCOMPARE(model.itemCount(TimelineLane::Errors), 2);

    // Optimizer run: from start to commit (event time), label with deps and hashes.
    const QModelIndex run = child(model, TimelineLane::Optimizer, 0);
    QCOMPARE(run.data(TimelineModel::StartMsRole).toLongLong(), kT0 + 50);
    QCOMPARE(run.data(TimelineModel::DurationMsRole).toLongLong(), 350);
    QCOMPARE(run.data(TimelineModel::EndMsRole).toLongLong(), kT0 + 400);
    QCOMPARE(run.data().toString(),
             QStringLiteral("client: +react, react-dom (browserHash a1b2c3d4)"));
    QCOMPARE(run.data(TimelineModel::CategoryRole).toString(), QStringLiteral("committed"));
    QCOMPARE(run.data(TimelineModel::EventIdRole).toLongLong(), 1);
    QCOMPARE(run.data(TimelineModel::EnvironmentRole).toString(), QStringLiteral("client"));

    const QModelIndex inv = child(model, TimelineLane::Invalidations, 0);
    QCOMPARE(inv.data(TimelineModel::DurationMsRole).toLongLong(), 0);
    QCOMPARE(inv.data(TimelineModel::ModuleIdsRole).toStringList(),
             QStringList({"/app/src/app/pages/Home.tsx", "/app/src/app/Document.tsx"}));
    const QModelIndex clear = child(model, TimelineLane::Invalidations, 1);
    QCOMPARE(clear.data(TimelineModel::CategoryRole).toString(),
             QStringLiteral("runner-cache-clear"));
    QCOMPARE(clear.data(TimelineModel::ModuleIdsRole).toStringList().size(), 2);

    const QModelIndex hmr = child(model, TimelineLane::Hmr, 0);
    QCOMPARE(hmr.data().toString(), QStringLiteral("switchyard:rsc-update"));
    QCOMPARE(hmr.data(TimelineModel::CategoryRole).toString(), QStringLiteral("hmr-custom"));

    // Request: held 60 ms then served 40 ms, ending at the event time.
    const QModelIndex held = child(model, TimelineLane::Requests, 0);
    QCOMPARE(held.data(TimelineModel::StartMsRole).toLongLong(), kT0 + 1200);
    QCOMPARE(held.data(TimelineModel::DurationMsRole).toLongLong(), 100);
    QCOMPARE(held.data(TimelineModel::HeldMsRole).toLongLong(), 60);
    QCOMPARE(held.data(TimelineModel::CategoryRole).toString(), QStringLiteral("held"));
    QCOMPARE(held.data().toString(), QStringLiteral("GET / 200"));
    const QModelIndex failed = child(model, TimelineLane::Requests, 1);
    QCOMPARE(failed.data(TimelineModel::CategoryRole).toString(), QStringLiteral("failed"));
    model.append(request(20, kT0 + 1900, "/", 200, 40, 60, 1));
    QCOMPARE(child(model, TimelineLane::Requests, 2).data(TimelineModel::CategoryRole).toString(),
             QStringLiteral("replayed"));

    const QModelIndex gen = child(model, TimelineLane::Generations, 0);
    QCOMPARE(gen.data().toString(), QStringLiteral("generation 1 -> 2"));
    QCOMPARE(gen.data(TimelineModel::DurationMsRole).toLongLong(), 0);

    const QModelIndex error = child(model, TimelineLane::Errors, 0);
    QCOMPARE(error.data(TimelineModel::CategoryRole).toString(), QStringLiteral("error"));
    QCOMPARE(error.data(TimelineModel::ModuleIdsRole).toStringList(),
             QStringList({"/app/src/x.tsx"}));
    const QModelIndex stale = child(model, TimelineLane::Errors, 1);
    QCOMPARE(stale.data(TimelineModel::CategoryRole).toString(), QStringLiteral("stale-reference"));
    QCOMPARE(stale.data(TimelineModel::ModuleIdsRole).toStringList(),
             QStringList({"/app/src/a.tsx", "/node_modules/.vite/deps_ssr/react.js"}));

    QCOMPARE(model.indexOfEvent(8), stale);
    QVERIFY(!model.indexOfEvent(10).isValid());
    QCOMPARE(model.timeRange(), std::make_pair(kT0 + 50, kT0 + 1900));
    QCOMPARE(model.laneIndex(TimelineLane::Hmr).data().toString(), QStringLiteral("HMR"));
}

void TstTimeline::liveAppendUnderModelTester()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (const JournalEvent &e : everyKind())
        model.append(e);
    QCOMPARE(model.totalItems(), 9);
    QCOMPARE(inserted.count(), 9);
    QCOMPARE(inserted.at(0).at(0).value<QModelIndex>(), model.laneIndex(TimelineLane::Optimizer));

    // Overlap with what was appended is ignored (load + live stream).
    model.append(everyKind()[4]);
    QCOMPARE(model.totalItems(), 9);

    // Bounded: the oldest items (smallest ids, whatever their lane) go first.
    model.setMaxItems(4);
    QCOMPARE(model.totalItems(), 4);
    QCOMPARE(model.itemCount(TimelineLane::Optimizer), 0);
    QCOMPARE(model.item(TimelineLane::Errors, 0).eventId, 7);
    model.append(invalidation(11, kT0 + 2000, "/app/src/b.tsx"));
    QCOMPARE(model.totalItems(), 4);
    QCOMPARE(model.itemCount(TimelineLane::Generations), 0);
    QCOMPARE(model.item(TimelineLane::Invalidations, 0).eventId, 11);
    QCOMPARE(model.timeRange(), std::make_pair(kT0 + 1500, kT0 + 2000));

    // Many live events past a bound.
    model.setMaxItems(100);
    for (int i = 0; i < 300; ++i)
        model.append(request(100 + i, kT0 + 3000 + i, "/", 200, 1, 0, 0));
    QCOMPARE(model.totalItems(), 100);
    QCOMPARE(model.item(TimelineLane::Requests, 0).eventId, 300);

    model.clear();
    QCOMPARE(model.totalItems(), 0);
    QCOMPARE(model.rowCount(), kTimelineLaneCount);
}

void TstTimeline::followsJournalModel()
{
    JournalModel journalModel;
    const std::vector<JournalEvent> events = everyKind();
    journalModel.load({events.begin(), events.begin() + 3});
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJournalModel(&journalModel);
    QCOMPARE(model.totalItems(), 3);
    for (size_t i = 3; i < events.size(); ++i)
        journalModel.append(events[i]);
    QCOMPARE(model.totalItems(), 9);
    journalModel.clear();
    QCOMPARE(model.totalItems(), 0);
    model.setJournalModel(nullptr);
    journalModel.append(events[0]);
    QCOMPARE(model.totalItems(), 0);
}

void TstTimeline::rowPackerStacksOverlaps()
{
    const auto rows = [](const std::vector<std::pair<int64_t, int64_t>> &items) {
        TimelineRowPacker packer;
        std::vector<int> out;
        for (const auto &[start, end] : items)
            out.push_back(packer.place(start, end));
        return out;
    };
    // Not overlapping (touching bars share a row).
    QCOMPARE(rows({{0, 10}, {10, 20}, {30, 40}}), std::vector<int>({0, 0, 0}));
    // Overlapping: each goes one row down; a freed row is reused first.
    QCOMPARE(rows({{0, 10}, {5, 15}, {8, 30}, {12, 20}, {16, 18}}),
             std::vector<int>({0, 1, 2, 0, 1}));
    // Nested: a long run holds row 0, the short ones inside it share row 1.
    QCOMPARE(rows({{0, 100}, {10, 20}, {30, 40}, {50, 60}}), std::vector<int>({0, 1, 1, 1}));
    // Out of start order (items arrive when they end): still never overlapping.
    QCOMPARE(rows({{10, 20}, {0, 25}, {21, 30}}), std::vector<int>({0, 1, 0}));
    // Zero-length: instants at the same time, or at an item's end, get their own row;
    // instants apart share one.
    QCOMPARE(rows({{5, 5}, {5, 5}, {6, 6}}), std::vector<int>({0, 1, 0}));
    QCOMPARE(rows({{0, 5}, {5, 5}, {5, 9}}), std::vector<int>({0, 1, 0}));
    QCOMPARE(rows({{5, 5}, {5, 9}}), std::vector<int>({0, 1})); // a bar starting at an instant
    TimelineRowPacker packer;
    QCOMPARE(packer.rowCount(), 0);
    packer.place(0, 10);
    packer.place(1, 2);
    QCOMPARE(packer.rowCount(), 2);
    packer.clear();
    QCOMPARE(packer.place(1, 2), 0);
}

void TstTimeline::overlappingItemsStackIntoRows()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // A request ends at its event time and started durationMs before it.
    const std::vector<JournalEvent> burst = {
        request(1, kT0 + 1000, "/a", 200, 1000, 0, 0), // [0, 1000]
        request(2, kT0 + 600, "/b", 200, 400, 0, 0),   // [200, 600] inside /a
        request(3, kT0 + 700, "/c", 200, 300, 0, 0),   // [400, 700] overlaps both
        request(4, kT0 + 900, "/d", 200, 200, 0, 0),   // [700, 900] after /b
    };
    for (const JournalEvent &e : burst)
        model.append(e);
    const auto rowOf = [&](int i) {
        return child(model, TimelineLane::Requests, i).data(TimelineModel::RowRole).toInt();
    };
    QCOMPARE(rowOf(0), 0);
    QCOMPARE(rowOf(1), 1);
    QCOMPARE(rowOf(2), 2);
    QCOMPARE(rowOf(3), 1);
    QCOMPARE(model.laneRowCount(TimelineLane::Requests), 3);
    QCOMPARE(model.laneRowCount(TimelineLane::Optimizer), 0);
    QCOMPARE(model.roleNames().value(TimelineModel::RowRole), QByteArray("row"));

    // A live append keeps the earlier rows and takes the first free one.
    model.append(request(5, kT0 + 1200, "/e", 200, 150, 0, 0)); // [1050, 1200]
    model.append(request(6, kT0 + 1250, "/f", 200, 250, 0, 0)); // [1000, 1250]
    QCOMPARE(rowOf(0), 0);
    QCOMPARE(rowOf(1), 1);
    QCOMPARE(rowOf(2), 2);
    QCOMPARE(rowOf(3), 1);
    QCOMPARE(rowOf(4), 0);
    QCOMPARE(rowOf(5), 1);

    // load() of the same events gives the same rows as appending them live.
    std::vector<JournalEvent> all = burst;
    all.push_back(request(5, kT0 + 1200, "/e", 200, 150, 0, 0));
    all.push_back(request(6, kT0 + 1250, "/f", 200, 250, 0, 0));
    TimelineModel loaded;
    loaded.load(all);
    for (int i = 0; i < 6; ++i)
        QCOMPARE(loaded.item(TimelineLane::Requests, i).row, rowOf(i));

    // Trimming the oldest items shrinks the lane to the rows still used and
    // never moves the survivors.
    model.setMaxItems(2);
    QCOMPARE(model.itemCount(TimelineLane::Requests), 2);
    QCOMPARE(model.item(TimelineLane::Requests, 0).row, 0);
    QCOMPARE(model.item(TimelineLane::Requests, 1).row, 1);
    QCOMPARE(model.laneRowCount(TimelineLane::Requests), 2);
    model.clear();
    QCOMPARE(model.laneRowCount(TimelineLane::Requests), 0);

    // 1,000 live events in bursts of 4 overlapping requests: 4 rows.
    model.setMaxItems(TimelineModel::kDefaultMaxItems);
    for (int i = 0; i < 1000; ++i)
        model.append(request(100 + i, kT0 + 10 * i + 10, "/", 200, 10 + (i % 4) * 10, 0, 0));
    QCOMPARE(model.totalItems(), 1000);
    QCOMPARE(model.laneRowCount(TimelineLane::Requests), 4);
}

void TstTimeline::clickPicksItemInItsRow()
{
    TimelineModel model;
    model.load({
        request(1, kT0 + 1000, "/long", 200, 1000, 0, 0), // row 0: [0, 1000]
        request(2, kT0 + 800, "/mid", 200, 600, 0, 0),    // row 1: [200, 800]
        request(3, kT0 + 700, "/short", 200, 200, 0, 0),  // row 2: [500, 700]
        request(4, kT0 + 950, "/late", 200, 100, 0, 0),   // row 1: [850, 950]
        generation(5, kT0 + 1000, 1, 2),
    });
    TimelineView view;
    view.setModel(&model);
    view.resize(1000, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    TimelineCanvas *canvas = view.canvas();
    canvas->fitAll();

    // The requests lane is three rows tall; the lanes below it move down.
    const QRect lane = canvas->laneRect(TimelineLane::Requests);
    QCOMPARE(canvas->laneRows(TimelineLane::Requests), 3);
    QCOMPARE(lane.height(), 3 * canvas->rowHeight());
    QCOMPARE(canvas->laneRect(TimelineLane::Generations).top(), lane.bottom() + 1);
    QCOMPARE(canvas->laneRect(TimelineLane::Hmr).height(), canvas->rowHeight());

    // Every item is drawn in its own row and a click there selects it, even
    // where the bars of other rows cover the same time.
    QSignalSpy activated(&view, &TimelineView::itemActivated);
    const QModelIndex longReq = child(model, TimelineLane::Requests, 0);
    const QModelIndex midReq = child(model, TimelineLane::Requests, 1);
    const QModelIndex shortReq = child(model, TimelineLane::Requests, 2);
    const QModelIndex lateReq = child(model, TimelineLane::Requests, 3);
    const double x = canvas->xForTime(double(kT0 + 600)); // inside /long, /mid and /short
    for (const auto &[index, row, id] :
         {std::tuple{longReq, 0, 1}, std::tuple{midReq, 1, 2}, std::tuple{shortReq, 2, 3}}) {
        const QRectF rect = canvas->itemRect(index);
        QVERIFY(lane.top() + row * canvas->rowHeight() < rect.top());
        QVERIFY(rect.bottom() < lane.top() + (row + 1) * canvas->rowHeight());
        const QPoint pos(int(x), int(rect.center().y()));
        QCOMPARE(canvas->itemAt(pos), index);
        QTest::mouseClick(canvas, Qt::LeftButton, {}, pos);
        QCOMPARE(activated.last().at(0).toLongLong(), qint64(id));
        QCOMPARE(canvas->selectedIndex(), index);
    }
    QCOMPARE(canvas->itemRect(lateReq).top(), canvas->itemRect(midReq).top());
    // Row 2 at a time only row 0 covers: nothing there.
    const QPoint empty(int(canvas->xForTime(double(kT0 + 100))),
                       int(canvas->itemRect(shortReq).center().y()));
    QVERIFY(!canvas->itemAt(empty).isValid());

    // Capped at two rows: the third row folds into the second, still clickable.
    canvas->setMaxLaneRows(2);
    QCOMPARE(canvas->laneRect(TimelineLane::Requests).height(), 2 * canvas->rowHeight());
    QCOMPARE(canvas->itemRect(shortReq).top(), canvas->itemRect(midReq).top());
    QCOMPARE(canvas->itemAt(canvas->itemRect(shortReq).center().toPoint()), shortReq);
    QCOMPARE(canvas->itemAt(QPoint(int(x), int(canvas->itemRect(longReq).center().y()))), longReq);
    QVERIFY(!view.canvas()->grab().isNull());
}

void TstTimeline::zoomArithmetic()
{
    TimelineZoom zoom;
    zoom.fit(1000, 2000, 1000);
    QVERIFY(zoom.xForTime(1000) > 0);
    QVERIFY(zoom.xForTime(2000) < 1000);
    const double t = zoom.timeAtX(300);
    zoom.zoomAround(300, 4);
    QCOMPARE(zoom.timeAtX(300), t);
    zoom.panByPixels(50);
    QVERIFY(qAbs(zoom.timeAtX(350) - t) < 1e-6);
    zoom.setMsPerPixel(0);
    QCOMPARE(zoom.msPerPixel(), TimelineZoom::kMinMsPerPixel);
}

void TstTimeline::clickActivatesItemWithModules()
{
    TimelineModel model;
    model.load(everyKind());
    TimelineView view;
    view.setModel(&model);
    view.resize(1000, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    TimelineCanvas *canvas = view.canvas();
    canvas->fitAll();

    QSignalSpy activated(&view, &TimelineView::itemActivated);
    const QModelIndex inv = child(model, TimelineLane::Invalidations, 0);
    const QRectF rect = canvas->itemRect(inv);
    QVERIFY(!rect.isNull());
    QVERIFY(canvas->rect().contains(rect.center().toPoint()));
    QCOMPARE(canvas->itemAt(rect.center().toPoint()), inv);
    QTest::mouseClick(canvas, Qt::LeftButton, {}, rect.center().toPoint());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toLongLong(), 2);
    QCOMPARE(activated.at(0).at(1).toStringList(),
             QStringList({"/app/src/app/pages/Home.tsx", "/app/src/app/Document.tsx"}));
    QCOMPARE(canvas->selectedIndex(), inv);
    QVERIFY(view.details()->summaryText().contains(
        QStringLiteral("changed /app/src/app/pages/Home.tsx")));
    QVERIFY(
        view.details()->jsonText().contains(QStringLiteral("\n    \"cause\": \"file changed\"")));

    // A bar: the optimizer run, clicked inside its span.
    const QModelIndex run = child(model, TimelineLane::Optimizer, 0);
    const QRectF runRect = canvas->itemRect(run);
    QVERIFY(runRect.width() > 10);
    QTest::mouseClick(canvas, Qt::LeftButton, {},
                      QPoint(int(runRect.left() + runRect.width() / 3), int(runRect.center().y())));
    QCOMPARE(activated.count(), 2);
    QCOMPARE(activated.at(1).at(0).toLongLong(), 1);
    QVERIFY(view.details()->jsonText().contains(QStringLiteral("a1b2c3d4")));

    // Empty space: nothing activated, selection cleared.
    QTest::mouseClick(
        canvas, Qt::LeftButton, {},
        QPoint(canvas->width() - 2, canvas->laneRect(TimelineLane::Optimizer).center().y()));
    QCOMPARE(activated.count(), 2);
    QVERIFY(!canvas->selectedIndex().isValid());
}

void TstTimeline::wheelZoomKeepsTimeUnderMouse()
{
    TimelineModel model;
    model.load(everyKind());
    TimelineCanvas canvas;
    canvas.setModel(&model);
    canvas.resize(900, 300);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    canvas.fitAll();
    const QPointF pos(500, canvas.laneRect(TimelineLane::Requests).center().y());
    const double before = canvas.timeAtX(pos.x());
    const double scale = canvas.zoom().msPerPixel();
    QWheelEvent in(pos, canvas.mapToGlobal(pos), QPoint(), QPoint(0, 240), Qt::NoButton,
                   Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&canvas, &in);
    QVERIFY(canvas.zoom().msPerPixel() < scale);
    QVERIFY(qAbs(canvas.timeAtX(pos.x()) - before) < 1e-3);
    QWheelEvent out(pos, canvas.mapToGlobal(pos), QPoint(), QPoint(0, -480), Qt::NoButton,
                    Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&canvas, &out);
    QVERIFY(canvas.zoom().msPerPixel() > scale);
    QVERIFY(qAbs(canvas.timeAtX(pos.x()) - before) < 1e-3);

    // Keys: + zooms in around the centre, F fits again.
    const double centre =
        canvas.timeAtX(canvas.headerWidth() + (canvas.width() - canvas.headerWidth()) / 2.0);
    const double s2 = canvas.zoom().msPerPixel();
    QTest::keyClick(&canvas, Qt::Key_Plus);
    QVERIFY(canvas.zoom().msPerPixel() < s2);
    QVERIFY(
        qAbs(canvas.timeAtX(canvas.headerWidth() + (canvas.width() - canvas.headerWidth()) / 2.0) -
             centre) < 1e-3);
    QTest::keyClick(&canvas, Qt::Key_F);
    QVERIFY(canvas.xForTime(double(kT0 + 50)) >= canvas.headerWidth());
    QVERIFY(canvas.xForTime(double(kT0 + 1700)) <= canvas.width());

    // Dragging pans: the time under the mouse follows it.
    const QPoint a(400, canvas.laneRect(TimelineLane::Hmr).center().y());
    const double t = canvas.timeAtX(a.x());
    QTest::mousePress(&canvas, Qt::LeftButton, {}, a);
    QTest::mouseMove(&canvas, a + QPoint(50, 0));
    QTest::mouseMove(&canvas, a + QPoint(100, 0));
    QTest::mouseRelease(&canvas, Qt::LeftButton, {}, a + QPoint(100, 0));
    QVERIFY(qAbs(canvas.timeAtX(a.x() + 100) - t) < 1e-3);
}

void TstTimeline::filtersHideLanesAndItems()
{
    TimelineModel model;
    model.load(everyKind());
    TimelineView view;
    view.setModel(&model);
    view.resize(1000, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    TimelineCanvas *canvas = view.canvas();
    canvas->fitAll();
    const QModelIndex gen = child(model, TimelineLane::Generations, 0);
    const QModelIndex req = child(model, TimelineLane::Requests, 0);
    const QPoint reqPoint = canvas->itemRect(req).center().toPoint();
    QCOMPARE(canvas->itemAt(reqPoint), req);

    canvas->setLaneVisible(TimelineLane::Requests, false);
    QVERIFY(canvas->itemRect(req).isNull());
    QVERIFY(canvas->laneRect(TimelineLane::Requests).isNull());
    // The generations lane moved up into the requests lane's place.
    QCOMPARE(canvas->laneRect(TimelineLane::Generations).top(),
             reqPoint.y() - canvas->rowHeight() / 2 + 0);
    QVERIFY(!canvas->itemRect(gen).isNull());
    canvas->setLaneVisible(TimelineLane::Requests, true);

    view.setFilterText(QStringLiteral("Home.tsx"));
    QCOMPARE(canvas->filterText(), QStringLiteral("Home.tsx"));
    QVERIFY(canvas->itemRect(req).isNull());
    QVERIFY(!canvas->itemRect(child(model, TimelineLane::Invalidations, 0)).isNull());
    QVERIFY(!canvas->itemRect(child(model, TimelineLane::Invalidations, 1)).isNull()); // dropped[]
    QVERIFY(!canvas->itemAt(reqPoint).isValid());
    view.setFilterText(QStringLiteral("stale"));
    QVERIFY(!canvas->itemRect(child(model, TimelineLane::Errors, 1)).isNull());
    QVERIFY(canvas->itemRect(child(model, TimelineLane::Errors, 0)).isNull());
}

void TstTimeline::cursorDragEmitsCursorMoved()
{
    TimelineModel model;
    model.load(everyKind());
    TimelineView view;
    view.setModel(&model);
    view.resize(1000, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    TimelineCanvas *canvas = view.canvas();
    canvas->fitAll();
    QSignalSpy moved(&view, &TimelineView::cursorMoved);
    const QPoint start(300, canvas->rulerHeight() / 2);
    QTest::mousePress(canvas, Qt::LeftButton, {}, start);
    QTest::mouseMove(canvas, start + QPoint(40, 30)); // may leave the ruler while dragging
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, start + QPoint(40, 30));
    QVERIFY(moved.count() >= 2);
    QCOMPARE(moved.first().at(0).toLongLong(), qint64(std::llround(canvas->timeAtX(300))));
    QCOMPARE(moved.last().at(0).toLongLong(), qint64(std::llround(canvas->timeAtX(340))));
    QCOMPARE(canvas->cursorMs(), moved.last().at(0).toLongLong());

    // The cursor line itself can be grabbed inside the lanes.
    const int x = int(std::lround(canvas->xForTime(double(*canvas->cursorMs()))));
    const QPoint onLine(x, canvas->laneRect(TimelineLane::Errors).center().y());
    QTest::mousePress(canvas, Qt::LeftButton, {}, onLine);
    QTest::mouseMove(canvas, onLine - QPoint(60, 0));
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, onLine - QPoint(60, 0));
    QCOMPARE(moved.last().at(0).toLongLong(), qint64(std::llround(canvas->timeAtX(x - 60))));

    view.setCursorMs(kT0 + 1000);
    QCOMPARE(*canvas->cursorMs(), kT0 + 1000);
}

void TstTimeline::followNowKeepsNewestInView()
{
    TimelineModel model;
    model.load(everyKind());
    TimelineCanvas canvas;
    canvas.setModel(&model);
    canvas.resize(900, 300);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    canvas.fitAll();
    QSignalSpy follow(&canvas, &TimelineCanvas::followNowChanged);
    QTest::keyClick(&canvas, Qt::Key_End);
    QVERIFY(canvas.followNow());
    const double scale = canvas.zoom().msPerPixel();
    const int64_t later = kT0 + 600'000; // ten minutes later
    model.append(request(50, later, "/", 200, 3, 0, 0));
    QCOMPARE(canvas.zoom().msPerPixel(), scale);
    const double x = canvas.xForTime(double(later));
    QVERIFY(x > canvas.headerWidth() && x <= canvas.width());
    // Panning stops following.
    QTest::keyClick(&canvas, Qt::Key_Left);
    QVERIFY(!canvas.followNow());
    QCOMPARE(follow.count(), 2);
}

void TstTimeline::replayComputesStateAtTime()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("journal.sqlite")).toStdString();
    {
        std::string error;
        std::unique_ptr<Journal> journal = Journal::open(path, &error);
        QVERIFY2(journal, error.c_str());
        // Start: the three environments pre-bundle (devServer prepare).
        journal->record(
            optimizerRun(0, "client", kT0 + 300, {"react", "react-dom"}, "", "c0000001", 280));
        journal->record(optimizerRun(0, "ssr", kT0 + 310, {"react", "react-dom/server.edge"}, "",
                                     "s0000001", 290));
        journal->record(
            optimizerRun(0, "worker", kT0 + 320, {"react", "rwsdk"}, "", "w0000001", 300));
        journal->record(request(0, kT0 + 500, "/", 200, 80, 0, 0));
        // An edit: invalidation, the page renders again.
        journal->record(
            invalidation(0, kT0 + 1000, "/app/src/app/pages/Home.tsx", {"/app/src/worker.tsx"}));
        journal->record(invalidation(0, kT0 + 1001, "/app/src/client.tsx"));
        journal->record(request(0, kT0 + 1100, "/src/client.tsx", 200, 2, 0, 0));
        journal->record(request(0, kT0 + 1200, "/", 200, 30, 0, 0));
        // A new bare import: held request, worker + ssr re-bundle, generation 1 -> 2.
        journal->record(invalidation(0, kT0 + 2000, "/app/src/app/pages/Home.tsx"));
        journal->record(
            optimizerRun(0, "worker", kT0 + 2400, {"is-number"}, "w0000001", "w0000002", 350));
        journal->record(optimizerRun(0, "ssr", kT0 + 2410, {"is-number"}, "s0000001", "s0000002",
                                     360, "failed"));
        journal->record(
            ev(0, "runner-cache-clear", "worker", kT0 + 2420, "cleared 3 evaluated modules",
               json{{"dropped", {"/app/src/worker.tsx"}}, {"reason", "new generation"}}));
        journal->record(generation(0, kT0 + 2421, 1, 2));
        journal->record(request(0, kT0 + 2500, "/", 200, 50, 400, 1, 2));
        journal->flush();
    }
    std::string error;
    std::unique_ptr<Journal> readOnly = Journal::openReadOnly(path, &error);
    QVERIFY2(readOnly, error.c_str());
    JournalReplay replay;
    QString qerror;
    QVERIFY2(replay.load(*readOnly, &qerror), qPrintable(qerror));
    QCOMPARE(replay.events().size(), size_t(14));
    QCOMPARE(replay.timeRange(), std::make_pair(kT0 + 300, kT0 + 2500));

    ReplayState s = replay.stateAt(kT0 + 305);
    QCOMPARE(s.eventCount, 1);
    QCOMPARE(s.environments.size(), size_t(1));
    QCOMPARE(s.environments.at("client").browserHash, QStringLiteral("c0000001"));
    QCOMPARE(s.generation, 1);

    s = replay.stateAt(kT0 + 1050);
    QCOMPARE(s.environments.size(), size_t(3));
    QCOMPARE(s.environments.at("worker").browserHash, QStringLiteral("w0000001"));
    QCOMPARE(s.pendingModules, (std::set<QString>{"/app/src/app/pages/Home.tsx",
                                                  "/app/src/worker.tsx", "/app/src/client.tsx"}));
    s = replay.stateAt(kT0 + 1150); // the browser fetched the client module again
    QCOMPARE(s.pendingModules,
             (std::set<QString>{"/app/src/app/pages/Home.tsx", "/app/src/worker.tsx"}));
    s = replay.stateAt(kT0 + 1200); // the page rendered again
    QVERIFY(s.pendingModules.empty());

    s = replay.stateAt(kT0 + 2300); // mid re-bundle
    QCOMPARE(s.pendingModules, (std::set<QString>{"/app/src/app/pages/Home.tsx"}));
    QCOMPARE(s.environments.at("worker").browserHash, QStringLiteral("w0000001"));
    QCOMPARE(s.generation, 1);

    s = replay.stateAt(kT0 + 3000);
    QCOMPARE(s.eventCount, 14);
    QCOMPARE(s.generation, 2);
    QCOMPARE(s.environments.at("worker").browserHash, QStringLiteral("w0000002"));
    QCOMPARE(s.environments.at("worker").sinceMs, kT0 + 2400);
    QCOMPARE(s.environments.at("ssr").browserHash, QStringLiteral("s0000001")); // failed run
    QCOMPARE(s.environments.at("client").browserHash, QStringLiteral("c0000001"));
    QVERIFY(s.pendingModules.empty());

    // Into the timeline, bound raised to hold everything.
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaxItems(5);
    replay.fill(model);
    QCOMPARE(model.totalItems(), 14);
    QCOMPARE(model.itemCount(TimelineLane::Optimizer), 5);
    QCOMPARE(model.item(TimelineLane::Optimizer, 3).startMs, kT0 + 2050);

    JournalReplay fromFile;
    QVERIFY(fromFile.loadFile(QString::fromStdString(path), &qerror));
    QCOMPARE(fromFile.events().size(), size_t(14));
    QVERIFY(!fromFile.loadFile(dir.filePath(QStringLiteral("missing.sqlite")), &qerror));
    QVERIFY(!qerror.isEmpty());
}

void TstTimeline::grabIsNotBlank()
{
    TimelineModel model;
    model.load(everyKind());
    TimelineView view;
    view.setModel(&model);
    view.resize(1000, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.canvas()->fitAll();
    const QImage image = view.canvas()->grab().toImage();
    if (qEnvironmentVariableIsSet("SY_TIMELINE_SCREENSHOT")) // for eyeballing the painting
        view.grab().save(qEnvironmentVariable("SY_TIMELINE_SCREENSHOT"));
    QVERIFY(!image.isNull());
    // The optimizer run's bar is drawn in its category colour.
    const QRectF run = view.canvas()->itemRect(child(model, TimelineLane::Optimizer, 0));
    const QColor fill = image.pixelColor(QPoint(int(run.left()) + 3, int(run.top()) + 2));
    QCOMPARE(
        fill,
        child(model, TimelineLane::Optimizer, 0).data(TimelineModel::ColorRole).value<QColor>());
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 8, qPrintable(QString::number(colours.size())));
    QVERIFY(!view.grab().isNull());
}

QTEST_MAIN(TstTimeline)
#include "tst_timeline.moc"
