#pragma once
// Package files a pre-bundle must leave as imports of their own. A framework's
// build tool transforms some modules inside node_modules: RedwoodSDK's
// directive scan follows imports into packages, and a package module with
// "use client" / "use server" (rwsdk/turnstile's useTurnstile.js) gets the
// directive transform and an entry in the lookups. Swallowed into a pre-bundle
// it would get neither. esbuild keeps such a file as an import when it is
// passed as --external:<absolute file> (the import is rewritten relative to
// the bundle: "../../node_modules/pkg/x.js"), so the environment then serves
// it as a module of its own, through the normal transform pipeline.
//
// Which files they are is known for sure only once a run has read them: a run
// finds them among its inputs (esbuild's metafile), and is repeated with them
// external before anything is committed. To spare that second run, the files
// with a directive in the entries' own packages (candidates) are external from
// the first round on; the ones the bundle imports are then recorded like the
// ones found among the inputs, and the others are dropped (external or not,
// an import nobody makes changes nothing).
#include "optimizer/failureIsolation.h"

#include <functional>
#include <string>
#include <vector>

namespace sy {

/// The optimizer's two questions about package modules (engine/env answers
/// them through its DirectiveIndex; DevSession wires them).
struct PackageModuleExternals {
    /// Files (absolute real paths) known before a run to need their own module:
    /// every run passes them as --external:<file>.
    std::function<std::vector<std::string>()> known;
    /// Of the files a run bundled (EsbuildResult::inputs), the ones that must
    /// have stayed imports (DirectiveIndex::recordPackageFiles).
    std::function<std::vector<std::string>(const std::vector<std::string> &inputs)> among;
    /// Optional: files of the packages of `entryFiles` (absolute) that may need
    /// their own module (DirectiveIndex::packageDirectiveCandidates); passed as
    /// --external:<file> in the first round, kept when the bundle imports them
    /// and among() names them.
    std::function<std::vector<std::string>(const std::vector<std::string> &entryFiles)> candidates;

    bool enabled() const { return bool(known) && bool(among); }
};

/// What bundleWithPackageExternals did.
struct PackageExternalBundle {
    IsolatedBundle bundle;              ///< the last round's bundling
    std::vector<std::string> externals; ///< the package files kept external, sorted, unique
    int rounds = 0; ///< bundling rounds: 1, or more when a round met new package modules
};

/// Bundles `request` with `bundle` (e.g. bundleIsolatingFailures over the
/// request) with request.externals plus hooks.known() (and, in the first
/// rounds, hooks.candidates()) external. When the
/// result's inputs hold files hooks.among() names that were not external, the
/// round is repeated with them external too (at most `maxRounds` rounds; a
/// result whose last round still met new ones is returned as it is). A failed
/// bundling ends the rounds. Without hooks (not enabled()) it is one plain
/// bundling.
PackageExternalBundle
bundleWithPackageExternals(EsbuildRequest request, const PackageModuleExternals &hooks,
                           const std::function<IsolatedBundle(const EsbuildRequest &)> &bundle,
                           int maxRounds = 3);

} // namespace sy
