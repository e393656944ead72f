#include "timeline/timelineModel.h"

#include "journal/journalModel.h"
#include "timeline/timelineItemFromEvent.h"
#include "timeline/timelinePalette.h"

#include <algorithm>
#include <limits>

namespace sy {

namespace {
// internalId of a lane row is 0; of an item, its lane + 1.
constexpr quintptr kLaneRowId = 0;
} // namespace

TimelineModel::TimelineModel(QObject *parent) : QAbstractItemModel(parent)
{
    qRegisterMetaType<sy::JournalEvent>();
}

QModelIndex TimelineModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < kTimelineLaneCount ? createIndex(row, 0, kLaneRowId) : QModelIndex();
    if (parent.internalId() != kLaneRowId || parent.row() >= kTimelineLaneCount)
        return {};
    if (row >= int(m_lanes[size_t(parent.row())].size()))
        return {};
    return createIndex(row, 0, quintptr(parent.row() + 1));
}

QModelIndex TimelineModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kLaneRowId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kLaneRowId);
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return kTimelineLaneCount;
    if (parent.column() != 0 || parent.internalId() != kLaneRowId)
        return 0;
    return int(m_lanes[size_t(parent.row())].size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.internalId() != kLaneRowId)
        return 0;
    return 1;
}

const TimelineItem *TimelineModel::itemAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == kLaneRowId)
        return nullptr;
    const auto &lane = m_lanes[size_t(index.internalId() - 1)];
    return index.row() < int(lane.size()) ? &lane[size_t(index.row())] : nullptr;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kLaneRowId) {
        if (role == Qt::DisplayRole)
            return timelineLaneName(TimelineLane(index.row()));
        if (role == LaneRole)
            return index.row();
        return {};
    }
    const TimelineItem *item = itemAt(index);
    if (!item)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return item->label;
    case Qt::ToolTipRole:
    case SummaryRole:
        return item->summary;
    case Qt::DecorationRole:
    case ColorRole:
        return timelineColor(item->category);
    case StartMsRole:
        return qint64(item->startMs);
    case DurationMsRole:
        return qint64(item->durationMs);
    case EndMsRole:
        return qint64(item->endMs());
    case HeldMsRole:
        return qint64(item->heldMs);
    case LaneRole:
        return int(item->lane);
    case CategoryRole:
        return item->category;
    case EventIdRole:
        return qint64(item->eventId);
    case ModuleIdsRole:
        return item->moduleIds;
    case KindRole:
        return item->kind;
    case EnvironmentRole:
        return item->environment;
    case GenerationRole:
        return qint64(item->generation);
    case DataJsonRole:
        return item->dataJson;
    case RowRole:
        return item->row;
    }
    return {};
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section == 0 && orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return tr("Event");
    return {};
}

QHash<int, QByteArray> TimelineModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(StartMsRole, "startMs");
    names.insert(DurationMsRole, "durationMs");
    names.insert(EndMsRole, "endMs");
    names.insert(HeldMsRole, "heldMs");
    names.insert(LaneRole, "lane");
    names.insert(CategoryRole, "category");
    names.insert(ColorRole, "color");
    names.insert(EventIdRole, "eventId");
    names.insert(ModuleIdsRole, "moduleIds");
    names.insert(KindRole, "kind");
    names.insert(EnvironmentRole, "environment");
    names.insert(GenerationRole, "generation");
    names.insert(SummaryRole, "summary");
    names.insert(DataJsonRole, "dataJson");
    names.insert(RowRole, "row");
    return names;
}

QModelIndex TimelineModel::laneIndex(TimelineLane lane) const
{
    return index(int(lane), 0);
}

QModelIndex TimelineModel::indexOfEvent(int64_t eventId) const
{
    for (int l = 0; l < kTimelineLaneCount; ++l) {
        const auto &lane = m_lanes[size_t(l)];
        const auto it = std::lower_bound(
            lane.begin(), lane.end(), eventId,
            [](const TimelineItem &item, int64_t id) { return item.eventId < id; });
        if (it != lane.end() && it->eventId == eventId)
            return createIndex(int(it - lane.begin()), 0, quintptr(l + 1));
    }
    return {};
}

int TimelineModel::totalItems() const
{
    size_t n = 0;
    for (const auto &lane : m_lanes)
        n += lane.size();
    return int(n);
}

std::pair<int64_t, int64_t> TimelineModel::timeRange() const
{
    if (m_rangeDirty) {
        int64_t lo = std::numeric_limits<int64_t>::max();
        int64_t hi = std::numeric_limits<int64_t>::min();
        for (const auto &lane : m_lanes)
            for (const TimelineItem &item : lane) {
                lo = std::min(lo, item.startMs);
                hi = std::max(hi, item.endMs());
            }
        m_range = lo > hi ? std::pair<int64_t, int64_t>{0, 0} : std::pair{lo, hi};
        m_rangeDirty = false;
    }
    return m_range;
}

void TimelineModel::setMaxItems(int maxItems)
{
    m_maxItems = std::max(1, maxItems);
    if (totalItems() > m_maxItems)
        trimTo(m_maxItems);
}

