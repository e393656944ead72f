#pragma once
// The dashboard's handle on the `switchyard-preview` process (app/
// previewMain.cpp): starts it for a URL, speaks the JSON-line protocol
// (previewProtocol.h) over its stdin/stdout, stops it, and restarts it when
// it crashes. No QtWebEngine here: the dashboard links only this side.
//
// States: NotRunning -> Starting (launched, no "ready" yet) -> Running ->
// Stopping (quit sent) -> NotRunning. An exit nobody asked for (a signal, a
// non-zero exit code, or the program not starting at all) is a crash: it is
// reported with crashed(reason) and the process is launched again, up to
// maxAutoRestarts() times in a row without a successful page load in
// between; after that the state stays Crashed until start() or restart().
// A clean exit 0 that was not asked for (the user closed the separate
// preview window) goes to NotRunning.
#include <QJsonValue>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>
#include <qwindowdefs.h>

class QProcess;
class QTimer;

namespace sy {

class PreviewProcess : public QObject {
    Q_OBJECT
public:
    enum class State { NotRunning, Starting, Running, Stopping, Crashed };
    Q_ENUM(State)

    explicit PreviewProcess(QObject *parent = nullptr);
    /// Stops the process (stopAndWait) without emitting signals.
    ~PreviewProcess() override;

    /// $SWITCHYARD_PREVIEW when set, else `switchyard-preview` next to the
    /// running executable (build tree: build/app; installed: bin/).
    static QString defaultProgram();
    void setProgram(const QString &program) { m_program = program; }
    QString program() const { return m_program; }
    /// Language passed to the preview (--language); default QLocale().name().
    void setLanguage(const QString &language) { m_language = language; }
    /// Consecutive crashes restarted automatically (default 2; 0: none).
    void setMaxAutoRestarts(int count) { m_maxAutoRestarts = count; }
    int maxAutoRestarts() const { return m_maxAutoRestarts; }

    State state() const { return m_state; }
    /// The URL asked for with start()/navigate().
    QUrl url() const { return m_url; }
    /// The page's URL and title as the preview last reported them.
    QUrl pageUrl() const { return m_pageUrl; }
    QString title() const { return m_title; }
    /// The preview's top-level native window and Qt platform ("xcb",
    /// "offscreen", "wayland"), from its "ready" event; 0 / "" before.
    WId windowId() const { return m_windowId; }
    QString platform() const { return m_platform; }
    /// The running process's id, 0 when none.
    qint64 processId() const;
    /// Why the last run ended unexpectedly or could not start, with the
    /// last lines the preview wrote to stderr; "" after a clean run.
    QString lastError() const { return m_lastError; }
    /// Crashes since this object was made.
    int crashCount() const { return m_crashCount; }

public slots:
    /// Launches the preview on `url`, or navigates the running one there.
    void start(const QUrl &url);
    /// Asks the preview to quit (it also quits when its stdin closes); kills
    /// it when it has not exited after a few seconds. No crash is reported.
    void stop();
    /// stop(), then waits up to `msecs` for the exit, then kills it.
    void stopAndWait(int msecs = 5000);
    /// Stops (if running) and launches again on url(); resets the crash count
    /// toward maxAutoRestarts().
    void restart();
    /// Maps the preview's window (after embedding it, or as its own window).
    void show();
    void navigate(const QUrl &url);
    void reload();

public:
    /// Runs `script` in the page's global scope; the answer arrives as
    /// evaluated(id, ...). Returns the id, or -1 when no process runs (no
    /// signal follows then). The value must be JSON-like (Promises are not
    /// awaited).
    int evaluate(const QString &script);

signals:
    void stateChanged(sy::PreviewProcess::State state);
    /// The preview made its native window (State::Running from here on).
    void ready(WId windowId, const QString &platform);
    void loadStarted(const QUrl &url);
    void loaded(const QUrl &url, bool ok, const QString &title);
    void urlChanged(const QUrl &url);
    void titleChanged(const QString &title);
    /// A console message of the page; `level`: "info", "warning", "error".
    void consoleMessage(const QString &level, const QString &message, int line,
                        const QString &source);
    /// The answer to evaluate(`id`): `value` when `ok`, else `error`. Also
    /// sent (ok false) for every open request when the process ends.
    void evaluated(int id, bool ok, const QJsonValue &value, const QString &error);
    /// The page's renderer process ended (the preview process lives on).
    void rendererTerminated(const QString &status, int exitCode);
    /// The process ended unexpectedly; `reason` says how. When a restart
    /// follows, stateChanged(Starting) comes after this signal.
    void crashed(const QString &reason);
    /// The preview answered with an error event or wrote a line that is not
    /// protocol.
    void protocolError(const QString &message);

private:
    void launch();
    void setState(State state);
    void send(const QJsonObject &command);
    void readEvents();
    void readErrors();
    void handleEvent(const QJsonObject &event);
    void processEnded(int exitCode, bool crashedExit);
    void failPendingEvaluations(const QString &why);

    QProcess *m_process = nullptr;
    QTimer *m_killTimer;
    QString m_program;
    QString m_language;
    State m_state = State::NotRunning;
    QUrl m_url;
    QUrl m_pageUrl;
    QString m_title;
    WId m_windowId = 0;
    QString m_platform;
    QString m_lastError;
    QStringList m_stderrTail;
    QSet<int> m_pending;
    int m_nextId = 1;
    int m_maxAutoRestarts = 2;
    int m_crashesInARow = 0;
    int m_crashCount = 0;
    bool m_stopRequested = false;
    bool m_startAfterStop = false;
};

} // namespace sy
