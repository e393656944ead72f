#pragma once
// Which source files of the app carry "use client" / "use server". Built by
// scanning the app's source folder at start (RedwoodSDK's directive scan), so
// the use-client and use-server lookups list every reference before any page
// renders. Thread-safe.
#include "env/forcedDirectivePaths.h"

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace sy {

class DirectiveIndex {
public:
    /// Scans every .ts/.tsx/.js/.jsx/.mjs/.mts file below `dir` (skipping
    /// node_modules and dot folders) and records its directive prologue.
    void scan(const std::string &dir);
    /// rwsdk's forceClientPaths / forceServerPaths (ForcedDirectivePaths): the
    /// files they match count as having the directive from now on (in the
    /// sets, so in the lookups, and in effectiveDirectives()); the files on disk
    /// that match are recorded at once, as rwsdk expands the globs at start.
    void setForcedPaths(ForcedDirectivePaths forced);
    /// The directive rwsdk forces on `file` ("use client", "use server") and
    /// the option that forces it ("forceClientPaths", ...), or {"", ""}.
    std::pair<std::string, std::string> forcedDirective(const std::string &file) const;
    /// The directives the transforms act on for `file` whose prologue is
    /// `prologue`: the prologue's plus the forced one.
    std::set<std::string> effectiveDirectives(const std::string &file,
                                              std::set<std::string> prologue) const;
    /// Re-reads one file (after an edit, or its removal) and updates the sets.
    /// Returns true when the file joined or left a set (the lookups change).
    bool update(const std::string &file);

    /// Records files of packages (paths with a /node_modules/ segment) that the
    /// graph or a pre-bundle reached (e.g. esbuild's metafile inputs), as
    /// RedwoodSDK's directive scan records the package files it follows imports
    /// into: reads each file's directive prologue only (the first 16 KB unless
    /// the prologue runs past them) and adds the ones with "use client" or "use
    /// server" to the sets (so the lookups list them). Other files are ignored.
    /// Returns the files that carry a directive, in the order given: they must
    /// stay out of pre-bundles (esbuild --external:<file>) and be served as
    /// their own modules, where the directive transforms apply. `changed` (if
    /// given) is set when a set gained or lost a file.
    std::vector<std::string> recordPackageFiles(const std::vector<std::string> &files,
                                                bool *changed = nullptr);
    /// Files of the packages that `entryFiles` (absolute real paths of pre-bundle
    /// entries) belong to whose directive prologue has "use client" or "use
    /// server" (forced paths count): the package files a pre-bundle of those
    /// entries may meet, found before esbuild runs so that its first round
    /// already keeps them external (else it finds them among its inputs and
    /// bundles again: ~100 ms for rwsdk's client entries). Not recorded in the
    /// sets: only the ones a bundle reaches are (recordPackageFiles). The
    /// package folders are read once per process (packageDirectiveScan.h).
    /// Files forced by forceClientPaths / forceServerPaths count too.
    std::vector<std::string> packageDirectiveCandidates(const std::vector<std::string> &entryFiles);
    /// The package files recorded with a directive (a subset of the sets).
    std::set<std::string> packageModules() const;
    /// `file` (absolute real path) is one of packageModules(): a dependency
    /// whose entry it is gets served as source, not pre-bundled.
    bool isPackageModule(const std::string &file) const;

    std::set<std::string> clientModules() const;
    std::set<std::string> serverModules() const;

    /// The directive prologue of `source` ("use client", "use strict", ...),
    /// read with the import lexer; JSX later in the file does not matter.
    static std::set<std::string> directivesOf(const std::string &source);
    /// The directive prologue of a file, reading only as much of it as the
    /// prologue needs; empty when the file cannot be read.
    static std::set<std::string> prologueDirectivesOfFile(const std::string &file);

private:
    mutable std::mutex m_mutex;
    std::set<std::string> m_client;
    std::set<std::string> m_server;
    std::set<std::string> m_packages; ///< recorded package files with a directive
    ForcedDirectivePaths m_forced;
    std::map<std::string, std::string>
        m_forcedFiles; ///< matched at setForcedPaths: file -> directive
};

} // namespace sy
