#pragma once
// The timeline widget: filter bar, painted lanes and a details pane.
#include "timeline/timelineItem.h"

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QScrollArea;

namespace sy {

class TimelineCanvas;
class TimelineDetails;
class TimelineModel;

/// The dashboard's timeline (modelled on Qt Creator's tracing timeline): a
/// bar with one toggle per lane, a text filter, zoom in/out/fit and "follow
/// now"; below it the TimelineCanvas (lanes as rows, time as x) and the
/// TimelineDetails pane in a splitter. The canvas sits in a vertical scroll
/// area: lanes taller than the view scroll (the wheel over the lane names
/// scrolls; elsewhere it zooms).
///
/// Clicking an item shows it in the details pane and emits itemActivated
/// with its journal event id and the module ids involved (for the graph view
/// to select). Dragging the time cursor emits cursorMoved (post-mortem
/// scrubbing: feed it to JournalReplay::stateAt). Sees only the model.
class TimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setModel(TimelineModel *model);
    TimelineModel *model() const;

    TimelineCanvas *canvas() const { return m_canvas; }
    TimelineDetails *details() const { return m_details; }
    /// The vertical scroll area around the canvas (lanes taller than the dock).
    QScrollArea *scrollArea() const { return m_scroll; }
    /// Scrolls the lanes so `lane` shows.
    void ensureLaneVisible(TimelineLane lane);

    /// Same as typing in the filter field.
    void setFilterText(const QString &text);

    /// The app's root folder: labels, tooltips and details show module ids
    /// relative to it, as Vite shows them (empty: as they are).
    void setProjectRoot(const QString &root);

public slots:
    void setCursorMs(qint64 ms);
    void setFollowNow(bool follow);

signals:
    /// The user clicked the item made from journal event `eventId`.
    void itemActivated(qint64 eventId, const QStringList &moduleIds);
    /// The user dragged the time cursor to `ms` (ms since the epoch).
    void cursorMoved(qint64 ms);

private:
    TimelineCanvas *m_canvas;
    QScrollArea *m_scroll;
    TimelineDetails *m_details;
    QLineEdit *m_filter;
    QCheckBox *m_follow;
};

} // namespace sy
