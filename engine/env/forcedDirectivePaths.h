#pragma once
// RedwoodSDK's `forceClientPaths` / `forceServerPaths` (options of `redwood()`
// in vite.config): globs whose files are treated as if they had "use client" /
// "use server". rwsdk (dist/vite/redwoodPlugin.mjs, resolveForcedPaths.mjs)
// expands them once with node-glob (cwd = the project root, absolute, real
// paths) and adds the files to its clientFiles / serverFiles sets, which its
// directive transforms (transformClientComponents, transformServerFunctions)
// and lookups consult besides the directive prologue: a file in clientFiles is
// a client module even with "use server" (the client transform is tried
// first). Here the globs are matched against a file's path whenever the engine
// asks, so a matching file created while the server runs is forced too.
#include <regex>
#include <string>
#include <vector>

namespace sy {

class ForcedDirectivePaths {
public:
    ForcedDirectivePaths() = default;
    /// `clientGlobs` / `serverGlobs` as written in the config: relative to
    /// `root` (absolute ones as they are), node-glob (minimatch) syntax: `*`,
    /// `?`, `[...]` within one path segment, `**` any number of segments,
    /// `{a,b}` alternatives; `*`, `?`, `[...]` and `**` never match a segment
    /// that starts with '.' unless the glob writes the dot (node-glob's
    /// default, dot: false). `root` is an absolute real path.
    ForcedDirectivePaths(std::string root, const std::vector<std::string> &clientGlobs,
                         const std::vector<std::string> &serverGlobs);

    bool empty() const { return m_client.empty() && m_server.empty(); }

    /// "use client" when `file` (absolute real path) matches a forceClientPaths
    /// glob, else "use server" when it matches a forceServerPaths glob, else "".
    std::string directiveFor(const std::string &file) const;
    /// The option that forces `directive` ("forceClientPaths", "forceServerPaths").
    static std::string optionFor(const std::string &directive);

    /// The JavaScript/TypeScript source files on disk that the globs match
    /// (absolute real paths, sorted): what rwsdk's glob expansion finds at start.
    /// Folders starting with '.' are not entered, nor node_modules unless the
    /// glob's fixed leading folders lie inside one ("node_modules/pkg/**"):
    /// node-glob would walk node_modules for a leading `**` too, which here
    /// only happens when the graph reaches such a package file (directiveFor).
    std::vector<std::string> matchingFiles() const;

    /// One glob as an anchored ECMAScript regex over '/'-separated paths (its
    /// `{a,b}` alternatives expanded first: several regexes). Exposed for tests.
    static std::vector<std::string> globToRegexes(const std::string &glob);

private:
    struct Pattern {
        std::string glob;
        std::regex re;
        bool absolute = false;
    };
    std::vector<Pattern> compile(const std::vector<std::string> &globs) const;
    bool matches(const std::vector<Pattern> &patterns, const std::string &file) const;

    std::string m_root;
    std::vector<Pattern> m_client, m_server;
};

} // namespace sy
