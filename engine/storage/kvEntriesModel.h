#pragma once
// The storage inspector's view of one KV namespace: its live keys with a
// preview of each value (DevTools' Application > Storage, Cloudflare's local
// explorer).
#include "storage/kvNamespaceStore.h"
#include "storage/sortedModelDiff.h"

#include <QAbstractTableModel>
#include <QString>

#include <memory>
#include <vector>

namespace sy {

class IsolateStorage;

/// Rows: the namespace's live entries in key order (UTF-8 byte order, as
/// KV lists them), at most limit() of them, optionally only keys starting
/// with a prefix. Columns: Key, Value (a one-line preview: the text when the
/// value is UTF-8, else "binary, N bytes: 00 ff ..."), Size (bytes),
/// Expiration (local date and time, empty when none), Metadata (JSON).
/// Roles: Qt::ToolTipRole the value in full (up to 4 KiB); Qt::UserRole the
/// raw cell (QByteArray value, qint64 size, qint64 expiration seconds or
/// null, metadata JSON text); ValueIsTextRole on the Value column.
///
/// refresh() re-reads the entries and updates rows in place (a live view
/// keeps its selection). Reads are thread-safe; call it on the GUI thread.
class KvEntriesModel : public detail::DiffHost<QAbstractTableModel> {
    Q_OBJECT
public:
    enum Column {
        KeyColumn,
        ValueColumn,
        SizeColumn,
        ExpirationColumn,
        MetadataColumn,
        ColumnCount
    };
    enum Role { ValueIsTextRole = Qt::UserRole + 1 };

    explicit KvEntriesModel(QObject *parent = nullptr);
    ~KvEntriesModel() override;

    /// Shows KV binding `binding` of `storage` (null or "" clears).
    void setSource(std::shared_ptr<IsolateStorage> storage, const QString &binding);
    QString binding() const { return m_binding; }
    /// Only keys starting with `prefix` ("" = all).
    void setPrefix(const QString &prefix);
    /// At most `limit` rows (default 1000).
    void setLimit(int limit);
    int limit() const { return m_limit; }
    void refresh();
    /// The last read error, empty when none.
    QString errorString() const { return m_error; }

    /// The value of `row` as the Value column previews it, in full.
    QString valueText(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// One line of a value: text (newlines shown as ⏎, cut at 120
    /// characters) or, for bytes that are not UTF-8, a hex preview.
    static QString preview(const std::vector<uint8_t> &value, bool *isText = nullptr);

private:
    std::shared_ptr<IsolateStorage> m_storage;
    QString m_binding;
    QString m_prefix;
    int m_limit = 1000;
    QString m_error;
    std::vector<KvEntry> m_entries;
};

} // namespace sy
