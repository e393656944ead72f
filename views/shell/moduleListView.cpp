#include "shell/moduleListView.h"

#include "graph/moduleGraphModel.h"
#include "shell/moduleSearchProxy.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace sy {

ModuleListView::ModuleListView(QAbstractItemModel *modules, QWidget *parent)
    : QWidget(parent), m_search(new QLineEdit(this)), m_view(new QTreeView(this)),
      m_proxy(new ModuleSearchProxy(this))
{
    m_search->setObjectName(QStringLiteral("moduleSearch"));
    m_search->setPlaceholderText(tr("Search modules (Ctrl+F; worker:name)"));
    m_search->setToolTip(tr("By path or name, fuzzy when nothing contains the text; start with "
                            "client:, ssr: or worker: to list one environment."));
    m_search->setClearButtonEnabled(true);

    m_proxy->setObjectName(QStringLiteral("moduleProxy"));
    m_proxy->setSourceModel(modules);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &ModuleSearchProxy::setQuery);

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
