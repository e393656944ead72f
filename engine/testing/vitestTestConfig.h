#pragma once
// Vitest's `test` block (env/vitestConfig.h) and the Workers pool's options
// (env/workersPoolOptions.h) as a test run's TestConfig, with the pool's
// defaults where they differ from Switchyard's own:
//   - storage isolation: the pool's 0.5-0.9 generation (test.poolOptions.workers)
//     isolates storage per test (isolatedStorage: true by default), the 0.10+
//     plugin generation per test file; Switchyard's own default (no pool
//     config) stays per file;
//   - singleWorker: files run one at a time;
//   - Node.js compatibility v2 in test isolates (applied by loadProjectConfig).
// package.json "switchyard.test" (loadTestConfig) is applied after this and
// wins where it sets a key.
#include "env/projectConfig.h"
#include "testing/testFiles.h"

#include <string>

namespace sy {

/// Applies project.vitestTestJson and project.pool to `out`. False + error
/// naming the config for a value of the wrong type.
bool applyVitestTestConfig(const ProjectConfig &project, TestConfig &out, std::string &error);

/// What `switchyard test` read, as JSON (`switchyard test --print-config`):
/// the files, the environment, the entry, the test settings, the bindings,
/// vars' names, Node.js compatibility and the warnings.
std::string testConfigToJson(const ProjectConfig &project, const TestConfig &config,
                             const std::vector<std::string> &testFiles);

} // namespace sy
