#include "views/graph/moduleIdDelegate.h"

#include "views/graph/moduleIdText.h"

namespace sy {

void ModuleIdDelegate::setRoot(const QString &root)
{
    if (m_root == root)
        return;
    m_root = root;
    emit rootChanged();
}

QString ModuleIdDelegate::displayText(const QVariant &value, const QLocale &locale) const
{
    if (value.typeId() != QMetaType::QString)
        return QStyledItemDelegate::displayText(value, locale);
    return m_pathsInText ? textWithRelativeIds(value.toString(), m_root)
                         : moduleIdText(value.toString(), m_root);
}

} // namespace sy
