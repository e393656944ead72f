#include "shell/moduleSearchProxy.h"

#include "graph/moduleGraphModel.h"

#include <algorithm>

namespace sy {

namespace {
/// moduleMatchScore() of a row containing (or ending with) the pattern.
constexpr int kContainsScore = 5000;
} // namespace

ModuleSearchProxy::ModuleSearchProxy(QObject *parent) : QSortFilterProxyModel(parent) {}

int ModuleSearchProxy::score(int sourceRow) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0);
    if (!m_query.environment.isEmpty() &&
        index.data(ModuleGraphModel::EnvironmentRole).toString() != m_query.environment)
        return -1;
    const QString id = index.data(ModuleGraphModel::IdRole).toString();
    const QString display = index.data(ModuleGraphModel::DisplayNameRole).toString();
    int best = moduleMatchScore(m_query.pattern, id);
    if (!display.isEmpty() && display != id)
        best = std::max(best, moduleMatchScore(m_query.pattern, display));
    return best;
}

void ModuleSearchProxy::setQuery(const QString &text)
{
    m_query = ModuleSearchQuery::parse(text);
    // Contained matches shut fuzzy ones out; without any, fuzzy ones show.
    m_minScore = 0;
    if (sourceModel() && !m_query.pattern.isEmpty())
        for (int row = 0, n = sourceModel()->rowCount(); row < n; ++row)
            if (score(row) >= kContainsScore) {
                m_minScore = kContainsScore;
                break;
            }
    invalidateFilter();
}

bool ModuleSearchProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || (m_query.pattern.isEmpty() && m_query.environment.isEmpty()))
        return true;
    const int s = score(sourceRow);
    return s >= m_minScore && s >= 0;
}

} // namespace sy
