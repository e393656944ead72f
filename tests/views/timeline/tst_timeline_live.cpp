// The timeline while the engine is live: optimizer-run labels never show an
// empty browserHash ("( -> 734b0c58)" was seen on a first run), the lanes
// scroll vertically when the dock is lower than they are tall so the errors
// lane stays reachable, and "follow now" keeps the newest event in view until
// the user pans back.
#include "journal/journalModel.h"
#include "timeline/timelineCanvas.h"
#include "timeline/timelineItemFromEvent.h"
#include "timeline/timelineModel.h"
#include "timeline/timelineView.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

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
    }
};

QTEST_MAIN(TestTimelineLive)
#include "tst_timeline_live.moc"
