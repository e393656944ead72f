#include "server/filePolicy.h"

#include "server/urlPath.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace sy {

namespace {

constexpr long kProcSuperMagic = 0x9fa0;
constexpr long kSysfsMagic = 0x62656572;

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

bool startsWithNoCase(std::string_view s, std::string_view prefix)
{
    return s.size() >= prefix.size() && equalsNoCase(s.substr(0, prefix.size()), prefix);
}

bool endsWithNoCase(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && equalsNoCase(s.substr(s.size() - suffix.size()), suffix);
}

/// `path` is `root` or below it (both normalized absolute paths).
bool isWithin(const fs::path &path, const fs::path &root)
{
    auto [rootEnd, pathIt] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
    (void)pathIt;
    return rootEnd == root.end();
}

/// The first component of `path` below `root` matching a deny pattern.
std::string_view deniedComponent(const fs::path &path, const fs::path &root, std::string *name)
{
    for (const fs::path &part : path.lexically_relative(root)) {
        const std::string text = part.string();
        const std::string_view pattern = FilePolicy::deniedPattern(text);
        if (!pattern.empty()) {
            if (name)
                *name = text;
            return pattern;
        }
    }
    return {};
}

int64_t mtimeOf(const fs::path &path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return -1;
    return int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

std::string megabytes(uint64_t bytes)
{
    if (bytes % (1ull << 20) == 0)
        return std::to_string(bytes >> 20) + " MB";
    return std::to_string(bytes) + " bytes";
}

FilePolicy::Decision refused(FilePolicy::Verdict verdict, std::string reason)
{
    FilePolicy::Decision d;
    d.verdict = verdict;
    d.reason = std::move(reason);
    return d;
}

std::string quoted(const fs::path &path)
{
    return "\"" + printablePath(path.native()) + "\"";
}

} // namespace

RequestPath normalizeRequestPath(std::string_view target)
{
    RequestPath out;
    auto bad = [&](std::string reason) {
        out.status = 400;
        out.path.clear();
        out.reason = "Bad request path: " + std::move(reason);
        return out;
    };
    const std::string_view raw = targetPath(target);
    if (raw.find('\0') != std::string_view::npos)
        return bad("NUL byte");
    if (raw.empty() || raw.front() != '/')
        return bad("it must start with '/'");
    std::string decoded;
    decoded.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '%') {
            decoded.push_back(raw[i]);
            continue;
        }
        // percentDecode() refuses malformed escapes and NUL; decode one escape at a time
        // to tell the two apart.
        const std::optional<std::string> one = percentDecode(raw.substr(i, 3));
        if (!one) {
            if (raw.substr(i, 3) == "%00")
                return bad("NUL byte (%00)");
            return bad("malformed percent-escape");
        }
        decoded += *one;
        i += 2;
    }
    if (decoded.find('\\') != std::string::npos)
        return bad("backslash");
    std::vector<std::string_view> segments;
    std::string_view rest = decoded;
    while (!rest.empty()) {
        const size_t slash = rest.find('/');
        const std::string_view segment = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
        if (segment.empty() || segment == ".")
            continue;
        if (segment == "..") {
            if (segments.empty())
                return bad("'..' above the root");
            segments.pop_back();
            continue;
        }
        segments.push_back(segment);
    }
    for (const std::string_view segment : segments) {
        out.path += '/';
        out.path += segment;
    }
    if (out.path.empty())
        out.path = "/";
    return out;
}

std::string printablePath(std::string_view text)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x7f) {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 15];
        } else {
            out += c;
        }
    }
    return out;
}

int FilePolicy::Decision::httpStatus() const
{
    switch (verdict) {
    case Verdict::Allowed:
        return 200;
    case Verdict::NotFound:
        return 404;
    case Verdict::Forbidden:
        return 403;
    }
    return 403;
}

/// The allowed roots (real paths) and what was scanned to find them.
struct FilePolicy::Roots {
    std::vector<fs::path> real;
    std::vector<std::pair<fs::path, int64_t>> watched; ///< node_modules (and @scope) dirs, mtime
    /// Every watched folder was last changed well before the scan began, so any later change
    /// moves its mtime and stale() sees it; otherwise a link made in the same timestamp tick
    /// as the scan could be missed, and a path outside every root is worth one more scan.
    bool settled = false;

