#include "server/staticFiles.h"

#include "server/mimeTypes.h"
#include "server/urlPath.h"

#include <algorithm>
#include <cstdio>

namespace fs = std::filesystem;

namespace sy {

namespace {

bool isWithin(const fs::path &file, const fs::path &root)
{
    auto [rootEnd, fileIt] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    (void)fileIt;
    return rootEnd == root.end();
}

void sendText(ResponseWriter &out, int status, std::string_view text,
              std::vector<HttpHeader> extra = {})
{
    extra.emplace_back("Content-Type", "text/plain; charset=utf-8");
    extra.emplace_back("Content-Length", std::to_string(text.size()));
    out.writeHead(status, std::move(extra));
    out.writeChunk(text);
    out.end();
}

bool etagMatches(std::string_view ifNoneMatch, std::string_view etag)
{
    // Weak comparison: W/"x" and "x" match each other.
    auto opaque = [](std::string_view tag) {
        while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t'))
            tag.remove_prefix(1);
        while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t'))
            tag.remove_suffix(1);
        if (tag.starts_with("W/"))
            tag.remove_prefix(2);
        return tag;
    };
    const std::string_view wanted = opaque(etag);
    while (!ifNoneMatch.empty()) {
        const size_t comma = ifNoneMatch.find(',');
        const std::string_view tag = opaque(ifNoneMatch.substr(0, comma));
        if (tag == "*" || tag == wanted)
            return true;
        if (comma == std::string_view::npos)
            break;
        ifNoneMatch.remove_prefix(comma + 1);
    }
    return false;
}

} // namespace

StaticFiles::StaticFiles(std::vector<fs::path> roots, std::shared_ptr<const FilePolicy> policy)
    : roots_(std::move(roots)), policy_(std::move(policy))
{
    if (!policy_) {
        FilePolicyConfig config;
        config.extraRoots = roots_;
        policy_ = std::make_shared<FilePolicy>(std::move(config));
    }
}

StaticFiles::Lookup StaticFiles::resolve(std::string_view target) const
{
    const RequestPath path = normalizeRequestPath(target);
    if (path.status != 200)
        return {Status::BadRequest, {}, path.reason};
    const fs::path relative = fs::path(path.path).relative_path();

    for (const fs::path &root : roots_) {
        std::error_code ec;
        const fs::path realRoot = fs::canonical(root, ec);
        if (ec)
            continue;
        fs::path candidate = relative.empty() ? realRoot : realRoot / relative;
        if (!fs::exists(fs::symlink_status(candidate, ec)) && !fs::exists(candidate, ec))
            continue;
        if (fs::is_directory(candidate, ec)) {
            candidate /= "index.html";
            if (!fs::exists(candidate, ec))
                continue;
        }
        const FilePolicy::Decision decision = policy_->check(candidate);
        if (decision.verdict == FilePolicy::Verdict::NotFound)
            continue; // also a dangling symlink: nothing to serve
        if (decision.verdict == FilePolicy::Verdict::Forbidden)
            return {Status::Forbidden, {}, decision.reason};
        if (!isWithin(decision.realPath, realRoot))
            return {Status::Forbidden,
                    {},
                    "Forbidden: \"" + printablePath(path.path) + "\" leads out of " +
                        printablePath(realRoot.native())};
        return {Status::Found, decision.realPath, {}};
    }
    return {Status::NotFound, {}, {}};
}

std::string StaticFiles::etagFor(const fs::path &file)
{
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec)
        return {};
    const auto mtime = fs::last_write_time(file, ec);
    if (ec)
        return {};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "W/\"%llx-%llx\"", static_cast<unsigned long long>(size),
                  static_cast<unsigned long long>(mtime.time_since_epoch().count()));
    return buffer;
}

StaticFiles::Outcome StaticFiles::serve(const HttpRequest &request, ResponseWriter &out) const
{
    return serve(request, out, resolve(request.target));
}

StaticFiles::Outcome StaticFiles::serve(const HttpRequest &request, ResponseWriter &out,
                                        const Lookup &lookup) const
{
    const bool head = request.method == "HEAD";
    if (request.method != "GET" && !head) {
        sendText(out, 405, "Method Not Allowed\n", {{"Allow", "GET, HEAD"}});
        return Outcome::MethodNotAllowed;
    }
    if (lookup.status == Status::BadRequest) {
        sendText(out, 400, lookup.reason + "\n");
        return Outcome::BadRequest;
    }
    if (lookup.status == Status::Forbidden) {
        sendText(out, 403, lookup.reason + "\n");
        return Outcome::Forbidden;
    }
    if (lookup.status == Status::NotFound) {
        sendText(out, 404, "Not Found\n");
        return Outcome::NotFound;
    }

    const std::string etag = etagFor(lookup.file);
    std::vector<HttpHeader> headers{{"Cache-Control", "no-cache"}};
    if (!etag.empty()) {
        headers.emplace_back("ETag", etag);
        const std::string ifNoneMatch = request.header("If-None-Match");
        if (!ifNoneMatch.empty() && etagMatches(ifNoneMatch, etag)) {
            out.writeHead(304, std::move(headers));
            out.end();
            return Outcome::NotModified;
        }
    }

    std::string body;
    const FilePolicy::Decision read = policy_->read(lookup.file, body);
    if (read.verdict == FilePolicy::Verdict::Forbidden) {
        sendText(out, 403, read.reason + "\n");
        return Outcome::Forbidden;
    }
    if (!read.allowed()) {
        sendText(out, 500, "Cannot read file\n");
        return Outcome::Error;
    }
    headers.emplace_back("Content-Type", std::string(mimeTypeFor(lookup.file)));
    headers.emplace_back("Content-Length", std::to_string(body.size()));
    out.writeHead(200, std::move(headers));
    if (!head)
        out.writeChunk(body);
    out.end();
    return Outcome::Ok;
}

} // namespace sy
