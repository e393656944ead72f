#include "views/graph/graphLabelPlacement.h"

#include "views/graph/graphPalette.h"
#include "views/graph/moduleNodeItem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QVarLengthArray>

#include <algorithm>
#include <cmath>

namespace sy {

namespace {

constexpr qreal kWidest = 174;   ///< px of text a label grows to
constexpr qreal kNarrowest = 30; ///< px of text a label of a small graph shrinks to (~4 chars)
constexpr qreal kPad = 6;        ///< px of chip around the text, left and right together
constexpr qreal kGap = 4;        ///< px between a chip moved off its node and the next place

/// Placed chips by the cells of a grid over the viewport that they cover:
/// an overlap test looks at the chips of a few cells, not at every chip.
class ChipGrid {
public:
    explicit ChipGrid(const QRectF &area)
        : m_area(area), m_cols(std::max(1, int(std::ceil(area.width() / kCellWidth)))),
          m_rows(std::max(1, int(std::ceil(area.height() / kCellHeight)))),
          m_cells(qsizetype(m_cols) * m_rows)
    {
    }

    void insert(qsizetype label, const QRectF &chip)
    {
        forCells(chip, [&](Cell &cell) {
            if (!cell.contains(label))
                cell.push_back(label);
            return false;
        });
    }

    /// True if `chip` meets a placed chip other than `self`'s.
    bool overlaps(const QRectF &chip, qsizetype self,
                  const QVector<GraphLabelPlacement::Label> &labels)
    {
        return forCells(chip, [&](Cell &cell) {
            for (const qsizetype i : cell)
                if (i != self && labels[i].chip.intersects(chip))
                    return true;
            return false;
        });
    }

private:
    static constexpr qreal kCellWidth = 64, kCellHeight = 16;
    using Cell = QVarLengthArray<qsizetype, 4>;

    template <typename F> bool forCells(const QRectF &chip, F &&visit)
    {
        auto col = [&](qreal x) {
            return std::clamp(int(std::floor((x - m_area.left()) / kCellWidth)), 0, m_cols - 1);
        };
        auto row = [&](qreal y) {
            return std::clamp(int(std::floor((y - m_area.top()) / kCellHeight)), 0, m_rows - 1);
        };
        const int c0 = col(chip.left()), c1 = col(chip.right());
        const int r0 = row(chip.top()), r1 = row(chip.bottom());
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c)
                if (visit(m_cells[qsizetype(r) * m_cols + c]))
                    return true;
        return false;
    }

    QRectF m_area;
    int m_cols, m_rows;
    QVector<Cell> m_cells;
};

/// Where a chip of `w` x `h` px may go, relative to its node's centre,
/// nearest first: on the node, rows above and below, and (`sideways`)
/// half a chip or a whole one to either side on each of those rows.
QVector<QPointF> offsetsFor(qreal w, qreal h, int rows, bool sideways)
{
    QVector<QPointF> out;
    const qreal stepX = w + kGap, stepY = h + kGap;
    for (int r = -rows; r <= rows; ++r) {
        out.push_back({0, r * stepY});
        if (sideways)
            for (const qreal c : {-1.0, -0.5, 0.5, 1.0})
                out.push_back({c * stepX, r * stepY});
    }
    std::stable_sort(out.begin(), out.end(), [](const QPointF &a, const QPointF &b) {
        // Nearest first; a row below before the same row above (as before:
        // 0, 1, -1, 2, -2, ...), straight before sideways at equal distance.
        const qreal da = std::hypot(a.x(), a.y()), db = std::hypot(b.x(), b.y());
        if (std::abs(da - db) > 0.01)
            return da < db;
        if (std::abs(a.x()) != std::abs(b.x()))
            return std::abs(a.x()) < std::abs(b.x());
        return a.y() > b.y();
    });
    return out;
}

bool near(const QPointF &a, const QPointF &b)
{
    return std::abs(a.x() - b.x()) < 0.01 && std::abs(a.y() - b.y()) < 0.01;
}

bool near(const QRectF &a, const QRectF &b)
{
    return near(a.topLeft(), b.topLeft()) && near(a.bottomRight(), b.bottomRight());
}

} // namespace

QRectF GraphLabelPlacement::Label::bounds() const
{
    // The leader line runs from the anchor to the chip; 2 px for antialiasing.
    const QRectF line(anchor, QSizeF(1, 1));
    return chip.united(line).adjusted(-2, -2, 2, 2);
}

