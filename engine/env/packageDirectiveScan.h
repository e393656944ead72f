#pragma once
// The directive modules ("use client" / "use server" in their prologue) that
// packages in node_modules ship, found by reading the package folders rather
// than by bundling them: what a pre-bundle of a package's entries must keep
// external from its first esbuild round on (DirectiveIndex::
// packageDirectiveCandidates, optimizer/packageModuleExternals.h). RedwoodSDK
// ships one (rwsdk/turnstile's useTurnstile.js); without this, every cold
// start bundled rwsdk's client entries twice (~100 ms of esbuild).
//
// The scans are the process's: one per real package folder and version of
// its package.json (its size and mtime), shared by every dev session, and
// thread-safe (a caller asking for a folder being scanned waits for it).
#include <string>
#include <vector>

namespace sy {

/// The script files (.js .mjs .cjs .jsx .ts .mts .tsx, not .d.ts) below the
/// real package folder `folder` whose directive prologue has "use client" or
/// "use server", sorted; nested node_modules, dot folders and symlinks are
/// skipped. A file is read up to its prologue's end (most stop at 512 bytes:
/// their first token is code). 5-40 ms for rwsdk's ~700 entries, once.
std::vector<std::string> packageDirectiveFiles(const std::string &folder);

/// Starts packageDirectiveFiles for the folders of the `dependencies` of
/// `root`'s package.json on a thread of its own (joined at exit). `serve`
/// calls it before it reads the project, when the CPU is mostly idle, so the
/// optimizer runs find the scans done. Once per process; a missing or
/// unreadable package.json scans nothing.
void prescanDependencyDirectivesAhead(const std::string &root);

} // namespace sy
