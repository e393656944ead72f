#pragma once
// Which source files of the app carry "use client" / "use server". Built by
// scanning the app's source folder at start (RedwoodSDK's directive scan), so
// the use-client and use-server lookups list every reference before any page
// renders. Thread-safe.
#include <mutex>
#include <set>
#include <string>

namespace sy {

class DirectiveIndex {
public:
    /// Scans every .ts/.tsx/.js/.jsx/.mjs/.mts file below `dir` (skipping
    /// node_modules and dot folders) and records its directive prologue.
    void scan(const std::string &dir);
    /// Re-reads one file (after an edit, or its removal) and updates the sets.
    /// Returns true when the file joined or left a set (the lookups change).
    bool update(const std::string &file);

    std::set<std::string> clientModules() const;
    std::set<std::string> serverModules() const;

    /// The directive prologue of `source` ("use client", "use strict", ...),
    /// read with the import lexer; JSX later in the file does not matter.
    static std::set<std::string> directivesOf(const std::string &source);

private:
    mutable std::mutex m_mutex;
    std::set<std::string> m_client;
    std::set<std::string> m_server;
};

} // namespace sy
