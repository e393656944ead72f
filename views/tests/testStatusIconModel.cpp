#include "views/tests/testStatusIconModel.h"

#include "testing/testResult.h"
#include "testing/testRunModel.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace sy {

namespace {

constexpr int kQueued = -1;

QIcon paintIcon(int status)
{
    const int size = 32; // drawn at 2x, scaled down by the view
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF circle(3, 3, size - 6, size - 6);
    const QPen mark(Qt::white, 4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    switch (status) {
    case int(TestStatus::Passed): {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0x2e, 0x9e, 0x44));
        p.drawEllipse(circle);
        p.setPen(mark);
        QPainterPath check;
        check.moveTo(9.5, 16.5);
        check.lineTo(14, 21);
        check.lineTo(22.5, 11.5);
        p.drawPath(check);
        break;
    }
    case int(TestStatus::Failed):
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0xd0, 0x34, 0x2c));
        p.drawEllipse(circle);
        p.setPen(mark);
        p.drawLine(QPointF(11, 11), QPointF(21, 21));
        p.drawLine(QPointF(21, 11), QPointF(11, 21));
        break;
    case int(TestStatus::Running):
        p.setPen(QPen(QColor(0x2f, 0x7e, 0xd8, 70), 4));
        p.drawEllipse(circle.adjusted(2, 2, -2, -2));
        p.setPen(QPen(QColor(0x2f, 0x7e, 0xd8), 4, Qt::SolidLine, Qt::RoundCap));
        p.drawArc(circle.adjusted(2, 2, -2, -2), 90 * 16, -270 * 16);
        break;
    case int(TestStatus::Skipped):
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0x9a, 0x9a, 0x9a));
        p.drawEllipse(circle);
        p.setPen(mark);
        p.drawLine(QPointF(10, 16), QPointF(22, 16));
        break;
    case int(TestStatus::Todo):
        p.setPen(QPen(QColor(0x8e, 0x5b, 0xc4), 3, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(circle.adjusted(2, 2, -2, -2));
        break;
    case kQueued:
        p.setPen(QPen(QColor(0x2f, 0x7e, 0xd8), 3));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(circle.adjusted(2, 2, -2, -2));
        p.drawLine(QPointF(16, 16), QPointF(16, 9));
        p.drawLine(QPointF(16, 16), QPointF(21, 16));
        break;
    default: // pending: not run yet
        p.setPen(QPen(QColor(0x9a, 0x9a, 0x9a), 3));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(circle.adjusted(2, 2, -2, -2));
        break;
    }
    p.end();
    pixmap.setDevicePixelRatio(2);
    return QIcon(pixmap);
}

} // namespace

TestStatusIconModel::TestStatusIconModel(QObject *parent) : QIdentityProxyModel(parent) {}

QIcon TestStatusIconModel::statusIcon(int status, bool queued)
{
    static QHash<int, QIcon> icons;
    const int key = queued ? kQueued : status;
    auto it = icons.find(key);
    if (it == icons.end())
        it = icons.insert(key, paintIcon(key));
    return *it;
}

QVariant TestStatusIconModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::DecorationRole && index.column() == TestRunModel::NameColumn)
        return statusIcon(index.data(TestRunModel::StatusRole).toInt(),
                          index.data(TestRunModel::QueuedRole).toBool());
    return QIdentityProxyModel::data(index, role);
}

} // namespace sy
