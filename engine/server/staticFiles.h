#pragma once
// Serving files from allowed roots (public/, the app root, optimized deps...).
#include "core/httpTypes.h"
#include "server/filePolicy.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

/// Serves files below allowed roots (public/). A request-target is normalized by
/// normalizeRequestPath() (400 for NUL, malformed escapes, backslashes, ".." above the root), then
/// looked up in each root in order; the first existing match wins. The match's real path
/// (symlinks resolved) must still be below that root's real path, and the FilePolicy must allow it
/// (deny list, regular files only, size cap), else 403 with a one-line reason. A directory serves
/// its index.html. Responses carry Content-Type, a weak ETag (size + mtime), Cache-Control:
/// no-cache, and If-None-Match gives 304. Only GET and HEAD (others: 405).
///
/// Threads: immutable after construction; resolve()/serve() may be called from any thread. They
/// do blocking file I/O (fine for dev-sized files, but keep huge files off the I/O thread).
class StaticFiles {
public:
    enum class Status { Found, NotFound, Forbidden, BadRequest };
    struct Lookup {
        Status status = Status::NotFound;
        std::filesystem::path file; ///< real path of the file when Found
        std::string reason;         ///< one line when Forbidden or BadRequest
    };
    enum class Outcome {
        Ok,
        NotModified,
        NotFound,
        Forbidden,
        BadRequest,
        MethodNotAllowed,
        Error
    };

    /// Roots that do not exist are kept (they may appear later) and resolved at each lookup.
    /// `policy` decides what may be read (the dev server passes its one FilePolicy); null: a
    /// policy whose allowed roots are `roots`, with the default deny list and size cap.
    explicit StaticFiles(std::vector<std::filesystem::path> roots,
                         std::shared_ptr<const FilePolicy> policy = nullptr);

    /// Maps a request-target ("/assets/a.css?v=1") to a file without touching the response.
    Lookup resolve(std::string_view target) const;

    /// Writes a complete response to `out` (200, 304, 400, 403 with the reason, 404, 405 or 500
    /// when reading fails) and returns what it did. Callers that want to fall through on a miss
    /// call resolve() first.
    Outcome serve(const HttpRequest &request, ResponseWriter &out) const;
    /// serve() with the resolve() of `request.target` the caller already made.
    Outcome serve(const HttpRequest &request, ResponseWriter &out, const Lookup &lookup) const;

    /// Weak validator for a file: W/"<size hex>-<mtime hex>"; empty if it cannot be stat'ed.
    static std::string etagFor(const std::filesystem::path &file);

    const std::vector<std::filesystem::path> &roots() const { return roots_; }

private:
    std::vector<std::filesystem::path> roots_;
    std::shared_ptr<const FilePolicy> policy_;
};

} // namespace sy
