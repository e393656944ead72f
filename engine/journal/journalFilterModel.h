#pragma once
// Filtering proxy over JournalModel: by kind, environment and time window.
#include <QSet>
#include <QSortFilterProxyModel>
#include <optional>

namespace sy {

/// Accepts a source row when its kind is in kinds() (empty set: any kind),
/// its environment equals environment() (unset: any) and its time is within
/// [sinceMs, untilMs] (each bound optional, inclusive, ms since the epoch).
/// Reads JournalModel's KindRole/EnvironmentRole/TimeMsRole, sorts by its
/// SortRole. Rows appended to the source are filtered as they arrive
/// (dynamicSortFilter). GUI thread only.
class JournalFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit JournalFilterModel(QObject *parent = nullptr);

    QSet<QString> kinds() const { return m_kinds; }
    void setKinds(const QSet<QString> &kinds);

    std::optional<QString> environment() const { return m_environment; }
    void setEnvironment(const std::optional<QString> &environment);

    std::optional<qint64> sinceMs() const { return m_sinceMs; }
    std::optional<qint64> untilMs() const { return m_untilMs; }
    void setTimeWindow(std::optional<qint64> sinceMs, std::optional<qint64> untilMs);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QSet<QString> m_kinds;
    std::optional<QString> m_environment;
    std::optional<qint64> m_sinceMs;
    std::optional<qint64> m_untilMs;
};

} // namespace sy
