#include "storage/d1TablesModel.h"

#include "storage/isolateStorage.h"

#include <QCoreApplication>

namespace sy {

namespace {

QString joined(const std::vector<std::string> &names)
{
    QStringList out;
    for (const std::string &n : names)
        out << QString::fromStdString(n);
    return out.join(QStringLiteral(", "));
}

} // namespace

D1TablesModel::D1TablesModel(QObject *parent) : DiffHost(parent) {}

D1TablesModel::~D1TablesModel() = default;

void D1TablesModel::setSource(std::shared_ptr<IsolateStorage> storage, const QString &binding)
{
    beginResetModel();
    m_storage = std::move(storage);
    m_binding = binding;
    m_tables.clear();
    m_error.clear();
    endResetModel();
    refresh();
}

void D1TablesModel::refresh()
{
    std::vector<D1TableInfo> fresh;
    m_error.clear();
    if (m_storage && !m_binding.isEmpty()) {
        std::string error;
        fresh = m_storage->d1Tables(m_binding.toStdString(), &error);
        m_error = QString::fromStdString(error);
    }
    detail::applySortedDiff(
        *this, {}, m_tables, std::move(fresh), ColumnCount,
        [](const D1TableInfo &t) -> const std::string & { return t.name; },
        [](const D1TableInfo &a, const D1TableInfo &b) {
            return a.type == b.type && a.rowCount == b.rowCount && a.columns == b.columns &&
                   a.sql == b.sql;
        });
}

int D1TablesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tables.size());
}

int D1TablesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant D1TablesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_tables.size()))
        return {};
    const D1TableInfo &t = m_tables[size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn:
            return QString::fromStdString(t.name);
        case TypeColumn:
            return QString::fromStdString(t.type);
        case RowsColumn:
            return qint64(t.rowCount);
        case ColumnsColumn:
            return joined(t.columns);
        }
    } else if (role == Qt::ToolTipRole && index.column() == NameColumn) {
        return QString::fromStdString(t.sql);
    } else if (role == Qt::TextAlignmentRole && index.column() == RowsColumn) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant D1TablesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return QCoreApplication::translate("sy::StorageInspector", "Table");
    case TypeColumn:
        return QCoreApplication::translate("sy::StorageInspector", "Type");
    case RowsColumn:
        return QCoreApplication::translate("sy::StorageInspector", "Rows");
    case ColumnsColumn:
        return QCoreApplication::translate("sy::StorageInspector", "Columns");
    }
    return {};
}

} // namespace sy
