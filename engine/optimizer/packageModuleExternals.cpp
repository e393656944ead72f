#include "optimizer/packageModuleExternals.h"

#include <algorithm>
#include <set>

namespace sy {

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
    for (int round = 1; round <= std::max(1, maxRounds); ++round) {
        request.externals = baseExternals;
        request.externals.insert(request.externals.end(), packageFiles.begin(), packageFiles.end());
        out.bundle = bundle(request);
        out.rounds = round;
        if (!out.bundle.result.ok)
            break;
        bool met = false;
        for (std::string &file : hooks.among(out.bundle.result.inputs))
            met = packageFiles.insert(std::move(file)).second || met;
        if (!met)
            break;
    }
    out.externals.assign(packageFiles.begin(), packageFiles.end());
    return out;
}

} // namespace sy
