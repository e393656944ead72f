// journal_writer FILE COUNT [--abort]: records COUNT deterministic events
// (event i: kind optimizer-run/invalidation/request/hmr by i % 4, environment
// client/ssr/worker by i % 3, generation i / 10, time 1,000,000 + 10 * i ms,
// summary "event i"), flushes and prints "flushed COUNT". With --abort it then
// records COUNT more events without flushing and calls std::abort(): no
// destructor, no clean close of the database.
#include "journal/journal.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

sy::JournalEvent makeEvent(int64_t i)
{
    static const char *const kinds[] = {"optimizer-run", "invalidation", "request", "hmr"};
    static const char *const envs[] = {"client", "ssr", "worker"};
    sy::JournalEvent e;
    e.timeMs = 1000000 + 10 * i;
    e.kind = kinds[i % 4];
    e.environment = envs[i % 3];
    e.generation = i / 10;
    e.summary = "event " + std::to_string(i);
    if (e.kind == "optimizer-run")
        e.dataJson = R"({"environment":")" + e.environment +
                     R"(","trigger":"discovery","depsAdded":["is-odd"],"oldBrowserHash":"h)" +
                     std::to_string(i) + R"(","newBrowserHash":"h)" + std::to_string(i + 1) +
                     R"(","durationMs":12,"outcome":"ok"})";
    else
        e.dataJson = R"({"i":)" + std::to_string(i) + "}";
    return e;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: journal_writer FILE COUNT [--abort]\n");
        return 2;
    }
    const bool crash = argc > 3 && std::strcmp(argv[3], "--abort") == 0;
    const int64_t count = std::atoll(argv[2]);
    std::string error;
    auto journal = sy::Journal::open(argv[1], &error);
    if (!journal) {
        std::fprintf(stderr, "journal_writer: %s\n", error.c_str());
        return 1;
    }
    const int64_t base = journal->lastId();
    for (int64_t i = 1; i <= count; ++i)
        journal->record(makeEvent(base + i));
    journal->flush();
    std::printf("flushed %lld\n", static_cast<long long>(count));
    std::fflush(stdout);
    if (crash) {
        for (int64_t i = 1; i <= count; ++i)
            journal->record(makeEvent(base + count + i));
        std::abort();
    }
    return 0;
}