    /// Sets `settled`, given when the scan began (ns since the epoch, CLOCK_REALTIME).
    void settle(int64_t scanStartNs)
    {
        constexpr int64_t kMtimeSlackNs = 1'000'000'000; // far above any file system's tick
        settled = std::all_of(watched.begin(), watched.end(), [&](const auto &w) {
            return w.second < scanStartNs - kMtimeSlackNs;
        });
    }

    bool stale() const
    {
        return std::any_of(watched.begin(), watched.end(),
                           [](const auto &w) { return mtimeOf(w.first) != w.second; });
    }

    void add(const fs::path &dir)
    {
        std::error_code ec;
        fs::path realDir = fs::canonical(dir, ec);
        if (ec || !fs::is_directory(realDir, ec))
            return;
        if (std::find(real.begin(), real.end(), realDir) == real.end())
            real.push_back(std::move(realDir));
    }

    /// A symlinked entry of node_modules, when it is a package: a folder with a
    /// package.json that does not hold the app. A link to "/", to a home folder
    /// or to a folder that is no package would open every file below it.
    void addLinkedPackage(const fs::path &link, const fs::path &app)
    {
        std::error_code ec;
        const fs::path realDir = fs::canonical(link, ec);
        if (ec || !fs::is_regular_file(realDir / "package.json", ec))
            return;
        if (realDir != app && isWithin(app, realDir))
            return;
        add(realDir);
    }

    /// A node_modules folder: itself, plus every symlinked package in it
    /// (npm/yarn workspaces, pnpm, `file:` links), scoped ones included.
    /// `app` is the app's real path.
    void addNodeModules(const fs::path &dir, const fs::path &app)
    {
        watched.emplace_back(dir, mtimeOf(dir));
        std::error_code ec;
        if (!fs::is_directory(dir, ec))
            return;
        add(dir);
        // In a linked scope folder (node_modules/@scope -> elsewhere) every package counts.
        auto addLinks = [&](const fs::path &folder, bool linkedFolder) {
            std::error_code iterError;
            for (fs::directory_iterator it(folder, iterError), end; !iterError && it != end;
                 it.increment(iterError)) {
                std::error_code linkError;
                if (linkedFolder || it->is_symlink(linkError))
                    addLinkedPackage(it->path(), app);
            }
        };
        addLinks(dir, false);
        std::error_code iterError;
        for (fs::directory_iterator it(dir, iterError), end; !iterError && it != end;
             it.increment(iterError)) {
            const std::string name = it->path().filename().string();
            std::error_code typeError;
            if (!name.empty() && name.front() == '@' && it->is_directory(typeError)) {
                watched.emplace_back(it->path(), mtimeOf(it->path()));
                std::error_code linkError;
                addLinks(it->path(), it->is_symlink(linkError));
            }
        }
    }
};

FilePolicy::FilePolicy(FilePolicyConfig config)
    : m_config(std::move(config)), m_maxFileBytes(m_config.maxFileBytes)
{
}

FilePolicy::~FilePolicy() = default;

uint64_t FilePolicy::maxFileBytes() const
{
    return m_maxFileBytes.load();
}

void FilePolicy::setMaxFileBytes(uint64_t bytes)
{
    m_maxFileBytes.store(bytes);
}

std::string_view FilePolicy::deniedPattern(std::string_view name)
{
    // Vite 7's server.fs.deny defaults.
    if (equalsNoCase(name, ".env"))
        return ".env";
    if (startsWithNoCase(name, ".env."))
        return ".env.*";
    if (equalsNoCase(name, ".git"))
        return "**/.git/**";
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kSuffixes{{
        {".crt", "*.crt"},
        {".pem", "*.pem"},
        // Vite 8 added these to the defaults.
        {".key", "*.key"},
        {".p12", "*.p12"},
        {".pfx", "*.pfx"},
        {".cer", "*.cer"},
        {".der", "*.der"},
    }};
    for (const auto &[suffix, pattern] : kSuffixes)
        if (endsWithNoCase(name, suffix))
            return pattern;
    if (equalsNoCase(name, ".npmrc"))
        return ".npmrc";
    if (equalsNoCase(name, ".yarnrc.yml"))
        return ".yarnrc.yml";
    // Workers: wrangler's secrets file and its local state (KV/D1/R2 data).
    if (startsWithNoCase(name, ".dev.vars"))
        return ".dev.vars*";
    if (equalsNoCase(name, ".wrangler"))
        return ".wrangler/**";
    // The Worker's config: its vars are bindings, which reach a response only when the app
    // renders them (no client module imports it).
    if (equalsNoCase(name, "wrangler.json") || equalsNoCase(name, "wrangler.jsonc") ||
        equalsNoCase(name, "wrangler.toml"))
        return "wrangler.{json,jsonc,toml}";
    return {};
}

