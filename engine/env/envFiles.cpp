#include "env/envFiles.h"

#include "core/jsonText.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

extern char **environ;

namespace sy {

namespace fs = std::filesystem;

namespace {

void setVar(EnvList &list, const std::string &key, std::string value)
{
    for (auto &[k, v] : list)
        if (k == key) {
            v = std::move(value);
            return;
        }
    list.emplace_back(key, std::move(value));
}

bool hasVar(const EnvList &list, const std::string &key)
{
    for (const auto &[k, v] : list)
        if (k == key)
            return true;
    return false;
}

bool readFile(const fs::path &file, std::string &out)
{
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return false;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return false;
    std::stringstream text;
    text << in.rdbuf();
    out = text.str();
    return true;
}

/// Reads and merges `files` in order (later ones win). Returns whether any existed.
bool mergeFiles(const std::vector<fs::path> &files, EnvList &out, std::vector<std::string> *read)
{
    bool any = false;
    for (const fs::path &file : files) {
        std::string text;
        if (!readFile(file, text))
            continue;
        any = true;
        if (read)
            read->push_back(file.string());
        for (auto &[k, v] : parseDotenv(text))
            setVar(out, k, std::move(v));
    }
    return any;
}

} // namespace

std::map<std::string, std::string> processEnvironment()
{
    std::map<std::string, std::string> out;
    for (char **e = environ; e && *e; ++e) {
        const std::string entry(*e);
        const size_t eq = entry.find('=');
        if (eq != std::string::npos && eq > 0)
            out.emplace(entry.substr(0, eq), entry.substr(eq + 1));
    }
    return out;
}

EnvList loadViteEnv(const std::string &root, const std::string &mode,
                    const std::map<std::string, std::string> &processEnv,
                    std::vector<std::string> *filesRead, const std::vector<std::string> &prefixes)
{
    const fs::path dir(root);
    EnvList parsed;
    mergeFiles({dir / ".env", dir / ".env.local", dir / (".env." + mode),
                dir / (".env." + mode + ".local")},
               parsed, filesRead);
    expandDotenv(parsed, processEnv);
    EnvList out;
    auto prefixed = [&](const std::string &key) {
        if (prefixes.empty())
            return key.rfind("VITE_", 0) == 0;
        for (const std::string &prefix : prefixes)
            if (!prefix.empty() && key.rfind(prefix, 0) == 0) // "" would expose every variable
                return true;
        return false;
    };
    for (auto &[k, v] : parsed)
        if (prefixed(k))
            setVar(out, k, v);
    for (const auto &[k, v] : processEnv)
        if (prefixed(k))
            setVar(out, k, v);
    return out;
}

DevVars loadDevVars(const std::string &root, const std::string &varsJson,
                    const std::string &cloudflareEnv,
                    const std::map<std::string, std::string> &processEnv)
{
    DevVars out;
    nlohmann::json vars = nlohmann::json::parse(varsJson, nullptr, false);
    if (!vars.is_object())
        vars = nlohmann::json::object();
    const fs::path dir(root);
    EnvList loaded;
    std::string text;
    auto flag = [&](const char *name) {
        auto it = processEnv.find(name);
        return it == processEnv.end() ? std::string() : it->second;
    };
    if (!cloudflareEnv.empty() && readFile(dir / (".dev.vars." + cloudflareEnv), text)) {
        out.files.push_back((dir / (".dev.vars." + cloudflareEnv)).string());
        loaded = parseDotenv(text);
    } else if (readFile(dir / ".dev.vars", text)) {
        out.files.push_back((dir / ".dev.vars").string());
        loaded = parseDotenv(text);
    } else if (flag("CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV") != "false") {
        std::vector<fs::path> files = {dir / ".env", dir / ".env.local"};
        if (!cloudflareEnv.empty()) {
            files.push_back(dir / (".env." + cloudflareEnv));
            files.push_back(dir / (".env." + cloudflareEnv + ".local"));
        }
        mergeFiles(files, loaded, &out.files);
        const bool includeProcessEnv = flag("CLOUDFLARE_INCLUDE_PROCESS_ENV") == "true";
        std::map<std::string, std::string> expandWith;
        if (includeProcessEnv)
            expandWith = processEnv;
        expandDotenv(loaded, expandWith);
        if (includeProcessEnv)
            for (const auto &[k, v] : processEnv)
                if (!hasVar(loaded, k))
                    loaded.emplace_back(k, v);
    }
    for (const auto &[k, v] : loaded) {
        vars[k] = v;
        out.keys.push_back(k);
    }
    out.json = dumpJson(vars);
    return out;
}

bool isEnvFile(const std::string &root, const std::string &path)
{
    const fs::path p(path);
    if (p.parent_path() != fs::path(root))
        return false;
    const std::string name = p.filename().string();
    return name == ".env" || name.rfind(".env.", 0) == 0 || name == ".dev.vars" ||
           name.rfind(".dev.vars.", 0) == 0;
}

} // namespace sy