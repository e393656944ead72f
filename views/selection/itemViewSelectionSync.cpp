#include "views/selection/itemViewSelectionSync.h"

#include "views/selection/moduleRefResolver.h"
#include "views/selection/moduleSelection.h"
#include "views/selection/userInputGuard.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>
#include <QTimer>

namespace sy {

ItemViewSelectionSync::ItemViewSelectionSync(QAbstractItemView *view, ModuleSelection *selection,
                                             QObject *parent)
    : QObject(parent ? parent : view), m_view(view), m_selection(selection)
{
    connect(selection, &ModuleSelection::changed, this, &ItemViewSelectionSync::selectionChanged);
    // The view's own changes that its model causes (a row removed under the
    // selection moves it to a neighbour, a filter drops rows) leave the
    // selection alone; rows that come back (a search cleared, modules
    // arriving) show it.
    m_userInput = new UserInputGuard(view);
    if (QAbstractItemModel *model = view->model()) {
        connect(model, &QAbstractItemModel::modelReset, this, &ItemViewSelectionSync::reapply);
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { rowsShown(first, last); });
    }
    connectSelectionModel();
}

void ItemViewSelectionSync::rowsShown(int first, int last)
{
    if (!m_view || m_selection->isEmpty())
        return;
    QAbstractItemModel *model = m_view->model();
    QItemSelection rows;
    for (int row = first; row <= last; ++row)
        if (m_selection->contains(moduleRefAt(model, row)))
            rows.select(model->index(row, 0), model->index(row, model->columnCount() - 1));
    if (rows.isEmpty())
        return;
    m_applying = true;
    m_view->selectionModel()->select(rows, QItemSelectionModel::Select);
    m_applying = false;
}

void ItemViewSelectionSync::connectSelectionModel()
{
    if (QItemSelectionModel *model = m_view->selectionModel())
        connect(model, &QItemSelectionModel::selectionChanged, this,
                &ItemViewSelectionSync::viewSelectionChanged);
}

void ItemViewSelectionSync::viewSelectionChanged()
{
    if (m_applying || !m_view)
        return;
    if (!m_userInput->active()) {
        // The model moved the view's selection: put the selection back once
        // the model is done changing.
        if (!m_reapplyPending) {
            m_reapplyPending = true;
            QTimer::singleShot(0, this, [this] {
                m_reapplyPending = false;
                reapply();
            });
        }
        return;
    }
    QItemSelectionModel *model = m_view->selectionModel();
    QList<ModuleRef> refs;
    for (const QModelIndex &row : model->selectedRows())
        refs << moduleRefAt(m_view->model(), row.row());
    const QModelIndex current = model->currentIndex();
    const ModuleRef currentRef = current.isValid() && model->isRowSelected(current.row())
                                     ? moduleRefAt(m_view->model(), current.row())
                                     : ModuleRef{};
    m_selection->select(refs, currentRef, this);
}

void ItemViewSelectionSync::selectionChanged(QObject *origin)
{
    if (origin != this)
        reapply();
}

void ItemViewSelectionSync::reapply()
{
    if (!m_view || !m_view->model() || !m_view->selectionModel())
        return;
    QAbstractItemModel *model = m_view->model();
    const QList<ModuleRef> &wanted = m_selection->modules();
    const ModuleRef current = m_selection->current();
    QItemSelection rows;
    QModelIndex currentIndex;
    const int columns = model->columnCount();
    for (int row = 0, n = model->rowCount(); row < n && !wanted.isEmpty(); ++row) {
        const ModuleRef ref = moduleRefAt(model, row);
        if (!wanted.contains(ref))
            continue;
        rows.select(model->index(row, 0), model->index(row, columns - 1));
        if (ref == current)
            currentIndex = model->index(row, 0);
    }
    m_applying = true;
    QItemSelectionModel *selection = m_view->selectionModel();
    selection->select(rows, QItemSelectionModel::ClearAndSelect);
    if (currentIndex.isValid()) {
        selection->setCurrentIndex(currentIndex, QItemSelectionModel::NoUpdate);
        m_view->scrollTo(currentIndex);
    }
    m_applying = false;
}

} // namespace sy
