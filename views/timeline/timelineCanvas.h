#pragma once
// The painted part of the timeline: a ruler, one row per lane, bars and ticks.
#include "timeline/timelineItem.h"
#include "timeline/timelineZoom.h"

#include <QPersistentModelIndex>
#include <QPointer>
#include <QWidget>
#include <array>
#include <optional>

namespace sy {

class TimelineModel;

/// Paints a TimelineModel: the lane names in a left column (headerWidth()),
/// a time ruler on top (rulerHeight()), then each visible lane with its
/// items as bars from start to end (instants as narrow ticks; a request's
/// held part drawn darker) coloured by category. Overlapping items of a lane
/// stack into rows of rowHeight() pixels, in the row the model gave them
/// (TimelineItem::row); a lane is as tall as its rows, up to maxLaneRows():
/// items of further rows are drawn in the lane's last row and the lane's
/// header says "+N" (N rows folded into the last).
///
/// Interaction: the wheel or +/- zoom around the mouse (or the centre; the
/// wheel over the lane names is left to the parent, TimelineView's scroll
/// area, which scrolls the lanes);
/// dragging the lanes or Left/Right pans; F fits everything; End follows
/// "now" (the newest item stays near the right edge as items arrive). While
/// following, a zoom keeps following (around "now"); panning back in time
/// stops it, and panning forward until "now" is in view again resumes it.
/// A click on an item selects it and emits itemActivated; hovering one shows
/// its label, summary and modules as a tooltip. Pressing in the ruler (or on
/// the cursor line) and dragging moves the time cursor and emits
/// cursorMoved, for post-mortem scrubbing.
///
/// In a scroll area that scrolls the lanes vertically, the ruler stays
/// pinned to the top of what is visible (rulerTop()).
///
/// Module ids in labels and tooltips are shown as Vite shows them, relative
/// to setProjectRoot() (moduleIdText).
///
/// Filters: lanes can be hidden (their row disappears) and a text filter
/// keeps only items whose label, kind, category, environment or a module id
/// contains it (case-insensitive). Hidden items are not drawn or clickable.
class TimelineCanvas : public QWidget {
    Q_OBJECT
public:
    explicit TimelineCanvas(QWidget *parent = nullptr);

    void setModel(TimelineModel *model);
    TimelineModel *model() const { return m_model; }

    /// Time <-> x: x = headerWidth() + zoom().xForTime(ms).
    const TimelineZoom &zoom() const { return m_zoom; }
    void setZoom(const TimelineZoom &zoom);
    double xForTime(double ms) const;
    double timeAtX(double x) const;

    /// Width of the lane-name column in px: the widest translated lane name
    /// with an item count ("Optimierer-Läufe (999)") in the widget's font, at
    /// least 130, so no language clips it (recomputed on a font change).
    int headerWidth() const { return m_headerWidth; }
    static constexpr int rulerHeight() { return 22; }
    /// Where the ruler is drawn: 0, or the top of the visible part when the
    /// canvas is scrolled vertically inside its parent (a scroll area).
    int rulerTop() const;

    /// The app's root folder: module ids in labels and tooltips are shown
    /// relative to it; empty shows them as they are.
    void setProjectRoot(const QString &root);
    const QString &projectRoot() const { return m_root; }
    /// What is drawn on `item`'s bar (its label, ids relative to the root).
    QString shownLabel(const TimelineItem &item) const;
    /// The tooltip of `item`: label, summary and modules, ids relative.
    QString toolTipFor(const TimelineItem &item) const;
    /// Height of one row of a lane.
    static constexpr int rowHeight() { return 26; }
    /// Rows `lane` shows: the model's laneRowCount, at least 1, at most
    /// maxLaneRows().
    int laneRows(TimelineLane lane) const;
    /// Height of `lane` (laneRows() * rowHeight()), 0 when hidden.
    int laneHeight(TimelineLane lane) const;
    /// The most rows a lane shows (default kDefaultMaxLaneRows, at least 1).
    int maxLaneRows() const { return m_maxLaneRows; }
    void setMaxLaneRows(int rows);
    static constexpr int kDefaultMaxLaneRows = 8;

    void setLaneVisible(TimelineLane lane, bool visible);
    bool isLaneVisible(TimelineLane lane) const { return m_laneVisible[size_t(lane)]; }
    void setFilterText(const QString &text);
    QString filterText() const { return m_filter; }
    /// Whether `item` passes the lane and text filters.
    bool isShown(const TimelineItem &item) const;

    /// The rectangle of a lane, all its rows (null when hidden).
    QRect laneRect(TimelineLane lane) const;
    /// Where `index`'s item is drawn (null for hidden items and lanes).
    QRectF itemRect(const QModelIndex &index) const;
    /// The shown item under `pos`, among the items drawn in the lane row
    /// under it (instants win over bars, shorter bars over longer ones), or
    /// an invalid index.
    QModelIndex itemAt(const QPoint &pos) const;

    QModelIndex selectedIndex() const { return m_selected; }
    void setSelectedIndex(const QModelIndex &index);

    bool followNow() const { return m_follow; }
    std::optional<qint64> cursorMs() const { return m_cursor; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    void zoomIn();
    void zoomOut();
    /// Shows every item's time span.
    void fitAll();
    void setFollowNow(bool follow);
    /// Places the time cursor (without emitting cursorMoved).
    void setCursorMs(qint64 ms);
    void clearCursor();

signals:
    /// The user clicked an item (also selects it).
    void itemActivated(const QModelIndex &index);
    /// The user dragged the time cursor to `ms` (ms since the epoch).
    void cursorMoved(qint64 ms);
    void followNowChanged(bool follow);
    /// Zoom or pan changed.
    void zoomChanged();

protected:
    bool event(QEvent *event) override;
    void moveEvent(QMoveEvent *event) override;
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    enum class Drag { None, Pending, Pan, Cursor };
    int laneTop(TimelineLane lane) const;         // -1 when hidden
    int shownRow(const TimelineItem &item) const; // item.row clamped to laneRows()
    int totalLaneHeight() const;
    QRectF itemRect(const TimelineItem &item) const;
    double timeAreaWidth() const;
    void itemsChanged();
    void followLatest();
    void moveCursorTo(double x);
    void paintRuler(QPainter &p) const;
    void paintLane(QPainter &p, TimelineLane lane) const;
    void stopFollowing();
    /// Zooms by `factor` around x (time-area pixels); while following, around "now".
    void zoomAt(double x, double factor);
    /// After a pan: following stops when "now" left the view to the right
    /// (the user went back in time) and resumes when it came back into view.
    void followAfterPan(double dx);

    QPointer<TimelineModel> m_model;
    TimelineZoom m_zoom;
    bool m_fitted = false;
    bool m_follow = false;
    std::array<bool, kTimelineLaneCount> m_laneVisible;
    int m_maxLaneRows = kDefaultMaxLaneRows;
    int m_headerWidth = 130;
    void updateHeaderWidth();
    int m_lastTotalHeight = -1; // to call updateGeometry only when lanes grow or shrink
    QString m_filter;
    QString m_root;
    QPersistentModelIndex m_selected;
    std::optional<qint64> m_cursor;
    Drag m_drag = Drag::None;
    QPoint m_pressPos, m_lastPos;
};

} // namespace sy
