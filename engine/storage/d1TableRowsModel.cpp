#include "storage/d1TableRowsModel.h"

#include "storage/isolateStorage.h"

namespace sy {

D1TableRowsModel::D1TableRowsModel(QObject *parent) : SqlResultModel(parent) {}

D1TableRowsModel::~D1TableRowsModel() = default;

bool D1TableRowsModel::read(size_t offset, size_t limit, SqlResult &out)
{
    std::string error;
    const bool ok = m_storage->d1TableRows(m_binding.toStdString(), m_table.toStdString(), offset,
                                           limit, out, &error);
    m_error = QString::fromStdString(error);
    return ok;
}

void D1TableRowsModel::setSource(std::shared_ptr<IsolateStorage> storage, const QString &binding,
                                 const QString &table)
{
    m_storage = std::move(storage);
    m_binding = binding;
    m_table = table;
    m_error.clear();
    m_complete = true;
    SqlResult first;
    if (m_storage && !m_table.isEmpty() && read(0, size_t(m_pageSize), first))
        m_complete = first.rows.size() < size_t(m_pageSize);
    setResult(std::move(first));
}

void D1TableRowsModel::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
}

void D1TableRowsModel::refresh()
{
    if (!m_storage || m_table.isEmpty())
        return;
    const size_t loaded = std::max<size_t>(size_t(rowCount()), size_t(m_pageSize));
    SqlResult fresh;
    if (!read(0, loaded, fresh)) {
        clearResult();
        return;
    }
    m_complete = fresh.rows.size() < loaded;
    updateResult(std::move(fresh));
}

bool D1TableRowsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_complete;
}

void D1TableRowsModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_complete || !m_storage)
        return;
    SqlResult more;
    if (!read(size_t(rowCount()), size_t(m_pageSize), more)) {
        m_complete = true;
        return;
    }
    m_complete = more.rows.size() < size_t(m_pageSize);
    appendRows(std::move(more.rows));
}

} // namespace sy
