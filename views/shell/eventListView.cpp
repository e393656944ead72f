#include "shell/eventListView.h"

#include "journal/journalModel.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTimer>

namespace sy {

EventListView::EventListView(QAbstractItemModel *events, QWidget *parent)
    : QTableView(parent), m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("eventTable"));
    m_proxy->setObjectName(QStringLiteral("eventProxy"));
    m_proxy->setSourceModel(events);
    m_proxy->setSortRole(JournalModel::SortRole);
    setModel(m_proxy);
    setSortingEnabled(true);
    sortByColumn(-1, Qt::AscendingOrder); // journal order until the user sorts
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    horizontalHeader()->setStretchLastSection(true);

    connect(verticalScrollBar(), &QScrollBar::valueChanged, this,
            [this](int value) { m_follow = value == verticalScrollBar()->maximum(); });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow)
            QTimer::singleShot(0, this, [this] { scrollToBottom(); });
    });
}

} // namespace sy
