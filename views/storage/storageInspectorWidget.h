#pragma once
// The storage inspector: one isolate's KV namespaces and D1 databases as
// Chrome DevTools' Application panel and Cloudflare's local explorer show
// storage: the namespaces and databases (with their tables) on the left,
// the selected namespace's keys and values, or the database's tables, or a
// table's rows on the right, and a read-only SQL box under a D1 database.
//
// Sees the engine only through engine/storage's models (StorageTreeModel,
// KvEntriesModel, D1TablesModel, D1TableRowsModel, D1QueryModel) and
// StorageFeed's changed() signal, which refreshes them live while a worker
// writes. The storage may outlive its isolate (a finished test file).
#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTreeView;

namespace sy {

class D1QueryModel;
class D1TableRowsModel;
class D1TablesModel;
class IsolateStorage;
class KvEntriesModel;
class StorageFeed;
class StorageTreeModel;

class StorageInspectorWidget : public QWidget {
    Q_OBJECT
public:
    /// What the right side shows.
    enum class Page { Empty, Kv, Database, Table };

    explicit StorageInspectorWidget(QWidget *parent = nullptr);
    ~StorageInspectorWidget() override;

    /// Inspects `storage` (null: the empty state). Selects the first binding.
    void setStorage(std::shared_ptr<IsolateStorage> storage);
    std::shared_ptr<IsolateStorage> storage() const;

    /// Selects a KV namespace or D1 database by binding name. False if unknown.
    bool selectBinding(const QString &binding);
    /// Selects table `table` of D1 binding `binding`. False if unknown.
    bool selectTable(const QString &binding, const QString &table);
    /// Puts `sql` into the SQL box and runs it on the selected D1 database.
    /// False (and the error in the status line) when refused or failing.
    bool runQuery(const QString &sql);
    /// Re-reads everything shown (also done on every storage change).
    void refresh();

    Page page() const;
    /// The status line under the SQL box ("3 rows in 0.1 ms", an error).
    QString statusText() const;
    /// The text of the value pane (the selected KV entry).
    QString valueText() const;

    StorageTreeModel *treeModel() const { return m_tree; }
    KvEntriesModel *kvModel() const { return m_kv; }
    D1TablesModel *tablesModel() const { return m_tables; }
    D1TableRowsModel *rowsModel() const { return m_rows; }
    D1QueryModel *queryModel() const { return m_query; }
    StorageFeed *feed() const { return m_feed; }
    QTreeView *treeView() const { return m_treeView; }
    QTableView *kvView() const { return m_kvView; }
    QTableView *databaseView() const { return m_dbView; }
    QTableView *queryView() const { return m_queryView; }

private:
    void showSelection();
    void showValue();
    void runSqlBox();

    StorageTreeModel *m_tree;
    KvEntriesModel *m_kv;
    D1TablesModel *m_tables;
    D1TableRowsModel *m_rows;
    D1QueryModel *m_query;
    StorageFeed *m_feed;

    QTreeView *m_treeView;
    QLabel *m_title;
    QStackedWidget *m_pages;
    QLabel *m_emptyLabel;
    QLineEdit *m_prefix;
    QTableView *m_kvView;
    QPlainTextEdit *m_value;
    QTableView *m_dbView;
    QPlainTextEdit *m_sql;
    QPushButton *m_run;
    QLabel *m_status;
    QTableView *m_queryView;
};

} // namespace sy
