#pragma once
// The preview pane of the dashboard: runs `switchyard-preview`
// (PreviewProcess) on the dev server's URL while it is active, and shows the
// page. On X11 (the "xcb" platform, dashboard and preview alike) the
// preview's top-level window is embedded into the pane (QWindow::fromWinId +
// QWidget::createWindowContainer); elsewhere (offscreen, wayland) the preview
// stays a window of its own and the pane shows its state: starting, the
// page's title and URL, whether it loaded, a crash and its reason. A toolbar
// offers Reload, Open in Browser, Restart and Console (the page's console
// messages, below the page; the button counts the errors).
#include <QUrl>
#include <QWidget>

class QAction;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QVBoxLayout;
class QWindow;

namespace sy {

class PreviewProcess;

class PreviewPane : public QWidget {
    Q_OBJECT
public:
    explicit PreviewPane(QWidget *parent = nullptr);
    /// Stops the preview process (waiting for it) before its embedded window
    /// goes away with this widget.
    ~PreviewPane() override;

    PreviewProcess *process() const { return m_process; }

    /// The page to preview (the dev server's origin + "/"); started or
    /// navigated to at once when the pane is active. The same URL again
    /// changes nothing (the page is not reloaded).
    void setUrl(const QUrl &url);
    QUrl url() const { return m_url; }
    /// Active: the preview process runs (once a URL is set). Inactive: it is
    /// stopped.
    void setActive(bool active);
    bool isActive() const { return m_active; }

    /// Whether the preview's window is embedded in the pane right now.
    bool isEmbedded() const { return m_container != nullptr; }
    /// The window container holding the embedded preview, or null.
    QWidget *embeddedContainer() const { return m_container; }
    /// The state text shown when nothing is embedded (starting, own window,
    /// crashed, stopped).
    QString statusText() const;
    /// Whether a window of a preview on Qt platform `platform` can be
    /// embedded by this process: both must be "xcb".
    static bool canEmbed(const QString &platform);

    QAction *reloadAction() const { return m_reload; }
    QAction *openInBrowserAction() const { return m_openInBrowser; }
    QAction *restartAction() const { return m_restart; }
    /// Checkable: shows the console below the page.
    QAction *consoleAction() const { return m_consoleToggle; }
    /// The page's console messages, one per line ("error: message
    /// (source:line)"), the last 500 kept; cleared when the process starts.
    QPlainTextEdit *console() const { return m_console; }
    /// Errors in console() since the process started.
    int consoleErrors() const { return m_consoleErrors; }

public slots:
    void reload();
    /// Opens the page (or url()) with QDesktopServices.
    void openInBrowser();
    /// Restarts the preview process (also after a crash).
    void restart();

signals:
    /// The preview's window was embedded (true) or released (false).
    void embeddedChanged(bool embedded);

private:
    void processReady(quintptr windowId, const QString &platform);
    void releaseContainer();
    void addConsoleMessage(const QString &level, const QString &message, int line,
                           const QString &source);
    void updateConsoleAction();
    void refresh();

    PreviewProcess *m_process;
    QUrl m_url;
    bool m_active = false;
    QString m_separateWindowPlatform; // "" unless the preview runs in its own window
    QString m_crashNote;
    QString m_loadNote;
    QAction *m_reload;
    QAction *m_openInBrowser;
    QAction *m_restart;
    QAction *m_consoleToggle;
    QPlainTextEdit *m_console;
    int m_consoleErrors = 0;
    QLabel *m_pageLabel;
    QStackedWidget *m_stack;
    QWidget *m_messagePage;
    QLabel *m_message;
    QPushButton *m_restartButton;
    QWidget *m_embedPage;
    QVBoxLayout *m_embedLayout;
    QWidget *m_container = nullptr;
    QWindow *m_foreignWindow = nullptr;
};

} // namespace sy
