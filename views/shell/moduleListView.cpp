#include "shell/moduleListView.h"

#include "graph/moduleGraphModel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace sy {

ModuleListView::ModuleListView(QAbstractItemModel *modules, QWidget *parent)
    : QWidget(parent), m_search(new QLineEdit(this)), m_view(new QTreeView(this)),
      m_proxy(new QSortFilterProxyModel(this))
{
    m_search->setObjectName(QStringLiteral("moduleSearch"));
    m_search->setPlaceholderText(tr("Search modules by path (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);

    m_proxy->setObjectName(QStringLiteral("moduleProxy"));
    m_proxy->setSourceModel(modules);
    m_proxy->setFilterKeyColumn(ModuleGraphModel::IdColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    m_view->setObjectName(QStringLiteral("moduleTable"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ModuleGraphModel::EnvironmentColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ModuleGraphModel::IdColumn, QHeaderView::Stretch);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_view);
}

void ModuleListView::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

} // namespace sy
