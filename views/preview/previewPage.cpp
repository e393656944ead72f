#include "previewPage.h"

namespace sy {

PreviewPage::PreviewPage(QObject *parent) : QWebEnginePage(parent) {}

void PreviewPage::javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level,
                                           const QString &message, int lineNumber,
                                           const QString &sourceID)
{
    QString name = QStringLiteral("info");
    if (level == WarningMessageLevel)
        name = QStringLiteral("warning");
    else if (level == ErrorMessageLevel)
        name = QStringLiteral("error");
    emit consoleMessage(name, message, lineNumber, sourceID);
}

} // namespace sy
