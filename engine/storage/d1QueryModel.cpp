#include "storage/d1QueryModel.h"

#include "storage/isolateStorage.h"

#include <QCoreApplication>

namespace sy {

D1QueryModel::D1QueryModel(QObject *parent) : SqlResultModel(parent) {}

D1QueryModel::~D1QueryModel() = default;

void D1QueryModel::setSource(std::shared_ptr<IsolateStorage> storage, const QString &binding)
{
    m_storage = std::move(storage);
    m_binding = binding;
    m_sql.clear();
    m_error.clear();
    clearResult();
}

void D1QueryModel::setMaxRows(int rows)
{
    m_maxRows = std::max(1, rows);
}

bool D1QueryModel::run(const QString &sql)
{
    m_error.clear();
    if (!m_storage || m_binding.isEmpty()) {
        m_error = QCoreApplication::translate("sy::StorageInspector", "no D1 database is selected");
        clearResult();
        emit finished(false, m_error);
        return false;
    }
    SqlResult out;
    std::string error;
    if (!m_storage->d1ReadOnlyQuery(m_binding.toStdString(), sql.toStdString(), size_t(m_maxRows),
                                    out, &error)) {
        m_error = QString::fromStdString(error);
        m_sql.clear();
        clearResult();
        emit finished(false, m_error);
        return false;
    }
    m_sql = sql;
    setResult(std::move(out));
    emit finished(true, {});
    return true;
}

void D1QueryModel::refresh()
{
    if (m_sql.isEmpty() || !m_storage)
        return;
    SqlResult out;
    std::string error;
    if (!m_storage->d1ReadOnlyQuery(m_binding.toStdString(), m_sql.toStdString(), size_t(m_maxRows),
                                    out, &error)) {
        m_error = QString::fromStdString(error); // e.g. the table was dropped
        clearResult();
        return;
    }
    updateResult(std::move(out));
}

} // namespace sy
