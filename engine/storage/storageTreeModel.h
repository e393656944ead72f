#pragma once
// The storage inspector's left pane: an isolate's KV namespaces and D1
// databases, and each database's tables (Chrome DevTools' Application panel,
// Cloudflare's local explorer).
#include "storage/sortedModelDiff.h"

#include <QAbstractItemModel>
#include <QString>

#include <memory>
#include <vector>

namespace sy {

class IsolateStorage;

/// Two levels: one row per binding (KV namespace or D1 database, in
/// wrangler.jsonc order), one child row per table or view of a D1 database.
/// Columns: 0 name, 1 detail ("12 keys", "3 tables", "40 rows").
/// Roles: KindRole "kv" | "d1" | "table"; BindingRole the binding's name;
/// TableRole the table's name (table rows); Qt::ToolTipRole the SQLite file
/// (bindings) or CREATE statement (tables).
///
/// refresh() re-reads the storage (thread-safe reads; call it on the GUI
/// thread, e.g. on StorageFeed::changed) and updates rows in place.
class StorageTreeModel : public detail::DiffHost<QAbstractItemModel> {
    Q_OBJECT
public:
    enum Role { KindRole = Qt::UserRole + 1, BindingRole, TableRole };
    enum Column { NameColumn, DetailColumn, ColumnCount };

    explicit StorageTreeModel(QObject *parent = nullptr);
    ~StorageTreeModel() override;

    /// Shows `storage` (null: empty model).
    void setStorage(std::shared_ptr<IsolateStorage> storage);
    std::shared_ptr<IsolateStorage> storage() const { return m_storage; }
    void refresh();

    /// The row of binding `name`, or an invalid index.
    QModelIndex bindingIndex(const QString &name) const;
    /// The row of table `table` of D1 binding `binding`, or an invalid index.
    QModelIndex tableIndex(const QString &binding, const QString &table) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    struct TableNode {
        QString name;
        qint64 rows = 0;
        QString sql;
        bool operator==(const TableNode &) const = default;
    };
    struct BindingNode {
        QString name;
        bool d1 = false;
        QString path;
        qint64 count = 0; ///< KV keys
        std::vector<TableNode> tables;
    };

private:
    std::shared_ptr<IsolateStorage> m_storage;
    std::vector<BindingNode> m_bindings;
};

} // namespace sy
