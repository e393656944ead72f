#pragma once
// Engine events select the modules they concern: a row of the event list
// (over JournalModel) or an item of the timeline selects, in the dashboard's
// ModuleSelection, the modules its event names (timelineItemFromEvent's
// moduleIds, resolved against the module model in the event's environment).
// The event list and the timeline also select each other's row/item of the
// same event.
#include <QObject>
#include <QPointer>

class QAbstractItemModel;
class QAbstractItemView;
class QModelIndex;

namespace sy {

class ModuleSelection;
class TimelineView;

class EventSelectionSync : public QObject {
    Q_OBJECT
public:
    /// `modules` is a ModuleGraphModel (or a model with its roles); all
    /// must outlive the sync. `events` (a table over JournalModel's roles)
    /// and `timeline` may be null.
    EventSelectionSync(ModuleSelection *selection, const QAbstractItemModel *modules,
                       QAbstractItemView *events, TimelineView *timeline,
                       QObject *parent = nullptr);

    /// Selects the modules of the event at `row` of the event view's model.
    void selectEventRow(int row);

private:
    void selectForEvent(qint64 eventId, const QStringList &moduleIds, const QString &environment);
    void showEventInList(qint64 eventId);
    void showEventInTimeline(qint64 eventId);

    ModuleSelection *m_selection;
    const QAbstractItemModel *m_modules;
    QPointer<QAbstractItemView> m_events;
    QPointer<TimelineView> m_timeline;
    bool m_applying = false;
};

} // namespace sy
