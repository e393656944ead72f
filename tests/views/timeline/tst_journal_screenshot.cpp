// `switchyard --journal FILE --screenshot out.png` offscreen: the post-mortem
// window renders a saved journal (no server, no app folder) and exits 0; a
// file that is not a journal fails with exit code 1.
#include "sampleJournal.h"

#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "../distinctColours.h"

class TstJournalScreenshot : public QObject {
    Q_OBJECT

    static QProcessEnvironment offscreen(const QString &home)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), home); // no settings left behind
        return env;
    }

private slots:
    void rendersTheJournal()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString journal = dir.filePath(QStringLiteral("session.sqlite"));
        std::string error;
        QVERIFY2(sy::test::writeSampleJournal(journal.toStdString(), &error), error.c_str());
        const QString png = dir.filePath(QStringLiteral("shot.png"));
        QProcess process;
        process.setProcessEnvironment(offscreen(dir.path()));
        process.start(QStringLiteral(SY_SWITCHYARD_BIN),
                      {QStringLiteral("--journal"), journal, QStringLiteral("--screenshot"), png});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
                 process.readAllStandardError().constData());

        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 500);
        const int colours = sy::test::distinctColours(image, 5);
        QVERIFY2(colours > 8, qPrintable(QString::number(colours)));
    }

    void notAJournalFailsCleanly()
    {
        QTemporaryDir dir;
        const QString bogus = dir.filePath(QStringLiteral("bogus.sqlite"));
        {
            QFile f(bogus);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is not a database, just some text that is long enough to matter\n");
        }
        const QString png = dir.filePath(QStringLiteral("x.png"));
        QProcess process;
        process.setProcessEnvironment(offscreen(dir.path()));
        process.start(QStringLiteral(SY_SWITCHYARD_BIN),
                      {QStringLiteral("--journal"), bogus, QStringLiteral("--screenshot"), png});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(process.readAllStandardError().contains("bogus.sqlite"));
        QVERIFY(!QFile::exists(png));
    }
};

QTEST_MAIN(TstJournalScreenshot)
#include "tst_journal_screenshot.moc"
