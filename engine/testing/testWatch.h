#pragma once
// What `switchyard test --watch` reruns after files changed, by Vitest's
// rules (its watcher's handleFileChanged): a changed test file reruns; so
// does every test file whose module graph holds a changed file, found two
// ways: the modules its last run loaded (ModuleRecorder: also the app entry
// reached through SELF and dynamic imports), and the worker environment's
// importers of the changed file's modules up to the test file. A config
// file (Vitest's forceRerunTriggers, package.json and {vitest,vite}.config.*,
// plus the app's wrangler config, tsconfig/jsconfig, .env*/.dev.vars* and
// lockfiles) reruns everything.
#include "testing/testResult.h"

#include <set>
#include <string>
#include <vector>

namespace sy {

class Environment;

/// True when a change of `file` (absolute) reruns every test file.
bool changeRerunsAll(const std::string &root, const std::string &file);

/// The file a module id is backed by: the id without its query, and without
/// the worker's "virtual:switchyard:ssr:" bridge prefix; empty for virtual ids.
std::string fileOfModuleId(const std::string &id);

/// The test files of `testFiles` (absolute paths) to rerun after
/// `changedFiles` changed, in `testFiles`' order. `lastRuns` holds the last
/// result of each file run so far (their `modules`); `worker` is the test
/// session's worker environment (its graph's importers).
std::vector<std::string> affectedTestFiles(Environment &worker,
                                           const std::vector<std::string> &changedFiles,
                                           const std::vector<std::string> &testFiles,
                                           const std::vector<TestFileResult> &lastRuns);

} // namespace sy
