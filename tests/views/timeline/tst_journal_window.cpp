// Post-mortem: a saved journal opened in a JournalWindow (no server), the
// timeline holds every event and the state panel follows the time cursor.
#include "sampleJournal.h"
#include "timeline/journalWindow.h"
#include "timeline/replayStatePanel.h"
#include "timeline/timelineCanvas.h"
#include "timeline/timelineModel.h"
#include "timeline/timelineView.h"

#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <cmath>

using namespace sy;
using sy::test::kJournalT0;

class TstJournalWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void statePanelFollowsTheCursor();
    void unreadableFileFailsCleanly();
};

namespace {

QStringList pendingIds(const ReplayStatePanel &panel)
{
    QStringList ids;
    for (int i = 0; i < panel.pendingList()->count(); ++i)
        ids << panel.pendingList()->item(i)->text();
    return ids;
}

QString hashOf(const ReplayStatePanel &panel, const QString &env)
{
    const QList<QTreeWidgetItem *> items =
        panel.environmentTree()->findItems(env, Qt::MatchExactly, 0);
    return items.size() == 1 ? items.front()->text(1) : QStringLiteral("<missing>");
}

/// Drags the cursor in the ruler to (about) `ms`; returns the time the
/// canvas reported.
qint64 dragCursorTo(TimelineCanvas *canvas, qint64 ms)
{
    const int x = int(std::lround(canvas->xForTime(double(ms))));
    const QPoint start(canvas->headerWidth() + 5, TimelineCanvas::rulerHeight() / 2);
    QTest::mousePress(canvas, Qt::LeftButton, {}, start);
    QTest::mouseMove(canvas, QPoint(x, start.y()));
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, QPoint(x, start.y()));
    return canvas->cursorMs().value_or(-1);
}

} // namespace

void TstJournalWindow::statePanelFollowsTheCursor()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("session.sqlite"));
    std::string werror;
    QVERIFY2(sy::test::writeSampleJournal(path.toStdString(), &werror), werror.c_str());

    JournalWindow window;
    QString error;
    QVERIFY2(window.open(path, &error), qPrintable(error));
    QVERIFY(window.windowTitle().contains(QStringLiteral("session.sqlite")));
    QCOMPARE(window.replay().events().size(), size_t(15));
    QCOMPARE(window.timelineModel()->totalItems(), 15);

    // Opened at the end of the journal.
    ReplayStatePanel *panel = window.statePanel();
    QCOMPARE(panel->state().eventCount, 15);
    QCOMPARE(panel->state().generation, 2);
    QCOMPARE(hashOf(*panel, QStringLiteral("client")), QStringLiteral("c0000001"));
    QCOMPARE(hashOf(*panel, QStringLiteral("ssr")), QStringLiteral("s0000001")); // failed run
    QCOMPARE(hashOf(*panel, QStringLiteral("worker")), QStringLiteral("w0000002"));
    QVERIFY(pendingIds(*panel).isEmpty());
    QVERIFY2(panel->text().contains(QStringLiteral("Generation 2")), qPrintable(panel->text()));
    QVERIFY(panel->text().contains(QStringLiteral("worker: w0000002")));
    QVERIFY(panel->text().contains(QStringLiteral("Invalidated, not re-transformed yet: 0")));

    window.resize(1200, 600);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    TimelineCanvas *canvas = window.timeline()->canvas();
    canvas->fitAll();

    // Drag the cursor to just after the edit: three modules are pending.
    QSignalSpy moved(window.timeline(), &TimelineView::cursorMoved);
    qint64 at = dragCursorTo(canvas, kJournalT0 + 1050);
    QVERIFY(moved.count() >= 2);
    QVERIFY2(at > kJournalT0 + 1010 && at < kJournalT0 + 1100, qPrintable(QString::number(at)));
    QCOMPARE(panel->state().timeMs, at);
    QCOMPARE(pendingIds(*panel), (QStringList{"/app/src/app/pages/Home.tsx", "/app/src/client.tsx",
                                              "/app/src/worker.tsx"}));
    QCOMPARE(panel->state().generation, 1);
    QVERIFY2(panel->text().contains(QStringLiteral("Invalidated, not re-transformed yet: 3")),
             qPrintable(panel->text()));
    QVERIFY(panel->text().contains(QStringLiteral("/app/src/worker.tsx")));
    QVERIFY(panel->text().contains(QStringLiteral("worker: w0000001")));

    // After the browser fetched the client module again.
    at = dragCursorTo(canvas, kJournalT0 + 1150);
    QVERIFY(at > kJournalT0 + 1100 && at < kJournalT0 + 1200);
    QCOMPARE(pendingIds(*panel),
             (QStringList{"/app/src/app/pages/Home.tsx", "/app/src/worker.tsx"}));

    // Mid re-bundle: one pending module, still generation 1, old worker hash.
    at = dragCursorTo(canvas, kJournalT0 + 2200);
    QVERIFY(at > kJournalT0 + 2000 && at < kJournalT0 + 2400);
    QCOMPARE(pendingIds(*panel), QStringList{"/app/src/app/pages/Home.tsx"});
    QVERIFY(panel->text().contains(QStringLiteral("Generation 1")));
    QVERIFY(panel->text().contains(QStringLiteral("Invalidated, not re-transformed yet: 1")));

    // Before anything: no environment optimized yet.
    window.setTimeMs(kJournalT0);
    QCOMPARE(*canvas->cursorMs(), kJournalT0);
    QCOMPARE(panel->state().eventCount, 0);
    QVERIFY(panel->text().contains(QStringLiteral("client: not optimized yet")));
    QVERIFY(panel->summaryLabel()->text().contains(QStringLiteral("events so far: 0")));

    // Just after the client's first pre-bundle.
    window.setTimeMs(kJournalT0 + 305);
    QCOMPARE(hashOf(*panel, QStringLiteral("client")), QStringLiteral("c0000001"));
    QCOMPARE(hashOf(*panel, QStringLiteral("ssr")), QStringLiteral("not optimized yet"));
    QVERIFY(panel->summaryLabel()->text().contains(QStringLiteral("events so far: 1")));
}

void TstJournalWindow::unreadableFileFailsCleanly()
{
    QTemporaryDir dir;
    JournalWindow window;
    QString error;
    QVERIFY(!window.open(dir.filePath(QStringLiteral("missing.sqlite")), &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(window.timelineModel()->totalItems(), 0);
    QCOMPARE(window.statePanel()->state().eventCount, 0);
}

QTEST_MAIN(TstJournalWindow)
#include "tst_journal_window.moc"
