#include "views/selection/graphChangeHighlight.h"

#include <QAbstractItemModel> // complete before the scene header (its QPointer member)

#include "journal/journalModel.h"
#include "timeline/timelineItemFromEvent.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"
#include "views/selection/moduleRefResolver.h"

#include <algorithm>

namespace sy {

namespace {

/// Journal kinds whose timeline item names the modules the event touched.
bool touchesModules(const std::string &kind)
{
    return kind == "optimizer-run" || kind == "hmr" || kind == "invalidation" ||
           kind == "runner-cache-clear";
}

} // namespace

GraphChangeHighlight::GraphChangeHighlight(ModuleGraphView *view, QAbstractItemModel *events,
                                           QAbstractItemModel *modules, QObject *parent)
    : QObject(parent ? parent : view), m_view(view), m_events(events), m_modules(modules)
{
    m_clock.start();
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &GraphChangeHighlight::tick);
    connect(events, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (!parent.isValid())
                    eventsInserted(first, last);
            });
    // Modules arrive in bursts: look for the pending names once per burst.
    m_arrived.setSingleShot(true);
    m_arrived.setInterval(50);
    connect(&m_arrived, &QTimer::timeout, this, &GraphChangeHighlight::modulesInserted);
    connect(modules, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
        if (!parent.isValid() && !m_pending.isEmpty() && !m_arrived.isActive())
            m_arrived.start();
    });
}

QStringList GraphChangeHighlight::light(const QStringList &names, const QString &environment)
{
    QStringList missing;
    for (const ModuleRef &ref : resolveModules(m_modules, names, environment, &missing))
        if (ModuleNodeItem *node = m_view->shownNode(ref.environment, ref.id)) {
            m_lit.insert(node->key(), m_clock.elapsed());
            node->setChangeHighlight(1.0);
        }
    return missing;
}

void GraphChangeHighlight::eventsInserted(int first, int last)
{
    if (!m_view || !m_events || !m_modules)
        return;
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = m_events->index(row, 0);
        JournalEvent event;
        event.kind = index.data(JournalModel::KindRole).toString().toStdString();
        if (!touchesModules(event.kind))
            continue;
        event.environment = index.data(JournalModel::EnvironmentRole).toString().toStdString();
        event.dataJson = index.data(JournalModel::DataJsonRole).toString().toStdString();
        const std::optional<TimelineItem> item = timelineItemFromEvent(event);
        if (!item || item->moduleIds.isEmpty())
            continue;
        const QString environment = QString::fromStdString(event.environment);
        const QStringList missing = light(item->moduleIds, environment);
        if (!missing.isEmpty())
            m_pending.push_back({missing, environment, m_clock.elapsed()});
    }
    if ((!m_lit.isEmpty() || !m_pending.isEmpty()) && !m_timer.isActive())
        m_timer.start();
}

void GraphChangeHighlight::modulesInserted()
{
    if (!m_view || !m_modules)
        return;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        it->names = light(it->names, it->environment);
        it = it->names.isEmpty() ? m_pending.erase(it) : it + 1;
    }
    if (!m_lit.isEmpty() && !m_timer.isActive())
        m_timer.start();
}

void GraphChangeHighlight::tick()
{
    if (!m_view) {
        m_timer.stop();
        return;
    }
    const qint64 now = m_clock.elapsed();
    for (auto it = m_lit.begin(); it != m_lit.end();) {
        const qreal left = 1.0 - qreal(now - it.value()) / kFadeMs;
        ModuleNodeItem *node = m_view->graphScene()->node(it.key());
        if (node)
            node->setChangeHighlight(std::max<qreal>(0, left));
        if (!node || left <= 0)
            it = m_lit.erase(it);
        else
            ++it;
    }
    m_pending.erase(std::remove_if(m_pending.begin(), m_pending.end(),
                                   [now](const Pending &p) { return now - p.since > kPendingMs; }),
                    m_pending.end());
    if (m_lit.isEmpty() && m_pending.isEmpty())
        m_timer.stop();
}

} // namespace sy
