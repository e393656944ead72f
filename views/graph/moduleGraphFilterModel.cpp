#include "views/graph/moduleGraphFilterModel.h"

#include "graph/moduleGraphModel.h"
#include "views/graph/moduleGraphQueries.h"
#include "views/graph/modulePackageGroup.h"

namespace sy {

ModuleGraphFilterModel::ModuleGraphFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void ModuleGraphFilterModel::refilter()
{
    // Qt 6.4 has no begin/endFilterChange; invalidateFilter() does both.
    invalidateFilter();
}

void ModuleGraphFilterModel::setEnvironment(const QString &environment)
{
    if (m_environment == environment)
        return;
    m_environment = environment;
    refilter();
}

void ModuleGraphFilterModel::setHideNodeModules(bool hide)
{
    if (m_hideNodeModules == hide)
        return;
    m_hideNodeModules = hide;
    refilter();
}

void ModuleGraphFilterModel::setOnlyOptimizedDeps(bool only)
{
    if (m_onlyOptimizedDeps == only)
        return;
    m_onlyOptimizedDeps = only;
    refilter();
}

void ModuleGraphFilterModel::setOnlyDirectives(bool only)
{
    if (m_onlyDirectives == only)
        return;
    m_onlyDirectives = only;
    refilter();
}

void ModuleGraphFilterModel::setFocus(const QString &environment, const QString &id, int depth)
{
    m_focused = true;
    m_focusKeys = sourceModel() ? focusNeighbourhood(ModuleGraphIndex::fromModel(sourceModel()),
                                                     moduleKey(environment, id), depth)
                                : QSet<QString>{};
    refilter();
}

void ModuleGraphFilterModel::clearFocus()
{
    if (!m_focused)
        return;
    m_focused = false;
    m_focusKeys.clear();
    refilter();
}

bool ModuleGraphFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const QModelIndex i = model->index(sourceRow, 0, sourceParent);
    const QString env = i.data(ModuleGraphModel::EnvironmentRole).toString();
    if (!m_environment.isEmpty() && env != m_environment)
        return false;
    const QString id = i.data(ModuleGraphModel::IdRole).toString();
    const bool optimized =
        !model->index(sourceRow, ModuleGraphModel::BrowserHashColumn, sourceParent)
             .data()
             .toString()
             .isEmpty();
    if (m_hideNodeModules &&
        (optimized || id.contains(QLatin1String("/node_modules/")) || isPackageGroupId(id)))
        return false;
    if (m_onlyOptimizedDeps && !optimized)
        return false;
    if (m_onlyDirectives && i.data(ModuleGraphModel::DirectivesRole).toStringList().isEmpty())
        return false;
    if (m_focused && !m_focusKeys.contains(moduleKey(env, id)))
        return false;
    return true;
}

} // namespace sy
