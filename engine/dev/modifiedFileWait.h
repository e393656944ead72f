#pragma once
// A changed file that reads as empty may be mid-write: Node's writeFileSync
// and most editors truncate the file, then write it, and the watcher reports
// the truncation. Reading it then gives an empty module (no exports, no
// "use client"), which requests would meet until the next change. Vite's
// readModifiedFile (vite/src/node/server/hmr.ts) waits for such a file's
// mtime to move, up to 10 polls of 10 ms; this is the same rule, applied to a
// batch before its update invalidates anything.
#include <set>
#include <string>
#include <vector>

namespace sy {

/// For each path of `files` that is a regular file of 0 bytes, polls its size
/// and mtime every `pollMs` (ms) up to `polls` times, until either moves. Paths
/// that are gone, folders or non-empty return at once. Returns the paths that
/// were waited for (in `files`' order), whether or not they were then written;
/// at most polls * pollMs ms are spent in all. Never throws.
std::vector<std::string> waitForModifiedFiles(const std::set<std::string> &files, int polls = 10,
                                              int pollMs = 10);

} // namespace sy
