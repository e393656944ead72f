#include "server/staticFiles.h"

#include "server/mimeTypes.h"
#include "server/urlPath.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>

namespace fs = std::filesystem;

namespace sy {

namespace {

/// Names never served, wherever they are (Vite's server.fs.deny defaults, plus keys).
bool isDeniedName(std::string_view name)
{
    if (name == ".git" || name == ".env" || name.starts_with(".env."))
        return true;
    for (std::string_view suffix : {".pem", ".crt", ".key"}) {
        if (name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix)
            return true;
    }
    return false;
}

bool isWithin(const fs::path &file, const fs::path &root)
{
    auto [rootEnd, fileIt] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    (void)fileIt;
    return rootEnd == root.end();
}

bool hasDeniedComponent(const fs::path &file, const fs::path &root)
{
    const fs::path relative = file.lexically_relative(root);
    return std::any_of(relative.begin(), relative.end(),
                       [](const fs::path &part) { return isDeniedName(part.string()); });
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

StaticFiles::StaticFiles(std::vector<fs::path> roots) : roots_(std::move(roots)) {}

StaticFiles::Lookup StaticFiles::resolve(std::string_view target) const
{
    const std::optional<std::string> decoded = percentDecode(targetPath(target));
    if (!decoded || decoded->empty() || decoded->front() != '/' ||
        decoded->find('\\') != std::string::npos)
        return {Status::Forbidden, {}};

    fs::path relative;
    std::string_view rest = *decoded;
    while (!rest.empty()) {
        const size_t slash = rest.find('/');
        const std::string_view segment = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
        if (segment.empty() || segment == ".")
            continue;
        if (segment == ".." || isDeniedName(segment))
            return {Status::Forbidden, {}};
        relative /= fs::path(std::string(segment));
    }

    for (const fs::path &root : roots_) {
        std::error_code ec;
        const fs::path realRoot = fs::canonical(root, ec);
        if (ec)
            continue;
        const fs::path candidate = relative.empty() ? realRoot : realRoot / relative;
        if (!fs::exists(candidate, ec))
            continue; // also a dangling symlink: nothing to serve
        fs::path real = fs::canonical(candidate, ec);
        if (ec)
            continue;
        if (!isWithin(real, realRoot) || hasDeniedComponent(real, realRoot))
            return {Status::Forbidden, {}};
        if (fs::is_directory(real, ec)) {
            const fs::path index = real / "index.html";
            if (!fs::exists(index, ec))
                continue;
            real = fs::canonical(index, ec);
            if (ec)
                continue;
            if (!isWithin(real, realRoot) || hasDeniedComponent(real, realRoot))
                return {Status::Forbidden, {}};
        }
        if (!fs::is_regular_file(real, ec))
            return {Status::Forbidden, {}}; // fifos, devices, sockets
        return {Status::Found, real};
    }
    return {Status::NotFound, {}};
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
    const bool head = request.method == "HEAD";
    if (request.method != "GET" && !head) {
        sendText(out, 405, "Method Not Allowed\n", {{"Allow", "GET, HEAD"}});
        return Outcome::MethodNotAllowed;
    }
    const Lookup lookup = resolve(request.target);
    if (lookup.status == Status::Forbidden) {
        sendText(out, 403, "Forbidden\n");
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

    std::ifstream in(lookup.file, std::ios::binary);
    std::string body;
    if (in)
        body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in || in.bad()) {
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
