#include "timeline/timelineDetails.h"

#include "timeline/timelineItem.h"
#include "views/graph/moduleIdText.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace sy {

TimelineDetails::TimelineDetails(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_json(new QPlainTextEdit(this))
{
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_json->setReadOnly(true);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setPlaceholderText(tr("Click an item on the timeline to see its details."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_json, 1);
}

void TimelineDetails::setItem(const TimelineItem *item)
{
    m_item.reset();
    if (item)
        m_item = *item;
    showItem();
}

void TimelineDetails::setProjectRoot(const QString &root)
{
    if (m_root == root)
        return;
    m_root = root;
    showItem();
}

void TimelineDetails::showItem()
{
    if (!m_item) {
        m_summary->clear();
        m_json->clear();
        return;
    }
    const TimelineItem *item = &*m_item;
    QStringList lines;
    QString head = item->kind;
    if (!item->environment.isEmpty())
        head += QStringLiteral(" [%1]").arg(item->environment);
    head += QLatin1String("  ") + tr("generation %1").arg(item->generation);
    head += QLatin1String("  #") + QString::number(item->eventId);
    lines << head;
    QString when = QDateTime::fromMSecsSinceEpoch(item->startMs).toString(Qt::ISODateWithMs);
    if (item->durationMs > 0)
        when += QLatin1String("  ") + tr("%1 ms").arg(item->durationMs);
    if (item->heldMs > 0)
        when += QLatin1String("  ") + tr("(held %1 ms)").arg(item->heldMs);
    lines << when << textWithRelativeIds(item->summary, m_root);
    if (!item->moduleIds.isEmpty()) {
        QStringList modules;
        for (const QString &id : item->moduleIds)
            modules << moduleIdText(id, m_root);
        lines << tr("Modules: %1").arg(modules.join(QLatin1String(", ")));
    }
    m_summary->setText(lines.join(QLatin1Char('\n')));

    const QJsonDocument doc = QJsonDocument::fromJson(item->dataJson.toUtf8());
    m_json->setPlainText(doc.isNull() ? item->dataJson
                                      : QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
}

QString TimelineDetails::summaryText() const
{
    return m_summary->text();
}

QString TimelineDetails::jsonText() const
{
    return m_json->toPlainText();
}

} // namespace sy
