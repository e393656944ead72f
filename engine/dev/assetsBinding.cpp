#include "dev/assetsBinding.h"

#include "core/hash.h"
#include "env/projectConfig.h"
#include "server/filePolicy.h"
#include "server/mimeTypes.h"

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>

namespace sy {

namespace fs = std::filesystem;

namespace {

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool isWithin(const fs::path &file, const fs::path &root)
{
    auto [rootEnd, fileIt] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    (void)fileIt;
    return rootEnd == root.end();
}

/// A path for the Location header: characters a URL path may hold as they are,
/// the others percent-encoded (UTF-8 bytes).
std::string encodePath(std::string_view path)
{
    static constexpr std::string_view kKept = "/-._~!$&'()*+,;=:@";
    std::string out;
    for (unsigned char c : path) {
        if (std::isalnum(c) || kKept.find(char(c)) != std::string_view::npos) {
            out += char(c);
        } else {
            static constexpr char kHex[] = "0123456789ABCDEF";
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

bool etagMatches(std::string_view ifNoneMatch, const std::string &etag)
{
    // Strong and weak forms of the same tag match (RFC 9110 weak comparison).
    size_t at = 0;
    while (at < ifNoneMatch.size()) {
        size_t comma = ifNoneMatch.find(',', at);
        std::string_view tag = ifNoneMatch.substr(
            at, comma == std::string_view::npos ? std::string_view::npos : comma - at);
        while (!tag.empty() && tag.front() == ' ')
            tag.remove_prefix(1);
        while (!tag.empty() && tag.back() == ' ')
            tag.remove_suffix(1);
        if (tag.substr(0, 2) == "W/")
            tag.remove_prefix(2);
        if (tag == etag || tag == "*")
            return true;
        if (comma == std::string_view::npos)
            break;
        at = comma + 1;
    }
    return false;
}

/// What a path resolves to (the asset worker's intent).
struct Intent {
    std::string file;      ///< the asset's real path, when one is served
    int status = 200;      ///< 200, or 404 for a 404 page
    std::string redirect;  ///< a path to redirect to instead
    bool fallback = false; ///< not_found_handling's answer (no asset has this path)
    bool found() const { return !file.empty() || !redirect.empty(); }
};

/// One resolution of one request: the file checks and html_handling /
/// not_found_handling over them.
class Resolution {
public:
    Resolution(const AssetsConfig &config, const FilePolicy &policy, fs::path realRoot)
        : m_config(config), m_policy(policy), m_root(std::move(realRoot))
    {
    }

    std::string refusal; ///< why the asked path itself was refused, when it was

    /// The real path of the asset at `path` (decoded, "/a/b.html"), if the
    /// folder holds it as a regular file the policy allows.
    std::optional<std::string> exists(const std::string &path, bool asked = false)
    {
        if (path.empty() || path.back() == '/')
            return std::nullopt;
        const fs::path candidate = m_root / fs::path(path).relative_path();
        std::error_code ec;
        if (!fs::is_regular_file(fs::symlink_status(candidate, ec)) &&
            !fs::is_symlink(fs::symlink_status(candidate, ec)))
            return std::nullopt;
        const FilePolicy::Decision decision = m_policy.check(candidate);
        if (decision.allowed() && isWithin(decision.realPath, m_root))
            return decision.realPath.string();
        // Refused (a denied name, outside the allowed roots) or a symlink out of
        // the folder: never read; the asked path itself is answered with why.
        if (asked && refusal.empty() && decision.allowed())
            refusal = "Forbidden: \"" + printablePath(path) + "\" leads out of the assets folder " +
                      printablePath(m_root.native());
        else if (asked && refusal.empty() && decision.verdict == FilePolicy::Verdict::Forbidden)
            refusal = decision.reason;
        return std::nullopt;
    }

    Intent intent(const std::string &path, bool skipRedirects)
    {
        const std::string &mode = m_config.htmlHandling;
        std::optional<Intent> found;
        // Serve `p` when it exists.
        auto serve = [&](const std::string &p) {
            if (found)
                return;
            if (std::optional<std::string> file = exists(p))
                found = Intent{*file, 200, {}};
        };
        // Redirect to `destination` when it is no file itself but resolves to
        // the same asset as `file` (the asset worker's safe redirect).
        auto redirect = [&](const std::string &file, const std::string &destination) {
            if (found || skipRedirects || exists(destination))
                return;
            const std::optional<std::string> target = exists(file);
            if (!target)
                return;
            const Intent other = intent(destination, true);
            if (other.file == *target)
                found = Intent{{}, 200, destination};
        };
        auto cut = [&](size_t n) { return path.substr(0, path.size() - std::min(n, path.size())); };
        if (mode == "none") {
            serve(path);
        } else if (mode == "force-trailing-slash") {
            if (endsWith(path, "/index")) {
                serve(path);
                redirect(path + ".html", cut(5));
                redirect(cut(6) + ".html", cut(5));
            } else if (endsWith(path, "/index.html")) {
                redirect(path, cut(10));
                redirect(cut(11) + ".html", cut(10));
            } else if (endsWith(path, "/")) {
                serve(path + "index.html");
                serve(cut(1) + ".html");
            } else if (endsWith(path, ".html")) {
                redirect(path, cut(5) + "/");
                serve(path);
                redirect(cut(5) + "/index.html", cut(5) + "/");
            }
            serve(path);
            redirect(path + ".html", path + "/");
            redirect(path + "/index.html", path + "/");
        } else if (mode == "drop-trailing-slash") {
            if (endsWith(path, "/index")) {
                serve(path);
                if (path == "/index") {
                    redirect("/index.html", "/");
                } else {
                    redirect(cut(6) + ".html", cut(6));
                    redirect(path + ".html", cut(6));
                }
            } else if (endsWith(path, "/index.html")) {
                if (path == "/index.html") {
                    redirect("/index.html", "/");
                } else {
                    redirect(path, cut(11));
                    serve(path);
                    redirect(cut(11) + ".html", cut(11));
                }
            } else if (endsWith(path, "/")) {
                if (path == "/") {
                    serve("/index.html");
                } else {
                    redirect(cut(1) + ".html", cut(1));
                    redirect(cut(1) + "/index.html", cut(1));
                }
            } else if (endsWith(path, ".html")) {
                redirect(path, cut(5));
                redirect(cut(5) + "/index.html", cut(5));
            }
            serve(path);
            serve(path + ".html");
            serve(path + "/index.html");
        } else { // auto-trailing-slash
            if (endsWith(path, "/index")) {
                serve(path);
                redirect(path + ".html", cut(5));
                redirect(cut(6) + ".html", cut(6));
            } else if (endsWith(path, "/index.html")) {
                redirect(path, cut(10));
                redirect(cut(11) + ".html", cut(11));
            } else if (endsWith(path, "/")) {
                serve(path + "index.html");
                redirect(cut(1) + ".html", cut(1));
            } else if (endsWith(path, ".html")) {
                redirect(path, cut(5));
                redirect(cut(5) + "/index.html", cut(5) + "/");
            }
            serve(path);
            serve(path + ".html");
            redirect(path + "/index.html", path + "/");
        }
        return found ? *found : notFound(path);
    }

private:
    Intent notFound(const std::string &path)
    {
        if (m_config.notFoundHandling == "single-page-application") {
            if (std::optional<std::string> index = exists("/index.html"))
                return {*index, 200, {}, true};
        } else if (m_config.notFoundHandling == "404-page") {
            std::string dir = path;
            while (!dir.empty()) {
                dir = dir.substr(0, dir.rfind('/'));
                if (std::optional<std::string> page = exists(dir + "/404.html"))
                    return {*page, 404, {}, true};
            }
        }
        return {};
    }

    const AssetsConfig &m_config;
    const FilePolicy &m_policy;
    fs::path m_root;
};

AssetResponse textResponse(int status, const std::string &text)
{
    AssetResponse r;
    r.status = status;
    r.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
    r.body = text;
    return r;
}

} // namespace

AssetsBinding::AssetsBinding(AssetsConfig config, std::shared_ptr<const FilePolicy> policy)
    : m_config(std::move(config)), m_policy(std::move(policy))
{
    if (!m_policy) {
        FilePolicyConfig c;
        c.extraRoots = {m_config.directory};
        m_policy = std::make_shared<FilePolicy>(std::move(c));
    }
}

AssetResponse AssetsBinding::fetch(std::string_view method, std::string_view pathname,
                                   std::string_view search, std::string_view ifNoneMatch) const
{
    return *answer(method, pathname, search, ifNoneMatch, false);
}

namespace {

/// wrangler's run_worker_first route pattern: `*` is any text.
bool routeMatches(std::string_view pattern, std::string_view path)
{
    if (pattern.empty())
        return path.empty();
    if (pattern.front() == '*')
        for (size_t i = 0; i <= path.size(); ++i)
            if (routeMatches(pattern.substr(1), path.substr(i)))
                return true;
    return !path.empty() && pattern.front() == path.front() && pattern.front() != '*' &&
           routeMatches(pattern.substr(1), path.substr(1));
}

} // namespace

std::optional<AssetResponse>
AssetsBinding::route(std::string_view method, std::string_view pathname, std::string_view search,
                     std::string_view ifNoneMatch, bool hasWorker) const
{
    if (!hasWorker)
        return fetch(method, pathname, search, ifNoneMatch);
    if (m_config.runWorkerFirst)
        return std::nullopt;
    bool workerFirst = false;
    for (const std::string &r : m_config.runWorkerFirstRoutes)
        if (!r.empty() && r.front() != '!' && routeMatches(r, pathname))
            workerFirst = true;
    for (const std::string &r : m_config.runWorkerFirstRoutes)
        if (!r.empty() && r.front() == '!' && routeMatches(std::string_view(r).substr(1), pathname))
            workerFirst = false;
    if (workerFirst)
        return std::nullopt;
    return answer(method, pathname, search, ifNoneMatch, true);
}

std::optional<AssetResponse>
AssetsBinding::answer(std::string_view method, std::string_view pathname, std::string_view search,
                      std::string_view ifNoneMatch, bool assetsOnly) const
{
    // Decoded once and dot-normalized; a trailing '/' means something to html_handling.
    const RequestPath normalized = normalizeRequestPath(pathname);
    if (normalized.status != 200)
        return assetsOnly ? std::nullopt : std::optional(textResponse(400, normalized.reason));
    std::string path = normalized.path;
    if (path != "/" && endsWith(pathname, "/"))
        path += '/';
    std::error_code ec;
    const fs::path root = fs::canonical(m_config.directory, ec);
    if (ec) // no assets folder (yet): nothing to serve
        return assetsOnly ? std::nullopt : std::optional(AssetResponse{});
    Resolution resolution(m_config, *m_policy, root);
    resolution.exists(path, /*asked=*/true); // a refused file is answered as such
    if (!resolution.refusal.empty())
        return textResponse(403, resolution.refusal);
    const Intent intent = resolution.intent(path, false);
    if (assetsOnly && (!intent.found() || intent.fallback))
        return std::nullopt; // no asset has this path: the Worker answers it
    if (!intent.found())
        return AssetResponse{}; // 404, no body (not_found_handling "none")
    if (method != "GET" && method != "HEAD") {
        AssetResponse r = textResponse(405, "Method Not Allowed");
        r.headers.emplace_back("Allow", "GET, HEAD");
        return r;
    }
    if (!intent.redirect.empty()) {
        AssetResponse r;
        r.status = 307;
        r.headers = {{"Location", encodePath(intent.redirect) + std::string(search)}};
        return r;
    }
    std::string bytes;
    const FilePolicy::Decision read = m_policy->read(intent.file, bytes);
    if (!read.allowed())
        return read.verdict == FilePolicy::Verdict::Forbidden ? textResponse(403, read.reason)
                                                              : AssetResponse{};
    AssetResponse r;
    r.status = intent.status;
    const std::string etag = "\"" + shortHash(bytes) + "\"";
    r.headers = {{"Content-Type", std::string(mimeTypeFor(intent.file))},
                 {"ETag", etag},
                 {"Cache-Control", "public, max-age=0, must-revalidate"}};
    if (intent.status == 200 && !ifNoneMatch.empty() && etagMatches(ifNoneMatch, etag)) {
        r.status = 304;
        return r;
    }
    if (method != "HEAD")
        r.body = std::move(bytes);
    return r;
}

BindingResult AssetsBinding::call(std::string_view op, std::string_view argsJson) const
{
    if (op != "fetch" && op != "route")
        return BindingResult::error("the assets binding has no operation \"" + std::string(op) +
                                        "\"",
                                    BindingResult::Status::TypeError);
    const nlohmann::json args = nlohmann::json::parse(argsJson, nullptr, false);
    if (!args.is_object())
        return BindingResult::error("assets binding: malformed request",
                                    BindingResult::Status::TypeError);
    const std::optional<AssetResponse> routed =
        op == "route" ? route(args.value("method", "GET"), args.value("pathname", "/"),
                              args.value("search", ""), args.value("ifNoneMatch", ""),
                              args.value("hasWorker", true))
                      : fetch(args.value("method", "GET"), args.value("pathname", "/"),
                              args.value("search", ""), args.value("ifNoneMatch", ""));
    if (!routed)
        return BindingResult::success("null"); // the Worker answers it
    const AssetResponse &r = *routed;
    nlohmann::json headers = nlohmann::json::array();
    for (const auto &[name, value] : r.headers)
        headers.push_back({name, value});
    return BindingResult::success(nlohmann::json{{"status", r.status}, {"headers", headers}}.dump(),
                                  std::vector<uint8_t>(r.body.begin(), r.body.end()));
}

AssetsBindingHost::AssetsBindingHost(std::shared_ptr<const AssetsBinding> assets,
                                     std::shared_ptr<BindingHost> next)
    : m_assets(std::move(assets)), m_next(std::move(next))
{
}

BindingResult AssetsBindingHost::call(std::string_view binding, std::string_view op,
                                      std::string_view argsJson, std::span<const uint8_t> bytes)
{
    if (binding == kAssetsRouterBinding)
        return m_assets->call("route", argsJson);
    if (!m_assets->config().binding.empty() && binding == m_assets->config().binding)
        return m_assets->call(op, argsJson);
    return forwardBindingCall(m_next.get(), binding, op, argsJson, bytes);
}

void addAssetsBinding(const ProjectConfig &project, std::shared_ptr<const FilePolicy> policy,
                      std::vector<BindingDescriptor> &bindings, std::shared_ptr<BindingHost> &host)
{
    if (!project.assets.declared)
        return;
    if (project.assets.enabled()) {
        BindingDescriptor descriptor;
        descriptor.name = project.assets.binding;
        descriptor.kind = BindingKind::Assets;
        bindings.push_back(std::move(descriptor));
    }
    host = std::make_shared<AssetsBindingHost>(
        std::make_shared<AssetsBinding>(project.assets, std::move(policy)), std::move(host));
}

} // namespace sy
