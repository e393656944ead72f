#pragma once
// The app preview: the page the dev server serves, in an embedded Chromium
// (QtWebEngine), with the engine's HMR client working inside it like in any
// browser. A small toolbar: the URL, reload, open in the system browser.
// Lives only in the `switchyard-preview` process (app/previewMain.cpp): the
// dashboard never loads QtWebEngine (docs/architecture.md).
//
// QtWebEngine refuses to start as root unless its sandbox is disabled
// (QTWEBENGINE_DISABLE_SANDBOX=1; toolchain.md): the app sets it when it runs
// as root, before the first view is created.
#include <QUrl>
#include <QWidget>

class QLineEdit;
class QToolBar;
class QWebEngineView;

namespace sy {

class PreviewPage;

class AppPreview : public QWidget {
    Q_OBJECT
public:
    explicit AppPreview(QWidget *parent = nullptr);

    /// Shows `url` (the dev server's origin, or a page below it).
    void setUrl(const QUrl &url);
    QUrl url() const;
    QString title() const;
    QWebEngineView *view() const { return m_view; }
    PreviewPage *page() const { return m_page; }
    /// Hides the toolbar (when the dashboard shows its own around the page).
    void setToolbarVisible(bool visible);

    /// Sets QTWEBENGINE_DISABLE_SANDBOX when running as root (no-op
    /// otherwise). Call before the first AppPreview is created.
    static void prepareEnvironment();

public slots:
    void reload();
    /// Opens the current URL in the system's browser.
    void openInBrowser();

signals:
    void loadStarted();
    void loadFinished(bool ok);
    void urlChanged(const QUrl &url);
    void titleChanged(const QString &title);
    /// The page's renderer process ended (crashed, killed or exited);
    /// `status` is "normal", "abnormal", "crashed" or "killed".
    void renderProcessTerminated(const QString &status, int exitCode);

private:
    QToolBar *m_toolbar;
    QLineEdit *m_address;
    QWebEngineView *m_view;
    PreviewPage *m_page;
};

} // namespace sy
