#include "optimizer/depsOptimizer.h"

#include "core/fileBytes.h"
#include "core/hash.h"
#include "optimizer/additiveRun.h"
#include "optimizer/esbuildBundler.h"
#include "optimizer/failureIsolation.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

namespace sy {

namespace fs = std::filesystem;

namespace {

int64_t nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

std::string_view optimizerOutcomeName(OptimizerOutcome outcome)
{
    switch (outcome) {
    case OptimizerOutcome::Running:
        return "running";
    case OptimizerOutcome::Committed:
        return "committed";
    case OptimizerOutcome::ReusedCache:
        return "reused-cache";
    case OptimizerOutcome::Failed:
        return "failed";
    }
    return "running";
}

std::string_view optimizerRunKindName(OptimizerRunKind kind)
{
    return kind == OptimizerRunKind::Additive ? "additive" : "full";
}

DepsOptimizer::DepsOptimizer(DepsOptimizerConfig config) : m_config(std::move(config)) {}

void DepsOptimizer::setPackageModuleExternals(PackageModuleExternals hooks)
{
    std::lock_guard lock(m_mutex);
    m_packageExternals = std::move(hooks);
}

std::string DepsOptimizer::lockfileHash() const
{
    for (const char *name : {"package-lock.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock"}) {
        const fs::path lock = fs::path(m_config.root) / name;
        if (fs::exists(lock))
            return shortHash(readFileBytes(lock));
    }
    return shortHash("");
}

std::string DepsOptimizer::configHash() const
{
    nlohmann::json config{{"environment", m_config.environment},
                          {"conditions", m_config.conditions},
                          {"mainFields", m_config.mainFields},
                          {"platform", m_config.platform},
                          {"defines", m_config.defines},
                          {"externals", m_config.externals},
                          {"esbuild", esbuildVersion(m_config.esbuildPath)}};
    if (!m_config.banner.empty())
        config["banner"] = m_config.banner;
    if (!m_config.nodePaths.empty())
        config["nodePaths"] = m_config.nodePaths;
    if (!m_config.target.empty())
        config["target"] = m_config.target; // a new target re-bundles, as Vite's optimizer does
    if (m_packageExternals.enabled())
        config["packageModuleExternals"] = 1; // bundles that swallowed them are not reused
    return shortHash(config.dump());
}

std::string DepsOptimizer::currentHash() const
{
    return shortHash(lockfileHash() + configHash());
}

bool DepsOptimizer::loadCache()
{
    std::lock_guard lock(m_mutex);
    // Generations retired by an earlier process are of no use to this one.
    std::error_code cleanup;
    const fs::path parent = fs::path(m_config.cacheDir).parent_path();
    const std::string retiredPrefix = fs::path(m_config.cacheDir).filename().string() + "@";
    for (fs::directory_iterator it(parent, cleanup), end; !cleanup && it != end;
         it.increment(cleanup))
        if (it->path().filename().string().rfind(retiredPrefix, 0) == 0)
            fs::remove_all(it->path(), cleanup);
    const fs::path metaFile = fs::path(m_config.cacheDir) / "_metadata.json";
    if (!fs::exists(metaFile))
        return false;
    auto meta = DepsMetadata::fromJson(readFileBytes(metaFile), m_config.cacheDir);
    if (!meta || meta->hash != shortHash(lockfileHash() + configHash()))
        return false;
    for (const auto &[id, info] : meta->optimized)
        if (!fs::exists(info.file))
            return false;
    for (const auto &[name, file] : meta->chunks)
        if (!fs::exists(file))
            return false;
    m_metadata = std::move(*meta);
    m_sources.clear();
    for (const auto &[id, info] : m_metadata.optimized)
        m_sources[id] = info.src;
    return true;
}

EsbuildRequest DepsOptimizer::baseRequest(const std::string &outDir) const
{
    EsbuildRequest request;
    request.esbuildPath = m_config.esbuildPath;
    request.outDir = outDir;
    request.conditions = m_config.conditions;
    request.mainFields = m_config.mainFields;
    request.platform = m_config.platform;
    request.target = m_config.target;
    request.defines = m_config.defines;
    request.externals = m_config.externals;
    request.banner = m_config.banner;
    request.nodePaths = m_config.nodePaths;
    return request;
}

OptimizerRun DepsOptimizer::beginRun(const std::map<std::string, std::string> &deps,
                                     const std::string &trigger,
                                     std::map<std::string, std::string> &all) const
{
    OptimizerRun run;
    run.environment = m_config.environment;
    run.trigger = trigger;
    run.startedAtMs = nowMs();
    run.oldBrowserHash = m_metadata.browserHash;
    all = m_sources;
    for (const auto &[id, src] : deps) {
        if (m_failed.count(id) && !m_metadata.optimized.count(id))
            continue; // failed before; tried again after forgetFailures()
        if (!m_metadata.optimized.count(id))
            run.depsAdded.push_back(id);
        all[id] = src;
    }
    return run;
}

OptimizerRun DepsOptimizer::finishRun(OptimizerRun &run, OptimizerOutcome outcome,
                                      double durationMs)
{
    run.id = m_nextRunId++;
    run.outcome = outcome;
    run.durationMs = durationMs;
    if (outcome == OptimizerOutcome::Committed || outcome == OptimizerOutcome::ReusedCache)
        run.committedAtMs = nowMs();
    run.newBrowserHash = m_metadata.browserHash;
    if (outcome == OptimizerOutcome::Committed)
        for (const auto *ids : {&run.depsAdded, &run.depsChanged})
            for (const std::string &id : *ids)
                if (auto it = m_metadata.optimized.find(id); it != m_metadata.optimized.end())
                    run.bundles.push_back(it->second.file);
    m_runs.push_back(run);
    if (onRun)
        onRun(run);
    return run;
}

std::optional<OptimizerRun>
DepsOptimizer::optimizeAdditively(const std::map<std::string, std::string> &deps,
                                  const std::string &trigger, std::string &why)
{
    std::lock_guard lock(m_mutex);
    QElapsedTimer timer;
    timer.start();
    std::map<std::string, std::string> all;
    OptimizerRun run = beginRun(deps, trigger, all);
    const std::string hash = shortHash(lockfileHash() + configHash());
    why = !m_config.additiveRuns  ? "additive runs are off"
          : run.depsAdded.empty() ? "no new dependency to add"
                                  : additiveRunPrecondition(m_metadata, hash);
    if (!why.empty())
        return std::nullopt;
    std::map<std::string, std::string> fresh;
    for (const std::string &id : run.depsAdded)
        fresh[id] = all[id];
    switch (optimizeAdditive(run, fresh, hash, why)) {
    case AdditiveOutcome::Committed:
        return finishRun(run, OptimizerOutcome::Committed, double(timer.nsecsElapsed()) / 1e6);
    case AdditiveOutcome::Failed:
        return finishRun(run, OptimizerOutcome::Failed, double(timer.nsecsElapsed()) / 1e6);
    case AdditiveOutcome::NotSafe:
        break;
    }
    return std::nullopt;
}

OptimizerRun DepsOptimizer::optimize(const std::map<std::string, std::string> &deps,
                                     const std::string &trigger, OptimizerRunPolicy policy,
                                     const std::string &fullReason)
{
    std::lock_guard lock(m_mutex);
    QElapsedTimer timer;
    timer.start();
    std::map<std::string, std::string> all;
    OptimizerRun run = beginRun(deps, trigger, all);
    auto finish = [&](OptimizerOutcome outcome) {
        return finishRun(run, outcome, double(timer.nsecsElapsed()) / 1e6);
    };
    // Nothing new and the lockfile and config unchanged: the bundles stand.
    const std::string hash = shortHash(lockfileHash() + configHash());
    if (run.depsAdded.empty() && !m_metadata.hash.empty() && m_metadata.hash == hash)
        return finish(OptimizerOutcome::ReusedCache);
    // New deps only, beside the current bundles, when that makes the same modules.
    if (!run.depsAdded.empty()) {
        std::string why =
            !m_config.additiveRuns ? "additive runs are off"
            : policy == OptimizerRunPolicy::Full
                ? (fullReason.empty() ? "a full run was asked for (" + trigger + ")" : fullReason)
                : additiveRunPrecondition(m_metadata, hash);
        if (why.empty()) {
            std::map<std::string, std::string> fresh;
            for (const std::string &id : run.depsAdded)
                fresh[id] = all[id];
            switch (optimizeAdditive(run, fresh, hash, why)) {
            case AdditiveOutcome::Committed:
                return finish(OptimizerOutcome::Committed);
            case AdditiveOutcome::Failed:
                return finish(OptimizerOutcome::Failed);
            case AdditiveOutcome::NotSafe:
                for (const auto &[id, message] : run.failedDeps)
                    all.erase(id); // found failing on the way: not bundled again
                break;
            }
        }
        run.kindReason = why;
    }
    const fs::path cacheDir = m_config.cacheDir;
    const fs::path staging = cacheDir.string() + "_staging";
    std::error_code ec;
    fs::remove_all(staging, ec);
    fs::create_directories(staging, ec);
    if (ec) {
        run.error = "cannot create " + staging.string() + ": " + ec.message();
        return finish(OptimizerOutcome::Failed);
    }

    EsbuildRequest request = baseRequest(staging.string());
    std::map<std::string, std::string> idByName;
    for (const auto &[id, src] : all) {
        request.entries[flattenId(id)] = src;
        idByName[flattenId(id)] = id;
    }
    // An app without dependencies still gets metadata (and a cache to reuse).
    // Which deps may be the ones that fail: the new ones, or all of them when
    // the lockfile or config moved (the current bundles no longer vouch).
    const bool bundlesVouch = !m_metadata.hash.empty() && m_metadata.hash == hash;
    std::set<std::string> suspects;
    for (const auto &[id, src] : all)
        if (!bundlesVouch || !m_metadata.optimized.count(id))
            suspects.insert(flattenId(id));
    // Package modules with a framework transform of their own stay imports
    // (a round more when this run meets new ones).
    PackageExternalBundle packaged =
        bundleWithPackageExternals(request, m_packageExternals, [&](const EsbuildRequest &r) {
            return bundleIsolatingFailures(r, suspects, /*rebundleWithoutSuspects=*/!bundlesVouch);
        });
    IsolatedBundle isolated = std::move(packaged.bundle);
    EsbuildResult bundled = isolated.result;
    for (const auto &[name, message] : isolated.failed) {
        const std::string &id = idByName[name];
        run.failedDeps[id] = message;
        m_failed[id] = message;
        all.erase(id);
        std::erase(run.depsAdded, id);
    }
    if (!bundled.ok) {
        run.error = isolated.failed.empty() ? bundled.error : isolated.failed.begin()->second;
        // No single dep explains it (they fail only together, or esbuild
        // itself failed): every dep this run would have added waits for a
        // change too, or each request meeting one would start a run again.
        if (isolated.failed.empty())
            for (const std::string &id : run.depsAdded) {
                run.failedDeps[id] = bundled.error;
                m_failed[id] = bundled.error;
            }
        fs::remove_all(staging, ec);
        return finish(OptimizerOutcome::Failed);
    }

    const BundledHashes hashes = hashBundled(hash, all, bundled);
    const std::string &runBrowserHash = hashes.runBrowserHash;

    DepsMetadata next;
    next.hash = hash;
    next.lockfileHash = lockfileHash();
    next.configHash = configHash();
    next.packageModules = std::move(packaged.externals);
    next.inputs = bundled.inputs;
    std::sort(next.inputs.begin(), next.inputs.end());
    next.inputs.erase(std::unique(next.inputs.begin(), next.inputs.end()), next.inputs.end());
    next.inputsKnown = true;
    for (const auto &[name, stagedFile] : bundled.entryOutputs) {
        auto idIt = idByName.find(name);
        if (idIt == idByName.end()) {
            // esbuild's metafile marks the output of a dynamic import() inside a dependency
            // as an entry point too (rwsdk/realtime/client imports the RSC client lazily):
            // a chunk of this run, served like the others.
            const std::string file = fs::path(stagedFile).filename().string();
            next.chunks[file] = (cacheDir / file).string();
            continue;
        }
        OptimizedDepInfo info;
        info.id = idIt->second;
        info.src = all[info.id];
        info.file = (cacheDir / fs::path(stagedFile).filename()).string();
        info.fileHash = hashes.entryHashes.at(name);
        info.needsInterop = bundled.entryFormats[name] == "cjs";
        auto old = m_metadata.optimized.find(info.id);
        if (old != m_metadata.optimized.end() && old->second.fileHash == info.fileHash &&
            old->second.needsInterop == info.needsInterop) {
            info.browserHash = old->second.browserHash; // unchanged bundle keeps its ?v=
        } else {
            info.browserHash = runBrowserHash;
            if (old != m_metadata.optimized.end())
                run.depsChanged.push_back(info.id);
        }
        next.optimized.emplace(info.id, std::move(info));
    }
    for (const std::string &chunk : bundled.chunks) {
        const std::string name = fs::path(chunk).filename().string();
        next.chunks[name] = (cacheDir / name).string();
    }
    const bool anyNewHash = !run.depsAdded.empty() || !run.depsChanged.empty();
    next.browserHash =
        anyNewHash || m_metadata.browserHash.empty() ? runBrowserHash : m_metadata.browserHash;
    writeFileBytes(staging / "_metadata.json", next.toJson(cacheDir.string()));
    writeFileBytes(staging / "package.json", "{\"type\":\"module\"}\n");

    // Commit: the staging folder replaces the cache folder. The previous
    // bundles stay readable as <cacheDir>@<browserHash> for a while, so a page
    // (or a request) that still holds the old ?v= finishes on a consistent
    // old generation instead of failing.
    const std::string oldHash = m_metadata.browserHash.empty() ? "initial" : m_metadata.browserHash;
    const fs::path retired = cacheDir.string() + "@" + oldHash;
    fs::remove_all(retired, ec);
    const bool hadCache = fs::exists(cacheDir);
    if (hadCache)
        fs::rename(cacheDir, retired, ec);
    fs::rename(staging, cacheDir, ec);
    if (ec) {
        run.error =
            "cannot commit " + staging.string() + " -> " + cacheDir.string() + ": " + ec.message();
        if (fs::exists(retired))
            fs::rename(retired, cacheDir, ec);
        return finish(OptimizerOutcome::Failed);
    }
    if (hadCache && !m_metadata.hash.empty()) {
        Retired old{retired.string(), m_metadata};
        for (auto &[id, info] : old.metadata.optimized)
            info.file = (retired / fs::path(info.file).filename()).string();
        for (auto &[name, file] : old.metadata.chunks)
            file = (retired / name).string();
        m_retired.push_front(std::move(old));
        while (m_retired.size() > kRetiredGenerations) {
            fs::remove_all(m_retired.back().dir, ec);
            m_retired.pop_back();
        }
    } else if (hadCache) {
        fs::remove_all(retired, ec);
    }
    m_metadata = std::move(next);
    m_sources = std::move(all);
    return finish(OptimizerOutcome::Committed);
}

std::optional<OptimizedDepInfo> DepsOptimizer::lookupRetired(const std::string &id,
                                                             const std::string &browserHash) const
{
    std::lock_guard lock(m_mutex);
    for (const Retired &r : m_retired) {
        auto it = r.metadata.optimized.find(id);
        if (it != r.metadata.optimized.end() && it->second.browserHash == browserHash)
            return it->second;
    }
    return std::nullopt;
}

bool DepsOptimizer::isRetiredFile(const std::string &file) const
{
    std::lock_guard lock(m_mutex);
    for (const Retired &r : m_retired)
        if (file.size() > r.dir.size() && file.compare(0, r.dir.size(), r.dir) == 0 &&
            file[r.dir.size()] == '/')
            return true;
    return false;
}

bool DepsOptimizer::isPrebundleFile(const std::string &file) const
{
    const std::string &dir = m_config.cacheDir;
    if (file.size() > dir.size() && file.compare(0, dir.size(), dir) == 0 &&
        file[dir.size()] == '/')
        return true;
    return isRetiredFile(file);
}

std::optional<OptimizedDepInfo> DepsOptimizer::lookupRetiredByFile(const std::string &file) const
{
    std::lock_guard lock(m_mutex);
    for (const Retired &r : m_retired)
        for (const auto &[id, info] : r.metadata.optimized)
            if (info.file == file)
                return info;
    return std::nullopt;
}

std::optional<OptimizedDepInfo> DepsOptimizer::lookup(const std::string &id) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_metadata.optimized.find(id);
    if (it == m_metadata.optimized.end())
        return std::nullopt;
    return it->second;
}

std::optional<OptimizedDepInfo> DepsOptimizer::lookupByFile(const std::string &file) const
{
    std::lock_guard lock(m_mutex);
    for (const auto &[id, info] : m_metadata.optimized)
        if (info.file == file)
            return info;
    return std::nullopt;
}

bool DepsOptimizer::isChunkFile(const std::string &file) const
{
    std::lock_guard lock(m_mutex);
    for (const auto &[name, chunk] : m_metadata.chunks)
        if (chunk == file)
            return true;
    return false;
}

std::optional<std::string> DepsOptimizer::failure(const std::string &id) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_failed.find(id);
    if (it == m_failed.end())
        return std::nullopt;
    return it->second;
}

