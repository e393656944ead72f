#include "timeline/timelineView.h"

#include "timeline/timelineCanvas.h"
#include "timeline/timelineDetails.h"
#include "timeline/timelineModel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace sy {

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent), m_canvas(new TimelineCanvas), m_details(new TimelineDetails),
      m_filter(new QLineEdit), m_follow(new QCheckBox(tr("Follow now")))
{
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    for (int l = 0; l < kTimelineLaneCount; ++l) {
        auto *toggle = new QToolButton;
        toggle->setText(timelineLaneName(TimelineLane(l)));
        toggle->setCheckable(true);
        toggle->setChecked(true);
        toggle->setToolTip(tr("Show or hide this lane"));
        connect(toggle, &QToolButton::toggled, m_canvas,
                [this, l](bool on) { m_canvas->setLaneVisible(TimelineLane(l), on); });
        bar->addWidget(toggle);
    }
    m_filter->setPlaceholderText(tr("Filter by kind, label or module"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_canvas, &TimelineCanvas::setFilterText);
    bar->addWidget(m_filter, 1);

    auto button = [bar](const QString &text, const QString &tip) {
        auto *b = new QToolButton;
        b->setText(text);
        b->setToolTip(tip);
        bar->addWidget(b);
        return b;
    };
    connect(button(QStringLiteral("+"), tr("Zoom in (+)")), &QToolButton::clicked, m_canvas,
            &TimelineCanvas::zoomIn);
    connect(button(QStringLiteral("-"), tr("Zoom out (-)")), &QToolButton::clicked, m_canvas,
            &TimelineCanvas::zoomOut);
    connect(button(tr("Fit"), tr("Show everything (F)")), &QToolButton::clicked, m_canvas,
            &TimelineCanvas::fitAll);
    m_follow->setToolTip(tr("Keep the newest events in view (End)"));
    connect(m_follow, &QCheckBox::toggled, m_canvas, &TimelineCanvas::setFollowNow);
    connect(m_canvas, &TimelineCanvas::followNowChanged, m_follow, &QCheckBox::setChecked);
    bar->addWidget(m_follow);

    // The lanes scroll vertically when the dock is lower than they are tall:
    // the last lanes (errors) stay reachable.
    m_scroll = new QScrollArea;
    m_scroll->setObjectName(QStringLiteral("timelineScroll"));
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setWidgetResizable(true);
    m_scroll->setWidget(m_canvas);
    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_scroll);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(m_canvas, &TimelineCanvas::itemActivated, this, [this](const QModelIndex &index) {
        const TimelineItem *item = model() ? model()->itemAt(index) : nullptr;
        m_details->setItem(item);
        if (item)
            emit itemActivated(qint64(item->eventId), item->moduleIds);
    });
    connect(m_canvas, &TimelineCanvas::cursorMoved, this, &TimelineView::cursorMoved);
}

void TimelineView::setModel(TimelineModel *model)
{
    m_canvas->setModel(model);
    m_details->clear();
}

TimelineModel *TimelineView::model() const
{
    return m_canvas->model();
}

void TimelineView::setFilterText(const QString &text)
{
    m_filter->setText(text);
}

void TimelineView::setProjectRoot(const QString &root)
{
    m_canvas->setProjectRoot(root);
    m_details->setProjectRoot(root);
}

void TimelineView::setCursorMs(qint64 ms)
{
    m_canvas->setCursorMs(ms);
}

void TimelineView::ensureLaneVisible(TimelineLane lane)
{
    const QRect rect = m_canvas->laneRect(lane);
    if (!rect.isNull())
        m_scroll->ensureVisible(0, rect.center().y(), 0, rect.height() / 2 + 1);
}

void TimelineView::setFollowNow(bool follow)
{
    m_canvas->setFollowNow(follow);
}

} // namespace sy
