#pragma once
// Snapshot counts of a test run, as Vitest keeps them: one SnapshotFileResult
// per test file (the harness's `snapshot-summary` event, @vitest/snapshot's
// SnapshotResult) added up into a SnapshotSummary (@vitest/snapshot's
// SnapshotManager), and the "Snapshots" lines of Vitest's default reporter.
#include <cstdio>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace sy {

/// One file's snapshots after its run. `present` is false when the file sent
/// none (it failed before its tests ran, or the harness had no snapshot state).
struct SnapshotFileResult {
    bool present = false;
    std::string filepath;
    int added = 0; ///< written (new)
    int matched = 0;
    int unmatched = 0; ///< failed
    int updated = 0;   ///< rewritten (-u)
    int unchecked = 0; ///< obsolete (removed under -u)
    std::vector<std::string> uncheckedKeys;
    bool fileDeleted = false; ///< the .snap file has no snapshot left (removed under -u)
};

/// Totals over a run (Vitest's SnapshotSummary).
struct SnapshotSummary {
    int added = 0, matched = 0, unmatched = 0, updated = 0, unchecked = 0, total = 0;
    int filesAdded = 0, filesRemoved = 0, filesUnmatched = 0, filesUpdated = 0;
    struct UncheckedFile {
        std::string filePath;
        std::vector<std::string> keys;
    };
    std::vector<UncheckedFile> uncheckedKeysByFile;
    /// updateSnapshot was "all" (-u): obsolete ones were removed, not merely found.
    bool didUpdate = false;
    /// The app folder: the reporter shows test files relative to it.
    std::string root;

    /// Adds one file's result (Vitest's addSnapshotResult).
    void add(const SnapshotFileResult &file);
};

/// The lines Vitest's default reporter prints after "Snapshots" (its
/// renderSnapshotSummary): "2 written", "1 failed", "1 updated ",
/// "1 files obsolete ", "3 obsolete" / "3 removed" with "↳ <file>" and
/// "  · <key>" under them. Test paths relative to `root`. Empty when nothing
/// to say. `color` adds Vitest's ANSI colours.
std::vector<std::string> renderSnapshotSummary(const std::string &root,
                                               const SnapshotSummary &summary, bool color);

/// Prints the rendered lines (paths relative to summary.root) as Vitest
/// does: the first with the padded title "  Snapshots", the others under it,
/// and an empty line after several.
void printSnapshotSummary(std::FILE *out, const SnapshotSummary &summary, bool color);

/// Vitest's `snapshot` object of its JSON report (the SnapshotSummary:
/// added, failure, filesAdded, ..., uncheckedKeysByFile, didUpdate).
nlohmann::json snapshotSummaryToJson(const SnapshotSummary &summary);

/// The update mode Vitest derives from -u and the environment
/// (resolveConfig: snapshotOptions.updateSnapshot): `update` ("all", "new",
/// "none", or "" when -u was not given; "true" is "all") first, then
/// UPDATE_SNAPSHOT, else "none" on CI (CI set and not "false") and "new"
/// otherwise.
std::string snapshotUpdateMode(const std::string &update, const char *updateSnapshotEnv,
                               const char *ciEnv);

} // namespace sy
