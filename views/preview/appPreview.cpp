#include "appPreview.h"

#include "previewPage.h"

#include <QDesktopServices>
#include <QLineEdit>
#include <QToolBar>
#include <QVBoxLayout>
#include <QWebEngineView>
#include <unistd.h>

namespace sy {

void AppPreview::prepareEnvironment()
{
    if (::geteuid() == 0 && qEnvironmentVariableIsEmpty("QTWEBENGINE_DISABLE_SANDBOX"))
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
}

AppPreview::AppPreview(QWidget *parent)
    : QWidget(parent), m_toolbar(new QToolBar(this)), m_address(new QLineEdit(this)),
      m_view(new QWebEngineView(this)), m_page(new PreviewPage(m_view))
{
    m_view->setPage(m_page);
    QAction *reloadAction = m_toolbar->addAction(tr("Reload"), this, &AppPreview::reload);
    reloadAction->setShortcut(QKeySequence::Refresh);
    m_toolbar->addWidget(m_address);
    m_toolbar->addAction(tr("Open in browser"), this, &AppPreview::openInBrowser);
    m_address->setPlaceholderText(tr("The dev server's address"));
    connect(m_address, &QLineEdit::returnPressed, this,
            [this] { setUrl(QUrl::fromUserInput(m_address->text())); });
    connect(m_view, &QWebEngineView::urlChanged, this, [this](const QUrl &url) {
        m_address->setText(url.toString());
        emit urlChanged(url);
    });
    connect(m_view, &QWebEngineView::loadStarted, this, &AppPreview::loadStarted);
    connect(m_view, &QWebEngineView::loadFinished, this, &AppPreview::loadFinished);
    connect(m_view, &QWebEngineView::titleChanged, this, &AppPreview::titleChanged);
    connect(m_page, &QWebEnginePage::renderProcessTerminated, this,
            [this](QWebEnginePage::RenderProcessTerminationStatus status, int exitCode) {
                QString name = QStringLiteral("normal");
                if (status == QWebEnginePage::AbnormalTerminationStatus)
                    name = QStringLiteral("abnormal");
                else if (status == QWebEnginePage::CrashedTerminationStatus)
                    name = QStringLiteral("crashed");
                else if (status == QWebEnginePage::KilledTerminationStatus)
                    name = QStringLiteral("killed");
                emit renderProcessTerminated(name, exitCode);
            });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolbar);
    layout->addWidget(m_view, 1);
}

void AppPreview::setUrl(const QUrl &url)
{
    m_address->setText(url.toString());
    m_view->setUrl(url);
}

QUrl AppPreview::url() const
{
    return m_view->url();
}

QString AppPreview::title() const
{
    return m_view->title();
}

void AppPreview::setToolbarVisible(bool visible)
{
    m_toolbar->setVisible(visible);
}

void AppPreview::reload()
{
    m_view->reload();
}

void AppPreview::openInBrowser()
{
    QDesktopServices::openUrl(url());
}

} // namespace sy
