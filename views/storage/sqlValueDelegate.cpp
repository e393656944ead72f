#include "sqlValueDelegate.h"

#include "storage/sqlResultModel.h"

#include <QPalette>

namespace sy {

void SqlValueDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QString type = index.data(SqlResultModel::TypeRole).toString();
    if (type == QLatin1String("null") || type == QLatin1String("blob")) {
        option->palette.setColor(QPalette::Text,
                                 option->palette.color(QPalette::Disabled, QPalette::Text));
        option->font.setItalic(type == QLatin1String("null"));
    }
}

} // namespace sy
