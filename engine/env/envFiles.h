#pragma once
// .env / .dev.vars files the way the tools users know read them (the
// syntax and expansion: env/dotenv.h):
//  - Vite 7's loadEnv(mode, root, "VITE_"): .env, .env.local, .env.[mode],
//    .env.[mode].local (later files win), expanded against the process
//    environment, which also wins over the files; only VITE_-prefixed keys;
//  - wrangler's getVarsForDev: `.dev.vars.<env>` (when a Cloudflare
//    environment is selected and the file exists) else `.dev.vars`, parsed
//    without expansion; when neither exists (and CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV
//    is not "false"), .env, .env.local, .env.<env>, .env.<env>.local merged in
//    that order and expanded (with the process environment only when
//    CLOUDFLARE_INCLUDE_PROCESS_ENV is "true"); the result overrides `vars`.
#include "env/dotenv.h"

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sy {

/// The process environment (environ) as a map.
std::map<std::string, std::string> processEnvironment();

/// Vite's loadEnv(mode, root, prefixes): the variables whose names start with
/// one of `prefixes` (vite.config's envPrefix; empty = {"VITE_"}; an empty
/// prefix is ignored, as Vite refuses it), ordered as Vite builds
/// import.meta.env. `filesRead` gets the env files that exist.
EnvList loadViteEnv(const std::string &root, const std::string &mode,
                    const std::map<std::string, std::string> &processEnv,
                    std::vector<std::string> *filesRead = nullptr,
                    const std::vector<std::string> &prefixes = {});

/// What wrangler puts into a dev worker's `env` besides the bindings.
struct DevVars {
    std::string json = "{}"; ///< `vars` of wrangler.jsonc overridden by the files' values
    /// The files the values came from (".dev.vars", ".dev.vars.staging", or the
    /// .env files that exist), absolute; empty when only `vars`.
    std::vector<std::string> files;
    std::vector<std::string> keys; ///< names the files set (never their values)
};

/// wrangler's getVarsForDev for the app in `root`: `varsJson` (wrangler
/// `vars`, a JSON object) with `.dev.vars[.<cloudflareEnv>]` or the .env
/// files merged over it. `cloudflareEnv` empty = none selected.
DevVars loadDevVars(const std::string &root, const std::string &varsJson,
                    const std::string &cloudflareEnv,
                    const std::map<std::string, std::string> &processEnv);

/// True for the files loadViteEnv / loadDevVars may read: `.env`, `.env.*`,
/// `.dev.vars`, `.dev.vars.*` directly in `root`.
bool isEnvFile(const std::string &root, const std::string &path);

} // namespace sy
