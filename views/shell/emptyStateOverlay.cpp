#include "shell/emptyStateOverlay.h"

#include "shell/engineStatus.h"

#include <QAbstractItemModel>
#include <QAbstractScrollArea>
#include <QEvent>

namespace sy {

namespace {

QWidget *hostOf(QWidget *view)
{
    if (auto *area = qobject_cast<QAbstractScrollArea *>(view))
        return area->viewport();
    return view;
}

} // namespace

EmptyStateOverlay::EmptyStateOverlay(QWidget *view, std::function<QString()> message)
    : QLabel(hostOf(view)), m_host(hostOf(view)), m_message(std::move(message))
{
    setObjectName(QStringLiteral("emptyState"));
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setMargin(24);
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setForegroundRole(QPalette::PlaceholderText);
    m_host->installEventFilter(this);
    setGeometry(m_host->rect());
    refresh();
}

void EmptyStateOverlay::watch(const QAbstractItemModel *model)
{
    connect(model, &QAbstractItemModel::rowsInserted, this, &EmptyStateOverlay::refresh);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &EmptyStateOverlay::refresh);
    connect(model, &QAbstractItemModel::modelReset, this, &EmptyStateOverlay::refresh);
    connect(model, &QAbstractItemModel::layoutChanged, this, &EmptyStateOverlay::refresh);
    refresh();
}

void EmptyStateOverlay::watch(const EngineStatus *status)
{
    connect(status, &EngineStatus::changed, this, &EmptyStateOverlay::refresh);
    refresh();
}

QString EmptyStateOverlay::engineMessage(const EngineStatus *status, const QString &ready)
{
    switch (status->state()) {
    case EngineStatus::State::Idle:
        return tr("No app is open yet. File > Open App Folder… (Ctrl+O) opens a folder with a "
                  "wrangler.jsonc; the engine starts it here.");
    case EngineStatus::State::Loading:
        return tr("Starting the engine for %1…").arg(status->projectName());
    case EngineStatus::State::Failed:
        return tr("The app could not start:\n%1\nFix it and open the folder again (File > Open "
                  "Recent).")
            .arg(status->errorMessage());
    case EngineStatus::State::Ready:
        break;
    }
    return ready;
}

void EmptyStateOverlay::refresh()
{
    const QString text = m_message ? m_message() : QString();
    if (text != this->text())
        setText(text);
    setVisible(!text.isEmpty());
    if (isVisible())
        raise();
}

bool EmptyStateOverlay::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_host && event->type() == QEvent::Resize)
        setGeometry(m_host->rect());
    return QLabel::eventFilter(watched, event);
}

} // namespace sy
