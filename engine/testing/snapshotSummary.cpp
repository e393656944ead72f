#include "testing/snapshotSummary.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

namespace sy {

namespace {

std::string paint(bool color, const char *code, const std::string &text)
{
    return color ? std::string("\x1b[") + code + "m" + text + "\x1b[0m" : text;
}

/// Vitest's formatTestPath: the path relative to the root, its folder dim
/// and its name bold, the test extension (".test.ts") dim again.
std::string formatTestPath(const std::string &root, const std::string &path, bool color)
{
    std::filesystem::path p(path);
    if (p.is_absolute() && !root.empty())
        p = p.lexically_relative(root);
    const std::string rel = p.generic_string();
    std::smatch m;
    static const std::regex testExt(R"((\.(spec|test)\.[cm]?[tj]sx?)$)");
    const std::string ext = std::regex_search(rel, m, testExt) ? m[1].str() : std::string();
    const std::filesystem::path relPath(rel);
    std::string dir = relPath.parent_path().generic_string();
    if (dir.empty())
        dir = ".";
    std::string base = relPath.filename().string();
    base = base.substr(0, base.size() - ext.size());
    return paint(color, "2", dir + "/") + paint(color, "1", base) + paint(color, "2", ext);
}

} // namespace

void SnapshotSummary::add(const SnapshotFileResult &file)
{
    if (!file.present)
        return;
    filesAdded += file.added ? 1 : 0;
    filesRemoved += file.fileDeleted ? 1 : 0;
    filesUnmatched += file.unmatched ? 1 : 0;
    filesUpdated += file.updated ? 1 : 0;
    added += file.added;
    matched += file.matched;
    unchecked += file.unchecked;
    if (!file.uncheckedKeys.empty())
        uncheckedKeysByFile.push_back({file.filepath, file.uncheckedKeys});
    unmatched += file.unmatched;
    updated += file.updated;
    total += file.added + file.matched + file.unmatched + file.updated;
}

std::vector<std::string> renderSnapshotSummary(const std::string &root, const SnapshotSummary &s,
                                               bool color)
{
    std::vector<std::string> out;
    const auto n = [](int v) { return std::to_string(v); };
    if (s.added)
        out.push_back(paint(color, "1;32", n(s.added) + " written"));
    if (s.unmatched)
        out.push_back(paint(color, "1;31", n(s.unmatched) + " failed"));
    if (s.updated)
        out.push_back(paint(color, "1;32", n(s.updated) + " updated "));
    if (s.filesRemoved)
        out.push_back(s.didUpdate ? paint(color, "1;32", n(s.filesRemoved) + " files removed ")
                                  : paint(color, "1;33", n(s.filesRemoved) + " files obsolete "));
    if (s.unchecked) {
        out.push_back(s.didUpdate ? paint(color, "1;32", n(s.unchecked) + " removed")
                                  : paint(color, "1;33", n(s.unchecked) + " obsolete"));
        for (const SnapshotSummary::UncheckedFile &file : s.uncheckedKeysByFile) {
            out.push_back(paint(color, "90", "↳") + " " +
                          formatTestPath(root, file.filePath, color));
            for (const std::string &key : file.keys)
                out.push_back("  " + paint(color, "90", "·") + " " + key);
        }
    }
    return out;
}

void printSnapshotSummary(std::FILE *out, const SnapshotSummary &summary, bool color)
{
    const std::vector<std::string> lines = renderSnapshotSummary(summary.root, summary, color);
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string title = i == 0 ? "  Snapshots" : std::string(11, ' ');
        std::fprintf(out, "%s %s\n", paint(color, "2", title + " ").c_str(), lines[i].c_str());
    }
    if (lines.size() > 1)
        std::fprintf(out, "\n");
}

nlohmann::json snapshotSummaryToJson(const SnapshotSummary &s)
{
    nlohmann::json unchecked = nlohmann::json::array();
    for (const SnapshotSummary::UncheckedFile &file : s.uncheckedKeysByFile)
        unchecked.push_back({{"filePath", file.filePath}, {"keys", file.keys}});
    return {{"added", s.added},
            {"failure", false}, // never set by Vitest 4.1 either
            {"filesAdded", s.filesAdded},
            {"filesRemoved", s.filesRemoved},
            {"filesRemovedList", nlohmann::json::array()},
            {"filesUnmatched", s.filesUnmatched},
            {"filesUpdated", s.filesUpdated},
            {"matched", s.matched},
            {"total", s.total},
            {"unchecked", s.unchecked},
            {"uncheckedKeysByFile", unchecked},
            {"unmatched", s.unmatched},
            {"updated", s.updated},
            {"didUpdate", s.didUpdate}};
}

std::string snapshotUpdateMode(const std::string &update, const char *updateSnapshotEnv,
                               const char *ciEnv)
{
    std::string mode = update;
    if (mode.empty() && updateSnapshotEnv)
        mode = updateSnapshotEnv;
    if (mode == "all" || mode == "new" || mode == "none")
        return mode;
    const bool ci = ciEnv && *ciEnv && std::string(ciEnv) != "false";
    if (ci && mode.empty())
        return "none";
    return mode.empty() ? "new" : "all";
}

} // namespace sy
