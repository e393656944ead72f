// The preview on a real dev server: `switchyard serve` on a copy of
// examples/hello; the page loads in QtWebEngine and the counter hydrates and
// counts, through the engine's client modules and pre-bundles.
#include "../shell/appCopy.h"
#include "appPreview.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebEnginePage>
#include <QWebEngineView>

using namespace sy;

namespace {

QVariant runJs(QWebEngineView *view, const QString &script)
{
    QVariant result;
    bool done = false;
    view->page()->runJavaScript(script, [&](const QVariant &v) {
        result = v;
        done = true;
    });
    for (int waited = 0; !done && waited < 10000; waited += 10)
        QTest::qWait(10);
    return result;
}

} // namespace

class TestAppPreview : public QObject {
    Q_OBJECT
    QTemporaryDir m_app;
    QProcess m_server;
    QUrl m_origin;

private slots:
    void initTestCase()
    {
        QVERIFY(sy::test::copyHelloApp(m_app.path()));
        m_server.setProcessChannelMode(QProcess::MergedChannels);
        m_server.start(SY_SWITCHYARD_BINARY, {"serve", m_app.path(), "--port", "0"});
        QVERIFY(m_server.waitForStarted());
        const QRegularExpression url(R"((http://127\.0\.0\.1:\d+)/)");
        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT(
            (output += m_server.readAll(), url.match(QString::fromUtf8(output)).hasMatch()), 60000);
        m_origin = QUrl(url.match(QString::fromUtf8(output)).captured(1));
    }

    void cleanupTestCase()
    {
        m_server.terminate();
        m_server.waitForFinished(5000);
    }

    void pageLoadsHydratesAndCounts()
    {
        AppPreview::prepareEnvironment();
        AppPreview preview;
        preview.resize(1000, 700);
        preview.show();
        QSignalSpy loaded(&preview, &AppPreview::loadFinished);
        preview.setUrl(m_origin);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 30000);
        QVERIFY(loaded.first().at(0).toBool());
        QCOMPARE(runJs(preview.view(), "document.querySelector('h1').textContent").toString(),
                 QStringLiteral("Hello from Switchyard"));
        QTRY_VERIFY_WITH_TIMEOUT(
            runJs(preview.view(), "document.querySelector('#counter').dataset.hydrated")
                    .toString() == QLatin1String("yes"),
            30000);
        runJs(preview.view(), "document.querySelector('#increment').click()");
        QTRY_COMPARE_WITH_TIMEOUT(
            runJs(preview.view(), "document.querySelector('#count').textContent").toString(),
            QStringLiteral("2"), 10000);
        QVERIFY(preview.url().toString().startsWith(m_origin.toString()));
    }
};

QTEST_MAIN(TestAppPreview)
#include "tst_app_preview.moc"
