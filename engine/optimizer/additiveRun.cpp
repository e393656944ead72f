#include "optimizer/additiveRun.h"

#include <algorithm>
#include <filesystem>

namespace sy {

namespace fs = std::filesystem;

std::string packageNameOf(const std::string &specifier)
{
    if (specifier.empty() || specifier[0] == '.' || specifier[0] == '/' ||
        specifier.find(':') != std::string::npos)
        return {};
    size_t end = specifier.find('/');
    if (specifier[0] == '@') {
        if (end == std::string::npos)
            return {}; // "@scope" alone names no package
        end = specifier.find('/', end + 1);
    }
    return specifier.substr(0, end);
}

std::vector<std::string> additiveExternalPackages(const DepsMetadata &current)
{
    std::set<std::string> packages;
    for (const auto &[id, info] : current.optimized)
        if (std::string name = packageNameOf(id); !name.empty())
            packages.insert(std::move(name));
    return {packages.begin(), packages.end()};
}

std::string additiveRunPrecondition(const DepsMetadata &current, const std::string &hash)
{
    if (current.hash.empty() || current.optimized.empty())
        return "no pre-bundles to add to yet";
    if (current.hash != hash)
        return "the lockfile or the optimizer's config changed";
    if (!current.inputsKnown)
        return "the current bundles' inputs are not recorded (bundled by an older Switchyard)";
    return {};
}

std::string packageDirFrom(const std::string &fromDir, const std::string &package)
{
    std::error_code ec;
    for (fs::path dir = fs::path(fromDir).lexically_normal();; dir = dir.parent_path()) {
        if (dir.filename() != "node_modules") {
            const fs::path candidate = dir / "node_modules" / package;
            if (fs::is_directory(candidate, ec)) {
                const fs::path real = fs::canonical(candidate, ec);
                return ec ? candidate.string() : real.string();
            }
        }
        if (!dir.has_parent_path() || dir.parent_path() == dir)
            return {};
    }
}

std::string additiveRunHazard(const DepsMetadata &current, const EsbuildResult &result,
                              const std::string &root,
                              const std::vector<std::string> &externalPackages)
{
    // 1. A file already inside a current bundle would become a second instance.
    for (const std::string &input : result.inputs)
        if (std::binary_search(current.inputs.begin(), current.inputs.end(), input))
            return input + " is already part of the current pre-bundles (a second instance of it)";

    // 2./3. Imports of optimized packages must be imports (not require()) of the same copy.
    std::map<std::string, std::string> rootDirs; // package -> its folder from the root
    for (const EsbuildExternalImport &imp : result.externalImports) {
        const std::string package = packageNameOf(imp.path);
        if (package.empty() ||
            !std::binary_search(externalPackages.begin(), externalPackages.end(), package))
            continue;
        if (imp.kind == "require-call" || imp.kind == "require-resolve")
            return imp.importer + " require()s \"" + imp.path +
                   "\", an optimized dependency (CommonJS cannot require an ES module bundle)";
        auto [it, fresh] = rootDirs.try_emplace(package);
        if (fresh)
            it->second = packageDirFrom(root, package);
        const std::string own =
            packageDirFrom(fs::path(imp.importer).parent_path().string(), package);
        if (own != it->second)
            return imp.importer + " imports \"" + imp.path + "\" from " +
                   (own.empty() ? std::string("nowhere") : own) + ", not the optimized copy in " +
                   (it->second.empty() ? std::string("(none)") : it->second);
    }
    return {};
}

} // namespace sy