GraphLabelPlacement::Elided GraphLabelPlacement::elide(const QString &label, bool bold, qreal width)
{
    const int px = int(std::floor(width));
    QString key = label;
    key += QChar(bold ? u'b' : u'p');
    key += QString::number(px);
    if (auto it = m_elided.constFind(key); it != m_elided.cend())
        return *it;
    if (m_elided.size() > 20000) // zoomed through many widths: start again
        m_elided.clear();
    QFont font = m_key.font;
    font.setBold(bold);
    const QFontMetricsF fm(font);
    Elided e;
    e.text = fm.elidedText(label, Qt::ElideMiddle, px);
    e.width = fm.horizontalAdvance(e.text);
    m_elided.insert(key, e);
    return e;
}

QRegion GraphLabelPlacement::place(const Key &key, QVector<LabelCandidate> candidates,
                                   bool everyNode)
{
    const Key before = m_key;
    const bool hadBefore = m_valid;
    const QVector<Label> old = std::exchange(m_labels, {});
    const QRegion forgotten = std::exchange(m_forgotten, {});
    m_candidates.clear();
    m_key = key;
    m_valid = true;
    ++m_placements;
    if (m_elidedFont != key.font) {
        m_elided.clear();
        m_elidedFont = key.font;
    }

    QFont boldFont = key.font;
    boldFont.setBold(true);
    const qreal plainHeight = QFontMetricsF(key.font).height();
    const qreal boldHeight = QFontMetricsF(boldFont).height();
    const QRectF viewport(QPointF(0, 0), QSizeF(key.viewport));
    const qreal scale = std::sqrt(std::abs(key.toDevice.determinant()));
    // Every label cut to its node's width (plus part of the gap between
    // nodes) first: boxes never overlap, so neither do those labels.
    const qreal narrow = std::max(48.0, (ModuleNodeItem::kWidth + 16) * scale) - kPad;

    // Rank first, then top to bottom and left to right: the same order,
    // so the same placement, for the same graph whatever the hash order.
    struct Placing {
        LabelCandidate candidate;
        QPointF at;
    };
    QVector<Placing> order;
    order.reserve(candidates.size());
    for (const LabelCandidate &c : std::as_const(candidates)) {
        order.push_back({c, key.toDevice.map(c.node->pos())});
        m_candidates.insert(c.node);
    }
    std::sort(order.begin(), order.end(), [](const Placing &a, const Placing &b) {
        if (a.candidate.rank != b.candidate.rank)
            return a.candidate.rank < b.candidate.rank;
        if (a.at.y() != b.at.y())
            return a.at.y() < b.at.y();
        if (a.at.x() != b.at.x())
            return a.at.x() < b.at.x();
        return a.candidate.node->key() < b.candidate.node->key();
    });

    // A chip centred on its point, moved sideways into the viewport when a
    // node at its edge would push it out (far out, a chip is wider than its node).
    auto chipAt = [&](const QPointF &at, qreal w, qreal h) {
        QRectF chip(at.x() - w / 2, at.y() - h / 2, w, h);
        if (chip.left() < viewport.left())
            chip.moveLeft(viewport.left());
        else if (chip.right() > viewport.right())
            chip.moveRight(viewport.right());
        return chip;
    };
    ChipGrid grid(viewport);
    // The narrowest each label may end up: what it grows back from.
    QVector<qreal> tried;
    for (const Placing &p : std::as_const(order)) {
        ModuleNodeItem *node = p.candidate.node;
        const bool bold = node->state().groupSize > 0;
        const qreal h = (bold ? boldHeight : plainHeight) + 2;
        // On the node, else a row below or above it (tied to it by a leader
        // line) when neighbours took that place; the nodes that matter try
        // further, and a small graph's every node also sideways and, before
        // it gives up, with a narrower text.
        const int rows = everyNode || p.candidate.rank < 3 ? 4 : 1;
        QVector<qreal> widths{narrow};
        if (everyNode && narrow > kNarrowest)
            widths << kNarrowest;
        bool placed = false;
        for (const qreal width : std::as_const(widths)) {
            const Elided e = elide(node->label(), bold, width);
            const qreal w = e.width + kPad;
            QVector<QPointF> offsets = offsetsFor(w, h, rows, everyNode);
            if (!everyNode && p.candidate.rank < 3) // beside it, on its row
                offsets << QPointF(-(w + kGap), 0) << QPointF(w + kGap, 0);
            for (const QPointF &offset : std::as_const(offsets)) {
                const QRectF chip = chipAt(p.at + offset, w, h);
                if (!viewport.contains(chip) || grid.overlaps(chip, -1, m_labels))
                    continue;
                grid.insert(m_labels.size(), chip);
                m_labels.push_back({node, e.text, chip, p.at, bold});
                tried.push_back(width);
                placed = true;
                break;
            }
            if (placed)
                break;
        }
        if (!placed)
            node->noteLabelDrawn(0, {});
    }
    // Then each grows to its whole text where that overlaps no other (a
    // label shrunk below its node's width first back to that).
    for (qsizetype i = 0; i < m_labels.size(); ++i) {
        Label &label = m_labels[i];
        const qreal h = label.chip.height();
        QVector<qreal> widths{kWidest};
        if (tried[i] < narrow)
            widths << narrow;
        for (const qreal width : std::as_const(widths)) {
            const Elided e = elide(label.node->label(), label.bold, width);
            if (e.text == label.text)
                break;
            const QRectF chip = chipAt(label.chip.center(), e.width + kPad, h);
            if (viewport.contains(chip) && !grid.overlaps(chip, i, m_labels)) {
                label.text = e.text;
                label.chip = chip;
                grid.insert(i, chip);
                break;
            }
        }
    }

    // Nodes labelled before and not now: no label any more.
    QHash<const ModuleNodeItem *, qsizetype> now;
    now.reserve(m_labels.size());
    for (qsizetype i = 0; i < m_labels.size(); ++i)
        now.insert(m_labels[i].node, i);
    for (const Label &label : old)
        if (!now.contains(label.node))
            label.node->noteLabelDrawn(0, {});

    // What the view shows of the old placement and this one lacks.
    const QTransform &a = before.toDevice, &b = key.toDevice;
    const bool sameScale = hadBefore && before.viewport == key.viewport &&
                           before.font == key.font && qFuzzyCompare(a.m11(), b.m11()) &&
                           qFuzzyCompare(a.m22(), b.m22()) && qFuzzyIsNull(a.m12() - b.m12()) &&
                           qFuzzyIsNull(a.m21() - b.m21());
    if (!sameScale)
        return {};
    const QPointF shift(b.dx() - a.dx(), b.dy() - a.dy());
    QRegion stale = forgotten.translated(shift.toPoint());
    QSet<qsizetype> unchanged;
    for (const Label &label : old) {
        const qsizetype i = now.value(label.node, -1);
        if (i >= 0 && m_labels[i].text == label.text && m_labels[i].bold == label.bold &&
            near(m_labels[i].chip, label.chip.translated(shift)) &&
            near(m_labels[i].anchor, label.anchor + shift)) {
            unchanged.insert(i);
            continue;
        }
        stale += label.bounds().translated(shift).toAlignedRect();
    }
    for (qsizetype i = 0; i < m_labels.size(); ++i)
        if (!unchanged.contains(i))
            stale += m_labels[i].bounds().toAlignedRect();
    return stale;
}

