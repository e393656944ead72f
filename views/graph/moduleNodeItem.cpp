#include "views/graph/moduleNodeItem.h"

#include "views/graph/graphPalette.h"
#include "views/graph/moduleEdgeItem.h"
#include "views/graph/moduleFolderGroup.h"
#include "views/graph/moduleGraphQueries.h"
#include "views/graph/moduleGraphScene.h"

#include <QApplication>
#include <QWidget>

#include <QFontMetricsF>
#include <QHash>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace sy {

QColor environmentColor(const QString &environment)
{
    if (environment == QLatin1String("client"))
        return QColor(0xdb, 0xea, 0xfe);
    if (environment == QLatin1String("ssr"))
        return QColor(0xdc, 0xfc, 0xe7);
    if (environment == QLatin1String("worker"))
        return QColor(0xfe, 0xf3, 0xc7);
    return QColor(0xee, 0xee, 0xee);
}

QColor moduleTypeColor(const QString &type)
{
    static const QHash<QString, QColor> colours{
        {QStringLiteral("css"), QColor(0x25, 0x63, 0xeb)},
        {QStringLiteral("json"), QColor(0xca, 0x8a, 0x04)},
        {QStringLiteral("asset"), QColor(0x05, 0x96, 0x69)},
        {QStringLiteral("url"), QColor(0x0d, 0x94, 0x88)},
        {QStringLiteral("inline"), QColor(0x0e, 0x74, 0x90)},
        {QStringLiteral("raw"), QColor(0x78, 0x71, 0x6c)},
        {QStringLiteral("text"), QColor(0x57, 0x53, 0x4e)},
        {QStringLiteral("data"), QColor(0x9d, 0x17, 0x4d)},
        {QStringLiteral("wasm"), QColor(0x65, 0x4f, 0xf0)},
    };
    return colours.value(type, QColor(0x64, 0x74, 0x8b));
}

ModuleNodeItem::ModuleNodeItem(const ModuleNodeState &state)
    : m_state(state), m_key(moduleKey(state.environment, state.id))
{
    setFlags(ItemIsSelectable | ItemSendsGeometryChanges);
    setToolTip(toolTipText());
}

void ModuleNodeItem::setLabel(const QString &label)
{
    if (m_label == label)
        return;
    m_label = label;
    noteLabelChange();
    update();
}

void ModuleNodeItem::noteLabelChange() const
{
    if (auto *graph = qobject_cast<ModuleGraphScene *>(scene()))
        graph->noteLabelChange(this);
}

void ModuleNodeItem::setChangeHighlight(qreal strength)
{
    if (qFuzzyCompare(m_changed + 1, strength + 1))
        return;
    m_changed = strength;
    update();
}

void ModuleNodeItem::setShownId(const QString &shownId)
{
    if (m_shownId == shownId)
        return;
    m_shownId = shownId;
    setToolTip(toolTipText());
}

QString ModuleNodeItem::toolTipText() const
{
    QStringList lines{m_shownId.isEmpty() ? m_state.id : m_shownId};
    if (m_state.groupSize > 0 && isFolderGroupId(m_state.id))
        lines =
            QStringList{tr("Folder %1: %n module(s); click to expand", nullptr, m_state.groupSize)
                            .arg(m_shownId.isEmpty() ? m_state.displayName : m_shownId)};
    else if (m_state.groupSize > 0)
        lines =
            QStringList{tr("Package %1: %n module(s); click to expand", nullptr, m_state.groupSize)
                            .arg(m_state.displayName)};
    if (!m_state.roleLabel.isEmpty())
        lines << tr("%1: %2").arg(m_state.roleLabel, m_state.displayName);
    if (!m_state.directiveTransform.isEmpty())
        lines << tr("Directive transform: %1").arg(m_state.directiveTransform);
    return lines.join(QLatin1Char('\n'));
}

void ModuleNodeItem::setState(const ModuleNodeState &state)
{
    if (m_state == state)
        return;
    // What its far-out label shows (text, bold) and how it ranks.
    const bool labelled = m_state.id != state.id || m_state.displayName != state.displayName ||
                          m_state.groupSize != state.groupSize ||
                          m_state.roleLabel != state.roleLabel;
    m_state = state;
    if (labelled)
        noteLabelChange();
    m_key = moduleKey(state.environment, state.id);
    setToolTip(toolTipText());
    update();
}

