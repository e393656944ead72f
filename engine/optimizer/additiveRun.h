#pragma once
// Additive optimizer runs: a dependency discovered mid-session is pre-bundled
// on its own, beside the bundles that already exist, instead of re-bundling
// the environment's whole dependency set.
//
// Vite's optimizer re-bundles every dependency when one is discovered and,
// when a bundle's hash changes, the browser reloads the page; the module
// runner starts over too. An additive run bundles only the new deps, with
// every package that already has an optimized entry kept external (esbuild's
// --external:<package>: the bare import stays, and the environment maps it to
// that entry's existing bundle, `?v=<its browserHash>`). So the existing
// files, their browserHash and the module instances evaluated from them stay
// as they are, and the new dep shares the same React (or any other optimized
// package) as the rest.
//
// It is committed only when it makes exactly the module instances a full run
// would make (additiveRunHazard); otherwise the caller falls back to the full
// run:
//  - a file the new bundles hold is already inside a current bundle (the new
//    dep imports non-entry code of an existing bundle, e.g. `scheduler` inside
//    react-dom's): it would be a second instance of a possibly stateful module;
//  - a bundled file require()s an optimized package: esbuild's ES module output
//    cannot require() an external (its __require throws);
//  - a bundled file's bare import of an optimized package resolves, from where
//    that file is, to another copy of the package (a nested node_modules, e.g.
//    is-even's own is-odd 0.1) than the optimized one;
//  - a new output file's name is already taken in the cache folder.
// Since no file ends up in two bundles, the additive bundles and a full run's
// hold the same modules; only the chunk layout differs. A full run (the next
// start meeting new deps, a lockfile or config change) lays them out anew.
#include "optimizer/depsMetadata.h"
#include "optimizer/esbuildBundler.h"

#include <set>
#include <string>
#include <vector>

namespace sy {

/// The package name of a bare specifier: "react/jsx-runtime" -> "react",
/// "@scope/pkg/x" -> "@scope/pkg"; "" for a relative or absolute path.
std::string packageNameOf(const std::string &specifier);

/// The packages an additive run keeps external: one per optimized dep of
/// `current` (its id's package name), sorted and unique.
std::vector<std::string> additiveExternalPackages(const DepsMetadata &current);

/// Whether an additive run can be tried at all for `current` against the
/// environment's current hash `hash` (H(lockfile + config)): empty when it can,
/// else the reason it cannot ("no pre-bundles yet", "the lockfile or config
/// changed", "the bundles' inputs are not recorded").
std::string additiveRunPrecondition(const DepsMetadata &current, const std::string &hash);

/// The folder `node_modules/<package>` that Node's resolution finds first from
/// `fromDir` upwards (its real path), or "" when there is none.
std::string packageDirFrom(const std::string &fromDir, const std::string &package);

/// Why the additive run that produced `result` must not be committed over
/// `current` (see the file comment), or "" when it is safe. `root` is where the
/// environment resolves the bundles' bare imports from (the app root);
/// `externalPackages` what the run kept external (additiveExternalPackages).
std::string additiveRunHazard(const DepsMetadata &current, const EsbuildResult &result,
                              const std::string &root,
                              const std::vector<std::string> &externalPackages);

} // namespace sy
