#pragma once
// The host side of the test isolates' SnapshotEnvironment
// (engine/js/testHarness/snapshotEnvironment.js): the BindingHost of a test
// isolate answers the pseudo-binding "__switchyard_snapshot" with the file
// operations of @vitest/snapshot's environment over SnapshotFiles (only inside
// the app), and passes every other binding call to the storage host it wraps.
// The realm reaches it through globalThis[Symbol.for("switchyard.snapshot")]
// (WorkerOptions::snapshotControl).
#include "core/bindingHost.h"
#include "testing/snapshotFiles.h"

#include <functional>
#include <memory>
#include <string>

namespace sy {

/// Vitest's snapshot file header (VitestNodeSnapshotEnvironment.getHeader).
inline constexpr const char *kVitestSnapshotHeader =
    "// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html";

class SnapshotHost : public BindingHost {
public:
    /// The pseudo-binding's name.
    static constexpr std::string_view kBinding = "__switchyard_snapshot";

    /// `sourceMapOf(moduleId)`: the source map JSON of the module the test
    /// isolate evaluated (its transform), or empty; inline snapshots map the
    /// call site back to the test file with it. `inner` serves every other
    /// binding (may be null: those calls then fail as without a host).
    SnapshotHost(std::shared_ptr<const SnapshotFiles> files,
                 std::function<std::string(const std::string &moduleId)> sourceMapOf,
                 std::shared_ptr<BindingHost> inner);

    /// Ops of "__switchyard_snapshot" (argsJson an object; results JSON):
    ///   version -> "1"                  header -> kVitestSnapshotHeader
    ///   resolvePath {testPath} -> path  resolveRawPath {testPath, rawPath} -> path
    ///   read {path} -> true with the file's bytes, or null when it does not exist
    ///   save {path} + bytes -> null     remove {path} -> null
    ///   prepareDirectory {path} -> null sourceMap {file} -> map JSON string or null
    /// A path outside the app or refused by the policy is an Error naming it.
    BindingResult call(std::string_view binding, std::string_view op, std::string_view argsJson,
                       std::span<const uint8_t> bytes) override;

private:
    std::shared_ptr<const SnapshotFiles> m_files;
    std::function<std::string(const std::string &)> m_sourceMapOf;
    std::shared_ptr<BindingHost> m_inner;
};

} // namespace sy