QString ModuleNodeItem::labelOf(const QString &moduleId)
{
    QString id = moduleId;
    if (const qsizetype q = id.indexOf(QLatin1Char('?')); q > 0)
        id.truncate(q);
    const qsizetype slash = id.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = id.lastIndexOf(QLatin1Char(':'));
    const qsizetype cut = std::max(slash, colon);
    return cut >= 0 && cut + 1 < id.size() ? id.mid(cut + 1) : id;
}

QList<ModuleNodeItem::Badge> ModuleNodeItem::badgeChips() const
{
    const QColor plain(0x47, 0x55, 0x69), directive(0x7c, 0x3a, 0xed);
    QList<Badge> out;
    if (m_state.stale)
        out.push_back({tr("STALE"), QColor(0xdc, 0x26, 0x26)});
    if (m_state.invalidated())
        out.push_back({tr("invalidated"), QColor(0xea, 0x58, 0x0c)});
    if (m_state.groupSize > 0)
        out.push_back({tr("%n module(s)", nullptr, m_state.groupSize), QColor(0x33, 0x41, 0x55)});
    if (!m_state.roleLabel.isEmpty()) // already translated by the model
        out.push_back({m_state.roleLabel, QColor(0x0f, 0x76, 0x6e)});
    if (!m_state.browserHash.isEmpty())
        out.push_back({tr("dep %1").arg(m_state.browserHash), plain});
    if (m_state.isVirtual)
        out.push_back({tr("virtual"), plain});
    // Directives are code, not words: never translated.
    if (m_state.useClient)
        out.push_back({QStringLiteral("use client"), directive});
    if (m_state.useServer)
        out.push_back({QStringLiteral("use server"), directive});
    return out;
}

QString ModuleNodeItem::typeTag() const
{
    // Type names are the engine's terms (as in `switchyard graph`): not translated.
    return m_state.moduleType == QLatin1String("js") ? QString() : m_state.moduleType;
}

QStringList ModuleNodeItem::badges() const
{
    QStringList out;
    for (const Badge &badge : badgeChips())
        out << badge.text;
    return out;
}

QRectF ModuleNodeItem::boundingRect() const
{
    // 4 more right and down: a package group's stacked box.
    return QRectF(-kWidth / 2 - 3, -kHeight / 2 - 3, kWidth + 10, kHeight + 10);
}

void ModuleNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
                           QWidget *widget)
{
    const QRectF box(-kWidth / 2, -kHeight / 2, kWidth, kHeight);
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const GraphPalette colours =
        GraphPalette::from(widget ? widget->palette() : QApplication::palette());
    QColor fill = m_state.stale ? QColor(0xfe, 0xca, 0xca) : colours.nodeFill(m_state.environment);
    if (m_state.stale && colours.dark)
        fill = QColor(0x7f, 0x1d, 0x1d);
    QPen border(colours.border, 1);
    if (m_state.stale)
        border = QPen(QColor(0xdc, 0x26, 0x26), 4);
    else if (m_state.invalidated())
        border = QPen(QColor(0xea, 0x58, 0x0c), 2, Qt::DashLine);
    if (isSelected())
        border = QPen(colours.dark ? QColor(0x60, 0xa5, 0xfa) : QColor(0x1d, 0x4e, 0xd8),
                      m_state.stale ? 5 : 3);

    // Too small on screen for a label in the box: colour and state only (the
    // scene labels the nodes that matter above the graph).
    const bool inBox = kWidth * lod >= kMinBoxPixels;
    if (!inBox)
        m_drawnLabelPixels = 0;
    if (lod < 0.3) { // far away: colour and state only
        const QColor far = m_state.stale  ? QColor(0xdc, 0x26, 0x26)
                           : colours.dark ? fill.lighter(130)
                                          : fill.darker(115);
        painter->fillRect(box, far);
        if (m_state.groupSize > 0) // a package: a darker frame
            painter->fillRect(box.adjusted(0, kHeight * 0.75, 0, 0), colours.border);
        if (m_changed > 0) // what changed stays visible far out
            painter->fillRect(box, QColor(0x14, 0xb8, 0xa6, int(255 * m_changed)));
        if (isSelected())
            painter->fillRect(box, border.color());
        else if (!typeTag().isEmpty()) // the type's colour stays visible far out
            painter->fillRect(QRectF(box.left(), box.top(), kWidth / 4, kHeight),
                              moduleTypeColor(typeTag()));
        return;
    }
    if (m_state.groupSize > 0) { // a package: a stack of boxes
        painter->setPen(QPen(colours.border, 1));
        painter->setBrush(fill.darker(colours.dark ? 80 : 108));
        painter->drawRoundedRect(box.translated(4, 4), 6, 6);
    }
    painter->setPen(border);
    painter->setBrush(fill);
    painter->drawRoundedRect(box, 6, 6);
    if (m_changed > 0) { // what changed: a teal ring, fading
        painter->setPen(QPen(QColor(0x14, 0xb8, 0xa6, int(255 * m_changed)), 3));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(box.adjusted(-1, -1, 1, 1), 7, 7);
    }
    const QString tag = typeTag();
    if (!tag.isEmpty()) { // the module type: a stripe on the left edge
        painter->setPen(Qt::NoPen);
        painter->setBrush(moduleTypeColor(tag));
        painter->drawRoundedRect(QRectF(box.left() + 1, box.top() + 1, 5, kHeight - 2), 2, 2);
    }
    if (!inBox)
        return;

    // The label: 12 px in the scene, never under kMinLabelPixels on screen
    // (zoomed out, the font grows in scene units and the badges give way).
    const qreal natural = 12;
    const qreal labelPx = std::max(natural, std::ceil(kMinLabelPixels / lod));
    const bool large = labelPx > natural;
    QFont font = painter->font();
    font.setPixelSize(int(labelPx));
    font.setBold(m_state.groupSize > 0);
    painter->setFont(font);
    painter->setPen(colours.text);
    QRectF textBox = large ? box.adjusted(tag.isEmpty() ? 6 : 9, 0, -6, 0)
                           : box.adjusted(tag.isEmpty() ? 6 : 9, 3, -6, -kHeight / 2);
    if (!tag.isEmpty() && !large) { // and its name as a tag in the top-right corner
        QFont tagFont = font;
        tagFont.setBold(false);
        tagFont.setPixelSize(9);
        const qreal w = QFontMetricsF(tagFont).horizontalAdvance(tag) + 8;
        const QRectF chip(box.right() - w - 4, box.top() + 4, w, kHeight / 2 - 7);
        painter->setPen(Qt::NoPen);
        painter->setBrush(moduleTypeColor(tag));
        painter->drawRoundedRect(chip, 4, 4);
        painter->setFont(tagFont);
        painter->setPen(Qt::white);
        painter->drawText(chip, Qt::AlignCenter, tag);
        painter->setFont(font);
        painter->setPen(colours.text);
        textBox.setRight(chip.left() - 3);
    }
    const QString text = QFontMetricsF(font).elidedText(label(), Qt::ElideMiddle, textBox.width());
    painter->drawText(textBox, Qt::AlignLeft | Qt::AlignVCenter, text);
    noteLabelDrawn(labelPx * lod, text);

    if (lod < 0.6 || large)
        return;
    QFont small = font;
    small.setBold(false);
    small.setPixelSize(9);
    painter->setFont(small);
    const QFontMetricsF fm(small);
    qreal x = box.left() + 5;
    const qreal y = box.top() + kHeight / 2 + 2;
    for (const Badge &badge : badgeChips()) {
        const qreal w = fm.horizontalAdvance(badge.text) + 8;
        if (x + w > box.right() - 3)
            break;
        const QRectF chip(x, y, w, kHeight / 2 - 5);
        painter->setPen(Qt::NoPen);
        painter->setBrush(badge.colour);
        painter->drawRoundedRect(chip, 4, 4);
        painter->setPen(Qt::white);
        painter->drawText(chip, Qt::AlignCenter, badge.text);
        x += w + 3;
    }
}

void ModuleNodeItem::setPosLeavingEdges(const QPointF &pos)
{
    m_leavingEdges = true;
    setPos(pos);
    m_leavingEdges = false;
}

QVariant ModuleNodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged && !m_leavingEdges)
        for (ModuleEdgeItem *edge : std::as_const(m_edges))
            edge->adjust();
    if (change == ItemPositionHasChanged || change == ItemSelectedHasChanged)
        noteLabelChange();
    return QGraphicsItem::itemChange(change, value);
}

} // namespace sy
