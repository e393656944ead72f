#pragma once
// Shows module ids in item views (the module list) as Vite shows them:
// relative to the app's root (moduleIdText), the full id in the model.
#include <QStyledItemDelegate>

namespace sy {

/// Delegate for a column of module ids.
class ModuleIdDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    /// The app's root folder (canonical, like the ids); empty: ids as they are.
    void setRoot(const QString &root);
    /// The column is free text that names modules (event summaries): every path
    /// under the root in it is shown relative (textWithRelativeIds), not the
    /// whole value as one id.
    void setPathsInText(bool inText) { m_pathsInText = inText; }
    const QString &root() const { return m_root; }

    QString displayText(const QVariant &value, const QLocale &locale) const override;

signals:
    /// The root changed: views using the delegate repaint.
    void rootChanged();

private:
    QString m_root;
    bool m_pathsInText = false;
};

} // namespace sy
