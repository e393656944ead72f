#include "resolve/tsconfig.h"

#include <algorithm>
#include <string_view>
#include <vector>

// Which files a tsconfig's files/include/exclude take (tsconfigIncludes) and
// the glob matching behind it, as tsc matches include and exclude specs.
namespace sy {

namespace {
/// Glob match of pattern segments against path segments (see tsconfigGlobMatch).
bool segmentMatch(std::string_view pattern, std::string_view name)
{
    if (!pattern.empty() && (pattern[0] == '*' || pattern[0] == '?') && !name.empty() &&
        name[0] == '.')
        return false;
    // Classic wildcard matching with backtracking on the last '*'.
    size_t p = 0, n = 0, star = std::string_view::npos, mark = 0;
    while (n < name.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
            ++p;
            ++n;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = n;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            n = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

std::vector<std::string_view> splitPath(std::string_view path)
{
    std::vector<std::string_view> out;
    size_t start = 0;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        const size_t end = slash == std::string_view::npos ? path.size() : slash;
        if (end > start)
            out.push_back(path.substr(start, end - start));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return out;
}

bool matchSegments(const std::vector<std::string_view> &pat, size_t pi,
                   const std::vector<std::string_view> &path, size_t ni)
{
    if (pi == pat.size())
        return ni == path.size();
    if (pat[pi] == "**") {
        // Zero or more folders, none of them starting with a dot.
        for (size_t k = ni; k <= path.size(); ++k) {
            if (matchSegments(pat, pi + 1, path, k))
                return true;
            if (k < path.size() && !path[k].empty() && path[k][0] == '.')
                return false;
        }
        return false;
    }
    if (ni == path.size() || !segmentMatch(pat[pi], path[ni]))
        return false;
    return matchSegments(pat, pi + 1, path, ni + 1);
}

bool hasWildcard(std::string_view s)
{
    return s.find_first_of("*?") != std::string_view::npos;
}
} // namespace

bool tsconfigGlobMatch(std::string_view pattern, std::string_view path)
{
    const std::vector<std::string_view> pat = splitPath(pattern);
    const std::vector<std::string_view> segs = splitPath(path);
    if (matchSegments(pat, 0, segs, 0))
        return true;
    // A last segment without wildcards may be a folder: everything below it.
    if (!pat.empty() && !hasWildcard(pat.back())) {
        std::vector<std::string_view> below = pat;
        below.push_back("**");
        below.push_back("*");
        return matchSegments(below, 0, segs, 0);
    }
    return false;
}

bool tsconfigIncludes(const Tsconfig &config, const std::string &file)
{
    for (const std::string &f : config.files)
        if (f == file)
            return true;
    std::vector<std::string> include = config.include;
    if (!config.hasInclude) {
        if (config.hasFiles)
            return false;
        include = {config.dir + "/**/*"};
    }
    std::vector<std::string> exclude = config.exclude;
    if (!config.hasExclude) {
        exclude = {config.dir + "/**/node_modules", config.dir + "/**/bower_components",
                   config.dir + "/**/jspm_packages"};
        if (!config.outDir.empty())
            exclude.push_back(config.outDir);
    }
    const bool included = std::any_of(include.begin(), include.end(), [&](const std::string &p) {
        return tsconfigGlobMatch(p, file);
    });
    return included && std::none_of(exclude.begin(), exclude.end(), [&](const std::string &p) {
               return tsconfigGlobMatch(p, file);
           });
}

} // namespace sy
