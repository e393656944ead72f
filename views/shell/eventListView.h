#pragma once
// The journal's events as a table (time, kind, environment, generation,
// summary) over JournalModel, newest at the bottom, following new events
// while scrolled to the end.
#include <QTableView>

class QAbstractItemModel;
class QSortFilterProxyModel;

namespace sy {

class EventListView : public QTableView {
    Q_OBJECT
public:
    /// `events` is a JournalModel (not owned).
    explicit EventListView(QAbstractItemModel *events, QWidget *parent = nullptr);

    QSortFilterProxyModel *proxy() const { return m_proxy; }

private:
    QSortFilterProxyModel *m_proxy;
    bool m_follow = true;
};

} // namespace sy
