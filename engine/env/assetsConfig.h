#pragma once
// wrangler's `assets` (Workers Static Assets): which folder the worker's
// assets binding serves and how it maps paths to files.
//   "assets": { "binding": "ASSETS", "directory": "./public",
//               "html_handling": "auto-trailing-slash",
//               "not_found_handling": "none" | "404-page" | "single-page-application" }
// Under the Cloudflare Vite plugin (an app with a vite.config) the binding
// serves what Vite serves in dev, its public/ folder, and `directory` is the
// build output; without Vite it is `directory` (wrangler dev).
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace sy {

struct AssetsConfig {
    /// The `env` property of the binding ("ASSETS"); empty: no binding.
    std::string binding;
    /// Absolute folder the binding serves (see the header comment).
    std::string directory;
    /// "auto-trailing-slash" (wrangler's default), "force-trailing-slash",
    /// "drop-trailing-slash" or "none".
    std::string htmlHandling = "auto-trailing-slash";
    /// "none" (wrangler's default: a 404 with no body), "404-page" (the nearest
    /// 404.html up the path, status 404) or "single-page-application" (/index.html, 200).
    std::string notFoundHandling = "none";
    /// The config has an `assets` block: requests to the Worker go through the asset
    /// router first (an asset the path names is served without running the Worker),
    /// with or without a binding.
    bool declared = false;
    /// `run_worker_first: true`: the Worker answers every request (it may call the binding).
    bool runWorkerFirst = false;
    /// `run_worker_first: ["/api/*", "!/api/docs/*"]`: paths the Worker answers first
    /// (`*` is any text; a `!` pattern exempts paths again).
    std::vector<std::string> runWorkerFirstRoutes;

    bool enabled() const { return !binding.empty(); }
};

/// Reads `config["assets"]` of a parsed wrangler config (`file` names it in
/// errors; relative folders are resolved against `configDir`). `viteApp`: the
/// app has a vite.config (the Cloudflare Vite plugin), so the folder is
/// `<root>/public`; otherwise `directory`, or `<root>/public` when none is
/// given. False + error naming the file for a malformed entry (not an object, a
/// binding that is not a string, an unknown html_handling / not_found_handling
/// value, with the values wrangler accepts).
bool readAssetsConfig(const nlohmann::json &config, const std::string &configDir,
                      const std::string &root, bool viteApp, const std::string &file,
                      AssetsConfig &out, std::string &error);

} // namespace sy
