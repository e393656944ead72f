#include "env/workerModuleRules.h"

#include <map>
#include <nlohmann/json.hpp>
#include <regex>

namespace sy {

namespace {

const std::vector<WorkerModuleRule> &defaultRules()
{
    static const std::vector<WorkerModuleRule> rules{
        {"Text", {"**/*.txt", "**/*.html", "**/*.sql"}, false},
        {"Data", {"**/*.bin"}, false},
        {"CompiledWasm", {"**/*.wasm", "**/*.wasm?module"}, false},
    };
    return rules;
}

bool isKnownType(const std::string &type)
{
    for (const char *known : {"ESModule", "CommonJS", "CompiledWasm", "Text", "Data"})
        if (type == known)
            return true;
    return false;
}

std::regex globToRegex(const std::string &glob)
{
    std::string re = "^";
    for (size_t i = 0; i < glob.size(); ++i) {
        const char c = glob[i];
        if (c == '*') {
            const bool globstar = i + 1 < glob.size() && glob[i + 1] == '*';
            if (globstar) {
                const bool segment = i + 2 < glob.size() && glob[i + 2] == '/';
                re += segment ? "(?:[^/]*(?:/|$))*" : ".*";
                i += segment ? 2 : 1;
            } else {
                re += "[^/]*";
            }
        } else if (std::string_view("\\^$.|?+()[]{}/").find(c) != std::string_view::npos) {
            re += '\\';
            re += c;
        } else {
            re += c;
        }
    }
    return std::regex(re + "$");
}

bool anyGlobMatches(const WorkerModuleRule &rule, const std::string &path)
{
    for (const std::string &glob : rule.globs)
        if (workerGlobMatches(glob, path))
            return true;
    return false;
}

} // namespace

bool workerGlobMatches(const std::string &glob, const std::string &path)
{
    return std::regex_match(path, globToRegex(glob));
}

bool readWorkerModuleRules(const nlohmann::json &config, const std::string &file,
                           std::vector<WorkerModuleRule> &out, std::string &error)
{
    out.clear();
    if (!config.is_object() || !config.contains("rules"))
        return true;
    const nlohmann::json &rules = config["rules"];
    if (!rules.is_array()) {
        error = file + ": \"rules\" must be an array of {type, globs, fallthrough?}";
        return false;
    }
    for (size_t i = 0; i < rules.size(); ++i) {
        const std::string where = file + ": rules[" + std::to_string(i) + "]";
        const nlohmann::json &r = rules[i];
        WorkerModuleRule rule;
        if (!r.is_object() || !r.contains("type") || !r["type"].is_string() ||
            !isKnownType(r["type"].get<std::string>())) {
            error =
                where + ": \"type\" must be one of ESModule, CommonJS, CompiledWasm, Text, Data";
            return false;
        }
        rule.type = r["type"].get<std::string>();
        if (!r.contains("globs") || !r["globs"].is_array()) {
            error = where + ": \"globs\" (an array of glob strings) is missing";
            return false;
        }
        for (const auto &glob : r["globs"]) {
            if (!glob.is_string()) {
                error = where + ": every entry of \"globs\" must be a string";
                return false;
            }
            rule.globs.push_back(glob.get<std::string>());
        }
        rule.fallthrough = r.contains("fallthrough") && r["fallthrough"].is_boolean() &&
                           r["fallthrough"].get<bool>();
        out.push_back(std::move(rule));
    }
    return true;
}

WorkerModuleRules::WorkerModuleRules(const std::vector<WorkerModuleRule> &userRules)
{
    std::map<std::string, bool> completed; // type -> a rule of it ended the type
    std::vector<WorkerModuleRule> all = userRules;
    all.insert(all.end(), defaultRules().begin(), defaultRules().end());
    for (WorkerModuleRule &rule : all) {
        if (completed[rule.type]) {
            m_removed.push_back(std::move(rule));
            continue;
        }
        if (!rule.fallthrough)
            completed[rule.type] = true;
        m_active.push_back(std::move(rule));
    }
}

std::optional<std::string> WorkerModuleRules::match(const std::string &relativePath,
                                                    std::string &error) const
{
    for (const WorkerModuleRule &rule : m_active)
        if (anyGlobMatches(rule, relativePath))
            return rule.type;
    for (const WorkerModuleRule &rule : m_removed)
        if (anyGlobMatches(rule, relativePath)) {
            error = "The file " + relativePath + " matched a module rule (type " + rule.type +
                    ") that was ignored because an earlier rule of the same type in wrangler's "
                    "`rules` is not marked `fallthrough: true`: add `\"fallthrough\": true` to "
                    "that rule or a glob for this file to it";
            return std::nullopt;
        }
    return std::nullopt;
}

} // namespace sy
