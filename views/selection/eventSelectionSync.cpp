#include "views/selection/eventSelectionSync.h"

#include "journal/journalModel.h"
#include "timeline/timelineCanvas.h"
#include "timeline/timelineItemFromEvent.h"
#include "timeline/timelineModel.h"
#include "timeline/timelineView.h"
#include "views/selection/moduleRefResolver.h"
#include "views/selection/moduleSelection.h"
#include "views/selection/userInputGuard.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>

namespace sy {

EventSelectionSync::EventSelectionSync(ModuleSelection *selection,
                                       const QAbstractItemModel *modules, QAbstractItemView *events,
                                       TimelineView *timeline, QObject *parent)
    : QObject(parent ? parent : selection), m_selection(selection), m_modules(modules),
      m_events(events), m_timeline(timeline)
{
    if (events && events->selectionModel()) {
        // A row selected (click, keys), or clicked again after another view
        // changed the selection.
        QItemSelectionModel *rows = events->selectionModel();
        auto *userInput = new UserInputGuard(events);
        connect(rows, &QItemSelectionModel::selectionChanged, this, [this, rows, userInput] {
            if (m_applying || !userInput->active()) // not the journal trimming its rows
                return;
            const QModelIndex current = rows->currentIndex();
            const QModelIndexList selected = rows->selectedRows();
            if (current.isValid() && rows->isRowSelected(current.row()))
                selectEventRow(current.row());
            else if (!selected.isEmpty())
                selectEventRow(selected.first().row());
        });
        connect(events, &QAbstractItemView::clicked, this,
                [this](const QModelIndex &index) { selectEventRow(index.row()); });
    }
    if (timeline)
        connect(timeline, &TimelineView::itemActivated, this,
                [this](qint64 eventId, const QStringList &moduleIds) {
                    const TimelineModel *model = m_timeline ? m_timeline->model() : nullptr;
                    const TimelineItem *item =
                        model ? model->itemAt(model->indexOfEvent(eventId)) : nullptr;
                    selectForEvent(eventId, moduleIds, item ? item->environment : QString());
                    showEventInList(eventId);
                });
}

void EventSelectionSync::selectEventRow(int row)
{
    if (!m_events || !m_events->model())
        return;
    const QModelIndex index = m_events->model()->index(row, 0);
    JournalEvent event;
    event.id = index.data(JournalModel::IdRole).toLongLong();
    event.timeMs = index.data(JournalModel::TimeMsRole).toLongLong();
    event.kind = index.data(JournalModel::KindRole).toString().toStdString();
    event.environment = index.data(JournalModel::EnvironmentRole).toString().toStdString();
    event.dataJson = index.data(JournalModel::DataJsonRole).toString().toStdString();
    const std::optional<TimelineItem> item = timelineItemFromEvent(event);
    const QStringList ids = item ? item->moduleIds : QStringList();
    selectForEvent(event.id, ids, QString::fromStdString(event.environment));
    showEventInTimeline(event.id);
}

void EventSelectionSync::selectForEvent(qint64, const QStringList &moduleIds,
                                        const QString &environment)
{
    // An event without modules (a request, a generation) clears the selection.
    m_selection->select(resolveModules(m_modules, moduleIds, environment), {}, this);
}

void EventSelectionSync::showEventInList(qint64 eventId)
{
    if (!m_events || !m_events->model())
        return;
    const QAbstractItemModel *model = m_events->model();
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(JournalModel::IdRole).toLongLong() != eventId)
            continue;
        m_applying = true;
        m_events->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                               QItemSelectionModel::Rows);
        m_events->scrollTo(index);
        m_applying = false;
        return;
    }
}

void EventSelectionSync::showEventInTimeline(qint64 eventId)
{
    if (!m_timeline || !m_timeline->model())
        return;
    m_timeline->canvas()->setSelectedIndex(m_timeline->model()->indexOfEvent(eventId));
}

} // namespace sy
