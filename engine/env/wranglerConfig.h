#pragma once
// The wrangler config file as wrangler reads it, before the engine takes what
// it models from it (env/projectConfig.h): which file (wrangler.json,
// wrangler.jsonc, wrangler.toml: wrangler's findWranglerConfig order), its
// syntax (JSONC as core/jsonc.h, TOML through toml++), and the environment
// `env.<name>` selected by `--env` / CLOUDFLARE_ENV with wrangler's
// inheritance rules (normalizeAndValidateEnvironment: some keys are inherited
// from the top level, bindings and vars are not).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

/// The wrangler config in `dir`: the first of wrangler.json, wrangler.jsonc,
/// wrangler.toml that exists (wrangler's order); "" when none.
std::string findWranglerConfig(const std::string &dir);

/// "wrangler.json", "wrangler.jsonc" or "wrangler.toml".
bool isWranglerConfigName(std::string_view fileName);

/// Reads a wrangler config file into JSON: .toml with toml++ (TOML dates and
/// times become their ISO text, as wrangler compares compatibility_date as a
/// string), anything else as JSONC. False + `error` =
/// "<file>: line L, column C: <reason>" for a file that does not parse, or
/// "<file>: cannot be read" / "<file>: the top level must be a table/object".
bool readWranglerFile(const std::string &file, nlohmann::json &out, std::string &error);

/// The configuration of one environment, as wrangler's
/// normalizeAndValidateEnvironment builds it from the raw file: with `envName`
/// empty, the top level (without "env"). Otherwise `env.<envName>`:
///   - inheritable keys (main, compatibility_date, compatibility_flags, rules,
///     assets, migrations, triggers, limits, ...) are taken from the
///     environment, else from the top level; `name` becomes
///     "<top-level name>-<envName>" unless the environment names itself;
///   - non-inheritable keys (vars, define, kv_namespaces, d1_databases,
///     durable_objects, r2_buckets, services, queues, ... every binding) come
///     only from the environment; one missing there that the top level has is
///     a warning (wrangler's "\"vars\" exists at the top level, but not on
///     \"env.<name>\"...");
///   - top-level-only keys (dev, site, alias, keep_vars, send_metrics) stay.
/// An envName the file has no `env` section for: error naming the available
/// environments when the file declares some (wrangler refuses then), else a
/// warning and the top level. `fileName` prefixes errors and warnings.
bool selectWranglerEnvironment(const nlohmann::json &raw, const std::string &envName,
                               const std::string &fileName, nlohmann::json &out,
                               std::vector<std::string> &warnings, std::string &error);

/// What of an environment's configuration Switchyard does not model, one line
/// each, for the warnings printed once when a command starts: binding kinds
/// (durable_objects, r2_buckets, queues, services, ai, ...) with their binding
/// names, compatibility flags other than the Node.js ones
/// (env/nodeCompat.h), and keys that change behaviour the engine does not
/// model (define, unsafe, ...). Keys that only concern deployment (routes,
/// account_id, observability, ...) are not named.
std::vector<std::string> unmodelledWranglerSettings(const nlohmann::json &active,
                                                    const std::string &fileName);

} // namespace sy
