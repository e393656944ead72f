#include "journal/journalModel.h"

#include "journal/engineWords.h"
#include "journal/journalFeed.h"

#include <QDateTime>

namespace sy {

namespace {
QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}
} // namespace

JournalModel::JournalModel(QObject *parent) : QAbstractTableModel(parent)
{
    qRegisterMetaType<sy::JournalEvent>();
}

int JournalModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int JournalModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JournalModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const JournalEvent &e = m_events[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(
                QStringLiteral("HH:mm:ss.zzz"));
        case KindColumn:
            return engineWord(qs(e.kind)); // in the user's language (KindRole keeps it)
        case EnvironmentColumn:
            return qs(e.environment);
        case GenerationColumn:
            return qint64(e.generation);
        case SummaryColumn:
            return engineSummary(qs(e.summary));
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(Qt::ISODateWithMs);
        if (index.column() == SummaryColumn)
            return engineSummary(qs(e.summary));
        return {};
    case SortRole:
        switch (index.column()) {
        case TimeColumn:
            return qint64(e.timeMs);
        case GenerationColumn:
            return qint64(e.generation);
        case KindColumn:
            return qs(e.kind);
        case EnvironmentColumn:
            return qs(e.environment);
        case SummaryColumn:
            return qs(e.summary);
        }
        return {};
    case IdRole:
        return qint64(e.id);
    case DataJsonRole:
        return qs(e.dataJson);
    case TimeMsRole:
        return qint64(e.timeMs);
    case KindRole:
        return qs(e.kind);
    case EnvironmentRole:
        return qs(e.environment);
    case GenerationRole:
        return qint64(e.generation);
    }
    return {};
}

QVariant JournalModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case KindColumn:
        return tr("Kind");
    case EnvironmentColumn:
        return tr("Environment");
    case GenerationColumn:
        return tr("Generation");
    case SummaryColumn:
        return tr("Summary");
    }
    return {};
}

QHash<int, QByteArray> JournalModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "eventId");
    names.insert(DataJsonRole, "dataJson");
    names.insert(TimeMsRole, "timeMs");
    names.insert(KindRole, "kind");
    names.insert(EnvironmentRole, "environment");
    names.insert(GenerationRole, "generation");
    return names;
}

void JournalModel::trimTo(int rows)
{
    const int excess = int(m_events.size()) - rows;
    if (excess <= 0)
        return;
    beginRemoveRows({}, 0, excess - 1);
    m_events.erase(m_events.begin(), m_events.begin() + excess);
    endRemoveRows();
}

void JournalModel::setMaxRows(int maxRows)
{
    m_maxRows = std::max(1, maxRows);
    trimTo(m_maxRows);
}

void JournalModel::load(const std::vector<JournalEvent> &events)
{
    beginResetModel();
    const size_t keep = std::min(events.size(), size_t(m_maxRows));
    m_events.assign(events.end() - ptrdiff_t(keep), events.end());
    endResetModel();
}

void JournalModel::append(const sy::JournalEvent &event)
{
    if (!m_events.empty() && event.id <= m_events.back().id)
        return;
    trimTo(m_maxRows - 1);
    const int row = int(m_events.size());
    beginInsertRows({}, row, row);
    m_events.push_back(event);
    endInsertRows();
}

void JournalModel::clear()
{
    beginResetModel();
    m_events.clear();
    endResetModel();
}

} // namespace sy
