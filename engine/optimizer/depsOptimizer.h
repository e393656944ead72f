#pragma once
// One environment's dependency optimizer (Vite: DepsOptimizer,
// vite/src/node/optimizer/optimizer.ts). Pre-bundles bare dependencies with
// esbuild into <root>/.switchyard/deps_<env>/, keeps `_metadata.json`, and
// records every run. Hash rules follow Vite: hash = H(lockfileHash +
// configHash); a run's browserHash = H(hash + deps + the bundles' content
// hashes and formats) where Vite has a session timestamp in place of the
// content (so the same bundles get the same ?v= in every process, and a cold
// start meets the code caches of an earlier one); a dep keeps its browserHash
// across runs while its fileHash and interop do not change.
//
// Thread-safe: every public method takes the optimizer's mutex; optimize()
// holds it for the whole run (tens of ms to seconds).
#include "optimizer/depsMetadata.h"
#include "optimizer/esbuildBundler.h"
#include "optimizer/optimizerRun.h"
#include "optimizer/packageModuleExternals.h"

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sy {

struct DepsOptimizerConfig {
    std::string environment; ///< "client" | "ssr" | "worker"
    std::string root;        ///< app root (holds the lockfile)
    std::string cacheDir;    ///< <root>/.switchyard/deps_<env>
    std::string esbuildPath; ///< native esbuild binary
    std::vector<std::string> conditions;
    std::vector<std::string> mainFields;
    std::string platform = "neutral";
    std::string target; ///< esbuild --target of the bundles (EsbuildRequest::target)
    std::map<std::string, std::string> defines;
    std::vector<std::string> externals;
    std::string banner; ///< esbuild --banner:js (e.g. the worker's require for built-ins)
    std::vector<std::string> nodePaths; ///< esbuild's NODE_PATH (EsbuildRequest::nodePaths)
    /// Let optimize() bundle deps discovered mid-session additively (additiveRun.h).
    bool additiveRuns = true;
};

/// How optimize() may bundle new deps.
enum class OptimizerRunPolicy {
    AdditiveWhenSafe, ///< only the new deps, beside the existing bundles, when that is safe
    Full,             ///< every dep anew (the initial scan: consolidates the bundles)
};

class DepsOptimizer {
public:
    explicit DepsOptimizer(DepsOptimizerConfig config);

    const DepsOptimizerConfig &config() const { return m_config; }

    /// Reads `<cacheDir>/_metadata.json`; keeps it when its hash equals the
    /// current H(lockfile + config) and every bundle file exists. Returns true
    /// when the cache was reused.
    bool loadCache();

    /// Makes sure every dep in `deps` (bare id -> resolved entry file) is
    /// pre-bundled. When all are already optimized and the lockfile and config
    /// still hash the same, returns a ReusedCache run without bundling (a
    /// changed lockfile re-bundles every dep, as Vite does). With `policy`
    /// AdditiveWhenSafe (and config().additiveRuns), new deps are first bundled
    /// alone, the packages of the optimized deps external, and committed beside
    /// the existing bundles (kind Additive: no existing file, browserHash or
    /// chunk changes) when additiveRunHazard finds nothing; otherwise (kind
    /// Full, kindReason says why) bundles the union of old and
    /// new deps into a staging folder and commits it over cacheDir. When
    /// esbuild fails, the deps that fail are found (failureIsolation.h), left
    /// out and remembered (failure()), and the others are committed; the run
    /// lists them in failedDeps. Outcome Failed + error when nothing new could
    /// be bundled (the old bundles stay in place); when no single dep explains
    /// the failure, every dep the run would have added counts as failed. A dep
    /// that failed is not tried again until forgetFailures().
    /// `fullReason`: with policy Full, why (the run's kindReason).
    OptimizerRun optimize(const std::map<std::string, std::string> &deps,
                          const std::string &trigger,
                          OptimizerRunPolicy policy = OptimizerRunPolicy::AdditiveWhenSafe,
                          const std::string &fullReason = {});

    /// Only the additive run of optimize(): the new deps of `deps` bundled beside
    /// the current bundles and committed (or Failed, the bundles untouched).
    /// nullopt when there is none to make or it is not safe (additiveRun.h):
    /// then nothing was committed or recorded as a run, and `why` says why (a
    /// caller that must first let requests in flight finish before a full run
    /// commits, the hot updater, tries this first and then optimize() with
    /// policy Full and `why`). Failed deps found on the way stay recorded.
    std::optional<OptimizerRun> optimizeAdditively(const std::map<std::string, std::string> &deps,
                                                   const std::string &trigger, std::string &why);

    /// The optimized dep with bare id `id`, if any.
    std::optional<OptimizedDepInfo> lookup(const std::string &id) const;
    /// The dep or chunk whose bundle file is `file` (absolute), if any.
    std::optional<OptimizedDepInfo> lookupByFile(const std::string &file) const;
    bool isChunkFile(const std::string &file) const;

    /// A dep `id` as a retired generation bundled it under `browserHash`
    /// (file inside `<cacheDir>@<oldBrowserHash>/`), if that generation is
    /// still kept (the last kRetiredGenerations commits).
    std::optional<OptimizedDepInfo> lookupRetired(const std::string &id,
                                                  const std::string &browserHash) const;
    std::optional<OptimizedDepInfo> lookupRetiredByFile(const std::string &file) const;
    /// `file` lies in a kept retired generation's folder (a bundle or chunk).
    bool isRetiredFile(const std::string &file) const;
    /// `file` (absolute, no query) lies in the cache folder (config().cacheDir) or a kept
    /// retired generation's: a pre-bundle or chunk, current or not.
    bool isPrebundleFile(const std::string &file) const;
    static constexpr size_t kRetiredGenerations = 2;

    /// esbuild's message for dep `id` when its pre-bundle failed (and no
    /// forgetFailures() came since), else nullopt.
    std::optional<std::string> failure(const std::string &id) const;
    /// Forgets the failures (something they may depend on changed: an app
    /// file, package.json, the lockfile), so the deps are tried again when
    /// next met. Returns how many were forgotten.
    size_t forgetFailures();

    DepsMetadata metadata() const;
    std::vector<OptimizerRun> runs() const;

    /// Keeps the package files `hooks` name out of the bundles (each run passes
    /// the known ones as --external and repeats itself when its inputs hold new
    /// ones; packageModuleExternals.h); the committed metadata lists them
    /// (DepsMetadata::packageModules). Set before loadCache(): it is part of the
    /// config hash, so bundles made without it are not reused.
    void setPackageModuleExternals(PackageModuleExternals hooks);

    /// Called after each run (committed, reused or failed), on the calling thread.
    std::function<void(const OptimizerRun &)> onRun;

    /// H(lockfileHash + configHash) for the current lockfile and config.
    std::string currentHash() const;

private:
    /// A run's browserHash and its entries' content hashes (entry name -> hash).
    struct BundledHashes {
        std::string runBrowserHash;
        std::map<std::string, std::string> entryHashes;
    };
    /// H(`hash` + `deps` (id -> source) + what `bundled` wrote: each entry's
    /// content hash and format, the chunks' content-hashed names), as Vite's
    /// getOptimizedBrowserHash with the content where Vite puts its session
    /// timestamp: other code always gets a new ?v=, the same code the same ?v=
    /// in every process (so a cold start meets an earlier process's code caches).
    /// Reads each entry's bundle once.
    static BundledHashes hashBundled(const std::string &hash,
                                     const std::map<std::string, std::string> &deps,
                                     const EsbuildResult &bundled);
    std::string lockfileHash() const;
    std::string configHash() const;
    /// The esbuild request of a run into `outDir` (no entries yet).
    EsbuildRequest baseRequest(const std::string &outDir) const;
    /// A run's start: id-less run with depsAdded, and `all` = every dep so far plus `deps`.
    OptimizerRun beginRun(const std::map<std::string, std::string> &deps,
                          const std::string &trigger,
                          std::map<std::string, std::string> &all) const;
    /// Numbers, records and reports (onRun) the run.
    OptimizerRun finishRun(OptimizerRun &run, OptimizerOutcome outcome, double durationMs);
    enum class AdditiveOutcome { Committed, Failed, NotSafe };
    /// The additive run of `fresh` (id -> entry; depsOptimizerAdditive.cpp): bundles,
    /// checks, and commits it beside the current bundles. NotSafe: nothing was
    /// committed, `why` says why (failed deps found on the way stay recorded).
    AdditiveOutcome optimizeAdditive(OptimizerRun &run,
                                     const std::map<std::string, std::string> &fresh,
                                     const std::string &hash, std::string &why);

    DepsOptimizerConfig m_config;
    PackageModuleExternals m_packageExternals;
    mutable std::mutex m_mutex;
    DepsMetadata m_metadata;
    std::map<std::string, std::string> m_sources; ///< id -> entry file, all deps so far
    std::map<std::string, std::string> m_failed;  ///< id -> esbuild's message
    std::vector<OptimizerRun> m_runs;
    struct Retired {
        std::string dir;       ///< <cacheDir>@<browserHash>
        DepsMetadata metadata; ///< files rebased into `dir`
    };
    std::deque<Retired> m_retired; ///< newest first
    int64_t m_nextRunId = 1;
};

} // namespace sy