std::vector<fs::path> FilePolicy::rootsFor(const fs::path &real) const
{
    std::lock_guard lock(m_mutex);
    auto containing = [&] {
        std::vector<fs::path> out;
        for (const fs::path &root : m_roots->real)
            if (isWithin(real, root))
                out.push_back(root);
        return out;
    };
    auto scan = [&] {
        ++m_scans;
        struct timespec now {};
        ::clock_gettime(CLOCK_REALTIME, &now);
        auto roots = std::make_unique<Roots>();
        if (!m_config.appRoot.empty()) {
            roots->add(m_config.appRoot);
            std::error_code ec;
            const fs::path app = fs::weakly_canonical(m_config.appRoot, ec);
            for (fs::path dir = app; !dir.empty(); dir = dir.parent_path()) {
                roots->addNodeModules(dir / "node_modules", app);
                if (dir == dir.root_path())
                    break;
            }
        }
        for (const fs::path &extra : m_config.extraRoots)
            roots->add(extra);
        roots->settle(int64_t(now.tv_sec) * 1000000000 + now.tv_nsec);
        m_roots = std::move(roots);
    };
    const bool scanned = !m_roots || m_roots->stale();
    if (scanned)
        scan();
    std::vector<fs::path> found = containing();
    // A package linked within the mtime granularity of the last scan: look once more, unless
    // node_modules has been quiet since well before that scan (then every path outside the
    // roots, e.g. a flood of /@fs/etc/passwd, rescanned thousands of packages each).
    if (found.empty() && !scanned && !m_roots->settled) {
        scan();
        found = containing();
    }
    return found;
}

uint64_t FilePolicy::rootScans() const
{
    std::lock_guard lock(m_mutex);
    return m_scans;
}

std::vector<fs::path> FilePolicy::allowedRoots() const
{
    rootsFor("/");
    std::lock_guard lock(m_mutex);
    return m_roots->real;
}

FilePolicy::Decision FilePolicy::checkRealPath(const fs::path &asked, const fs::path &real) const
{
    if (isWithin(real, "/proc") || isWithin(real, "/sys"))
        return refused(Verdict::Forbidden,
                       "Forbidden: " + quoted(asked) + " is a kernel file (procfs/sysfs)");
    const std::vector<fs::path> roots = rootsFor(real);
    if (roots.empty())
        return refused(Verdict::Forbidden,
                       "Forbidden: " + quoted(asked) +
                           " is outside the app, its node_modules and Switchyard's runtime");
    for (const fs::path &root : roots) {
        std::string name;
        const std::string_view pattern = deniedComponent(real, root, &name);
        if (!pattern.empty())
            return refused(Verdict::Forbidden, "Forbidden: " + quoted(asked) + " is denied (\"" +
                                                   printablePath(name) + "\" matches " +
                                                   std::string(pattern) + ")");
    }
    for (const fs::path &dir : m_config.deniedDirs) {
        std::error_code ec;
        const fs::path realDir = fs::weakly_canonical(dir, ec);
        if (!ec && isWithin(real, realDir))
            return refused(Verdict::Forbidden,
                           "Forbidden: " + quoted(asked) + " is inside " + quoted(dir));
    }
    Decision ok;
    ok.verdict = Verdict::Allowed;
    ok.realPath = real;
    return ok;
}

