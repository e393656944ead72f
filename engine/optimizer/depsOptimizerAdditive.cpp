// DepsOptimizer's additive run (optimizer/additiveRun.h): the new deps are
// bundled alone into a staging folder, with the packages of the optimized deps
// external, checked, and moved beside the current bundles; _metadata.json is
// replaced last (written aside, then renamed over the old one).
#include "optimizer/additiveRun.h"
#include "optimizer/depsOptimizer.h"

#include "core/fileBytes.h"
#include "core/hash.h"
#include "optimizer/failureIsolation.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace sy {

namespace fs = std::filesystem;

DepsOptimizer::AdditiveOutcome
DepsOptimizer::optimizeAdditive(OptimizerRun &run, const std::map<std::string, std::string> &fresh,
                                const std::string &hash, std::string &why)
{
    const fs::path cacheDir = m_config.cacheDir;
    const fs::path staging = cacheDir.string() + "_additive";
    std::error_code ec;
    fs::remove_all(staging, ec);
    fs::create_directories(staging, ec);
    if (ec) {
        why = "cannot create " + staging.string() + ": " + ec.message();
        return AdditiveOutcome::NotSafe;
    }
    auto notSafe = [&](std::string reason) {
        why = std::move(reason);
        fs::remove_all(staging, ec);
        return AdditiveOutcome::NotSafe;
    };

    EsbuildRequest request = baseRequest(staging.string());
    const std::vector<std::string> packages = additiveExternalPackages(m_metadata);
    request.externals.insert(request.externals.end(), packages.begin(), packages.end());
    std::map<std::string, std::string> idByName;
    std::set<std::string> suspects;
    for (const auto &[id, src] : fresh) {
        request.entries[flattenId(id)] = src;
        idByName[flattenId(id)] = id;
        suspects.insert(flattenId(id));
    }
    PackageExternalBundle packaged =
        bundleWithPackageExternals(request, m_packageExternals, [&](const EsbuildRequest &r) {
            return bundleIsolatingFailures(r, suspects, /*rebundleWithoutSuspects=*/false);
        });
    const EsbuildResult &bundled = packaged.bundle.result;
    for (const auto &[name, message] : packaged.bundle.failed) {
        const std::string &id = idByName[name];
        run.failedDeps[id] = message;
        m_failed[id] = message;
        std::erase(run.depsAdded, id);
    }
    if (!bundled.ok) {
        run.kind = OptimizerRunKind::Additive;
        run.error =
            packaged.bundle.failed.empty() ? bundled.error : packaged.bundle.failed.begin()->second;
        if (packaged.bundle.failed.empty())
            for (const std::string &id : run.depsAdded) {
                run.failedDeps[id] = bundled.error;
                m_failed[id] = bundled.error;
            }
        fs::remove_all(staging, ec);
        return AdditiveOutcome::Failed;
    }
    if (std::string hazard = additiveRunHazard(m_metadata, bundled, m_config.root, packages);
        !hazard.empty())
        return notSafe(std::move(hazard));

    // Every output lands beside the current files: a name already taken is
    // only fine for a chunk with the same bytes (chunk names hash the content).
    std::vector<std::pair<fs::path, fs::path>> moves; // staged -> final
    std::vector<std::string> outputs;
    for (const auto &[name, file] : bundled.entryOutputs)
        outputs.push_back(file);
    outputs.insert(outputs.end(), bundled.chunks.begin(), bundled.chunks.end());
    for (const std::string &file : outputs) {
        const fs::path target = cacheDir / fs::path(file).filename();
        if (fs::exists(target, ec)) {
            const bool isEntry = idByName.count(fs::path(file).stem().string()) > 0;
            if (isEntry || readFileBytes(target) != readFileBytes(file))
                return notSafe(target.string() + " already exists with other content");
            continue;
        }
        moves.emplace_back(file, target);
    }

    // The new deps' browserHash: H(hash + deps + what was bundled), as a full run's.
    std::map<std::string, std::string> all = m_sources;
    for (const auto &[id, src] : fresh)
        if (!run.failedDeps.count(id))
            all[id] = src;
    const BundledHashes hashes = hashBundled(hash, all, bundled);
    const std::string &runBrowserHash = hashes.runBrowserHash;

    DepsMetadata next = m_metadata;
    next.browserHash = runBrowserHash;
    for (const auto &[name, stagedFile] : bundled.entryOutputs) {
        const std::string file = (cacheDir / fs::path(stagedFile).filename()).string();
        auto idIt = idByName.find(name);
        if (idIt == idByName.end()) { // a dynamic import() inside a dep: a chunk
            next.chunks[fs::path(stagedFile).filename().string()] = file;
            continue;
        }
        OptimizedDepInfo info;
        info.id = idIt->second;
        info.src = fresh.at(info.id);
        info.file = file;
        info.fileHash = hashes.entryHashes.at(name);
        info.needsInterop =
            bundled.entryFormats.count(name) && bundled.entryFormats.at(name) == "cjs";
        info.browserHash = runBrowserHash;
        next.optimized[info.id] = std::move(info);
    }
    for (const std::string &chunk : bundled.chunks) {
        const std::string name = fs::path(chunk).filename().string();
        next.chunks[name] = (cacheDir / name).string();
    }
    std::set<std::string> packageModules(next.packageModules.begin(), next.packageModules.end());
    packageModules.insert(packaged.externals.begin(), packaged.externals.end());
    next.packageModules.assign(packageModules.begin(), packageModules.end());
    std::set<std::string> inputs(next.inputs.begin(), next.inputs.end());
    inputs.insert(bundled.inputs.begin(), bundled.inputs.end());
    next.inputs.assign(inputs.begin(), inputs.end());

    // Commit: the new files first, the metadata that names them last.
    for (const auto &[from, to] : moves) {
        fs::rename(from, to, ec);
        if (ec) {
            const std::string error =
                "cannot move " + from.string() + " -> " + to.string() + ": " + ec.message();
            for (const auto &[moved, target] : moves) {
                if (moved == from)
                    break;
                std::error_code ignore;
                fs::remove(target, ignore);
            }
            return notSafe(error);
        }
    }
    const fs::path metaFile = cacheDir / "_metadata.json";
    const fs::path metaTemp = cacheDir / "_metadata.json.tmp";
    writeFileBytes(metaTemp, next.toJson(cacheDir.string()));
    fs::rename(metaTemp, metaFile, ec);
    fs::remove_all(staging, ec);
    run.kind = OptimizerRunKind::Additive;
    m_metadata = std::move(next);
    m_sources = std::move(all);
    return AdditiveOutcome::Committed;
}

} // namespace sy
