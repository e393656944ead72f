#pragma once
// wrangler's module rules: which non-JavaScript files a Worker imports as
// modules of which type (wrangler's deployment-bundle/rules.ts, the `rules`
// field of wrangler.jsonc). The defaults, after the app's own rules:
//   { type: "Text",         globs: ["**/*.txt", "**/*.html", "**/*.sql"] }
//   { type: "Data",         globs: ["**/*.bin"] }
//   { type: "CompiledWasm", globs: ["**/*.wasm", "**/*.wasm?module"] }
// A rule without `fallthrough: true` ends its type: later rules of the same
// type (the defaults included) are removed, and a file that only a removed
// rule matches is an error, as wrangler reports it. Globs are wrangler's
// (glob-to-regexp with globstar: `**` any folders, `*` within one segment,
// other characters literal, `?` too) and match the module's path relative to
// the app root plus its query ("src/add.wasm?module"; a file outside the app:
// its absolute path without the leading '/').
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sy {

/// One wrangler module rule. `type` is one of ESModule, CommonJS,
/// CompiledWasm, Text, Data.
struct WorkerModuleRule {
    std::string type;
    std::vector<std::string> globs;
    bool fallthrough = false;
};

/// Reads wrangler's `rules` (absent: none) from the parsed config `config` of
/// `file`. False with `error` naming the file, the entry and what is wrong
/// (not an array, an unknown type, globs missing or not strings).
bool readWorkerModuleRules(const nlohmann::json &config, const std::string &file,
                           std::vector<WorkerModuleRule> &out, std::string &error);

/// Whether wrangler's glob `glob` matches `path` (see above).
bool workerGlobMatches(const std::string &glob, const std::string &path);

/// The app's rules followed by wrangler's defaults, with fallthrough applied.
class WorkerModuleRules {
public:
    explicit WorkerModuleRules(const std::vector<WorkerModuleRule> &userRules = {});

    /// The type of the first active rule matching `relativePath` (with its
    /// query), or nullopt. A path that only a removed rule matches sets
    /// `error` (what to do: mark the earlier rule `fallthrough: true`).
    std::optional<std::string> match(const std::string &relativePath, std::string &error) const;

private:
    std::vector<WorkerModuleRule> m_active;
    std::vector<WorkerModuleRule> m_removed;
};

} // namespace sy
