#include "optimizer/packageModuleExternals.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace sy {

namespace fs = std::filesystem;

PackageExternalBundle
bundleWithPackageExternals(EsbuildRequest request, const PackageModuleExternals &hooks,
                           const std::function<IsolatedBundle(const EsbuildRequest &)> &bundle,
                           int maxRounds)
{
    PackageExternalBundle out;
    if (!hooks.enabled()) {
        out.bundle = bundle(request);
        out.rounds = 1;
        return out;
    }
    const std::vector<std::string> baseExternals = request.externals;
    std::set<std::string> packageFiles;
    for (std::string &file : hooks.known())
        packageFiles.insert(std::move(file));
    // Candidates not known yet stay external while no round proved them wrong.
    std::set<std::string> candidates;
    if (hooks.candidates) {
        std::vector<std::string> entryFiles;
        for (const auto &[name, file] : request.entries)
            entryFiles.push_back(file);
        for (std::string &file : hooks.candidates(entryFiles))
            if (!packageFiles.count(file))
                candidates.insert(std::move(file));
    }
    for (int round = 1; round <= std::max(1, maxRounds); ++round) {
        request.externals = baseExternals;
        request.externals.insert(request.externals.end(), packageFiles.begin(), packageFiles.end());
        request.externals.insert(request.externals.end(), candidates.begin(), candidates.end());
        out.bundle = bundle(request);
        out.rounds = round;
        if (!out.bundle.result.ok)
            break;
        bool met = false;
        // The candidates the bundle imports (esbuild rewrote their imports relative to
        // the output folder) are package modules like the ones found among the inputs.
        if (!candidates.empty()) {
            std::vector<std::string> imported;
            for (const EsbuildExternalImport &imp : out.bundle.result.externalImports) {
                if (imp.path.empty() || (imp.path.front() != '.' && imp.path.front() != '/'))
                    continue;
                const std::string file =
                    (fs::path(request.outDir) / imp.path).lexically_normal().string();
                if (candidates.count(file))
                    imported.push_back(file);
            }
            for (std::string &file : hooks.among(imported))
                packageFiles.insert(std::move(file));
            candidates.clear();
        }
        for (std::string &file : hooks.among(out.bundle.result.inputs))
            met = packageFiles.insert(std::move(file)).second || met;
        if (!met)
            break;
    }
    out.externals.assign(packageFiles.begin(), packageFiles.end());
    return out;
}

} // namespace sy
