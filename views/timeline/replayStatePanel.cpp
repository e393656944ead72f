#include "timeline/replayStatePanel.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sy {

namespace {

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

} // namespace

ReplayStatePanel::ReplayStatePanel(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel), m_environments(new QTreeWidget),
      m_pendingTitle(new QLabel), m_pending(new QListWidget)
{
    m_summary->setObjectName(QStringLiteral("replaySummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_environments->setObjectName(QStringLiteral("replayEnvironments"));
    m_environments->setColumnCount(3);
    m_environments->setHeaderLabels({tr("Environment"), tr("Browser hash"), tr("Since")});
    m_environments->setRootIsDecorated(false);
    m_environments->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_pending->setObjectName(QStringLiteral("replayPending"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    auto *envTitle = new QLabel(tr("Pre-bundles in force"));
    layout->addWidget(envTitle);
    layout->addWidget(m_environments, 1);
    layout->addWidget(m_pendingTitle);
    layout->addWidget(m_pending, 2);
    setState(ReplayState{});
}

void ReplayStatePanel::setReplay(const JournalReplay *replay)
{
    m_replay = replay;
    if (m_replay)
        setTimeMs(m_replay->timeRange().second);
    else
        setState(ReplayState{});
}

void ReplayStatePanel::setTimeMs(qint64 ms)
{
    if (!m_replay)
        return;
    setState(m_replay->stateAt(ms));
}

void ReplayStatePanel::setState(const ReplayState &state)
{
    m_state = state;
    m_summary->setText(tr("At %1\nGeneration %2, events so far: %3")
                           .arg(state.timeMs ? timeText(state.timeMs) : tr("(no time)"))
                           .arg(state.generation)
                           .arg(state.eventCount));
    m_environments->clear();
    for (const QString env :
         {QStringLiteral("client"), QStringLiteral("ssr"), QStringLiteral("worker")}) {
        auto *item = new QTreeWidgetItem(m_environments);
        item->setText(0, env);
        const auto it = state.environments.find(env);
        if (it == state.environments.end()) {
            item->setText(1, tr("not optimized yet"));
        } else {
            item->setText(1, it->second.browserHash);
            item->setText(2, timeText(it->second.sinceMs));
        }
    }
    for (const auto &[env, s] : state.environments) {
        if (env == QLatin1String("client") || env == QLatin1String("ssr") ||
            env == QLatin1String("worker"))
            continue;
        auto *item = new QTreeWidgetItem(m_environments);
        item->setText(0, env);
        item->setText(1, s.browserHash);
        item->setText(2, timeText(s.sinceMs));
    }
    m_pendingTitle->setText(
        tr("Invalidated, not re-transformed yet: %1").arg(state.pendingModules.size()));
    m_pending->clear();
    for (const QString &id : state.pendingModules)
        m_pending->addItem(id);
}

QString ReplayStatePanel::text() const
{
    QStringList lines = m_summary->text().split(QLatin1Char('\n'));
    for (int i = 0; i < m_environments->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_environments->topLevelItem(i);
        lines << item->text(0) + QStringLiteral(": ") + item->text(1);
    }
    lines << m_pendingTitle->text();
    for (int i = 0; i < m_pending->count(); ++i)
        lines << m_pending->item(i)->text();
    return lines.join(QLatin1Char('\n'));
}

} // namespace sy
