// File > Open Journal… in the main window: the dialog's choice comes out of
// openJournalRequested, and JournalWindow::showJournal opens it read-only in
// its own top-level window (as app/guiMain.cpp wires it), no server needed.
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "sampleJournal.h"
#include "shell/engineStatus.h"
#include "shell/mainWindow.h"
#include "timeline/journalWindow.h"
#include "timeline/replayStatePanel.h"
#include "timeline/timelineModel.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace sy;

class TstOpenJournal : public QObject {
    Q_OBJECT
private slots:
    void fileMenuOpensAJournalWindow()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("session.sqlite"));
        std::string error;
        QVERIFY2(sy::test::writeSampleJournal(path.toStdString(), &error), error.c_str());

        ModuleGraphModel modules;
        JournalModel events;
        EngineStatus status;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        MainWindow window(&modules, &events, &status, &settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto *action = window.findChild<QAction *>(QStringLiteral("actionOpenJournal"));
        QVERIFY(action);
        QMenu *file = window.menuBar()->findChildren<QMenu *>().value(0);
        QVERIFY(file && file->actions().contains(action));

        QSignalSpy requested(&window, &MainWindow::openJournalRequested);
        bool sawDialog = false;
        QTimer poll;
        int tries = 0;
        connect(&poll, &QTimer::timeout, this, [&] {
            for (QWidget *w : QApplication::topLevelWidgets()) {
                auto *dialog = qobject_cast<QFileDialog *>(w);
                if (!dialog || !dialog->isVisible())
                    continue;
                poll.stop();
                sawDialog = true;
                dialog->selectFile(path);
                // The file model fills asynchronously: type the name too.
                if (auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit")))
                    edit->setText(path);
                static_cast<QDialog *>(dialog)->done(
                    QDialog::Accepted); // accept() would wait for the file model
                return;
            }
            if (++tries > 200) { // 10 s: give up rather than hang
                poll.stop();
                if (QWidget *modal = QApplication::activeModalWidget())
                    modal->close();
            }
        });
        poll.start(50);
        action->trigger();
        QVERIFY(sawDialog);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(0).toString(), path);

        QPointer<JournalWindow> journal = JournalWindow::showJournal(path, &window);
        QVERIFY(journal);
        QVERIFY(journal->isWindow());
        QVERIFY(journal->isVisible());
        QCOMPARE(journal->timelineModel()->totalItems(), 15);
        QCOMPARE(journal->statePanel()->state().generation, 2);
        journal->close(); // deleted on close
        QTRY_VERIFY(journal.isNull());
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
    QApplication app(argc, argv);
    TstOpenJournal test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_open_journal.moc"
