#include "timeline/journalReplay.h"

#include "journal/journal.h"
#include "timeline/timelineModel.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace sy {

namespace {

QJsonObject payload(const JournalEvent &e)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(e.dataJson)).object();
}

void removeServed(std::set<QString> &pending, const QString &path)
{
    if (QFileInfo(path).suffix().isEmpty()) {
        pending.clear();
        return;
    }
    for (auto it = pending.begin(); it != pending.end();)
        it = it->endsWith(path) ? pending.erase(it) : std::next(it);
}

} // namespace

bool JournalReplay::load(const Journal &journal, QString *error)
{
    std::string err;
    m_events = journal.query(JournalQuery{}, &err);
    if (error)
        *error = QString::fromStdString(err);
    return err.empty();
}

bool JournalReplay::loadFile(const QString &path, QString *error)
{
    std::string err;
    const std::unique_ptr<Journal> journal = Journal::openReadOnly(path.toStdString(), &err);
    if (!journal) {
        if (error)
            *error = QString::fromStdString(err);
        m_events.clear();
        return false;
    }
    return load(*journal, error);
}

void JournalReplay::setEvents(std::vector<JournalEvent> events)
{
    m_events = std::move(events);
}

std::pair<int64_t, int64_t> JournalReplay::timeRange() const
{
    if (m_events.empty())
        return {0, 0};
    const auto [lo, hi] = std::minmax_element(
        m_events.begin(), m_events.end(),
        [](const JournalEvent &a, const JournalEvent &b) { return a.timeMs < b.timeMs; });
    return {lo->timeMs, hi->timeMs};
}

void JournalReplay::fill(TimelineModel &model) const
{
    model.setMaxItems(std::max(model.maxItems(), int(m_events.size())));
    model.load(m_events);
}

ReplayState JournalReplay::stateAt(int64_t timeMs) const
{
    ReplayState state;
    state.timeMs = timeMs;
    for (const JournalEvent &e : m_events) {
        if (e.timeMs > timeMs)
            continue;
        ++state.eventCount;
        state.generation = std::max(state.generation, e.generation);
        if (e.kind == "generation") {
            state.generation = std::max(state.generation,
                                        int64_t(payload(e).value(QLatin1String("to")).toDouble()));
        } else if (e.kind == "optimizer-run") {
            const QJsonObject d = payload(e);
            const QString outcome = d.value(QLatin1String("outcome")).toString();
            if (outcome != QLatin1String("committed") && outcome != QLatin1String("reused-cache"))
                continue;
            ReplayEnvironmentState &env = state.environments[QString::fromStdString(e.environment)];
            env.browserHash = d.value(QLatin1String("newBrowserHash")).toString();
            env.sinceMs = e.timeMs;
            env.eventId = e.id;
            if (outcome == QLatin1String("committed"))
                state.pendingModules.clear();
        } else if (e.kind == "invalidation") {
            const QJsonObject d = payload(e);
            const QString module = d.value(QLatin1String("module")).toString();
            if (!module.isEmpty())
                state.pendingModules.insert(module);
            for (const QJsonValue &v : d.value(QLatin1String("chain")).toArray())
                if (!v.toString().isEmpty())
                    state.pendingModules.insert(v.toString());
        } else if (e.kind == "request") {
            const QJsonObject d = payload(e);
            const int status = d.value(QLatin1String("status")).toInt();
            if (status >= 200 && status < 400)
                removeServed(state.pendingModules, d.value(QLatin1String("path")).toString());
        }
    }
    return state;
}

} // namespace sy
