// `switchyard DIR --screenshot FILE.png` offscreen: the binary loads a copy
// of examples/hello, renders its main window into a PNG and exits 0.
#include "appCopy.h"

#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "../distinctColours.h"

class TestScreenshot : public QObject {
    Q_OBJECT
private slots:
    void rendersTheLoadedWindow()
    {
        QTemporaryDir app;
        QVERIFY(sy::test::copyHelloApp(app.path()));
        const QString png = app.filePath(QStringLiteral("shot.png"));
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), app.path()); // no settings left behind
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(SY_SWITCHYARD_BIN),
                      {app.path(), QStringLiteral("--screenshot"), png, QStringLiteral("--port"),
                       QStringLiteral("0")});
        QVERIFY(process.waitForFinished(180000));
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
                 process.readAllStandardError().constData());

        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 500);
        const int colours = sy::test::distinctColours(image, 7);
        QVERIFY2(colours > 8, qPrintable(QString::number(colours)));
    }

    void badFolderFailsCleanly()
    {
        QTemporaryDir empty;
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), empty.path());
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(SY_SWITCHYARD_BIN),
                      {empty.path(), QStringLiteral("--screenshot"),
                       empty.filePath(QStringLiteral("x.png"))});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(process.readAllStandardError().contains("wrangler"));
    }
};

QTEST_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
