#include "env/mockRedirect.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <vector>

namespace sy {
namespace fs = std::filesystem;

namespace {

/// The entry of `folder` whose name without extension is `base` (a file, or a
/// folder's index.*), as findMockRedirect's findFile.
std::string findFile(const fs::path &folder, const std::string &base)
{
    std::error_code ec;
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        entries.push_back(it->path());
    std::sort(entries.begin(), entries.end());
    for (const fs::path &entry : entries) {
        if (entry.stem().string() != base)
            continue;
        if (fs::is_regular_file(entry, ec))
            return entry.string();
        if (fs::is_directory(entry, ec))
            if (std::string index = findFile(entry, "index"); !index.empty())
                return index;
    }
    return {};
}

} // namespace

std::string normalizeMockSpecifier(const std::string &specifier)
{
    std::string s = specifier;
    if (s.rfind("/@fs/", 0) == 0)
        s = s.substr(4);
    if (s.rfind("node:", 0) == 0)
        s = s.substr(5);
    if (s.rfind("file:/", 0) == 0)
        s = s.substr(5);
    size_t slashes = 0;
    while (slashes < s.size() && s[slashes] == '/')
        ++slashes;
    if (slashes > 1)
        s = s.substr(slashes - 1);
    return s;
}

std::string findMockRedirect(const std::string &root, const std::string &mockPath,
                             const std::string &external)
{
    std::error_code ec;
    const fs::path path = external.empty() ? fs::path(mockPath) : fs::path(external);
    if (!external.empty() || !fs::is_regular_file(mockPath, ec)) {
        const fs::path folder = fs::path(root) / "__mocks__" / path.parent_path().relative_path();
        if (!fs::is_directory(folder, ec))
            return {};
        return findFile(folder, path.filename().string());
    }
    const fs::path full = path.parent_path() / "__mocks__" / path.filename();
    return fs::is_regular_file(full, ec) ? full.string() : std::string();
}

} // namespace sy
