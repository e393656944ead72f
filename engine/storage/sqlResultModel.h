#pragma once
// Rows and columns of a SQL result as a Qt table model: the base of the
// storage inspector's table-rows and query models.
#include "storage/sqlValue.h"

#include <QAbstractTableModel>
#include <QString>
#include <QStringList>

namespace sy {

/// Columns are the result's columns; cells show SQLite values as D1 returns
/// them: numbers, text (one line, cut at 200 characters), NULL as "NULL",
/// BLOBs as "BLOB, N bytes: 01 02 ...". Roles: Qt::ToolTipRole the full cell;
/// Qt::UserRole the cell as a QVariant (null, qint64, double, QString,
/// QByteArray); TypeRole "null" | "integer" | "real" | "text" | "blob" (for
/// views that style NULLs and BLOBs).
class SqlResultModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { TypeRole = Qt::UserRole + 1 };

    explicit SqlResultModel(QObject *parent = nullptr);

    QStringList columnNames() const { return m_columns; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// A cell as the table shows it.
    static QString display(const SqlValue &value);

protected:
    /// Replaces everything (a model reset).
    void setResult(SqlResult result);
    /// Brings the model to `result` in place when the columns are the same
    /// (rows changed, appended or removed at the end), else resets: a live
    /// refresh keeps a view's selection.
    void updateResult(SqlResult result);
    /// Appends rows of the same columns (insertRows).
    void appendRows(std::vector<std::vector<SqlValue>> rows);
    void clearResult();
    const SqlResult &result() const { return m_result; }

private:
    QStringList m_columns;
    SqlResult m_result;
};

} // namespace sy