void TimelineModel::load(const std::vector<JournalEvent> &events)
{
    beginResetModel();
    for (auto &lane : m_lanes)
        lane.clear();
    resetRows();
    m_lastEventId = 0;
    // Only the newest maxItems() shown items survive: walk back from the end.
    std::vector<TimelineItem> kept;
    for (auto it = events.rbegin(); it != events.rend() && int(kept.size()) < m_maxItems; ++it)
        if (auto item = timelineItemFromEvent(*it))
            kept.push_back(std::move(*item));
    for (auto it = kept.rbegin(); it != kept.rend(); ++it) {
        if (it->eventId != 0 && it->eventId <= m_lastEventId)
            continue;
        m_lastEventId = std::max(m_lastEventId, it->eventId);
        placeInRow(*it);
        m_lanes[size_t(it->lane)].push_back(std::move(*it));
    }
    if (!events.empty())
        m_lastEventId = std::max(m_lastEventId, events.back().id);
    m_rangeDirty = true;
    endResetModel();
}

void TimelineModel::append(const JournalEvent &event)
{
    if (event.id != 0 && event.id <= m_lastEventId)
        return;
    m_lastEventId = std::max(m_lastEventId, event.id);
    std::optional<TimelineItem> item = timelineItemFromEvent(event);
    if (!item)
        return;
    if (totalItems() >= m_maxItems)
        trimTo(m_maxItems - 1);
    auto &lane = m_lanes[size_t(item->lane)];
    const int row = int(lane.size());
    const bool wasEmpty = totalItems() == 0;
    const auto [lo, hi] = timeRange();
    placeInRow(*item);
    beginInsertRows(laneIndex(item->lane), row, row);
    lane.push_back(std::move(*item));
    if (wasEmpty) {
        m_range = {lane.back().startMs, lane.back().endMs()};
    } else {
        m_range = {std::min(lo, lane.back().startMs), std::max(hi, lane.back().endMs())};
    }
    endInsertRows();
}

void TimelineModel::clear()
{
    beginResetModel();
    for (auto &lane : m_lanes)
        lane.clear();
    resetRows();
    m_range = {0, 0};
    m_rangeDirty = false;
    endResetModel();
}

void TimelineModel::trimTo(int items)
{
    int total = totalItems();
    if (total - items > 1000) { // many at once: one reset instead of a signal per row
        beginResetModel();
        while (total > items) {
            auto *oldest = &m_lanes[0];
            for (auto &lane : m_lanes)
                if (!lane.empty() &&
                    (oldest->empty() || lane.front().eventId < oldest->front().eventId))
                    oldest = &lane;
            removeFromRow(oldest->front());
            oldest->pop_front();
            --total;
        }
        m_rangeDirty = true;
        endResetModel();
        return;
    }
    while (total > items) {
        int oldest = -1;
        for (int l = 0; l < kTimelineLaneCount; ++l) {
            const auto &lane = m_lanes[size_t(l)];
            if (!lane.empty() &&
                (oldest < 0 || lane.front().eventId < m_lanes[size_t(oldest)].front().eventId))
                oldest = l;
        }
        beginRemoveRows(laneIndex(TimelineLane(oldest)), 0, 0);
        removeFromRow(m_lanes[size_t(oldest)].front());
        m_lanes[size_t(oldest)].pop_front();
        m_rangeDirty = true;
        endRemoveRows();
        --total;
    }
}

void TimelineModel::resetRows()
{
    for (auto &packer : m_packers)
        packer.clear();
    for (auto &counts : m_rowItems)
        counts.clear();
}

void TimelineModel::placeInRow(TimelineItem &item)
{
    item.row = m_packers[size_t(item.lane)].place(item.startMs, item.endMs());
    auto &counts = m_rowItems[size_t(item.lane)];
    if (int(counts.size()) <= item.row)
        counts.resize(size_t(item.row) + 1, 0);
    ++counts[size_t(item.row)];
}

void TimelineModel::removeFromRow(const TimelineItem &item)
{
    // The packer keeps the removed item's end: later items still avoid it,
    // which is harmless (it is older than anything that arrives).
    auto &counts = m_rowItems[size_t(item.lane)];
    if (item.row < int(counts.size()))
        --counts[size_t(item.row)];
    while (!counts.empty() && counts.back() == 0)
        counts.pop_back();
}

void TimelineModel::setJournalModel(JournalModel *model)
{
    disconnect(m_inserted);
    disconnect(m_reset);
    m_journalModel = model;
    if (!model)
        return;
    m_inserted = connect(model, &QAbstractItemModel::rowsInserted, this,
                         [this](const QModelIndex &parent, int first, int last) {
                             if (parent.isValid() || !m_journalModel)
                                 return;
                             for (int row = first; row <= last; ++row)
                                 append(m_journalModel->event(row));
                         });
    m_reset = connect(model, &QAbstractItemModel::modelReset, this,
                      &TimelineModel::reloadFromJournalModel);
    reloadFromJournalModel();
}

void TimelineModel::reloadFromJournalModel()
{
    if (!m_journalModel)
        return;
    std::vector<JournalEvent> events;
    events.reserve(size_t(m_journalModel->rowCount()));
    for (int row = 0; row < m_journalModel->rowCount(); ++row)
        events.push_back(m_journalModel->event(row));
    load(events);
}

} // namespace sy
