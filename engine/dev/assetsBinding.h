#pragma once
// The worker's static assets binding (wrangler `assets.binding`, env.ASSETS):
// `env.ASSETS.fetch(request)` answers from the app's assets folder the way
// Cloudflare's asset worker does (workers-shared, which wrangler dev and the
// Cloudflare Vite plugin run in workerd): GET/HEAD only, the path decoded once,
// `html_handling` (auto-trailing-slash by default: /about serves about.html,
// /blog/ serves blog/index.html, /about.html redirects to /about with 307),
// `not_found_handling` (none: 404 without a body; 404-page: the nearest
// 404.html up the path; single-page-application: /index.html), a strong ETag,
// If-None-Match (304) and `Cache-Control: public, max-age=0, must-revalidate`.
//
// Every read goes through the dev server's FilePolicy (deny list: .env*,
// .dev.vars*, keys, .git, wrangler.*; regular files only; size cap), and the
// file's real path must lie inside the assets folder: a symlink that leads out
// of it, a denied name or a path that climbs above "/" is refused (403 / 400
// with a one-line reason), never read.
#include "core/bindingHost.h"
#include "env/assetsConfig.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sy {

class FilePolicy;
struct ProjectConfig;

/// One answer of the assets binding.
struct AssetResponse {
    int status = 404;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body; ///< the file's bytes (200, 404 page), or the reason (400, 403)
};

/// The asset service behind env.ASSETS. Thread-safe (immutable; the policy
/// guards itself).
class AssetsBinding {
public:
    /// `policy`: the dev server's one FilePolicy (null: a policy allowing the
    /// assets folder only, with the default deny list and size cap).
    AssetsBinding(AssetsConfig config, std::shared_ptr<const FilePolicy> policy);

    /// Answers a request for `pathname` (as in the URL: percent-encoded) with
    /// `method`; `search` ("?a=1" or "") is kept on redirects; `ifNoneMatch` is
    /// the request's If-None-Match header ("" when none).
    AssetResponse fetch(std::string_view method, std::string_view pathname, std::string_view search,
                        std::string_view ifNoneMatch) const;

    /// The asset router in front of a Worker (Cloudflare's router worker, as wrangler
    /// dev and the Workers Vitest pool's SELF run it): without a Worker (`hasWorker`
    /// false) every request is fetch()'s; with one, a request whose path names an
    /// asset (html_handling's redirects included) is answered here (405 for a method
    /// other than GET/HEAD, as the pool's router answers), and nullopt means the
    /// Worker answers: no such asset (not_found_handling is the Worker's business
    /// then), `run_worker_first` true or a route of it matching (a `!` route
    /// exempts), a path that does not decode.
    std::optional<AssetResponse> route(std::string_view method, std::string_view pathname,
                                       std::string_view search, std::string_view ifNoneMatch,
                                       bool hasWorker) const;

    /// BindingHost op "fetch": argsJson {method, pathname, search, ifNoneMatch}
    /// -> json {status, headers: [[name, value], ...]}, bytes = the body. Op
    /// "route" (route(), argsJson with hasWorker): the same, or json null when
    /// the Worker answers.
    BindingResult call(std::string_view op, std::string_view argsJson) const;

    const AssetsConfig &config() const { return m_config; }

private:
    /// fetch(); with `assetsOnly`, nullopt instead of a not-found answer.
    std::optional<AssetResponse> answer(std::string_view method, std::string_view pathname,
                                        std::string_view search, std::string_view ifNoneMatch,
                                        bool assetsOnly) const;

    AssetsConfig m_config;
    std::shared_ptr<const FilePolicy> m_policy;
};

/// The pseudo-binding a test realm's SELF asks the asset router with (op "route").
inline constexpr std::string_view kAssetsRouterBinding = "__switchyard_assets_router";

/// A worker's BindingHost with the assets binding in front: calls for
/// `assets->config().binding` go to `assets`, calls for kAssetsRouterBinding to
/// its route(), every other call to `next` (the storage; may be null when the
/// app declares no storage binding).
class AssetsBindingHost final : public BindingHost {
public:
    AssetsBindingHost(std::shared_ptr<const AssetsBinding> assets,
                      std::shared_ptr<BindingHost> next);
    BindingResult call(std::string_view binding, std::string_view op, std::string_view argsJson,
                       std::span<const uint8_t> bytes) override;

private:
    std::shared_ptr<const AssetsBinding> m_assets;
    std::shared_ptr<BindingHost> m_next;
};

/// When the app has an `assets` block: puts an AssetsBindingHost (reading through
/// `policy`) in front of `host`, and, when it names a binding, appends env.<binding>'s
/// BindingDescriptor to `bindings`. Nothing otherwise.
void addAssetsBinding(const ProjectConfig &project, std::shared_ptr<const FilePolicy> policy,
                      std::vector<BindingDescriptor> &bindings, std::shared_ptr<BindingHost> &host);

} // namespace sy
