#include "storage/storageTreeModel.h"

#include "storage/isolateStorage.h"

#include <QCoreApplication>

namespace sy {

namespace {

// Internal ids: 0 for binding rows, binding row + 1 for their table rows.
constexpr quintptr kTopLevel = 0;

} // namespace

StorageTreeModel::StorageTreeModel(QObject *parent) : DiffHost(parent) {}

StorageTreeModel::~StorageTreeModel() = default;

void StorageTreeModel::setStorage(std::shared_ptr<IsolateStorage> storage)
{
    beginResetModel();
    m_storage = std::move(storage);
    m_bindings.clear();
    if (m_storage)
        for (const BindingDescriptor &b : m_storage->bindings()) {
            BindingNode node;
            node.name = QString::fromStdString(b.name);
            node.d1 = b.kind == BindingKind::D1;
            node.path = QString::fromStdString(m_storage->databasePath(b.name));
            m_bindings.push_back(std::move(node));
        }
    endResetModel();
    refresh();
}

void StorageTreeModel::refresh()
{
    if (!m_storage)
        return;
    for (size_t i = 0; i < m_bindings.size(); ++i) {
        BindingNode &node = m_bindings[i];
        const std::string name = node.name.toStdString();
        const QModelIndex row = index(int(i), 0);
        if (!node.d1) {
            const qint64 count = m_storage->kvCount(name, nullptr);
            if (count != node.count) {
                node.count = count;
                rowChanged({}, int(i), ColumnCount);
            }
            continue;
        }
        std::vector<TableNode> fresh;
        for (const D1TableInfo &t : m_storage->d1Tables(name, nullptr))
            fresh.push_back(
                {QString::fromStdString(t.name), t.rowCount, QString::fromStdString(t.sql)});
        const size_t before = node.tables.size();
        detail::applySortedDiff(
            *this, row, node.tables, std::move(fresh), ColumnCount,
            [](const TableNode &t) { return t.name.toStdString(); },
            [](const TableNode &a, const TableNode &b) { return a == b; });
        if (node.tables.size() != before)
            rowChanged({}, int(i), ColumnCount);
    }
}

QModelIndex StorageTreeModel::bindingIndex(const QString &name) const
{
    for (size_t i = 0; i < m_bindings.size(); ++i)
        if (m_bindings[i].name == name)
            return index(int(i), 0);
    return {};
}

QModelIndex StorageTreeModel::tableIndex(const QString &binding, const QString &table) const
{
    const QModelIndex parentRow = bindingIndex(binding);
    if (!parentRow.isValid())
        return {};
    const auto &tables = m_bindings[size_t(parentRow.row())].tables;
    for (size_t i = 0; i < tables.size(); ++i)
        if (tables[i].name == table)
            return index(int(i), 0, parentRow);
    return {};
}

QModelIndex StorageTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < int(m_bindings.size()) ? createIndex(row, column, kTopLevel) : QModelIndex();
    if (parent.internalId() != kTopLevel || parent.column() != 0)
        return {};
    const BindingNode &node = m_bindings[size_t(parent.row())];
    if (row >= int(node.tables.size()))
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex StorageTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kTopLevel)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kTopLevel);
}

int StorageTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_bindings.size());
    if (parent.internalId() != kTopLevel || parent.column() != 0)
        return 0;
    return int(m_bindings[size_t(parent.row())].tables.size());
}

int StorageTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant StorageTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == kTopLevel) {
        const BindingNode &node = m_bindings[size_t(index.row())];
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == NameColumn)
                return node.name;
            return node.d1 ? QCoreApplication::translate("sy::StorageInspector",
                                                         "D1 database, %n table(s)", nullptr,
                                                         int(node.tables.size()))
                           : QCoreApplication::translate("sy::StorageInspector",
                                                         "KV namespace, %n key(s)", nullptr,
                                                         int(node.count));
        case Qt::ToolTipRole:
            return node.path;
        case KindRole:
            return node.d1 ? QStringLiteral("d1") : QStringLiteral("kv");
        case BindingRole:
            return node.name;
        default:
            return {};
        }
    }
    const BindingNode &node = m_bindings[size_t(index.internalId() - 1)];
    const TableNode &table = node.tables[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == NameColumn
                   ? table.name
                   : QCoreApplication::translate("sy::StorageInspector", "%n row(s)", nullptr,
                                                 int(table.rows));
    case Qt::ToolTipRole:
        return table.sql;
    case KindRole:
        return QStringLiteral("table");
    case BindingRole:
        return node.name;
    case TableRole:
        return table.name;
    default:
        return {};
    }
}

QVariant StorageTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? QCoreApplication::translate("sy::StorageInspector", "Binding")
                                 : QCoreApplication::translate("sy::StorageInspector", "Contents");
}

} // namespace sy
