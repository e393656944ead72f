#pragma once
// Tells a view's own selection changes made by the user (a click, a drag, a
// key) from those its model causes: a row removed under the selection moves
// it to a neighbour, a filter drops rows from it. Syncs act on the first kind
// only.
#include <QObject>

class QAbstractItemView;

namespace sy {

class UserInputGuard : public QObject {
    Q_OBJECT
public:
    /// Watches `view` and its viewport (a child of the view).
    explicit UserInputGuard(QAbstractItemView *view);

    /// True while a mouse or key event on the view is being handled (until
    /// the event loop runs again).
    bool active() const { return m_active; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool m_active = false;
};

} // namespace sy
