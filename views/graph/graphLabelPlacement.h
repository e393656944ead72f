#pragma once
// Level-of-detail labels of the module graph seen from far out (issue 12 §1,
// "names stay readable at every zoom"): when nodes are too small on screen
// for a label in their box, ModuleGraphScene::drawForeground draws the
// labels of the nodes that matter over the graph as chips at a fixed
// on-screen size, never overlapping. Where each chip goes is computed here
// once per (view transform, viewport size, font, scene generation) and
// reused by every paint until one of them changes: a partial repaint (a
// node's state flipped) draws only the cached chips that meet the exposed
// area, and walks no label placement at all. Overlap tests go through a
// grid of cells over the viewport, not through every placed chip.
//
// Placement is greedy, in candidate order (rank, then top to bottom): a
// chip on its node, else moved a row below or above, or sideways, tied to
// the node by a leader line; when a small graph labels every node, a label
// that found no room is elided further (never under 4 characters) and
// tried again. Then each chip grows to its whole text (up to 174 px) where
// that overlaps no other chip. All geometry is in device pixels of the
// view's viewport (logical pixels under high-DPI scaling).
#include <QFont>
#include <QHash>
#include <QRectF>
#include <QRegion>
#include <QSet>
#include <QSize>
#include <QString>
#include <QTransform>
#include <QVector>

class QPainter;

namespace sy {

class ModuleNodeItem;
struct GraphPalette;

/// A node whose label may be drawn: rank 0 selected, 1 a package or folder
/// group, 2 a framework module, 3 any other (lower ranks are placed first).
struct LabelCandidate {
    ModuleNodeItem *node = nullptr;
    int rank = 3;
};

class GraphLabelPlacement {
public:
    /// What a placement depends on besides its candidates: the scene to
    /// device transform, the viewport's size (px), the plain label font
    /// (group labels are its bold), and the scene's label generation (bumped
    /// on anything that changes which nodes are candidates, where they are,
    /// or their text).
    struct Key {
        QTransform toDevice;
        QSize viewport;
        QFont font;
        quint64 generation = 0;
        bool operator==(const Key &other) const = default;
    };
    /// One placed label.
    struct Label {
        ModuleNodeItem *node = nullptr;
        QString text;   ///< as drawn (elided in the middle)
        QRectF chip;    ///< device px
        QPointF anchor; ///< the node's centre, device px
        bool bold = false;
        /// The chip and its leader line (device px): what drawing it touches.
        QRectF bounds() const;
    };

    /// True when labels() were placed for exactly this key.
    bool isCurrent(const Key &key) const { return m_valid && m_key == key; }
    /// Places `candidates` (any order) for `key`. `everyNode`: the
    /// candidates are all the graph's nodes (a small graph), which gets more
    /// positions and a narrower elision before a label gives up. Notes on
    /// each candidate left without a label, and on each node labelled before
    /// and not now, that no label is drawn (ModuleNodeItem::noteLabelDrawn).
    /// Returns the device area whose pixels the change made stale, as the
    /// view last painted them: labels that moved, changed or went (their
    /// old places shifted by the transform's translation when only that
    /// changed: the view scrolled those pixels) and their new places. Empty
    /// when the transform's scale or the viewport changed (views repaint
    /// everything then).
    QRegion place(const Key &key, QVector<LabelCandidate> candidates, bool everyNode);
    /// Draws the chips (and leader lines) that meet `exposed` (device px),
    /// with the painter's transform reset; notes every placed label on its
    /// node (ModuleNodeItem::noteLabelDrawn), drawn in this paint or not.
    void draw(QPainter *painter, const QRectF &exposed, const GraphPalette &colours) const;
    /// Drops a node about to be deleted. True if it was a candidate of the
    /// current placement (the placement is stale then).
    bool forget(const ModuleNodeItem *node);
    /// True if `node` was a candidate of the current placement.
    bool holds(const ModuleNodeItem *node) const { return m_candidates.contains(node); }
    /// Forgets every label and candidate (the scene was rebuilt).
    void clear();

    const QVector<Label> &labels() const { return m_labels; }
    /// How many times place() ran (a paint that reused the placement did not).
    quint64 placements() const { return m_placements; }
    /// The label font's on-screen height (px) of the current placement.
    int pixelSize() const { return m_key.font.pixelSize(); }

private:
    struct Elided {
        QString text;
        qreal width = 0; ///< px, of the text
    };
    /// `label` elided in the middle to at most `width` px (cached per font).
    Elided elide(const QString &label, bool bold, qreal width);

    Key m_key;
    bool m_valid = false;
    quint64 m_placements = 0;
    QVector<Label> m_labels;
    QSet<const ModuleNodeItem *> m_candidates;
    QRegion m_forgotten; ///< device px of labels of deleted nodes, still on screen
    QHash<QString, Elided> m_elided;
    QFont m_elidedFont;
};

} // namespace sy
