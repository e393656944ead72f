#pragma once
// The one check every dev-server route that reads a file goes through: client
// module transforms, /@fs/, /@id/, pre-bundled deps, public/ files, code
// frames, and any route added later. Modelled on Vite's server.fs (strict
// allow list + server.fs.deny) plus the secrets of a Workers app.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

/// A request-target's path after percent-decoding and dot-segment removal.
struct RequestPath {
    /// 200, or 400 when the path is malformed: not starting with '/', a
    /// malformed %-escape, a NUL byte (raw or %00), a backslash, or a ".."
    /// segment that survives normalization (one that would climb above "/").
    int status = 200;
    std::string path;   ///< decoded and normalized ("/a/b"; no "//", "/./" or ".."), when 200
    std::string reason; ///< one line, when 400
};

/// The path of `target` (everything before '?' or '#'), percent-decoded once
/// ("%2e%2E" -> ".."), then normalized as a URL parser does: empty and "."
/// segments dropped, ".." removes the segment before it. A trailing '/' is
/// dropped. The query is never looked at.
RequestPath normalizeRequestPath(std::string_view target);

/// `text` for a one-line message: control bytes and bytes >= 0x80 as %XX.
std::string printablePath(std::string_view text);

struct FilePolicyConfig {
    /// The app folder. The node_modules folders the app resolves into (its
    /// own and its ancestors', as Node's resolution walks up; symlinks
    /// followed, and so are symlinked packages inside them: a link to a folder
    /// with a package.json that does not hold the app) are allowed too;
    /// they are scanned again when a node_modules folder changed (mtime) or
    /// a path lies outside every root while one changed less than a second
    /// before the last scan.
    /// Empty: no app (only extraRoots).
    std::filesystem::path appRoot;
    /// Other allowed folders, e.g. Switchyard's runtime or public/.
    std::vector<std::filesystem::path> extraRoots;
    /// Folders denied even inside the allowed ones, e.g. <app>/.switchyard/storage.
    std::vector<std::filesystem::path> deniedDirs;
    /// Files larger than this are refused (bytes).
    uint64_t maxFileBytes = 64ull << 20;
};

/// Decides whether the dev server may read a file, and reads it.
///
/// Allowed: regular files whose real path (symlinks resolved) lies inside an
/// allowed root (the app, the node_modules it resolves into, extraRoots),
/// no larger than maxFileBytes. Denied even there (case-insensitive, on every
/// path component below the root, on the real path and on the path asked
/// for): Vite 7's server.fs.deny defaults `.env`, `.env.*`, `*.{crt,pem}`,
/// `**/.git/**`, Vite 8's additions `*.{key,p12,pfx,cer,der}`, `.npmrc`,
/// `.yarnrc.yml`, and the Workers secrets and local state `.dev.vars*`,
/// `.wrangler/**`, the Worker's config `wrangler.{json,jsonc,toml}` (its vars),
/// plus config.deniedDirs (the dev server's storage).
/// FIFOs, devices, sockets and procfs/sysfs files are refused without being
/// opened (stat first); a read opens with O_NONBLOCK | O_NOFOLLOW and checks
/// again what it opened (the fd's real path, type and size), so a file
/// swapped between check and open is caught.
///
/// Threads: check() and read() may be called from any thread (the roots
/// cache has its own mutex; the size cap is atomic).
class FilePolicy {
public:
    enum class Verdict { Allowed, NotFound, Forbidden };
    struct Decision {
        Verdict verdict = Verdict::NotFound;
        std::string reason;             ///< one line when not Allowed
        std::filesystem::path realPath; ///< when Allowed
        uint64_t size = 0;              ///< bytes, when Allowed
        bool allowed() const { return verdict == Verdict::Allowed; }
        /// 200, 404 or 403.
        int httpStatus() const;
    };

    explicit FilePolicy(FilePolicyConfig config);
    ~FilePolicy();

    /// Checks the absolute path `file` without opening it. NotFound when it
    /// does not exist or is a directory (the route may fall through);
    /// Forbidden with a reason for everything else the policy refuses.
    Decision check(const std::filesystem::path &file) const;

    /// check() + read the whole file into `content` (bytes). A file that
    /// changed into something refused between check and open is Forbidden;
    /// an I/O error is NotFound with the errno text as reason.
    Decision read(const std::filesystem::path &file, std::string &content) const;

    /// The deny pattern a single path component matches ("" when none):
    /// ".env", ".env.*", "*.pem", ".git", ".dev.vars*", ... (case-insensitive).
    static std::string_view deniedPattern(std::string_view name);

    /// The size cap in bytes (FilePolicyConfig::maxFileBytes; `serve --max-file-size`).
    uint64_t maxFileBytes() const;
    void setMaxFileBytes(uint64_t bytes);

    /// The allowed roots as real paths, as of now (rescans node_modules when
    /// they changed).
    std::vector<std::filesystem::path> allowedRoots() const;

    /// How many times the roots were scanned so far (diagnostics). A path outside every root
    /// scans again only while node_modules changed less than a second before the last scan.
    uint64_t rootScans() const;

private:
    struct Roots;
    /// Forbidden/Allowed for a real path: roots, deny list, denied dirs.
    Decision checkRealPath(const std::filesystem::path &asked,
                           const std::filesystem::path &real) const;
    std::vector<std::filesystem::path> rootsFor(const std::filesystem::path &real) const;

    FilePolicyConfig m_config;
    mutable std::mutex m_mutex;
    mutable std::unique_ptr<Roots> m_roots;
    mutable uint64_t m_scans = 0; ///< guarded by m_mutex
    std::atomic<uint64_t> m_maxFileBytes;
};

} // namespace sy
