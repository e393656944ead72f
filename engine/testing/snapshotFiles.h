#pragma once
// The file operations of the test isolates' snapshot environment (the role of
// @vitest/snapshot's NodeSnapshotEnvironment, which uses node:fs): reading and
// writing `__snapshots__/*.snap` files, toMatchFileSnapshot's files and the
// test files inline snapshots are written back into. Test isolates have no
// file system; they reach these through SnapshotHost (snapshotHost.h).
//
// Only inside the app: every path must lie under the app's root, reads go
// through the project's FilePolicy (deny list, size cap, no special files) and
// must resolve inside the app, and writes never follow a symbolic link, never
// write through a hard link, and never touch node_modules, .switchyard or
// anything the FilePolicy's deny list names (.env*, .dev.vars*, .git,
// wrangler.json*, *.pem, ...).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace sy {

class FilePolicy;

class SnapshotFiles {
public:
    /// `appRoot`: the app folder (absolute). `policy`: the project's file
    /// policy for reads; null makes one for `appRoot` alone.
    SnapshotFiles(std::filesystem::path appRoot, std::shared_ptr<FilePolicy> policy);

    /// Vitest's snapshot path of a test file: `<dir>/__snapshots__/<name>.snap`
    /// (NodeSnapshotEnvironment.resolvePath; `path` is not checked).
    static std::string snapshotPathFor(std::string_view testPath);
    /// toMatchFileSnapshot's path: `rawPath` when absolute, else resolved
    /// against the test file's folder and normalized (pathe's resolve).
    static std::string resolveRawPath(std::string_view testPath, std::string_view rawPath);

    /// The file's text into `content`, or nullopt when it does not exist (as
    /// Vitest's readSnapshotFile answers null). False with `error` when the
    /// path is outside the app or refused by the policy.
    bool read(const std::string &path, std::optional<std::string> &content,
              std::string &error) const;
    /// Creates the missing folders and writes `content` (replacing the file).
    bool write(const std::string &path, std::string_view content, std::string &error) const;
    /// Removes the file; a missing file is no error.
    bool remove(const std::string &path, std::string &error) const;
    /// Creates the folder and its missing parents (mkdir -p).
    bool makeDirectories(const std::string &path, std::string &error) const;

    const std::filesystem::path &appRoot() const { return m_root; }

private:
    /// `path` relative to the app root, checked (absolute, inside, no
    /// refused component); nullopt with `error` otherwise. `forWrite` also
    /// refuses node_modules and .switchyard.
    std::optional<std::filesystem::path> relativeInside(const std::string &path, bool forWrite,
                                                        std::string &error) const;
    /// Opens the folder `relDir` under the root without following symbolic
    /// links, creating missing folders when `create`. -1 with `error` (or
    /// with `missing` set when a folder does not exist and !create).
    int openDirectory(const std::filesystem::path &relDir, bool create, bool *missing,
                      std::string &error) const;

    std::filesystem::path m_root;     ///< as given, normalized
    std::filesystem::path m_realRoot; ///< symlinks resolved
    std::shared_ptr<FilePolicy> m_policy;
};

} // namespace sy
