#include "views/selection/userInputGuard.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QMouseEvent>
#include <QTimer>

namespace sy {

UserInputGuard::UserInputGuard(QAbstractItemView *view) : QObject(view)
{
    view->installEventFilter(this);
    view->viewport()->installEventFilter(this);
}

bool UserInputGuard::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::KeyPress:
        break;
    case QEvent::MouseMove:
        if (static_cast<QMouseEvent *>(event)->buttons() != Qt::NoButton)
            break;
        return QObject::eventFilter(watched, event);
    default:
        return QObject::eventFilter(watched, event);
    }
    // The view handles the event right after this filter, selecting
    // synchronously; the flag drops when the event loop runs again.
    if (!m_active) {
        m_active = true;
        QTimer::singleShot(0, this, [this] { m_active = false; });
    }
    return QObject::eventFilter(watched, event);
}

} // namespace sy
