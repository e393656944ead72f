#pragma once
// The storage inspector's SQL box: a query against a D1 database that can
// only read.
#include "storage/sqlResultModel.h"

#include <memory>

namespace sy {

class IsolateStorage;

/// Runs SQL on a D1 binding through IsolateStorage::d1ReadOnlyQuery: reads,
/// functions and read-only pragmas are allowed; anything that writes
/// (INSERT, UPDATE, DELETE, DDL, transactions, writing pragmas, ATTACH) is
/// refused with an error starting "read-only:", before it runs. At most
/// maxRows() rows are kept (truncated() tells). refresh() re-runs the last
/// successful query (a live result); reads are thread-safe, call on the GUI
/// thread.
class D1QueryModel : public SqlResultModel {
    Q_OBJECT
public:
    explicit D1QueryModel(QObject *parent = nullptr);
    ~D1QueryModel() override;

    /// The D1 binding queries run on (clears the result).
    void setSource(std::shared_ptr<IsolateStorage> storage, const QString &binding);
    QString binding() const { return m_binding; }
    void setMaxRows(int rows);
    int maxRows() const { return m_maxRows; }

    /// Runs `sql`; false + errorString() (the result is cleared) on failure.
    bool run(const QString &sql);
    void refresh();
    QString errorString() const { return m_error; }
    bool truncated() const { return result().truncated; }
    /// Milliseconds the last successful query took in SQLite.
    double durationMs() const { return result().meta.durationMs; }

signals:
    /// After every run(): ok, and the error when !ok.
    void finished(bool ok, const QString &error);

private:
    std::shared_ptr<IsolateStorage> m_storage;
    QString m_binding;
    QString m_sql;
    QString m_error;
    int m_maxRows = 1000;
};

} // namespace sy
