#pragma once
// Runs test files the way @cloudflare/vitest-pool-workers does, in-process:
// each file in its own fresh worker isolate (a new Node environment with an
// empty module cache and, when configured, its own KV/D1 storage), N files
// in parallel. In each isolate the control entry (js/testEntry.js) imports the
// file through the worker environment (react-server conditions, the app's
// transforms and pre-bundles), runs it with the Vitest-compatible harness and
// streams NDJSON events back; SELF.fetch reaches the app's own entry in the
// same isolate.
#include "testing/testFiles.h"
#include "testing/testResult.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sy {

class DevSession;
struct WorkerOptions;

/// Receives a run's progress. Calls are serialized by the runner (never two at
/// once) but come from its worker threads; `file` indexes the list given to
/// runStarted. Results passed by reference are valid only during the call.
class TestRunListener {
public:
    virtual ~TestRunListener() = default;
    virtual void runStarted(const std::vector<TestFileResult> & /*files*/) {}
    virtual void fileStarted(int /*file*/) {}
    /// The file's suites and tests are known (all Pending or Skipped/Todo).
    virtual void fileCollected(int /*file*/, const TestFileResult & /*result*/) {}
    virtual void testStarted(int /*file*/, const TestCaseResult & /*test*/) {}
    virtual void testFinished(int /*file*/, const TestCaseResult & /*test*/) {}
    virtual void consoleLine(int /*file*/, const TestConsoleLine & /*line*/) {}
    virtual void fileFinished(int /*file*/, const TestFileResult & /*result*/) {}
    virtual void runFinished(const TestRunSummary & /*summary*/) {}
};

/// One file to run; `onlyTestIds` (harness ids) restricts it to those tests
/// (the GUI's "run this test"), empty = all.
struct TestJob {
    std::string file;
    std::vector<std::string> onlyTestIds;
};

struct TestRunOptions {
    int maxWorkers = 0;          ///< files in parallel; 0 = number of cores
    TestConfig config;           ///< timeouts, storage isolation
    std::string testNamePattern; ///< ECMAScript regex source over full names (-t)
    /// Vitest's snapshotOptions.updateSnapshot: "new" writes missing
    /// snapshots, "all" (-u) also rewrites mismatched ones and removes
    /// obsolete ones, "none" (CI) writes nothing (snapshotUpdateMode()).
    std::string updateSnapshot = "new";
    /// Called on the runner thread before each file's isolate is created:
    /// attach bindings/storage to the options and keep the storage in
    /// `result.storage` for inspection after the run.
    std::function<void(TestFileResult &result, WorkerOptions &options)> configureIsolate;
    /// Keep isolates warm between run()s (`--watch`), so a rerun does not wait for Node's
    /// start-up (~130-250 ms per isolate here). Pool "contexts": the host isolates are kept
    /// instead of stopped, and a rerun's files get fresh realms in them; a host is kept only
    /// after a run that was not cancelled, while it runs and its heap is under half the memory
    /// limit, and serves the next run only when that run's isolate options are its own. Pool
    /// "isolates": each file still gets an isolate of its own, but after a run the Node
    /// environments of the next run's first isolates are made ahead
    /// (WorkerIsolate::prepareEnvironmentAhead), one per runner thread.
    bool keepIsolatesWarm = false;
    /// The process ends right after this run (`switchyard test` without --watch): run()
    /// returns with the pooled hosts still up instead of stopping them first (freeing their
    /// Node environments and heaps, ~20 ms a host, is what the exit does anyway). They stop with
    /// the TestRunner at the latest, so a caller that goes on loses nothing but the memory.
    bool processExitsAfterRun = false;
};

/// Runs test jobs against one prepared DevSession (prepare() with the test
/// files as extra worker entries, so their dependencies are pre-bundled).
/// Thread-safe to cancel() from another thread; run() blocks until done.
class TestRunner {
public:
    TestRunner(DevSession &session, TestRunOptions options);
    ~TestRunner();

    /// Runs every job; returns the totals. Each file's isolate (pool "isolates") or realm (pool
    /// "contexts") is ended after its last event (a file whose tests hang past their timeout, or
    /// whose code spins longer than the test timeout, is failed and its
    /// isolate terminated; the other files go on).
    TestRunSummary run(const std::vector<TestJob> &jobs, TestRunListener *listener);
    /// With pool "contexts", starts host isolates a run of `files` files will use (one per
    /// runner thread, at most one per core but one: the crawl has that), in the background,
    /// and returns at once: called before the session's crawl, their Node bootstrap (~200 ms
    /// each here: Debian's libnode has no startup snapshot) overlaps it. The next run() takes them;
    /// the isolates a host's start failed for are started again by run(), which reports the error.
    /// Hosts kept warm from the last run (keepIsolatesWarm) count. No-op for pool "isolates".
    void prestart(size_t files);
    /// Results of the last (or current) run, one per job, in job order.
    const std::vector<TestFileResult> &results() const;
    /// Stops handing out files and terminates running isolates; run() returns
    /// soon after with the files not started left Pending.
    void cancel();
    /// As cancel(), but the files it stops end as Vitest's cancelled run
    /// leaves them (its bail): their unfinished tests skipped, no failure
    /// added, no file error. Must not be called from a listener callback
    /// (it joins the isolates' threads).
    void abort();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

/// Installs the test-run modules into the session's worker environment:
/// "vitest" (the harness), "cloudflare:test" (with callServerAction for the
/// app's framework, serverActionCall.h; its Flight client lives in the ssr
/// environment) and the control entry. Idempotent.
void installTestModules(DevSession &session);
/// Id of the control entry module installed by installTestModules().
extern const char *const kTestEntryId;

} // namespace sy
