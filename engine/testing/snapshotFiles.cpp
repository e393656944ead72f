#include "testing/snapshotFiles.h"

#include "server/filePolicy.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace sy {

namespace {

/// Closes a descriptor when it goes out of scope.
struct Fd {
    int fd = -1;
    explicit Fd(int f = -1) : fd(f) {}
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
    void reset(int f)
    {
        if (fd >= 0)
            ::close(fd);
        fd = f;
    }
};

bool isInside(const fs::path &path, const fs::path &root, fs::path &relative)
{
    const fs::path rel = path.lexically_relative(root);
    if (rel.empty() || *rel.begin() == "..")
        return false;
    relative = rel;
    return true;
}

std::string errnoText(int err)
{
    return std::strerror(err);
}

} // namespace

SnapshotFiles::SnapshotFiles(fs::path appRoot, std::shared_ptr<FilePolicy> policy)
    : m_root(appRoot.lexically_normal()), m_policy(std::move(policy))
{
    std::error_code ec;
    m_realRoot = fs::weakly_canonical(m_root, ec);
    if (ec)
        m_realRoot = m_root;
    if (!m_root.empty() && m_root.filename().empty())
        m_root = m_root.parent_path();
    if (!m_policy) {
        FilePolicyConfig config;
        config.appRoot = m_root;
        m_policy = std::make_shared<FilePolicy>(config);
    }
}

std::string SnapshotFiles::snapshotPathFor(std::string_view testPath)
{
    const fs::path test(testPath);
    return (test.parent_path() / "__snapshots__" / (test.filename().string() + ".snap"))
        .generic_string();
}

std::string SnapshotFiles::resolveRawPath(std::string_view testPath, std::string_view rawPath)
{
    const fs::path raw(rawPath);
    if (raw.is_absolute())
        return std::string(rawPath);
    fs::path resolved = (fs::path(testPath).parent_path() / raw).lexically_normal();
    std::string out = resolved.generic_string();
    if (out.size() > 1 && out.back() == '/')
        out.pop_back();
    return out;
}

std::optional<fs::path> SnapshotFiles::relativeInside(const std::string &path, bool forWrite,
                                                      std::string &error) const
{
    const fs::path asked(path);
    if (path.empty() || !asked.is_absolute() || path.find('\0') != std::string::npos) {
        error = "'" + path + "' is not an absolute path";
        return std::nullopt;
    }
    const fs::path normal = asked.lexically_normal();
    fs::path rel;
    if (!isInside(normal, m_root, rel) && !isInside(normal, m_realRoot, rel)) {
        error = "'" + path + "' is outside the app (" + m_root.generic_string() +
                "): snapshots are only read and written inside the app";
        return std::nullopt;
    }
    if (rel == ".") {
        error = "'" + path + "' is the app folder itself";
        return std::nullopt;
    }
    for (const fs::path &part : rel) {
        const std::string name = part.string();
        if (name.empty() || name == ".")
            continue;
        if (const std::string_view denied = FilePolicy::deniedPattern(name); !denied.empty()) {
            error = "'" + path + "' is refused: '" + name + "' matches the denied pattern " +
                    std::string(denied);
            return std::nullopt;
        }
        if (forWrite && (name == "node_modules" || name == ".switchyard")) {
            error = "'" + path + "' is refused: snapshots are never written into " + name;
            return std::nullopt;
        }
    }
    return rel;
}

