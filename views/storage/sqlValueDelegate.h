#pragma once
// Draws SQL NULLs and BLOBs apart from text in the storage inspector's tables.
#include <QStyledItemDelegate>

namespace sy {

/// For models with SqlResultModel::TypeRole: NULL cells in italic and
/// dimmed, BLOB cells dimmed; others as QStyledItemDelegate draws them.
class SqlValueDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace sy
