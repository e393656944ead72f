#include "previewProcess.h"

#include "previewProtocol.h"

#include <QCoreApplication>
#include <QDir>
#include <QGuiApplication>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QTimer>
#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace sy {

namespace {
constexpr int kStderrTailLines = 12;
constexpr int kStopGraceMs = 4000;
} // namespace

PreviewProcess::PreviewProcess(QObject *parent)
    : QObject(parent), m_killTimer(new QTimer(this)), m_program(defaultProgram()),
      m_language(QLocale().name())
{
    m_killTimer->setSingleShot(true);
    connect(m_killTimer, &QTimer::timeout, this, [this] {
        if (m_process && m_process->state() != QProcess::NotRunning)
            m_process->kill();
    });
}

PreviewProcess::~PreviewProcess()
{
    blockSignals(true);
    stopAndWait();
}

QString PreviewProcess::defaultProgram()
{
    const QString overridden = qEnvironmentVariable("SWITCHYARD_PREVIEW");
    if (!overridden.isEmpty())
        return overridden;
    return QDir(QCoreApplication::applicationDirPath())
        .filePath(QStringLiteral("switchyard-preview"));
}

qint64 PreviewProcess::processId() const
{
    return m_process ? m_process->processId() : 0;
}

void PreviewProcess::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void PreviewProcess::start(const QUrl &url)
{
    m_url = url;
    switch (m_state) {
    case State::Starting:
    case State::Running:
        navigate(url);
        return;
    case State::Stopping:
        m_startAfterStop = true;
        return;
    case State::Crashed:
        m_crashesInARow = 0;
        [[fallthrough]];
    case State::NotRunning:
        launch();
        return;
    }
}

void PreviewProcess::launch()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
    }
    m_process = new QProcess(this);
    m_windowId = 0;
    m_platform.clear();
    m_pageUrl = QUrl();
    m_title.clear();
    m_stderrTail.clear();
    m_stopRequested = false;
    m_startAfterStop = false;

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // The same windowing system as the dashboard (also when it was chosen
    // with -platform), so the window can be embedded where that works.
    if (qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QGuiApplication::platformName());
    m_process->setProcessEnvironment(environment);
#ifdef Q_OS_LINUX
    // The preview must not outlive the dashboard, even when it is killed.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    QStringList arguments{QStringLiteral("--control")};
    if (!m_language.isEmpty() && m_language != QLatin1String("C"))
        arguments << QStringLiteral("--language") << m_language;
    arguments << m_url.toString(QUrl::FullyEncoded);

    connect(m_process, &QProcess::readyReadStandardOutput, this, &PreviewProcess::readEvents);
    connect(m_process, &QProcess::readyReadStandardError, this, &PreviewProcess::readErrors);
    connect(m_process, &QProcess::finished, this,
            [this](int exitCode, QProcess::ExitStatus status) {
                processEnded(exitCode, status == QProcess::CrashExit);
            });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        m_lastError = tr("Cannot start %1: %2").arg(m_program, m_process->errorString());
        failPendingEvaluations(m_lastError);
        ++m_crashCount;
        setState(State::Crashed);
        emit crashed(m_lastError);
    });
    setState(State::Starting);
    m_process->start(m_program, arguments);
}

void PreviewProcess::stop()
{
    m_startAfterStop = false;
    if (m_state == State::Crashed) {
        setState(State::NotRunning);
        return;
    }
    if (!m_process || m_process->state() == QProcess::NotRunning) {
        setState(State::NotRunning);
        return;
    }
    if (m_state == State::Stopping)
        return;
    m_stopRequested = true;
    setState(State::Stopping);
    send({{"cmd", "quit"}});
    m_process->closeWriteChannel();
    m_killTimer->start(kStopGraceMs);
}

void PreviewProcess::stopAndWait(int msecs)
{
    stop();
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    if (!m_process->waitForFinished(msecs)) {
        m_process->kill();
        m_process->waitForFinished(msecs);
    }
}

void PreviewProcess::restart()
{
    m_crashesInARow = 0;
    if (m_process && m_process->state() != QProcess::NotRunning) {
        stop();
        m_startAfterStop = true;
        return;
    }
    launch();
}

void PreviewProcess::show()
{
    send({{"cmd", "show"}});
}

void PreviewProcess::navigate(const QUrl &url)
{
    m_url = url;
    send({{"cmd", "navigate"}, {"url", url.toString(QUrl::FullyEncoded)}});
}

void PreviewProcess::reload()
{
    send({{"cmd", "reload"}});
}

int PreviewProcess::evaluate(const QString &script)
{
    if (m_state != State::Starting && m_state != State::Running)
        return -1;
    const int id = m_nextId++;
    m_pending.insert(id);
    send({{"cmd", "eval"}, {"id", id}, {"script", script}});
    return id;
}

