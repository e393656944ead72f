#pragma once
// The timeline's Qt item model: journal events as items in lanes.
#include "journal/journalEvent.h"
#include "timeline/timelineItem.h"
#include "timeline/timelineRowPacker.h"

#include <QAbstractItemModel>
#include <QPointer>
#include <array>
#include <deque>
#include <utility>
#include <vector>

namespace sy {

class JournalModel;

/// A tree with one column: the top-level rows are the kTimelineLaneCount
/// lanes (always present, in TimelineLane order, DisplayRole = lane name);
/// each lane's children are its items (timelineItemFromEvent), in journal id
/// order (which is the order events ended, so bars may start out of order).
/// A tree rather than a flat list so that views can collapse, count and hide
/// lanes with ordinary Qt machinery, and a lane with no items still shows.
///
/// Overlapping items of a lane stack into rows (TimelineRowPacker): each
/// item's row (TimelineItem::row, RowRole) is fixed when it is appended and
/// never changes while it stays; laneRowCount() is the rows its items use.
///
/// Item roles: DisplayRole = label, ToolTipRole = summary, DecorationRole =
/// the category's colour, and the Role values below. On lane rows only
/// DisplayRole, LaneRole and ItemCount (rowCount) are meaningful.
///
/// Bounded: keeps the newest maxItems() items in total (default
/// kDefaultMaxItems); appending beyond that removes the oldest item (smallest
/// event id, from whichever lane holds it). Events of kinds the timeline does
/// not show are skipped. Events must come in id order: an event whose id is
/// not greater than the last one appended is ignored (so load() followed by a
/// live stream may overlap). GUI thread only.
class TimelineModel : public QAbstractItemModel {
    Q_OBJECT
public:
    static constexpr int kDefaultMaxItems = 50000;

    enum Role {
        StartMsRole = Qt::UserRole + 1, ///< qint64, ms since the epoch
        DurationMsRole,                 ///< qint64, 0 for instants
        EndMsRole,                      ///< qint64
        HeldMsRole,                     ///< qint64, requests: time held at the gate
        LaneRole,                       ///< int (TimelineLane), on lanes and items
        CategoryRole,                   ///< QString, see timelinePalette.h
        ColorRole,                      ///< QColor of the category
        EventIdRole,                    ///< qint64, the journal event id
        ModuleIdsRole,                  ///< QStringList, modules involved
        KindRole,                       ///< QString, journal kind
        EnvironmentRole,                ///< QString
        GenerationRole,                 ///< qint64
        SummaryRole,                    ///< QString
        DataJsonRole,                   ///< QString, payload JSON text
        RowRole                         ///< int, the item's row within its lane
    };

    explicit TimelineModel(QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// The index of a lane's top-level row.
    QModelIndex laneIndex(TimelineLane lane) const;
    /// Number of items in `lane`, and one of them (0 <= row < itemCount).
    int itemCount(TimelineLane lane) const { return int(m_lanes[size_t(lane)].size()); }
    const TimelineItem &item(TimelineLane lane, int row) const
    {
        return m_lanes[size_t(lane)][size_t(row)];
    }
    /// Rows the items of `lane` stack into (highest item row + 1; 0 when empty).
    int laneRowCount(TimelineLane lane) const { return int(m_rowItems[size_t(lane)].size()); }
    /// The item at `index`, or null for lane rows and invalid indexes.
    const TimelineItem *itemAt(const QModelIndex &index) const;
    /// The index of the item made from journal event `eventId` (invalid if none).
    QModelIndex indexOfEvent(int64_t eventId) const;
    /// Total items over all lanes.
    int totalItems() const;
    /// [earliest start, latest end] over all items; {0, 0} when empty.
    std::pair<int64_t, int64_t> timeRange() const;

    int maxItems() const { return m_maxItems; }
    /// Sets the bound (at least 1), dropping the oldest items beyond it.
    void setMaxItems(int maxItems);

    /// Replaces the items with those made from `events` (id order), keeping
    /// the newest maxItems().
    void load(const std::vector<JournalEvent> &events);

    /// Follows a JournalModel: loads its rows now, appends the rows it
    /// inserts later and reloads when it resets. Null stops following.
    void setJournalModel(JournalModel *model);

public slots:
    /// Appends the item for `event` (connect JournalFeed::eventRecorded here,
    /// queued). See the class comment for ordering and the bound.
    void append(const sy::JournalEvent &event);
    void clear();

private:
    void trimTo(int items);
    void resetRows();
    void placeInRow(TimelineItem &item);
    void removeFromRow(const TimelineItem &item);
    void reloadFromJournalModel();
    std::array<std::deque<TimelineItem>, kTimelineLaneCount> m_lanes;
    std::array<TimelineRowPacker, kTimelineLaneCount> m_packers;
    // Per lane, how many of its items each row holds (no trailing zeros).
    std::array<std::vector<int>, kTimelineLaneCount> m_rowItems;
    int64_t m_lastEventId = 0;
    int m_maxItems = kDefaultMaxItems;
    mutable std::pair<int64_t, int64_t> m_range{0, 0};
    mutable bool m_rangeDirty = false;
    QPointer<JournalModel> m_journalModel;
    QMetaObject::Connection m_inserted, m_reset;
};

} // namespace sy