void GraphLabelPlacement::draw(QPainter *painter, const QRectF &exposed,
                               const GraphPalette &colours) const
{
    QFont boldFont = m_key.font;
    boldFont.setBold(true);
    const qreal px = m_key.font.pixelSize();
    for (const Label &label : m_labels) {
        label.node->noteLabelDrawn(px, label.text);
        if (!label.bounds().intersects(exposed))
            continue;
        if (!label.chip.contains(label.anchor)) { // moved off its node: a leader line
            const QPointF end(std::clamp(label.anchor.x(), label.chip.left(), label.chip.right()),
                              std::clamp(label.anchor.y(), label.chip.top(), label.chip.bottom()));
            painter->setPen(QPen(colours.laneTitle, 1));
            painter->drawLine(label.anchor, end);
        }
        painter->setFont(label.bold ? boldFont : m_key.font);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colours.halo);
        painter->drawRoundedRect(label.chip, 3, 3);
        painter->setPen(colours.text);
        painter->drawText(label.chip, Qt::AlignCenter, label.text);
    }
}

bool GraphLabelPlacement::forget(const ModuleNodeItem *node)
{
    if (!m_candidates.remove(node))
        return false;
    m_labels.removeIf([&](const Label &label) {
        if (label.node != node)
            return false;
        m_forgotten += label.bounds().toAlignedRect(); // still on screen
        return true;
    });
    return true;
}

void GraphLabelPlacement::clear()
{
    m_labels.clear();
    m_candidates.clear();
    m_forgotten = {};
    m_valid = false;
}

} // namespace sy
