#pragma once
// Qt table model over journal events, for the GUI's event list and timeline.
#include "journal/journalEvent.h"

#include <QAbstractTableModel>
#include <deque>
#include <vector>

namespace sy {

/// One row per event, oldest first: columns Time (local hh:mm:ss.zzz; the
/// tooltip has the full date), Kind, Environment, Generation, Summary.
/// Extra roles give the raw fields; SortRole gives a column's raw value (ms,
/// numbers) for sorting proxies.
///
/// Bounded: keeps the newest maxRows() events (default kDefaultMaxRows =
/// 100,000, about 30-60 MB with typical payloads); appending beyond that
/// removes the oldest rows first (rowsRemoved at the top). The full history
/// stays in the journal file (Journal::query).
///
/// Lives on the GUI thread. Feed it with load() (history from
/// Journal::query) and append() connected to JournalFeed::eventRecorded
/// (queued). Events must come in id order; an event whose id is not greater
/// than the last row's is ignored, so load() + live stream may overlap.
class JournalModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kDefaultMaxRows = 100000;

    enum Column {
        TimeColumn,
        KindColumn,
        EnvironmentColumn,
        GenerationColumn,
        SummaryColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, ///< qint64
        DataJsonRole,              ///< QString, the payload object's JSON text
        TimeMsRole,                ///< qint64, ms since the epoch
        KindRole,                  ///< QString
        EnvironmentRole,           ///< QString
        GenerationRole,            ///< qint64
        SortRole                   ///< the column's raw value
    };

    explicit JournalModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// The event shown in `row` (0 <= row < rowCount()).
    const JournalEvent &event(int row) const { return m_events[size_t(row)]; }

    int maxRows() const { return m_maxRows; }
    /// Sets the bound (at least 1) and drops the oldest rows beyond it.
    void setMaxRows(int maxRows);

    /// Replaces the rows with `events` (id order), keeping the newest maxRows().
    void load(const std::vector<JournalEvent> &events);

public slots:
    /// Appends one event at the bottom (see the class comment for ordering
    /// and the bound).
    void append(const sy::JournalEvent &event);
    void clear();

private:
    void trimTo(int rows);
    std::deque<JournalEvent> m_events;
    int m_maxRows = kDefaultMaxRows;
};

} // namespace sy
