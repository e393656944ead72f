// The timeline while the engine is live: optimizer-run labels never show an
// empty browserHash ("( -> 734b0c58)" was seen on a first run), the lanes
// scroll vertically when the dock is lower than they are tall so the errors
// lane stays reachable while the time ruler stays pinned on top, "follow now"
// keeps the newest event in view until the user pans back (a zoom keeps
// following; panning forward to "now" follows again), and module ids in
// labels, tooltips and details read as Vite shows them (relative to the app).
#include "journal/journalModel.h"
#include "timeline/timelineCanvas.h"
#include "timeline/timelineItemFromEvent.h"
#include "timeline/timelineModel.h"
#include "timeline/timelineView.h"

#include "timeline/timelineDetails.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

using namespace sy;

namespace {

constexpr int64_t kT0 = 1'700'000'000'000;

JournalEvent makeEvent(int64_t id, const char *kind, const char *environment, int64_t timeMs,
                       const QJsonObject &data)
{
    static int64_t lastId = 0;
    JournalEvent e;
    e.id = id > 0 ? id : ++lastId + 100; // the journal numbers events 1, 2, ...
    e.kind = kind;
    e.environment = environment;
    e.timeMs = timeMs;
    e.summary = kind;
    e.dataJson = QJsonDocument(data).toJson(QJsonDocument::Compact).toStdString();
    return e;
}

QString runLabel(const QString &oldHash, const QString &newHash)
{
    const auto item = timelineItemFromEvent(makeEvent(1, "optimizer-run", "worker", kT0,
                                                      {{"trigger", "initial scan"},
                                                       {"depsAdded", QJsonArray{"react"}},
                                                       {"oldBrowserHash", oldHash},
                                                       {"newBrowserHash", newHash},
                                                       {"durationMs", 20}}));
    return item ? item->label : QString();
}

} // namespace

class TestTimelineLive : public QObject {
    Q_OBJECT
private slots:
    void optimizerLabelsNeverShowAnEmptyHash()
    {
        // A first run has no old browserHash.
        QCOMPARE(runLabel("", "734b0c58"), QString("worker: +react (browserHash 734b0c58)"));
        QCOMPARE(runLabel("1a2b3c4d", "734b0c58"),
                 QString("worker: +react (1a2b3c4d -> 734b0c58)"));
        QCOMPARE(runLabel("734b0c58", "734b0c58"),
                 QString("worker: +react (browserHash 734b0c58)"));
        QCOMPARE(runLabel("", ""), QString("worker: +react"));
        for (const QString &label : {runLabel("", "734b0c58"), runLabel("", "")})
            QVERIFY2(!label.contains("( ->") && !label.contains("-> )"), qPrintable(label));
    }

    void lanesScrollAndTheErrorsLaneIsReachable()
    {
        JournalModel journal;
        TimelineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setJournalModel(&journal);
        journal.append(makeEvent(1, "error", "worker", kT0, {{"message", "boom"}}));
        for (int i = 0; i < 12; ++i) // overlapping requests stack into rows
            journal.append(makeEvent(
                0, "request", "", kT0 + 10 + i,
                {{"method", "GET"}, {"path", "/"}, {"status", 200}, {"durationMs", 500}}));
        TimelineView view;
        view.setModel(&model);
        view.resize(900, 220); // a low dock
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QScrollArea *area = view.findChild<QScrollArea *>("timelineScroll");
        QVERIFY(area);
        TimelineCanvas *canvas = view.canvas();
        const QRect errors = canvas->laneRect(TimelineLane::Errors);
        QVERIFY(!errors.isNull());
        // The canvas is as tall as its lanes; the area scrolls to the last one.
        QTRY_VERIFY(canvas->height() >= errors.bottom());
        QVERIFY(area->verticalScrollBar()->maximum() > 0);
        view.ensureLaneVisible(TimelineLane::Errors);
        const QRect shown(canvas->mapFrom(area->viewport(), QPoint(0, 0)),
                          area->viewport()->size());
        QVERIFY2(shown.contains(errors.center()), "the errors lane is scrolled into view");
        // Its item can be clicked there.
        const QModelIndex error = model.indexOfEvent(1);
        const QRectF rect = canvas->itemRect(error);
        QVERIFY(!rect.isNull());
        QSignalSpy activated(canvas, &TimelineCanvas::itemActivated);
        QTest::mouseClick(canvas, Qt::LeftButton, {}, rect.center().toPoint());
        QCOMPARE(activated.size(), 1);
    }

