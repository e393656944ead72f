#pragma once
// The preview's web page: a QWebEnginePage that reports the page's console
// messages (console.log/warn/error and uncaught errors) as a signal instead
// of printing them, so the preview process can forward them to the dashboard.
#include <QWebEnginePage>

namespace sy {

class PreviewPage : public QWebEnginePage {
    Q_OBJECT
public:
    explicit PreviewPage(QObject *parent = nullptr);

signals:
    /// `level` is "info", "warning" or "error"; `line` is 1-based (0 when
    /// unknown); `source` the script's URL.
    void consoleMessage(const QString &level, const QString &message, int line,
                        const QString &source);

protected:
    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString &message,
                                  int lineNumber, const QString &sourceID) override;
};

} // namespace sy
