#include "optimizer/failureIsolation.h"

#include <filesystem>
#include <functional>
#include <vector>

namespace sy {

namespace fs = std::filesystem;

std::string packageFolderOf(const std::string &file)
{
    constexpr std::string_view kModules = "/node_modules/";
    const size_t at = file.rfind(kModules);
    if (at == std::string::npos)
        return {};
    const size_t nameStart = at + kModules.size();
    size_t end = file.find('/', nameStart);
    if (end != std::string::npos && file[nameStart] == '@')
        end = file.find('/', end + 1);
    if (end == std::string::npos)
        return {};
    return file.substr(0, end);
}

namespace {

/// Suspects whose package folder esbuild's message names (as esbuild prints
/// paths: relative to its working directory, the outDir; or absolute).
std::set<std::string> attribute(const std::string &message, const std::set<std::string> &suspects,
                                const EsbuildRequest &request)
{
    std::set<std::string> out;
    for (const std::string &name : suspects) {
        auto entry = request.entries.find(name);
        if (entry == request.entries.end())
            continue;
        const std::string folder = packageFolderOf(entry->second);
        if (folder.empty())
            continue;
        const std::string relative =
            fs::path(folder).lexically_relative(request.outDir).string() + "/";
        if (message.find(relative) != std::string::npos ||
            message.find(folder + "/") != std::string::npos)
            out.insert(name);
    }
    return out;
}

} // namespace

IsolatedBundle bundleIsolatingFailures(EsbuildRequest request, std::set<std::string> suspects,
                                       bool rebundleWithoutSuspects, int maxRuns)
{
    IsolatedBundle out;
    const std::string probeDir = request.outDir + "_probe";
    auto run = [&](const std::map<std::string, std::string> &entries, const std::string &dir) {
        ++out.esbuildRuns;
        if (entries.empty()) { // esbuild without entries would read stdin
            EsbuildResult empty;
            empty.ok = true;
            return empty;
        }
        std::error_code ec;
        fs::remove_all(dir, ec);
        fs::create_directories(dir, ec);
        EsbuildRequest r = request;
        r.entries = entries;
        r.outDir = dir;
        return runEsbuild(r);
    };
    out.result = run(request.entries, request.outDir);
    std::erase_if(suspects, [&](const std::string &s) { return !request.entries.count(s); });

    // Group testing over `group` (suspects whose union with the known-good
    // entries failed): returns the failing ones with their messages.
    std::map<std::string, std::string> known;
    for (const auto &[name, file] : request.entries)
        if (!suspects.count(name))
            known.emplace(name, file);
    std::function<void(const std::vector<std::string> &, std::map<std::string, std::string> &)>
        probe = [&](const std::vector<std::string> &group,
                    std::map<std::string, std::string> &culprits) {
            if (out.esbuildRuns >= maxRuns) {
                for (const std::string &name : group)
                    culprits[name] = "not bundled: gave up isolating the failure after " +
                                     std::to_string(maxRuns) + " esbuild runs";
                return;
            }
            std::map<std::string, std::string> entries = known;
            for (const std::string &name : group)
                entries[name] = request.entries[name];
            const EsbuildResult r = run(entries, probeDir);
            if (r.ok)
                return;
            if (group.size() == 1) {
                culprits[group.front()] = r.error;
                return;
            }
            const auto mid = group.begin() + std::ptrdiff_t(group.size() / 2);
            probe({group.begin(), mid}, culprits);
            probe({mid, group.end()}, culprits);
        };

    while (!out.result.ok && !suspects.empty()) {
        std::map<std::string, std::string> culprits;
        for (const std::string &name : attribute(out.result.error, suspects, request))
            culprits[name] = out.result.error;
        if (culprits.empty() && suspects.size() == 1)
            culprits[*suspects.begin()] = out.result.error;
        if (culprits.empty()) {
            const std::vector<std::string> all(suspects.begin(), suspects.end());
            const auto mid = all.begin() + std::ptrdiff_t(all.size() / 2);
            probe({all.begin(), mid}, culprits);
            probe({mid, all.end()}, culprits);
        }
        if (culprits.empty())
            break; // the suspects bundle; the failure is someone else's
        for (auto &[name, message] : culprits) {
            request.entries.erase(name);
            suspects.erase(name);
            out.failed[name] = std::move(message);
        }
        if (suspects.empty() && !rebundleWithoutSuspects)
            break;
        out.result = run(request.entries, request.outDir);
    }
    std::error_code ec;
    fs::remove_all(probeDir, ec);
    return out;
}

} // namespace sy
