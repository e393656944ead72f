#include "appPreview.h"

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
    : QWidget(parent), m_address(new QLineEdit(this)), m_view(new QWebEngineView(this))
{
    auto *toolbar = new QToolBar(this);
    QAction *reloadAction = toolbar->addAction(tr("Reload"), this, &AppPreview::reload);
    reloadAction->setShortcut(QKeySequence::Refresh);
    toolbar->addWidget(m_address);
    toolbar->addAction(tr("Open in browser"), this, &AppPreview::openInBrowser);
    m_address->setPlaceholderText(tr("The dev server's address"));
    connect(m_address, &QLineEdit::returnPressed, this,
            [this] { setUrl(QUrl::fromUserInput(m_address->text())); });
    connect(m_view, &QWebEngineView::urlChanged, this,
            [this](const QUrl &url) { m_address->setText(url.toString()); });
    connect(m_view, &QWebEngineView::loadFinished, this, &AppPreview::loadFinished);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
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

void AppPreview::reload()
{
    m_view->reload();
}

void AppPreview::openInBrowser()
{
    QDesktopServices::openUrl(url());
}

} // namespace sy
