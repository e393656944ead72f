#include "storage/kvEntriesModel.h"

#include "storage/isolateStorage.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringDecoder>

namespace sy {

namespace {

std::optional<QString> asText(const std::vector<uint8_t> &value, size_t maxBytes)
{
    const size_t n = std::min(value.size(), maxBytes);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text =
        decoder.decode(QByteArrayView(reinterpret_cast<const char *>(value.data()), qsizetype(n)));
    // A cut in the middle of a character is not an error of the value.
    if (decoder.hasError() && n == value.size())
        return std::nullopt;
    for (QChar c : text)
        if (c.category() == QChar::Other_Control && c != u'\n' && c != u'\t' && c != u'\r')
            return std::nullopt;
    return text;
}

QString hexPreview(const std::vector<uint8_t> &value, size_t maxBytes)
{
    QString out;
    for (size_t i = 0; i < std::min(value.size(), maxBytes); ++i) {
        if (i)
            out += u' ';
        out += QStringLiteral("%1").arg(value[i], 2, 16, QLatin1Char('0'));
    }
    if (value.size() > maxBytes)
        out += QStringLiteral(" …");
    return out;
}

} // namespace

KvEntriesModel::KvEntriesModel(QObject *parent) : DiffHost(parent) {}

KvEntriesModel::~KvEntriesModel() = default;

QString KvEntriesModel::preview(const std::vector<uint8_t> &value, bool *isText)
{
    const std::optional<QString> text = asText(value, 512);
    if (isText)
        *isText = text.has_value();
    if (!text)
        return QCoreApplication::translate("sy::StorageInspector", "binary, %1 bytes: %2")
            .arg(value.size())
            .arg(hexPreview(value, 16));
    QString line = *text;
    line.replace(u'\n', QChar(0x23CE)).replace(u'\r', QString()).replace(u'\t', u' ');
    if (line.size() > 120 || value.size() > 512)
        line = line.left(120) + QStringLiteral("…");
    return line;
}

void KvEntriesModel::setSource(std::shared_ptr<IsolateStorage> storage, const QString &binding)
{
    beginResetModel();
    m_storage = std::move(storage);
    m_binding = binding;
    m_entries.clear();
    m_error.clear();
    endResetModel();
    refresh();
}

void KvEntriesModel::setPrefix(const QString &prefix)
{
    if (prefix == m_prefix)
        return;
    m_prefix = prefix;
    refresh();
}

void KvEntriesModel::setLimit(int limit)
{
    m_limit = std::max(1, limit);
    refresh();
}

void KvEntriesModel::refresh()
{
    std::vector<KvEntry> fresh;
    m_error.clear();
    if (m_storage && !m_binding.isEmpty()) {
        std::string error;
        fresh = m_storage->kvEntries(m_binding.toStdString(), size_t(m_limit), &error,
                                     m_prefix.toStdString());
        m_error = QString::fromStdString(error);
    }
    detail::applySortedDiff(
        *this, {}, m_entries, std::move(fresh), ColumnCount,
        [](const KvEntry &e) -> const std::string & { return e.key; },
        [](const KvEntry &a, const KvEntry &b) {
            return a.value == b.value && a.expiration == b.expiration &&
                   a.metadataJson == b.metadataJson;
        });
}

QString KvEntriesModel::valueText(int row) const
{
    if (row < 0 || row >= int(m_entries.size()))
        return {};
    const std::vector<uint8_t> &value = m_entries[size_t(row)].value;
    if (std::optional<QString> text = asText(value, value.size()))
        return *text;
    return hexPreview(value, value.size());
}

int KvEntriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int KvEntriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KvEntriesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_entries.size()))
        return {};
    const KvEntry &e = m_entries[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return QString::fromStdString(e.key);
        case ValueColumn:
            return preview(e.value);
        case SizeColumn:
            return qint64(e.value.size());
        case ExpirationColumn:
            return e.expiration ? QDateTime::fromSecsSinceEpoch(*e.expiration)
                                      .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                : QString();
        case MetadataColumn:
            return e.metadataJson ? QString::fromStdString(*e.metadataJson) : QString();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ValueColumn) {
            const QString full = valueText(index.row());
            return full.size() > 4096 ? full.left(4096) + QStringLiteral("…") : full;
        }
        return index.column() == KeyColumn ? QString::fromStdString(e.key) : QVariant();
    case Qt::UserRole:
        switch (index.column()) {
        case KeyColumn:
            return QString::fromStdString(e.key);
        case ValueColumn:
            return QByteArray(reinterpret_cast<const char *>(e.value.data()),
                              qsizetype(e.value.size()));
        case SizeColumn:
            return qint64(e.value.size());
        case ExpirationColumn:
            return e.expiration ? QVariant(qint64(*e.expiration)) : QVariant();
        case MetadataColumn:
            return e.metadataJson ? QString::fromStdString(*e.metadataJson) : QString();
        }
        return {};
    case ValueIsTextRole: {
        bool text = false;
        preview(e.value, &text);
        return text;
    }
    case Qt::TextAlignmentRole:
        return index.column() == SizeColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                            : QVariant();
    default:
        return {};
    }
}

QVariant KvEntriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return QCoreApplication::translate("sy::StorageInspector", "Key");
    case ValueColumn:
        return QCoreApplication::translate("sy::StorageInspector", "Value");
    case SizeColumn:
        return QCoreApplication::translate("sy::StorageInspector", "Size");
    case ExpirationColumn:
        return QCoreApplication::translate("sy::StorageInspector", "Expiration");
    case MetadataColumn:
        return QCoreApplication::translate("sy::StorageInspector", "Metadata");
    }
    return {};
}

} // namespace sy