FilePolicy::Decision FilePolicy::check(const fs::path &file) const
{
    if (file.native().find('\0') != std::string::npos)
        return refused(Verdict::Forbidden, "Forbidden: NUL byte in " + quoted(file));
    if (!file.is_absolute())
        return refused(Verdict::Forbidden,
                       "Forbidden: " + quoted(file) + " is not an absolute path");
    const fs::path asked = file.lexically_normal();
    // The name asked for counts too (a symlink named .env is refused, wherever it points).
    {
        std::string name;
        std::string_view pattern = FilePolicy::deniedPattern(asked.filename().string());
        name = asked.filename().string();
        if (pattern.empty() && !m_config.appRoot.empty() && isWithin(asked, m_config.appRoot))
            pattern = deniedComponent(asked, m_config.appRoot, &name);
        if (!pattern.empty())
            return refused(Verdict::Forbidden, "Forbidden: " + quoted(asked) + " is denied (\"" +
                                                   printablePath(name) + "\" matches " +
                                                   std::string(pattern) + ")");
    }
    std::error_code ec;
    const fs::path real = fs::canonical(asked, ec);
    if (ec)
        return refused(Verdict::NotFound, "Not found: " + quoted(asked));
    Decision d = checkRealPath(asked, real);
    if (!d.allowed())
        return d;
    struct stat st {};
    if (::stat(real.c_str(), &st) != 0)
        return refused(Verdict::NotFound, "Not found: " + quoted(asked));
    if (S_ISDIR(st.st_mode))
        return refused(Verdict::NotFound, "Not found: " + quoted(asked) + " is a directory");
    if (!S_ISREG(st.st_mode))
        return refused(Verdict::Forbidden, "Forbidden: " + quoted(asked) +
                                               " is not a regular file (a FIFO, device or socket)");
    const uint64_t cap = maxFileBytes();
    if (uint64_t(st.st_size) > cap)
        return refused(Verdict::Forbidden, "Forbidden: " + quoted(asked) + " is larger than the " +
                                               megabytes(cap) + " file size limit");
    d.size = uint64_t(st.st_size);
    return d;
}

FilePolicy::Decision FilePolicy::read(const fs::path &file, std::string &content) const
{
    content.clear();
    Decision d = check(file);
    if (!d.allowed())
        return d;
    const int fd =
        ::open(d.realPath.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int error = errno;
        if (error == ELOOP)
            return refused(Verdict::Forbidden,
                           "Forbidden: " + quoted(file) + " became a symlink while it was read");
        return refused(Verdict::NotFound,
                       "Cannot read " + quoted(file) + ": " + std::strerror(error));
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    // What was opened is checked again: a path swapped after check() is caught here.
    struct stat st {};
    struct statfs fsInfo {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || ::fstatfs(fd, &fsInfo) != 0 ||
        long(fsInfo.f_type) == kProcSuperMagic || long(fsInfo.f_type) == kSysfsMagic)
        return refused(Verdict::Forbidden, "Forbidden: " + quoted(file) + " is not a regular file");
    const uint64_t cap = maxFileBytes();
    if (uint64_t(st.st_size) > cap)
        return refused(Verdict::Forbidden, "Forbidden: " + quoted(file) + " is larger than the " +
                                               megabytes(cap) + " file size limit");
    const std::string fdPath = "/proc/self/fd/" + std::to_string(fd);
    std::string opened(4096, '\0');
    const ssize_t length = ::readlink(fdPath.c_str(), opened.data(), opened.size());
    if (length > 0 && size_t(length) < opened.size()) {
        opened.resize(size_t(length));
        if (fs::path(opened) != d.realPath) {
            Decision again = checkRealPath(file, fs::path(opened));
            if (!again.allowed())
                return again;
        }
    }
    content.reserve(size_t(st.st_size));
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            content.clear();
            return refused(Verdict::NotFound,
                           "Cannot read " + quoted(file) + ": " + std::strerror(error));
        }
        if (n == 0)
            break;
        if (content.size() + size_t(n) > cap) {
            content.clear();
            return refused(Verdict::Forbidden, "Forbidden: " + quoted(file) +
                                                   " is larger than the " + megabytes(cap) +
                                                   " file size limit");
        }
        content.append(buffer, size_t(n));
    }
    d.size = content.size();
    return d;
}

} // namespace sy
