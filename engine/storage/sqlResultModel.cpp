#include "storage/sqlResultModel.h"

#include <QCoreApplication>

namespace sy {

namespace {

QString hex(const std::vector<uint8_t> &bytes, size_t max)
{
    QString out;
    for (size_t i = 0; i < std::min(bytes.size(), max); ++i) {
        if (i)
            out += u' ';
        out += QStringLiteral("%1").arg(bytes[i], 2, 16, QLatin1Char('0'));
    }
    if (bytes.size() > max)
        out += QStringLiteral(" …");
    return out;
}

QString full(const SqlValue &v)
{
    if (const auto *s = std::get_if<std::string>(&v))
        return QString::fromStdString(*s);
    if (const auto *b = std::get_if<std::vector<uint8_t>>(&v))
        return hex(*b, 4096);
    return SqlResultModel::display(v);
}

} // namespace

SqlResultModel::SqlResultModel(QObject *parent) : QAbstractTableModel(parent) {}

QString SqlResultModel::display(const SqlValue &value)
{
    struct Visitor {
        QString operator()(std::monostate) const { return QStringLiteral("NULL"); }
        QString operator()(int64_t i) const { return QString::number(i); }
        QString operator()(double d) const { return QString::number(d, 'g', 17); }
        QString operator()(const std::string &s) const
        {
            QString text = QString::fromStdString(s);
            text.replace(u'\n', QChar(0x23CE));
            return text.size() > 200 ? text.left(200) + QStringLiteral("…") : text;
        }
        QString operator()(const std::vector<uint8_t> &b) const
        {
            return QCoreApplication::translate("sy::StorageInspector", "BLOB, %1 bytes: %2")
                .arg(b.size())
                .arg(hex(b, 16));
        }
    };
    return std::visit(Visitor{}, value);
}

void SqlResultModel::setResult(SqlResult result)
{
    beginResetModel();
    m_result = std::move(result);
    m_columns.clear();
    for (const std::string &c : m_result.columns)
        m_columns << QString::fromStdString(c);
    endResetModel();
}

void SqlResultModel::updateResult(SqlResult result)
{
    if (result.columns != m_result.columns) {
        setResult(std::move(result));
        return;
    }
    const int common = int(std::min(result.rows.size(), m_result.rows.size()));
    const int columns = int(m_columns.size());
    for (int r = 0; r < common; ++r)
        if (result.rows[size_t(r)] != m_result.rows[size_t(r)]) {
            m_result.rows[size_t(r)] = std::move(result.rows[size_t(r)]);
            if (columns > 0)
                emit dataChanged(index(r, 0), index(r, columns - 1));
        }
    if (result.rows.size() < m_result.rows.size()) {
        beginRemoveRows({}, common, int(m_result.rows.size()) - 1);
        m_result.rows.resize(size_t(common));
        endRemoveRows();
    } else if (result.rows.size() > m_result.rows.size()) {
        std::vector<std::vector<SqlValue>> more(
            std::make_move_iterator(result.rows.begin() + common),
            std::make_move_iterator(result.rows.end()));
        appendRows(std::move(more));
    }
    m_result.meta = result.meta;
    m_result.truncated = result.truncated;
}

void SqlResultModel::appendRows(std::vector<std::vector<SqlValue>> rows)
{
    if (rows.empty())
        return;
    const int first = int(m_result.rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    for (auto &row : rows)
        m_result.rows.push_back(std::move(row));
    endInsertRows();
}

void SqlResultModel::clearResult()
{
    setResult({});
}

int SqlResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_result.rows.size());
}

int SqlResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant SqlResultModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_result.rows.size()))
        return {};
    const auto &row = m_result.rows[size_t(index.row())];
    if (index.column() >= int(row.size()))
        return {};
    const SqlValue &v = row[size_t(index.column())];
    switch (role) {
    case Qt::DisplayRole:
        return display(v);
    case Qt::ToolTipRole:
        return full(v);
    case Qt::UserRole:
        switch (v.index()) {
        case 1:
            return qint64(std::get<int64_t>(v));
        case 2:
            return std::get<double>(v);
        case 3:
            return QString::fromStdString(std::get<std::string>(v));
        case 4: {
            const auto &b = std::get<std::vector<uint8_t>>(v);
            return QByteArray(reinterpret_cast<const char *>(b.data()), qsizetype(b.size()));
        }
        default:
            return {};
        }
    case TypeRole: {
        static const char *const names[] = {"null", "integer", "real", "text", "blob"};
        return QString::fromLatin1(names[v.index()]);
    }
    case Qt::TextAlignmentRole:
        return v.index() == 1 || v.index() == 2 ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                                : QVariant();
    default:
        return {};
    }
}

QVariant SqlResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    return section < m_columns.size() ? m_columns[section] : QVariant();
}

} // namespace sy
