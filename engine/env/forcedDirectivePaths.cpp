#include "env/forcedDirectivePaths.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <string_view>

namespace sy {

namespace fs = std::filesystem;

namespace {

bool isSourceFile(const fs::path &p)
{
    const std::string ext = p.extension().string();
    return ext == ".ts" || ext == ".tsx" || ext == ".js" || ext == ".jsx" || ext == ".mjs" ||
           ext == ".mts" || ext == ".cjs" || ext == ".cts";
}

/// `{a,b}` alternatives expanded (nested ones too), as minimatch's braceExpand;
/// a brace without a top-level comma stays literal.
std::vector<std::string> expandBraces(const std::string &glob)
{
    for (size_t open = 0; open < glob.size(); ++open) {
        if (glob[open] == '\\') {
            ++open;
            continue;
        }
        if (glob[open] != '{')
            continue;
        int depth = 0;
        std::vector<size_t> commas;
        size_t close = std::string::npos;
        for (size_t i = open; i < glob.size(); ++i) {
            if (glob[i] == '\\') {
                ++i;
            } else if (glob[i] == '{') {
                ++depth;
            } else if (glob[i] == '}' && --depth == 0) {
                close = i;
                break;
            } else if (glob[i] == ',' && depth == 1) {
                commas.push_back(i);
            }
        }
        if (close == std::string::npos)
            return {glob};
        if (commas.empty())
            continue;
        std::vector<std::string> out;
        size_t from = open + 1;
        commas.push_back(close);
        for (size_t comma : commas) {
            const std::string alt =
                glob.substr(0, open) + glob.substr(from, comma - from) + glob.substr(close + 1);
            for (std::string &e : expandBraces(alt))
                out.push_back(std::move(e));
            from = comma + 1;
        }
        return out;
    }
    return {glob};
}

/// One path segment of a glob (no '/', no `**`) as a regex.
std::string segmentRegex(std::string_view seg)
{
    std::string re;
    // node-glob's dot: false: a wildcard never matches a leading '.'.
    if (!seg.empty() && (seg[0] == '*' || seg[0] == '?' || seg[0] == '['))
        re += "(?!\\.)";
    for (size_t i = 0; i < seg.size(); ++i) {
        const char c = seg[i];
        if (c == '\\' && i + 1 < seg.size()) {
            re += '\\';
            re += seg[++i];
        } else if (c == '*') {
            re += "[^/]*";
        } else if (c == '?') {
            re += "[^/]";
        } else if (c == '[') {
            const size_t close = seg.find(']', i + 2);
            if (close == std::string_view::npos) {
                re += "\\[";
                continue;
            }
            std::string cls(seg.substr(i + 1, close - i - 1));
            if (cls[0] == '!')
                cls[0] = '^';
            re += "[" + cls + "]";
            i = close;
        } else if (std::string_view("\\^$.|+(){}]").find(c) != std::string_view::npos) {
            re += '\\';
            re += c;
        } else {
            re += c;
        }
    }
    return re;
}

std::string braceFreeGlobToRegex(const std::string &glob)
{
    std::vector<std::string> segments;
    size_t from = 0;
    for (;;) {
        const size_t slash = glob.find('/', from);
        segments.push_back(glob.substr(from, slash == std::string::npos ? slash : slash - from));
        if (slash == std::string::npos)
            break;
        from = slash + 1;
    }
    constexpr std::string_view kSegment = "(?!\\.)[^/]+";
    std::string re = "^";
    for (size_t i = 0; i < segments.size(); ++i) {
        const bool last = i + 1 == segments.size();
        if (segments[i] == "**") {
            // Any number of segments (none too), none starting with '.'.
            re += last ? "(?:" + std::string(kSegment) + "(?:/" + std::string(kSegment) + ")*)?"
                       : "(?:" + std::string(kSegment) + "/)*";
            continue;
        }
        re += segmentRegex(segments[i]);
        if (!last)
            re += '/';
    }
    return re + "$";
}

bool hasMagic(std::string_view segment)
{
    return segment.find_first_of("*?[{") != std::string_view::npos;
}

} // namespace

std::vector<std::string> ForcedDirectivePaths::globToRegexes(const std::string &glob)
{
    std::vector<std::string> out;
    for (const std::string &g : expandBraces(glob))
        out.push_back(braceFreeGlobToRegex(g));
    return out;
}

ForcedDirectivePaths::ForcedDirectivePaths(std::string root,
                                           const std::vector<std::string> &clientGlobs,
                                           const std::vector<std::string> &serverGlobs)
    : m_root(std::move(root))
{
    m_client = compile(clientGlobs);
    m_server = compile(serverGlobs);
}

std::vector<ForcedDirectivePaths::Pattern>
ForcedDirectivePaths::compile(const std::vector<std::string> &globs) const
{
    std::vector<Pattern> out;
    for (const std::string &written : globs) {
        std::string glob = written;
        while (glob.rfind("./", 0) == 0)
            glob.erase(0, 2);
        for (const std::string &re : globToRegexes(glob)) {
            try {
                out.push_back({glob, std::regex(re, std::regex::ECMAScript), glob[0] == '/'});
            } catch (const std::regex_error &) {
                // A class std::regex cannot take matches nothing, as a bad glob in node-glob.
            }
        }
    }
    return out;
}

bool ForcedDirectivePaths::matches(const std::vector<Pattern> &patterns,
                                   const std::string &file) const
{
    const std::string relative = file.size() > m_root.size() &&
                                         file.compare(0, m_root.size(), m_root) == 0 &&
                                         file[m_root.size()] == '/'
                                     ? file.substr(m_root.size() + 1)
                                     : std::string();
    for (const Pattern &p : patterns)
        if (p.absolute ? std::regex_match(file, p.re)
                       : !relative.empty() && std::regex_match(relative, p.re))
            return true;
    return false;
}

std::string ForcedDirectivePaths::directiveFor(const std::string &file) const
{
    if (matches(m_client, file))
        return "use client";
    if (matches(m_server, file))
        return "use server";
    return {};
}

std::string ForcedDirectivePaths::optionFor(const std::string &directive)
{
    return directive == "use client" ? "forceClientPaths" : "forceServerPaths";
}

std::vector<std::string> ForcedDirectivePaths::matchingFiles() const
{
    std::set<std::string> out;
    std::set<std::string> walked;
    for (const std::vector<Pattern> *patterns : {&m_client, &m_server}) {
        for (const Pattern &p : *patterns) {
            // Walk from the glob's fixed leading folders only.
            fs::path base = p.absolute ? fs::path("/") : fs::path(m_root);
            std::string_view rest = p.glob;
            if (p.absolute)
                rest.remove_prefix(1);
            bool inNodeModules = false;
            for (;;) {
                const size_t slash = rest.find('/');
                if (slash == std::string_view::npos)
                    break;
                const std::string_view segment = rest.substr(0, slash);
                if (hasMagic(segment))
                    break;
                base /= std::string(segment);
                inNodeModules = inNodeModules || segment == "node_modules";
                rest.remove_prefix(slash + 1);
            }
            std::error_code ec;
            if (!fs::is_directory(base, ec) || !walked.insert(base.string()).second)
                continue;
            fs::recursive_directory_iterator it(base, fs::directory_options::skip_permission_denied,
                                                ec);
            for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                const std::string name = it->path().filename().string();
                if (it->is_directory(ec)) {
                    if (name.front() == '.' || (name == "node_modules" && !inNodeModules))
                        it.disable_recursion_pending();
                    continue;
                }
                if (!it->is_regular_file(ec) || !isSourceFile(it->path()))
                    continue;
                // Matched as found below the root (a symlinked node_modules
                // too), kept as its real path, as node-glob's realpath option.
                if (directiveFor(it->path().lexically_normal().string()).empty())
                    continue;
                const std::string file = fs::canonical(it->path(), ec).string();
                if (!ec)
                    out.insert(file);
            }
            ec.clear();
        }
    }
    return {out.begin(), out.end()};
}

} // namespace sy
