#pragma once
// `import.meta.env` as Vite 7 defines it in dev: the VITE_ variables of the
// env files (envFiles.h) plus BASE_URL ("/"), MODE, DEV, PROD and SSR (false
// in the client, true in server environments). Vite's importAnalysis
// prepends `import.meta.env = {...};` to every module that reads
// `import.meta.env`, in the client and in SSR alike (its module runner's own
// import.meta.env is a proxy that throws); Switchyard does the same in all
// three environments, so the values are part of the transform: graph,
// inspect and the runner's staleness checks see them, and an env file change
// is a change of those modules.
#include "env/envFiles.h"
#include "lex/lexedModule.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sy {

/// What an env file change can touch besides modules: the pseudo-file that
/// modules reading import.meta.env depend on (ConfigDependents).
inline constexpr std::string_view kImportMetaEnvDependency = "import.meta.env";

/// The object as JSON text: the VITE_ variables in `vars` order, then
/// BASE_URL, MODE, DEV (= !production), PROD, SSR.
std::string importMetaEnvJson(const EnvList &vars, const std::string &mode, bool ssr,
                              bool production);

/// Vite's check: an `import.meta` directly followed by ".env".
bool readsImportMetaEnv(const std::string &code, const LexedModule &lexed);

/// vite.config over the object, as Vite's importAnalysis builds it: `base`
/// as BASE_URL (when not empty) and each `define` entry "import.meta.env.KEY"
/// as KEY. Define values are code (ViteConfig::define): a value that is JSON
/// is set as such, any other is appended as an expression, so the result is
/// the object's JavaScript text (JSON when every value was).
std::string withViteConfigEnv(const std::string &json, const std::optional<std::string> &base,
                              const std::vector<std::pair<std::string, std::string>> &define);

/// "import.meta.env = <json>;" with no line break (line numbers stay).
std::string importMetaEnvPrelude(const std::string &json);

} // namespace sy
