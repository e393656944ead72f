#pragma once
// When esbuild fails to pre-bundle a set of dependencies, finds which of them
// fail and bundles the others without them, so one broken package costs its
// importers only, not the whole app (Vite's optimizer fails the whole run and
// retries it on every discovery; seen on a real app: 552 failed runs in 37 s
// with every request held).
//
// How a failing entry is found, cheapest first:
//  1. attribution: esbuild's message names files inside the failing package
//     ("../../node_modules/broken/index.js:2:7: ERROR: ..."); a suspect whose
//     package folder appears in it is a culprit (no extra run);
//  2. a single suspect left is the culprit (no extra run);
//  3. otherwise group testing: bundle the non-suspects with half of the
//     suspects into a probe folder, recurse into the halves that fail.
// The entries that are left are bundled again into the request's outDir.
#include "optimizer/esbuildBundler.h"

#include <map>
#include <set>
#include <string>

namespace sy {

struct IsolatedBundle {
    /// The last full run over the entries left (ok: they bundled into outDir).
    /// Not ok with `failed` non-empty when only the suspects failed and the
    /// rest was not bundled again (the caller's bundles stand).
    EsbuildResult result;
    std::map<std::string, std::string> failed; ///< entry name -> esbuild's message
    int esbuildRuns = 0;                       ///< full runs and probes together
};

/// Runs esbuild over `request.entries`. On failure, finds which of
/// `suspects` (entry names; the others are known to bundle, e.g. the current
/// pre-bundles) fail, as described above, and bundles the rest again unless
/// `rebundleWithoutSuspects` is false and no suspect is left. A failure that no suspect explains is
/// returned as is (result not ok, nothing in `failed` for it). At most `maxRuns` esbuild runs;
/// suspects still undecided then count as failed. Probes write into
/// `<outDir>_probe` (removed afterwards).
IsolatedBundle bundleIsolatingFailures(EsbuildRequest request, std::set<std::string> suspects,
                                       bool rebundleWithoutSuspects, int maxRuns = 16);

/// The folder of the package that holds `file` ("/a/node_modules/@s/p/x.js"
/// -> "/a/node_modules/@s/p"), or "" when `file` is not inside node_modules.
std::string packageFolderOf(const std::string &file);

} // namespace sy