void PreviewProcess::send(const QJsonObject &command)
{
    if (m_process && m_process->state() != QProcess::NotRunning && m_process->isWritable())
        m_process->write(preview::encodeLine(command));
}

void PreviewProcess::readEvents()
{
    while (m_process && m_process->canReadLine()) {
        const QByteArray line = m_process->readLine();
        if (line.trimmed().isEmpty())
            continue;
        QString error;
        if (const auto event = preview::decodeLine(line, QStringLiteral("event"), &error))
            handleEvent(*event);
        else
            emit protocolError(tr("Unexpected output from the preview (%1): %2")
                                   .arg(error, QString::fromUtf8(line.trimmed().left(200))));
    }
}

void PreviewProcess::readErrors()
{
    const QStringList lines =
        QString::fromUtf8(m_process->readAllStandardError()).split(QLatin1Char('\n'));
    for (const QString &line : lines)
        if (!line.trimmed().isEmpty())
            m_stderrTail << line;
    if (m_stderrTail.size() > kStderrTailLines)
        m_stderrTail = m_stderrTail.mid(m_stderrTail.size() - kStderrTailLines);
}

void PreviewProcess::handleEvent(const QJsonObject &event)
{
    const QString name = event.value(QStringLiteral("event")).toString();
    if (name == QLatin1String("ready")) {
        m_windowId = WId(event.value(QStringLiteral("winId")).toDouble());
        m_platform = event.value(QStringLiteral("platform")).toString();
        if (m_state == State::Starting)
            setState(State::Running);
        emit ready(m_windowId, m_platform);
    } else if (name == QLatin1String("loadStarted")) {
        emit loadStarted(QUrl(event.value(QStringLiteral("url")).toString()));
    } else if (name == QLatin1String("loaded")) {
        const bool ok = event.value(QStringLiteral("ok")).toBool();
        m_pageUrl = QUrl(event.value(QStringLiteral("url")).toString());
        m_title = event.value(QStringLiteral("title")).toString();
        if (ok) {
            m_crashesInARow = 0;
            m_lastError.clear();
        }
        emit loaded(m_pageUrl, ok, m_title);
    } else if (name == QLatin1String("urlChanged")) {
        m_pageUrl = QUrl(event.value(QStringLiteral("url")).toString());
        emit urlChanged(m_pageUrl);
    } else if (name == QLatin1String("titleChanged")) {
        m_title = event.value(QStringLiteral("title")).toString();
        emit titleChanged(m_title);
    } else if (name == QLatin1String("console")) {
        emit consoleMessage(event.value(QStringLiteral("level")).toString(),
                            event.value(QStringLiteral("message")).toString(),
                            event.value(QStringLiteral("line")).toInt(),
                            event.value(QStringLiteral("source")).toString());
    } else if (name == QLatin1String("result")) {
        const int id = event.value(QStringLiteral("id")).toInt();
        if (!m_pending.remove(id))
            return;
        const bool ok = event.value(QStringLiteral("ok")).toBool();
        emit evaluated(id, ok, ok ? event.value(QStringLiteral("value")) : QJsonValue(),
                       ok ? QString() : event.value(QStringLiteral("error")).toString());
    } else if (name == QLatin1String("rendererTerminated")) {
        emit rendererTerminated(event.value(QStringLiteral("status")).toString(),
                                event.value(QStringLiteral("exitCode")).toInt());
    } else if (name == QLatin1String("error")) {
        emit protocolError(event.value(QStringLiteral("message")).toString());
    }
}

void PreviewProcess::failPendingEvaluations(const QString &why)
{
    const QSet<int> pending = std::exchange(m_pending, {});
    for (int id : pending)
        emit evaluated(id, false, QJsonValue(), why);
}

void PreviewProcess::processEnded(int exitCode, bool crashedExit)
{
    m_killTimer->stop();
    readEvents();
    readErrors();
    failPendingEvaluations(tr("The preview process ended."));
    m_windowId = 0;
    if (m_stopRequested) {
        m_stopRequested = false;
        m_lastError.clear();
        setState(State::NotRunning);
        if (m_startAfterStop)
            launch();
        return;
    }
    if (!crashedExit && exitCode == 0) {
        m_lastError.clear();
        setState(State::NotRunning);
        return;
    }
    QString reason = crashedExit ? tr("The preview process was killed by signal %1.").arg(exitCode)
                                 : tr("The preview process exited with code %1.").arg(exitCode);
    if (!m_stderrTail.isEmpty())
        reason += QLatin1Char('\n') + m_stderrTail.join(QLatin1Char('\n'));
    m_lastError = reason;
    ++m_crashCount;
    ++m_crashesInARow;
    const bool again = m_crashesInARow <= m_maxAutoRestarts;
    if (!again)
        setState(State::Crashed);
    emit crashed(reason);
    if (again)
        launch();
}

} // namespace sy
