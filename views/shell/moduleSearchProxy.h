#pragma once
// The module list's filter: the graph search's syntax and matching
// (views/graph/moduleSearch.h) over the rows of a ModuleGraphModel: an
// environment prefix ("worker:actions.ts") keeps one environment, and the
// pattern matches ids and framework display names. Rows that contain the
// pattern (or end with it) win: fuzzy matches (its letters in order) are
// listed only when no row contains it, so a plain search is not drowned.
#include "views/graph/moduleSearch.h"

#include <QSortFilterProxyModel>

namespace sy {

class ModuleSearchProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ModuleSearchProxy(QObject *parent = nullptr);

    /// Filters by `text` (ModuleSearchQuery syntax); "" shows every row.
    void setQuery(const QString &text);
    const ModuleSearchQuery &query() const { return m_query; }
    /// True while only fuzzy matches are shown (no row contains the pattern).
    bool fuzzy() const { return m_minScore == 0 && !m_query.pattern.isEmpty(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int score(int sourceRow) const;

    ModuleSearchQuery m_query;
    int m_minScore = 0;
};

} // namespace sy
