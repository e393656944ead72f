#include "testing/testFiles.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

namespace sy {

namespace fs = std::filesystem;

namespace {

bool readStrings(const nlohmann::json &test, const char *key, std::vector<std::string> &out,
                 std::string &error)
{
    if (!test.contains(key))
        return true;
    const auto &value = test[key];
    if (!value.is_array()) {
        error = std::string("\"switchyard.test.") + key + "\" must be an array of globs";
        return false;
    }
    std::vector<std::string> globs;
    for (const auto &g : value) {
        if (!g.is_string()) {
            error = std::string("\"switchyard.test.") + key + "\" must hold strings";
            return false;
        }
        globs.push_back(g.get<std::string>());
    }
    out = std::move(globs);
    return true;
}

bool readNumber(const nlohmann::json &test, const char *key, double &out, std::string &error)
{
    if (!test.contains(key))
        return true;
    if (!test[key].is_number() || test[key].get<double>() <= 0) {
        error = std::string("\"switchyard.test.") + key + "\" must be a positive number (ms)";
        return false;
    }
    out = test[key].get<double>();
    return true;
}

} // namespace

bool loadTestConfig(const std::string &root, TestConfig &out, std::string &error)
{
    const fs::path file = fs::path(root) / "package.json";
    std::ifstream in(file);
    if (!in)
        return true; // no package.json: defaults
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json pkg;
    try {
        pkg = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::parse_error &e) {
        error = file.string() + ": " + e.what();
        return false;
    }
    if (!pkg.is_object() || !pkg.contains("switchyard"))
        return true;
    const auto &sy = pkg["switchyard"];
    if (!sy.is_object() || !sy.contains("test"))
        return true;
    const auto &test = sy["test"];
    if (!test.is_object()) {
        error = file.string() + ": \"switchyard.test\" must be an object";
        return false;
    }
    out.includeGiven = out.includeGiven || test.contains("include");
    bool ok = readStrings(test, "include", out.include, error) &&
              readStrings(test, "exclude", out.exclude, error) &&
              readNumber(test, "testTimeout", out.testTimeoutMs, error) &&
              readNumber(test, "hookTimeout", out.hookTimeoutMs, error);
    if (ok && test.contains("storageIsolation")) {
        const auto &v = test["storageIsolation"];
        if (!v.is_string() || (v != "per-file" && v != "per-test")) {
            error = "\"switchyard.test.storageIsolation\" must be \"per-file\" or \"per-test\"";
            ok = false;
        } else {
            out.storageIsolation = v.get<std::string>();
        }
    }
    if (ok && test.contains("pool")) {
        const auto &v = test["pool"];
        if (!v.is_string() || (v != "isolates" && v != "contexts")) {
            error = "\"switchyard.test.pool\" must be \"isolates\" or \"contexts\"";
            ok = false;
        } else {
            out.pool = v.get<std::string>();
        }
    }
    if (!ok)
        error = file.string() + ": " + error;
    return ok;
}

std::string globToRegex(const std::string &glob)
{
    std::string re = "^";
    int braces = 0;
    for (size_t i = 0; i < glob.size(); ++i) {
        const char c = glob[i];
        if (c == '*') {
            if (i + 1 < glob.size() && glob[i + 1] == '*') {
                const bool wholeSegment = (i == 0 || glob[i - 1] == '/');
                i += 1;
                if (wholeSegment && i + 1 < glob.size() && glob[i + 1] == '/') {
                    re += "(?:[^/]+/)*"; // "**/": zero or more directories
                    i += 1;
                } else {
                    re += ".*";
                }
            } else {
                re += "[^/]*";
            }
        } else if (c == '?') {
            re += "[^/]";
        } else if (c == '{') {
            ++braces;
            re += "(?:";
        } else if (c == '}' && braces > 0) {
            --braces;
            re += ")";
        } else if (c == ',' && braces > 0) {
            re += "|";
        } else if (c == '[') {
            const size_t close = glob.find(']', i + 1);
            if (close == std::string::npos) {
                re += "\\[";
            } else {
                std::string cls = glob.substr(i + 1, close - i - 1);
                if (!cls.empty() && cls[0] == '!')
                    cls[0] = '^';
                re += "[" + cls + "]";
                i = close;
            }
        } else if (std::string_view("\\^$.|+()").find(c) != std::string_view::npos) {
            re += '\\';
            re += c;
        } else {
            re += c;
        }
    }
    return re + "$";
}

bool parseTestShard(const std::string &text, TestShard &out, std::string &error)
{
    const size_t slash = text.find('/');
    try {
        if (slash == std::string::npos)
            throw std::invalid_argument("no slash");
        size_t used = 0;
        const int index = std::stoi(text.substr(0, slash), &used);
        if (used != slash)
            throw std::invalid_argument("index");
        const std::string countText = text.substr(slash + 1);
        const int count = std::stoi(countText, &used);
        if (used != countText.size())
            throw std::invalid_argument("count");
        if (count < 1 || index < 1 || index > count) {
            error = "--shard " + text + ": expected 1 <= index <= count";
            return false;
        }
        out = {index, count};
        return true;
    } catch (const std::exception &) {
        error = "--shard " + text + ": expected <index>/<count>, e.g. 1/3";
        return false;
    }
}

std::vector<std::string> findTestFiles(const std::string &root, const TestConfig &config,
                                       const std::vector<std::string> &filters,
                                       const TestShard &shard)
{
    auto compile = [](const std::vector<std::string> &globs) {
        std::vector<std::regex> out;
        for (const std::string &g : globs)
            out.emplace_back(globToRegex(g), std::regex::ECMAScript | std::regex::optimize);
        return out;
    };
    const std::vector<std::regex> include = compile(config.include);
    const std::vector<std::regex> exclude = compile(config.exclude);
    auto matchesAny = [](const std::vector<std::regex> &res, const std::string &path) {
        return std::any_of(res.begin(), res.end(),
                           [&](const std::regex &re) { return std::regex_match(path, re); });
    };
    std::vector<std::pair<std::string, std::string>> found; // relative, absolute
    std::error_code ec;
    const fs::path base = fs::weakly_canonical(root, ec);
    fs::recursive_directory_iterator it(base, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path &p = it->path();
        const std::string name = p.filename().string();
        if (it->is_directory(ec)) {
            // Never descend into dependency or cache trees (also when a glob
            // would exclude them anyway: walking node_modules is slow).
            if (name == "node_modules" || name == ".git" || name == ".switchyard")
                it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file(ec))
            continue;
        const std::string rel = p.lexically_relative(base).generic_string();
        if (!matchesAny(include, rel) || matchesAny(exclude, rel))
            continue;
        if (!filters.empty() &&
            std::none_of(filters.begin(), filters.end(),
                         [&](const std::string &f) { return rel.find(f) != std::string::npos; }))
            continue;
        found.emplace_back(rel, p.string());
    }
    std::sort(found.begin(), found.end());
    const size_t n = found.size();
    const size_t count = static_cast<size_t>(std::max(1, shard.count));
    const size_t index = static_cast<size_t>(std::clamp(shard.index, 1, shard.count)) - 1;
    const size_t begin = n * index / count;
    const size_t end = n * (index + 1) / count;
    std::vector<std::string> out;
    for (size_t i = begin; i < end; ++i)
        out.push_back(found[i].second);
    return out;
}

} // namespace sy
