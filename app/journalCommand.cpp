// `switchyard journal FILE`: dump the event journal a `switchyard serve
// --journal FILE` wrote (or is writing, or left behind when it crashed), as a
// table or as JSON, filtered by kind, environment, time and id.
#include "cliCommon.h"
#include "journal/journal.h"
#include "journal/journalJson.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace sy::cli {

namespace {

/// Parses an integer option into `out`; false (after printing) when malformed.
bool intOption(const QCommandLineParser &parser, const QString &name, int64_t min,
               std::optional<int64_t> &out, int &exitCode)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const qlonglong value = parser.value(name).toLongLong(&ok);
    if (!ok || value < min) {
        exitCode = usageError("journal", QStringLiteral("--%1 must be an integer >= %2, not \"%3\"")
                                             .arg(name)
                                             .arg(min)
                                             .arg(parser.value(name)));
        return false;
    }
    out = value;
    return true;
}

void printTable(const std::vector<JournalEvent> &events)
{
    std::printf("%8s  %-23s  %-18s  %-6s  %4s  %s\n", "ID", "TIME", "KIND", "ENV", "GEN",
                "SUMMARY");
    for (const JournalEvent &e : events) {
        const QString time = QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(
            QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        std::printf("%8lld  %-23s  %-18s  %-6s  %4lld  %s\n", static_cast<long long>(e.id),
                    qPrintable(time), e.kind.c_str(),
                    e.environment.empty() ? "-" : e.environment.c_str(),
                    static_cast<long long>(e.generation), e.summary.c_str());
    }
    std::printf("(%zu event%s)\n", events.size(), events.size() == 1 ? "" : "s");
}

} // namespace

int runJournal(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Print the events of a journal file (written by `switchyard serve --journal FILE`),\n"
        "oldest first. Reads a journal that is being written, or that a crashed process\n"
        "left behind, without changing it."));
    const QCommandLineOption help = parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The journal file."));
    parser.addOption({QStringLiteral("json"),
                      QStringLiteral("Print a JSON array of events (id, timeMs, kind, environment, "
                                     "generation, summary, data).")});
    parser.addOption({QStringLiteral("kind"),
                      QStringLiteral("Only events of this kind (repeatable, or comma-separated): "
                                     "optimizer-run, invalidation, hmr, runner-cache-clear, "
                                     "request, error, stale-reference, generation."),
                      QStringLiteral("kind")});
    parser.addOption({QStringLiteral("env"),
                      QStringLiteral("Only events of this environment (client, ssr, worker)."),
                      QStringLiteral("env")});
    parser.addOption({QStringLiteral("since"),
                      QStringLiteral("Only events at or after this time (ms since the epoch)."),
                      QStringLiteral("ms")});
    parser.addOption({QStringLiteral("until"),
                      QStringLiteral("Only events at or before this time (ms since the epoch)."),
                      QStringLiteral("ms")});
    parser.addOption({QStringLiteral("after"), QStringLiteral("Only events with an id above this."),
                      QStringLiteral("id")});
    parser.addOption({QStringLiteral("limit"),
                      QStringLiteral("At most this many events (the oldest matching)."),
                      QStringLiteral("n")});
    if (!parser.parse(args))
        return usageError("journal", parser.errorText());
    if (parser.isSet(help))
        parser.showHelp(0);
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageError("journal", QStringLiteral("a FILE is required"));
    if (positional.size() > 1)
        return usageError("journal", QStringLiteral("one FILE only, got \"%1\" too")
                                         .arg(positional.mid(1).join(QLatin1Char(' '))));

    JournalQuery query;
    for (const QString &value : parser.values(QStringLiteral("kind"))) {
        for (const QString &kind : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            query.kinds.insert(kind.trimmed().toStdString());
    }
    if (parser.isSet(QStringLiteral("kind")) && query.kinds.empty())
        return usageError("journal", QStringLiteral("--kind needs a kind"));
    if (parser.isSet(QStringLiteral("env")))
        query.environment = parser.value(QStringLiteral("env")).toStdString();
    int exitCode = 0;
    std::optional<int64_t> after, limit;
    if (!intOption(parser, QStringLiteral("since"), INT64_MIN, query.sinceMs, exitCode) ||
        !intOption(parser, QStringLiteral("until"), INT64_MIN, query.untilMs, exitCode) ||
        !intOption(parser, QStringLiteral("after"), 0, after, exitCode) ||
        !intOption(parser, QStringLiteral("limit"), 1, limit, exitCode))
        return exitCode;
    query.afterId = after.value_or(0);
    query.limit = limit.value_or(0);

    std::string error;
    const auto journal = Journal::openReadOnly(positional.first().toStdString(), &error);
    if (!journal) {
        std::fprintf(stderr, "switchyard journal: %s\n", error.c_str());
        return 1;
    }
    const std::vector<JournalEvent> events = journal->query(query, &error);
    if (parser.isSet(QStringLiteral("json"))) {
        nlohmann::json out = nlohmann::json::array();
        for (const JournalEvent &e : events)
            out.push_back(journalEventToJson(e));
        // Journals written before request bytes were made valid UTF-8 may hold others.
        std::printf("%s\n",
                    out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
        printTable(events);
    }
    if (!error.empty()) {
        std::fprintf(stderr, "switchyard journal: %s\n", error.c_str());
        return 1;
    }
    return 0;
}

} // namespace sy::cli
