#pragma once
// The storage inspector's view of one D1 database: its tables and views.
#include "storage/d1DatabaseStore.h"
#include "storage/sortedModelDiff.h"

#include <QAbstractTableModel>
#include <QString>

#include <memory>
#include <vector>

namespace sy {

class IsolateStorage;

/// Rows: the database's tables and views by name (SQLite's and D1's
/// internal _cf_* tables left out). Columns: Name, Type ("table"/"view"),
/// Rows, Columns (names, comma-separated). Qt::ToolTipRole on Name: the
/// CREATE statement. refresh() updates rows in place; call it on the GUI
/// thread (thread-safe reads).
class D1TablesModel : public detail::DiffHost<QAbstractTableModel> {
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, RowsColumn, ColumnsColumn, ColumnCount };

    explicit D1TablesModel(QObject *parent = nullptr);
    ~D1TablesModel() override;

    /// Shows D1 binding `binding` of `storage` (null or "" clears).
    void setSource(std::shared_ptr<IsolateStorage> storage, const QString &binding);
    QString binding() const { return m_binding; }
    void refresh();
    QString errorString() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<IsolateStorage> m_storage;
    QString m_binding;
    QString m_error;
    std::vector<D1TableInfo> m_tables;
};

} // namespace sy