size_t DepsOptimizer::forgetFailures()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_failed, {}).size();
}

DepsMetadata DepsOptimizer::metadata() const
{
    std::lock_guard lock(m_mutex);
    return m_metadata;
}

std::vector<OptimizerRun> DepsOptimizer::runs() const
{
    std::lock_guard lock(m_mutex);
    return m_runs;
}

DepsOptimizer::BundledHashes
DepsOptimizer::hashBundled(const std::string &hash, const std::map<std::string, std::string> &deps,
                           const EsbuildResult &bundled)
{
    BundledHashes out;
    nlohmann::json depList = nlohmann::json::object();
    for (const auto &[id, src] : deps)
        depList[id] = src;
    nlohmann::json bundledList = nlohmann::json::object();
    for (const auto &[name, stagedFile] : bundled.entryOutputs) {
        const std::string &fileHash = out.entryHashes[name] = shortHash(readFileBytes(stagedFile));
        const auto format = bundled.entryFormats.find(name);
        bundledList[name] =
            fileHash + ':' + (format == bundled.entryFormats.end() ? "" : format->second);
    }
    for (const std::string &chunk : bundled.chunks) // esbuild names chunks by content
        bundledList[fs::path(chunk).filename().string()] = "chunk";
    out.runBrowserHash = shortHash(hash + depList.dump() + bundledList.dump());
    return out;
}

} // namespace sy