    void followsNowUntilTheUserPansBack()
    {
        JournalModel journal;
        TimelineModel model;
        model.setJournalModel(&journal);
        TimelineView view;
        view.setModel(&model);
        view.setFollowNow(true); // the dashboard's live timeline
        view.resize(900, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        TimelineCanvas *canvas = view.canvas();
        auto inView = [canvas](int64_t ms) {
            const double x = canvas->xForTime(double(ms));
            return x >= canvas->headerWidth() && x <= canvas->width();
        };
        for (int i = 0; i < 5; ++i)
            journal.append(makeEvent(0, "invalidation", "worker", kT0 + i * 60'000,
                                     {{"module", "/app/src/x.ts"}}));
        QVERIFY(canvas->followNow());
        QVERIFY(inView(kT0 + 4 * 60'000));
        // Ten minutes later: still in view.
        journal.append(makeEvent(0, "invalidation", "worker", kT0 + 14 * 60'000, {}));
        QVERIFY(inView(kT0 + 14 * 60'000));
        // The user pans back: following stops and the view stays put.
        QTest::keyClick(canvas, Qt::Key_Left);
        QVERIFY(!canvas->followNow());
        const double origin = canvas->timeAtX(canvas->headerWidth());
        journal.append(makeEvent(0, "invalidation", "worker", kT0 + 30 * 60'000, {}));
        QCOMPARE(canvas->timeAtX(canvas->headerWidth()), origin);
        // End follows again.
        QTest::keyClick(canvas, Qt::Key_End);
        QVERIFY(inView(kT0 + 30 * 60'000));

        // A zoom (keys, buttons, the wheel) keeps following, around "now".
        const double before = canvas->zoom().msPerPixel();
        QTest::keyClick(canvas, Qt::Key_Plus);
        QVERIFY(canvas->followNow());
        QVERIFY(canvas->zoom().msPerPixel() < before);
        QVERIFY(inView(kT0 + 30 * 60'000));
        QWheelEvent wheel(QPointF(canvas->headerWidth() + 50, 60),
                          canvas->mapToGlobal(QPointF(canvas->headerWidth() + 50, 60)), {},
                          QPoint(0, -240), Qt::NoButton, {}, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(canvas, &wheel);
        QVERIFY(canvas->followNow());
        QVERIFY(inView(kT0 + 30 * 60'000));
        journal.append(makeEvent(0, "invalidation", "worker", kT0 + 45 * 60'000, {}));
        QVERIFY(inView(kT0 + 45 * 60'000)); // still following after the zooms
        // Back in time and forward again to "now": following resumes.
        QTest::keyClick(canvas, Qt::Key_Left);
        QVERIFY(!canvas->followNow());
        QTest::keyClick(canvas, Qt::Key_Right);
        QVERIFY(canvas->followNow());
        journal.append(makeEvent(0, "invalidation", "worker", kT0 + 90 * 60'000, {}));
        QVERIFY(inView(kT0 + 90 * 60'000));
    }

    void theRulerStaysOnTopWhileTheLanesScroll()
    {
        JournalModel journal;
        TimelineModel model;
        model.setJournalModel(&journal);
        for (int i = 0; i < 12; ++i) // overlapping requests stack into rows
            journal.append(makeEvent(
                0, "request", "", kT0 + 10 + i,
                {{"method", "GET"}, {"path", "/"}, {"status", 200}, {"durationMs", 500}}));
        TimelineView view;
        view.setModel(&model);
        view.resize(900, 220);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QScrollArea *area = view.scrollArea();
        TimelineCanvas *canvas = view.canvas();
        QTRY_VERIFY(area->verticalScrollBar()->maximum() > 40);
        QCOMPARE(canvas->rulerTop(), 0);
        area->verticalScrollBar()->setValue(area->verticalScrollBar()->maximum());
        QCoreApplication::processEvents();
        // The ruler is drawn at the top of what the scroll area shows.
        const int top = canvas->mapFrom(area->viewport(), QPoint(0, 0)).y();
        QVERIFY(top > 0);
        QCOMPARE(canvas->rulerTop(), top);
        // What the viewport shows on its top row is the ruler's background
        // (the lanes' colours before: the ruler had scrolled away).
        const QImage shown = area->viewport()->grab().toImage();
        const QRgb window = view.palette().color(QPalette::Window).rgb();
        QVERIFY(window != view.palette().color(QPalette::Base).rgb());
        int ruler = 0, all = 0;
        for (int x = canvas->headerWidth(); x < shown.width(); ++x, ++all)
            ruler += shown.pixel(x, 0) == window ? 1 : 0;
        QVERIFY2(ruler > all * 9 / 10, qPrintable(QStringLiteral("%1 of %2").arg(ruler).arg(all)));
        // A press there moves the time cursor (the ruler's job), not an item.
        QSignalSpy cursor(canvas, &TimelineCanvas::cursorMoved);
        QSignalSpy activated(canvas, &TimelineCanvas::itemActivated);
        QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(canvas->headerWidth() + 60, top + 5));
        QCOMPARE(cursor.size(), 1);
        QCOMPARE(activated.size(), 0);
        QVERIFY(!canvas->itemAt(QPoint(canvas->headerWidth() + 60, top + 5)).isValid());
    }

    void moduleIdsReadAsViteShowsThem()
    {
        JournalModel journal;
        TimelineModel model;
        model.setJournalModel(&journal);
        const QString root = QStringLiteral("/home/me/app");
        JournalEvent error = makeEvent(1, "error", "worker", kT0,
                                       {{"message", "Unexpected token in /home/me/app/src/x.tsx:3"},
                                        {"module", "/home/me/app/src/x.tsx"}});
        error.summary = "Unexpected token in /home/me/app/src/x.tsx:3";
        journal.append(error);
        JournalEvent invalidation =
            makeEvent(2, "invalidation", "worker", kT0 + 100,
                      {{"module", "/home/me/app/src/x.tsx"},
                       {"chain", QJsonArray{"virtual:switchyard:ssr:/home/me/app/src/y.tsx"}}});
        invalidation.summary = "invalidation /home/me/app/src/x.tsx";
        journal.append(invalidation);
        TimelineView view;
        view.setModel(&model);
        view.setProjectRoot(root);
        TimelineCanvas *canvas = view.canvas();
        const TimelineItem *errorItem = model.itemAt(model.indexOfEvent(1));
        const TimelineItem *invalidationItem = model.itemAt(model.indexOfEvent(2));
        QVERIFY(errorItem && invalidationItem);
        QCOMPARE(canvas->shownLabel(*errorItem),
                 QStringLiteral("Unexpected token in /src/x.tsx:3"));
        QCOMPARE(canvas->shownLabel(*invalidationItem), QStringLiteral("invalidation /src/x.tsx"));
        const QString tip = canvas->toolTipFor(*invalidationItem);
        QVERIFY2(tip.contains(QStringLiteral("/src/x.tsx, virtual:switchyard:ssr:/src/y.tsx")),
                 qPrintable(tip));
        QVERIFY2(!tip.contains(root), qPrintable(tip));
        // The details pane: summary and modules relative; the payload as recorded.
        view.details()->setItem(invalidationItem);
        QVERIFY2(!view.details()->summaryText().contains(root),
                 qPrintable(view.details()->summaryText()));
        QVERIFY(view.details()->summaryText().contains(QStringLiteral("invalidation /src/x.tsx")));
        QVERIFY(view.details()->jsonText().contains(root));
        // Without a root (a saved journal of an unknown app) ids stay as they are.
        view.setProjectRoot({});
        QCOMPARE(canvas->shownLabel(*invalidationItem),
                 QString::fromStdString(invalidation.summary));
        QVERIFY(view.details()->summaryText().contains(root));
    }
};

QTEST_MAIN(TestTimelineLive)
#include "tst_timeline_live.moc"