int SnapshotFiles::openDirectory(const fs::path &relDir, bool create, bool *missing,
                                 std::string &error) const
{
    Fd dir(::open(m_realRoot.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.fd < 0) {
        error = "cannot open the app folder " + m_realRoot.string() + ": " + errnoText(errno);
        return -1;
    }
    fs::path walked;
    for (const fs::path &part : relDir) {
        const std::string name = part.string();
        if (name.empty() || name == ".")
            continue;
        walked /= part;
        int next = ::openat(dir.fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0 && errno == ENOENT) {
            if (!create) {
                if (missing)
                    *missing = true;
                return -1;
            }
            if (::mkdirat(dir.fd, name.c_str(), 0777) != 0 && errno != EEXIST) {
                error =
                    "cannot create " + (m_root / walked).generic_string() + ": " + errnoText(errno);
                return -1;
            }
            next = ::openat(dir.fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        if (next < 0) {
            const int err = errno;
            struct stat st {};
            const bool link = ::fstatat(dir.fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                              S_ISLNK(st.st_mode);
            error = (m_root / walked).generic_string() +
                    (link ? " is a symbolic link: snapshots are never written through one"
                          : (err == ENOTDIR ? " is not a folder" : ": " + errnoText(err)));
            return -1;
        }
        dir.reset(next);
    }
    const int fd = dir.fd;
    dir.fd = -1;
    return fd;
}

bool SnapshotFiles::read(const std::string &path, std::optional<std::string> &content,
                         std::string &error) const
{
    content.reset();
    if (!relativeInside(path, false, error))
        return false;
    std::string bytes;
    const FilePolicy::Decision decision = m_policy->read(fs::path(path).lexically_normal(), bytes);
    if (decision.verdict == FilePolicy::Verdict::NotFound) {
        // A folder, or a file that vanished: Vitest reads null only for a
        // missing path; anything else there cannot be a snapshot.
        std::error_code ec;
        if (fs::is_directory(fs::symlink_status(path, ec))) {
            error = "'" + path + "' is a folder, not a snapshot file";
            return false;
        }
        return true;
    }
    if (!decision.allowed()) {
        error = "'" + path + "' is refused: " + decision.reason;
        return false;
    }
    fs::path rel;
    if (!isInside(decision.realPath, m_realRoot, rel)) {
        error = "'" + path + "' resolves to " + decision.realPath.generic_string() +
                ", outside the app: snapshots are only read inside the app";
        return false;
    }
    content = std::move(bytes);
    return true;
}

bool SnapshotFiles::write(const std::string &path, std::string_view content,
                          std::string &error) const
{
    const std::optional<fs::path> rel = relativeInside(path, true, error);
    if (!rel)
        return false;
    if (content.size() > m_policy->maxFileBytes()) {
        error = "'" + path + "' would hold " + std::to_string(content.size()) +
                " bytes, more than the file size limit (" +
                std::to_string(m_policy->maxFileBytes()) + " bytes)";
        return false;
    }
    Fd dir(openDirectory(rel->parent_path(), true, nullptr, error));
    if (dir.fd < 0)
        return false;
    const std::string name = rel->filename().string();
    Fd file(::openat(dir.fd, name.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
                     0666));
    if (file.fd < 0) {
        const int err = errno;
        error = "cannot write '" + path +
                "': " + (err == ELOOP ? std::string("it is a symbolic link") : errnoText(err));
        return false;
    }
    struct stat st {};
    if (::fstat(file.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        error = "cannot write '" + path + "': not a regular file";
        return false;
    }
    if (st.st_nlink > 1) {
        error = "cannot write '" + path + "': it has " + std::to_string(st.st_nlink) +
                " hard links (one may lie outside the app)";
        return false;
    }
    if (::ftruncate(file.fd, 0) != 0) {
        error = "cannot write '" + path + "': " + errnoText(errno);
        return false;
    }
    size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(file.fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            error = "cannot write '" + path + "': " + errnoText(errno);
            return false;
        }
        done += static_cast<size_t>(n);
    }
    return true;
}

bool SnapshotFiles::remove(const std::string &path, std::string &error) const
{
    const std::optional<fs::path> rel = relativeInside(path, true, error);
    if (!rel)
        return false;
    bool missing = false;
    Fd dir(openDirectory(rel->parent_path(), false, &missing, error));
    if (dir.fd < 0)
        return missing;
    const std::string name = rel->filename().string();
    struct stat st {};
    if (::fstatat(dir.fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT
                   ? true
                   : (error = "cannot remove '" + path + "': " + errnoText(errno), false);
    if (!S_ISREG(st.st_mode)) {
        error = "cannot remove '" + path + "': not a regular file";
        return false;
    }
    if (::unlinkat(dir.fd, name.c_str(), 0) != 0 && errno != ENOENT) {
        error = "cannot remove '" + path + "': " + errnoText(errno);
        return false;
    }
    return true;
}

bool SnapshotFiles::makeDirectories(const std::string &path, std::string &error) const
{
    const std::optional<fs::path> rel = relativeInside(path, true, error);
    if (!rel)
        return false;
    Fd dir(openDirectory(*rel, true, nullptr, error));
    return dir.fd >= 0;
}

} // namespace sy
