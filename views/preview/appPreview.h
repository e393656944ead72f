#pragma once
// The app preview: the page the dev server serves, in an embedded Chromium
// (QtWebEngine), with the engine's HMR client working inside it like in any
// browser. A small toolbar: the URL, reload, open in the system browser.
//
// QtWebEngine refuses to start as root unless its sandbox is disabled
// (QTWEBENGINE_DISABLE_SANDBOX=1; toolchain.md): the app sets it when it runs
// as root, before the first view is created.
#include <QUrl>
#include <QWidget>

class QLineEdit;
class QWebEngineView;

namespace sy {

class AppPreview : public QWidget {
    Q_OBJECT
public:
    explicit AppPreview(QWidget *parent = nullptr);

    /// Shows `url` (the dev server's origin, or a page below it).
    void setUrl(const QUrl &url);
    QUrl url() const;
    QWebEngineView *view() const { return m_view; }

    /// Sets QTWEBENGINE_DISABLE_SANDBOX when running as root (no-op
    /// otherwise). Call before the first AppPreview is created.
    static void prepareEnvironment();

public slots:
    void reload();
    /// Opens the current URL in the system's browser.
    void openInBrowser();

signals:
    void loadFinished(bool ok);

private:
    QLineEdit *m_address;
    QWebEngineView *m_view;
};

} // namespace sy
