#include "timeline/timelineItemFromEvent.h"
#include "journal/engineWords.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace sy {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

int64_t ms(const QJsonValue &v)
{
    const double d = v.toDouble(0);
    return d > 0 && std::isfinite(d) ? int64_t(std::llround(d)) : 0;
}

void addString(QStringList &out, const QJsonValue &v)
{
    const QString s = v.toString();
    if (!s.isEmpty() && !out.contains(s))
        out.push_back(s);
}

void addStrings(QStringList &out, const QJsonValue &v)
{
    for (const QJsonValue &e : v.toArray())
        addString(out, e);
}

QString firstLine(const QString &s, int max = 120)
{
    QString line = s.section(QLatin1Char('\n'), 0, 0);
    if (line.size() > max)
        line = line.left(max - 1) + QChar(0x2026);
    return line;
}

/// "(old -> new)" when the browserHash moved, "(browserHash h)" on a first
/// run or when it stayed, nothing without one: never "( -> h)".
QString browserHashChange(const QString &before, const QString &after)
{
    if (after.isEmpty())
        return before.isEmpty() ? QString() : QStringLiteral("(%1)").arg(before);
    if (before.isEmpty() || before == after)
        return QCoreApplication::translate("sy::Timeline", "(browserHash %1)").arg(after);
    return QStringLiteral("(%1 -> %2)").arg(before, after);
}

void optimizerRun(TimelineItem &item, const QJsonObject &d)
{
    item.lane = TimelineLane::Optimizer;
    item.durationMs = ms(d.value(QLatin1String("durationMs")));
    item.startMs -= item.durationMs;
    item.category = d.value(QLatin1String("outcome")).toString(QStringLiteral("committed"));
    // What it touched: the pre-bundles it wrote for new and changed deps.
    addStrings(item.moduleIds, d.value(QLatin1String("bundles")));
    QStringList deps;
    addStrings(deps, d.value(QLatin1String("depsAdded")));
    QString label = item.environment.isEmpty() ? QStringLiteral("?") : item.environment;
    label += QLatin1String(": ");
    if (!deps.isEmpty())
        label += QLatin1Char('+') + deps.join(QLatin1String(", ")) + QLatin1Char(' ');
    else
        label += engineWord(d.value(QLatin1String("trigger")).toString()) + QLatin1Char(' ');
    // An additive run added bundles beside the others (optimizer/additiveRun.h).
    if (d.value(QLatin1String("kind")).toString() == QLatin1String("additive"))
        label += QCoreApplication::translate("sy::Timeline", "additive") + QLatin1Char(' ');
    item.label = (label + browserHashChange(d.value(QLatin1String("oldBrowserHash")).toString(),
                                            d.value(QLatin1String("newBrowserHash")).toString()))
                     .trimmed();
}

void request(TimelineItem &item, const QJsonObject &d)
{
    item.lane = TimelineLane::Requests;
    item.heldMs = ms(d.value(QLatin1String("heldMs")));
    item.durationMs = ms(d.value(QLatin1String("durationMs"))) + item.heldMs;
    item.startMs -= item.durationMs;
    const int status = d.value(QLatin1String("status")).toInt(0);
    if (status >= 500 || status == 0)
        item.category = QStringLiteral("failed");
    else if (d.value(QLatin1String("replayed")).toBool())
        item.category = QStringLiteral("replayed");
    else if (d.value(QLatin1String("held")).toBool() || item.heldMs > 0)
        item.category = QStringLiteral("held");
    else
        item.category = QStringLiteral("ok");
    item.label = d.value(QLatin1String("method")).toString(QStringLiteral("GET")) +
                 QLatin1Char(' ') + d.value(QLatin1String("path")).toString() + QLatin1Char(' ') +
                 QString::number(status);
}

void hmr(TimelineItem &item, const QJsonObject &d)
{
    item.lane = TimelineLane::Hmr;
    const QJsonObject payload = d.value(QLatin1String("payload")).toObject();
    QString type = payload.value(QLatin1String("type")).toString();
    if (type.isEmpty())
        type = item.summary.isEmpty() ? QStringLiteral("?") : item.summary;
    item.category = QLatin1String("hmr-") + type;
    item.label = type;
    if (type == QLatin1String("custom"))
        item.label = payload.value(QLatin1String("event")).toString(type);
    for (const QJsonValue &u : payload.value(QLatin1String("updates")).toArray())
        addString(item.moduleIds, u.toObject().value(QLatin1String("path")));
    addString(item.moduleIds, payload.value(QLatin1String("path")));
}

void problem(TimelineItem &item, const QJsonObject &d)
{
    item.lane = TimelineLane::Errors;
    item.category = item.kind;
    addString(item.moduleIds, d.value(QLatin1String("module")));
    addString(item.moduleIds, d.value(QLatin1String("file")));
    addString(item.moduleIds, d.value(QLatin1String("dependency")));
    for (const QString &key : d.value(QLatin1String("dependencies")).toObject().keys())
        addString(item.moduleIds, key);
    QString text = item.summary;
    if (text.isEmpty())
        text = d.value(QLatin1String("message")).toString();
    item.label = firstLine(text);
}

} // namespace

std::optional<TimelineItem> timelineItemFromEvent(const JournalEvent &event)
{
    TimelineItem item;
    item.eventId = event.id;
    item.startMs = event.timeMs;
    item.kind = qs(event.kind);
    item.environment = qs(event.environment);
    item.generation = event.generation;
    item.summary = qs(event.summary);
    item.dataJson = qs(event.dataJson);
    item.label = firstLine(engineSummary(item.summary));
    const QJsonObject d =
        QJsonDocument::fromJson(QByteArray::fromStdString(event.dataJson)).object();

    if (event.kind == "optimizer-run") {
        optimizerRun(item, d);
    } else if (event.kind == "request") {
        request(item, d);
    } else if (event.kind == "hmr") {
        hmr(item, d);
    } else if (event.kind == "invalidation") {
        item.lane = TimelineLane::Invalidations;
        item.category = QStringLiteral("invalidation");
        addString(item.moduleIds, d.value(QLatin1String("module")));
        addStrings(item.moduleIds, d.value(QLatin1String("chain")));
        // A tsconfig or env file changed: the modules that depend on it.
        addStrings(item.moduleIds, d.value(QLatin1String("invalidated")));
    } else if (event.kind == "runner-cache-clear") {
        item.lane = TimelineLane::Invalidations;
        item.category = QStringLiteral("runner-cache-clear");
        addStrings(item.moduleIds, d.value(QLatin1String("dropped")));
    } else if (event.kind == "generation") {
        item.lane = TimelineLane::Generations;
        item.category = QStringLiteral("generation");
        item.label = QCoreApplication::translate("sy::Timeline", "generation %1 -> %2")
                         .arg(ms(d.value(QLatin1String("from"))))
                         .arg(ms(d.value(QLatin1String("to"))));
    } else if (event.kind == "error" || event.kind == "stale-reference") {
        problem(item, d);
    } else {
        return std::nullopt;
    }
    return item;
}

} // namespace sy
