#pragma once
// The storage inspector's view of one D1 table: its rows, loaded a page at a
// time as the view scrolls.
#include "storage/sqlResultModel.h"

#include <memory>

namespace sy {

class IsolateStorage;

/// `SELECT * FROM <table>` of a D1 binding through the storage's read-only
/// path, pageSize() rows at first and more through canFetchMore/fetchMore
/// (QTableView asks as it scrolls). refresh() re-reads the rows loaded so
/// far and updates them in place. Reads are thread-safe; call on the GUI
/// thread.
class D1TableRowsModel : public SqlResultModel {
    Q_OBJECT
public:
    explicit D1TableRowsModel(QObject *parent = nullptr);
    ~D1TableRowsModel() override;

    /// Shows table `table` of D1 binding `binding` (empty table clears).
    void setSource(std::shared_ptr<IsolateStorage> storage, const QString &binding,
                   const QString &table);
    QString binding() const { return m_binding; }
    QString table() const { return m_table; }
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    void refresh();
    QString errorString() const { return m_error; }

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    bool read(size_t offset, size_t limit, SqlResult &out);

    std::shared_ptr<IsolateStorage> m_storage;
    QString m_binding;
    QString m_table;
    QString m_error;
    int m_pageSize = 200;
    bool m_complete = true;
};

} // namespace sy
