// The journal's write path: how fast record() returns to its caller and how
// fast events reach disk (record + flush), from 1 and 4 threads, into a file
// (WAL, synchronous=NORMAL) and into ":memory:".
// Usage: bench_journal [EVENTS]   (default 200000 per run)
#include "journal/journal.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

sy::JournalEvent sample(int64_t i)
{
    sy::JournalEvent e;
    e.kind = "request";
    e.environment = "worker";
    e.generation = 3;
    e.summary = "GET /src/app/pages/Home.tsx 200 (" + std::to_string(i) + ")";
    e.dataJson = R"({"method":"GET","path":"/src/app/pages/Home.tsx","status":200,)"
                 R"("durationMs":4,"held":false,"replayed":false,"heldMs":0})";
    return e;
}

void run(const std::string &label, const std::string &path, int threads, int64_t events)
{
    std::string error;
    auto journal = sy::Journal::open(path, &error);
    if (!journal) {
        std::fprintf(stderr, "bench_journal: %s\n", error.c_str());
        std::exit(1);
    }
    const int64_t perThread = events / threads;
    std::vector<double> callerSeconds(static_cast<size_t>(threads));
    const auto start = Clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            const auto a = Clock::now();
            for (int64_t i = 0; i < perThread; ++i)
                journal->record(sample(i));
            callerSeconds[size_t(t)] = seconds(a, Clock::now());
        });
    }
    for (auto &w : workers)
        w.join();
    const auto recorded = Clock::now();
    journal->flush();
    const auto flushed = Clock::now();
    const double total = double(perThread * threads);
    double slowest = 0;
    for (double s : callerSeconds)
        slowest = std::max(slowest, s);
    std::printf("%-28s %d thread%s: record() %8.0f k events/s (%.2f us/call), on disk %7.0f k "
                "events/s (%.0f ms for %.0f events)\n",
                label.c_str(), threads, threads == 1 ? " " : "s",
                total / seconds(start, recorded) / 1e3, slowest / double(perThread) * 1e6,
                total / seconds(start, flushed) / 1e3, seconds(start, flushed) * 1e3, total);
}

} // namespace

int main(int argc, char **argv)
{
    const int64_t events = argc > 1 ? std::atoll(argv[1]) : 200000;
    const auto dir =
        std::filesystem::temp_directory_path() / ("sy-journal-bench-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    for (int threads : {1, 4}) {
        run("file (WAL, sync=NORMAL)", (dir / ("bench" + std::to_string(threads) + ".db")).string(),
            threads, events);
        run(":memory:", ":memory:", threads, events);
    }
    std::filesystem::remove_all(dir);
    return 0;
}
