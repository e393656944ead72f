#include "journal/journalFilterModel.h"

#include "journal/journalModel.h"

namespace sy {

JournalFilterModel::JournalFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(JournalModel::SortRole);
    setDynamicSortFilter(true);
}

void JournalFilterModel::setKinds(const QSet<QString> &kinds)
{
    m_kinds = kinds;
    invalidateFilter();
}

void JournalFilterModel::setEnvironment(const std::optional<QString> &environment)
{
    m_environment = environment;
    invalidateFilter();
}

void JournalFilterModel::setTimeWindow(std::optional<qint64> sinceMs, std::optional<qint64> untilMs)
{
    m_sinceMs = sinceMs;
    m_untilMs = untilMs;
    invalidateFilter();
}

bool JournalFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_kinds.isEmpty() && !m_kinds.contains(index.data(JournalModel::KindRole).toString()))
        return false;
    if (m_environment && index.data(JournalModel::EnvironmentRole).toString() != *m_environment)
        return false;
    if (m_sinceMs || m_untilMs) {
        const qint64 t = index.data(JournalModel::TimeMsRole).toLongLong();
        if ((m_sinceMs && t < *m_sinceMs) || (m_untilMs && t > *m_untilMs))
            return false;
    }
    return true;
}

} // namespace sy
