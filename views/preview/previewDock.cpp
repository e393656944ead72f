#include "previewDock.h"

#include "previewPane.h"
#include "shell/engineStatus.h"

#include <QCloseEvent>
#include <QUrl>

namespace sy {

PreviewDock::PreviewDock(EngineStatus *status, QWidget *parent)
    : QDockWidget(tr("Preview"), parent), m_status(status), m_pane(new PreviewPane(this))
{
    setObjectName(QStringLiteral("previewDock"));
    setWidget(m_pane);
    connect(m_status, &EngineStatus::changed, this, &PreviewDock::statusChanged);
    // Shown (also as the current tab): run. Hidden behind another tab, with
    // the window, or for a moment while floating or docking: keep running.
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            m_pane->setActive(true);
    });
    statusChanged();
}

void PreviewDock::closeEvent(QCloseEvent *event)
{
    // The close button and the View menu's toggle both close the dock.
    m_pane->setActive(false);
    QDockWidget::closeEvent(event);
}

void PreviewDock::statusChanged()
{
    const QString url = m_status->serverUrl();
    if (m_status->state() == EngineStatus::State::Ready && !url.isEmpty())
        m_pane->setUrl(QUrl(url + QLatin1Char('/')));
}

} // namespace sy
