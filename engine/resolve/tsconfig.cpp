#include "resolve/tsconfig.h"

#include "core/jsonc.h"
#include "resolve/exportsMatcher.h"
#include "resolve/packageJson.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace sy {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kConfigDir = "${configDir}";

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool isRegularFile(const fs::path &p)
{
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

bool readText(const fs::path &file, std::string &out)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return false;
    std::stringstream text;
    text << in.rdbuf();
    out = text.str();
    return true;
}

/// 1-based line and column of the first `"key"` in `text` (0, 0 if absent):
/// where an editor should point for a problem with that setting.
std::pair<int, int> positionOfKey(const std::string &text, const std::string &key)
{
    const size_t at = text.find("\"" + key + "\"");
    if (at == std::string::npos)
        return {0, 0};
    int line = 1, column = 1;
    for (size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

/// Lexically normal, without a trailing slash ("/a/b/.." is "/a", not "/a/").
fs::path normal(const fs::path &p)
{
    std::string s = p.lexically_normal().string();
    while (s.size() > 1 && s.back() == '/')
        s.pop_back();
    return s;
}

/// What one config file holds, relative paths already made absolute against
/// its folder (or the leaf's folder for `${configDir}`).
struct Merged {
    std::optional<std::string> baseUrl;
    std::optional<std::vector<std::pair<std::string, std::vector<std::string>>>> paths;
    std::string pathsBase; ///< folder of the config that set `paths`
    std::optional<bool> allowJs, checkJs, experimentalDecorators;
    std::optional<std::string> outDir;
    std::optional<std::vector<std::string>> files, include, exclude;
};

class Loader {
public:
    explicit Loader(Tsconfig &out) : m_out(out) {}

    /// Applies `file` (extends first, then its own settings) onto m_merged.
    bool apply(const fs::path &file, int depth, bool leaf)
    {
        const std::string name = file.string();
        if (std::find(m_stack.begin(), m_stack.end(), name) != m_stack.end())
            return fail(name, 0, 0,
                        "circular \"extends\" chain: " + chain() + " -> " + name +
                            " (remove one of the extends)");
        if (depth > 32)
            return fail(name, 0, 0, "\"extends\" nests deeper than 32 configs");
        std::string text;
        if (!readText(file, text))
            return fail(name, 0, 0, "cannot read the file");
        m_out.readFiles.push_back(name);
        nlohmann::json json;
        JsoncError syntax;
        if (!parseJsonc(text, json, syntax))
            return fail(name, syntax.line, syntax.column,
                        syntax.reason + " (fix the file: TypeScript reads it as JSON with "
                                        "comments and trailing commas)");
        if (!json.is_object())
            return fail(name, 1, 1, "a tsconfig must hold a JSON object");
        const fs::path dir = file.parent_path();
        m_stack.push_back(name);
        if (json.contains("extends")) {
            const nlohmann::json &ext = json["extends"];
            std::vector<std::string> bases;
            if (ext.is_string()) {
                bases.push_back(ext.get<std::string>());
            } else if (ext.is_array()) {
                for (const auto &e : ext) {
                    if (!e.is_string())
                        return failAtKey(name, text, "extends",
                                         "\"extends\" must be a string or an array of strings");
                    bases.push_back(e.get<std::string>());
                }
            } else {
                return failAtKey(name, text, "extends",
                                 "\"extends\" must be a string or an array of strings");
            }
            for (const std::string &base : bases) {
                std::string reason;
                const std::optional<fs::path> target = resolveExtends(base, dir, reason);
                if (!target) {
                    // Creating the file it names must be noticed: a dependency too.
                    if (startsWith(base, ".") || startsWith(base, "/") ||
                        startsWith(base, kConfigDir)) {
                        const std::string p = absolute(base, dir).string();
                        m_out.readFiles.push_back(p);
                        m_out.readFiles.push_back(p + ".json");
                    }
                    return failAtKey(name, text, "extends", reason);
                }
                if (!apply(*target, depth + 1, false))
                    return false;
            }
        }
        m_stack.pop_back();
        if (!own(json, dir, name, text))
            return false;
        if (leaf && json.contains("references") && json["references"].is_array()) {
            for (const auto &ref : json["references"]) {
                if (!ref.is_object() || !ref.contains("path") || !ref["path"].is_string())
                    continue;
                fs::path p = absolute(ref["path"].get<std::string>(), dir);
                if (!endsWith(p.string(), ".json"))
                    p /= "tsconfig.json";
                m_out.references.push_back(p.lexically_normal().string());
            }
        }
        return true;
    }

    Merged m_merged;

private:
    std::string chain() const
    {
        std::string s;
        for (const std::string &f : m_stack)
            s += (s.empty() ? "" : " -> ") + f;
        return s;
    }

    bool fail(const std::string &file, int line, int column, const std::string &reason)
    {
        m_out.ok = false;
        m_out.errorFile = file;
        m_out.errorLine = line;
        m_out.errorColumn = column;
        m_out.error =
            file +
            (line > 0 ? ":" + std::to_string(line) + ":" + std::to_string(column) : std::string()) +
            ": " + reason;
        return false;
    }

    bool failAtKey(const std::string &file, const std::string &text, const std::string &key,
                   const std::string &reason)
    {
        const auto [line, column] = positionOfKey(text, key);
        return fail(file, line, column, reason);
    }

    /// `value` made absolute against `dir`, `${configDir}` = the leaf's folder.
    fs::path absolute(const std::string &value, const fs::path &dir) const
    {
        if (startsWith(value, kConfigDir))
            return normal(fs::path(m_out.dir) / ("./" + value.substr(kConfigDir.size())));
        const fs::path p(value);
        return normal(p.is_absolute() ? p : dir / p);
    }

    /// TypeScript's getExtendsConfigPath: a relative or absolute path (".json"
    /// added when the file has no such extension and does not exist), else a
    /// package found by Node's node_modules walk (its "tsconfig" field or
    /// tsconfig.json for the bare name; a subpath through `exports` or as a
    /// file, ".json" added when needed).
    std::optional<fs::path> resolveExtends(const std::string &spec, const fs::path &dir,
                                           std::string &reason) const
    {
        if (spec.empty()) {
            reason = "\"extends\" is empty";
            return std::nullopt;
        }
        if (startsWith(spec, "./") || startsWith(spec, "../") || startsWith(spec, "/") ||
            startsWith(spec, kConfigDir) || spec == "." || spec == "..") {
            const fs::path p = absolute(spec, dir);
            if (isRegularFile(p))
                return p;
            if (!endsWith(spec, ".json") && isRegularFile(p.string() + ".json"))
                return fs::path(p.string() + ".json");
            reason = "\"extends\": \"" + spec + "\" names no file (looked for " + p.string() +
                     (endsWith(spec, ".json") ? "" : " and " + p.string() + ".json") + ")";
            return std::nullopt;
        }
        // A package: "@scope/name/sub/path" or "name/sub".
        size_t slash = spec.find('/');
        if (spec[0] == '@' && slash != std::string::npos)
            slash = spec.find('/', slash + 1);
        const std::string name = spec.substr(0, slash);
        const std::string subpath =
            slash == std::string::npos ? std::string() : spec.substr(slash + 1);
        std::vector<std::string> looked;
        for (fs::path d = dir;; d = d.parent_path()) {
            if (d.filename() != "node_modules") {
                const fs::path pkgDir = d / "node_modules" / name;
                looked.push_back(pkgDir.string());
                std::error_code ec;
                if (fs::is_directory(pkgDir, ec)) {
                    if (auto found = inPackage(pkgDir, subpath))
                        return found;
                    reason = "\"extends\": \"" + spec + "\": package " + pkgDir.string() +
                             " has no such config (its package.json \"tsconfig\" field, "
                             "tsconfig.json, or the subpath with .json)";
                    return std::nullopt;
                }
            }
            if (d.parent_path() == d || d.empty())
                break;
        }
        reason = "\"extends\": package \"" + name +
                 "\" is not installed (not found in any node_modules above " + dir.string() +
                 "; install it or fix the name)";
        return std::nullopt;
    }

    std::optional<fs::path> inPackage(const fs::path &pkgDir, const std::string &subpath) const
    {
        std::string text;
        std::shared_ptr<const PackageJson> pkg;
        if (readText(pkgDir / "package.json", text))
            pkg = parsePackageJson(pkgDir / "package.json", text);
        if (subpath.empty()) {
            if (pkg && pkg->parseOk) {
                const std::string field = pkg->stringField("tsconfig");
                if (!field.empty()) {
                    const fs::path p = (pkgDir / field).lexically_normal();
                    if (isRegularFile(p))
                        return p;
                    if (isRegularFile(p.string() + ".json"))
                        return fs::path(p.string() + ".json");
                }
            }
            if (isRegularFile(pkgDir / "tsconfig.json"))
                return pkgDir / "tsconfig.json";
            return std::nullopt;
        }
        if (pkg && pkg->parseOk && pkg->exports()) {
            for (const std::string &sub : {"./" + subpath, "./" + subpath + ".json"}) {
                const ExportsMatch m = matchExports(
                    *pkg->exports(), sub, {"require", "types"},
                    [&](const std::string &target) { return isRegularFile(pkgDir / target); });
                if (m.kind == ExportsMatch::Kind::Found &&
                    isRegularFile((pkgDir / m.target).lexically_normal()))
                    return (pkgDir / m.target).lexically_normal();
            }
        }
        const fs::path p = (pkgDir / subpath).lexically_normal();
        if (isRegularFile(p))
            return p;
        if (!endsWith(subpath, ".json") && isRegularFile(p.string() + ".json"))
            return fs::path(p.string() + ".json");
        if (isRegularFile(p / "tsconfig.json"))
            return p / "tsconfig.json";
        return std::nullopt;
    }

    /// The file's own settings over what its extends gave.
    bool own(const nlohmann::json &json, const fs::path &dir, const std::string &name,
             const std::string &text)
    {
        auto stringList = [&](const char *key,
                              std::optional<std::vector<std::string>> &slot) -> bool {
            if (!json.contains(key))
                return true;
            const nlohmann::json &list = json[key];
            if (!list.is_array())
                return failAtKey(name, text, key,
                                 std::string("\"") + key + "\" must be an array of strings");
            std::vector<std::string> out;
            for (const auto &e : list)
                if (e.is_string())
                    out.push_back(absolute(e.get<std::string>(), dir).string());
            slot = std::move(out);
            return true;
        };
        if (!stringList("files", m_merged.files) || !stringList("include", m_merged.include) ||
            !stringList("exclude", m_merged.exclude))
            return false;
        if (!json.contains("compilerOptions"))
            return true;
        const nlohmann::json &options = json["compilerOptions"];
        if (!options.is_object())
            return failAtKey(name, text, "compilerOptions",
                             "\"compilerOptions\" must be an object");
        if (options.contains("baseUrl")) {
            if (!options["baseUrl"].is_string())
                return failAtKey(name, text, "baseUrl", "\"baseUrl\" must be a string");
            m_merged.baseUrl = absolute(options["baseUrl"].get<std::string>(), dir).string();
        }
        if (options.contains("outDir") && options["outDir"].is_string())
            m_merged.outDir = absolute(options["outDir"].get<std::string>(), dir).string();
        for (auto [flag, merged] :
             {std::pair{"allowJs", &m_merged.allowJs}, std::pair{"checkJs", &m_merged.checkJs},
              std::pair{"experimentalDecorators", &m_merged.experimentalDecorators}}) {
            if (options.contains(flag) && options[flag].is_boolean())
                *merged = options[flag].get<bool>();
        }
        if (options.contains("paths")) {
            const nlohmann::json &paths = options["paths"];
            if (!paths.is_object())
                return failAtKey(name, text, "paths", "\"paths\" must be an object");
            std::vector<std::pair<std::string, std::vector<std::string>>> entries;
            for (auto it = paths.begin(); it != paths.end(); ++it) {
                if (!it->is_array())
                    return failAtKey(name, text, it.key(),
                                     "substitutions for pattern \"" + it.key() +
                                         "\" must be an array of strings");
                if (std::count(it.key().begin(), it.key().end(), '*') > 1)
                    return failAtKey(name, text, it.key(),
                                     "pattern \"" + it.key() + "\" can have at most one '*'");
                std::vector<std::string> targets;
                for (const auto &t : *it)
                    if (t.is_string())
                        targets.push_back(t.get<std::string>());
                entries.emplace_back(it.key(), std::move(targets));
            }
            m_merged.paths = std::move(entries);
            m_merged.pathsBase = dir.string();
        }
        return true;
    }

    Tsconfig &m_out;
    std::vector<std::string> m_stack;
};

} // namespace

Tsconfig loadTsconfig(const std::string &file)
{
    Tsconfig out;
    out.file = fs::path(file).lexically_normal().string();
    out.dir = fs::path(out.file).parent_path().string();
    Loader loader(out);
    out.ok = true;
    if (!loader.apply(out.file, 0, true))
        return out;
    const Merged &m = loader.m_merged;
    out.baseUrl = m.baseUrl.value_or(std::string());
    out.outDir = m.outDir.value_or(std::string());
    out.allowJs = m.allowJs.value_or(false) || m.checkJs.value_or(false) ||
                  startsWith(fs::path(out.file).filename().string(), "jsconfig");
    out.experimentalDecorators = m.experimentalDecorators.value_or(false);
    out.hasFiles = m.files.has_value();
    out.hasInclude = m.include.has_value();
    out.hasExclude = m.exclude.has_value();
    out.files = m.files.value_or(std::vector<std::string>{});
    out.include = m.include.value_or(std::vector<std::string>{});
    out.exclude = m.exclude.value_or(std::vector<std::string>{});
    if (m.paths) {
        out.hasPaths = true;
        // Without baseUrl, paths are relative to the config that set them (TS 4.1+).
        const fs::path base = out.baseUrl.empty() ? fs::path(m.pathsBase) : fs::path(out.baseUrl);
        for (const auto &[key, targets] : *m.paths) {
            TsconfigPathPattern pattern;
            pattern.key = key;
            for (const std::string &t : targets) {
                if (startsWith(t, kConfigDir))
                    pattern.targets.push_back(
                        normal(fs::path(out.dir) / ("./" + t.substr(kConfigDir.size()))).string());
                else
                    pattern.targets.push_back(
                        normal(fs::path(t).is_absolute() ? fs::path(t) : base / t).string());
            }
            out.paths.push_back(std::move(pattern));
        }
    }
    return out;
}

std::vector<std::string> tsconfigCandidates(const Tsconfig &config, std::string_view specifier,
                                            size_t *fromBaseUrl)
{
    std::vector<std::string> out;
    auto substitute = [&](const TsconfigPathPattern &p, std::string_view star) {
        for (const std::string &t : p.targets) {
            const size_t at = t.find('*');
            out.push_back(at == std::string::npos
                              ? t
                              : t.substr(0, at) + std::string(star) + t.substr(at + 1));
        }
    };
    // Exact keys first, then wildcard keys by longest prefix (stable).
    for (const TsconfigPathPattern &p : config.paths)
        if (p.key.find('*') == std::string::npos && p.key == specifier)
            substitute(p, {});
    std::vector<const TsconfigPathPattern *> wild;
    for (const TsconfigPathPattern &p : config.paths)
        if (p.key.find('*') != std::string::npos)
            wild.push_back(&p);
    std::stable_sort(wild.begin(), wild.end(), [](const auto *a, const auto *b) {
        return a->key.find('*') > b->key.find('*');
    });
    for (const TsconfigPathPattern *p : wild) {
        const size_t star = p->key.find('*');
        const std::string_view prefix = std::string_view(p->key).substr(0, star);
        const std::string_view suffix = std::string_view(p->key).substr(star + 1);
        if (specifier.size() >= prefix.size() + suffix.size() && startsWith(specifier, prefix) &&
            endsWith(specifier, suffix))
            substitute(*p, specifier.substr(prefix.size(),
                                            specifier.size() - prefix.size() - suffix.size()));
    }
    size_t base = 0;
    if (!config.baseUrl.empty() && !specifier.empty() && specifier[0] != '/') {
        out.push_back(normal(fs::path(config.baseUrl) / std::string(specifier)).string());
        base = 1;
    }
    if (fromBaseUrl)
        *fromBaseUrl = base;
    return out;
}

} // namespace sy
