#include "dev/fileWatcher.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/inotify.h>
#include <unistd.h>

namespace sy {

namespace {
/// What a folder's watch reports: its entries' content and metadata changes,
/// creations, removals and renames (a rename over a file is IN_MOVED_TO).
constexpr uint32_t kFolderEvents = IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM |
                                   IN_MOVED_TO | IN_ONLYDIR | IN_EXCL_UNLINK;
/// What a symlinked file's watch (on its target) reports.
constexpr uint32_t kLinkEvents = IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;

bool skippedDir(const QString &name)
{
    return name == QLatin1String("node_modules") || name.startsWith(QLatin1Char('.'));
}
// Editors' temporary files, never app sources. chokidar (Vite's watcher)
// drops /\..*\.(sw[px])$|~$|\.subl.*\.tmp/ when `atomic` is on (its default
// without polling); the rest are what editors and tools write beside a file
// they save: GNU sed -i's mkstemp "sedXXXXXX", vim's swap files (.swp, .swo,
// ... .swa, .swx) and its writability probe "4913" (then 4913 + 123k), emacs'
// lock ".#name" and auto-save "#name#", backups "name~", JetBrains' safe-write
// "name___jb_tmp___" / "___jb_old___", Kate's ".kate-swp".
bool isEditorTempFile(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(^sed[A-Za-z0-9]{6}$|\.sw[a-px]$|~$|^\.#|^#.*#$|___jb_(tmp|old)___$|\.kate-swp$|)"
        R"(\.subl.*\.tmp$)"));
    if (pattern.match(name).hasMatch())
        return true;
    bool numeric = false;
    const int n = name.toInt(&numeric);
    return numeric && n >= 4913 && (n - 4913) % 123 == 0 && name.size() <= 6 &&
           !name.startsWith(QLatin1Char('0'));
}

const QStringList kRootFiles{QStringLiteral("package.json"),   QStringLiteral("package-lock.json"),
                             QStringLiteral("pnpm-lock.yaml"), QStringLiteral("yarn.lock"),
                             QStringLiteral("wrangler.jsonc"), QStringLiteral("wrangler.json"),
                             QStringLiteral("wrangler.toml")};

/// `path` lies inside the folder `dir` (not `dir` itself).
bool under(const QString &path, const QString &dir)
{
    return path.size() > dir.size() && path.startsWith(dir) &&
           path.at(dir.size()) == QLatin1Char('/');
}
} // namespace

FileWatcher::FileWatcher(const QString &root, int debounceMs, QObject *parent)
    : QObject(parent), m_root(QDir(root).canonicalPath()),
      m_maxBatchDelayMs(std::max(kMaxBatchDelayMs, 2 * debounceMs))
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(debounceMs);
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        QStringList files;
        {
            std::lock_guard lock(m_mutex);
            files = QStringList(m_pending.begin(), m_pending.end());
            m_pending.clear();
        }
        files.sort();
        if (!files.isEmpty())
            emit filesChanged(files);
    });
    m_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (m_fd < 0) {
        m_error = QStringLiteral("cannot watch files: inotify_init1: %1 (raise "
                                 "fs.inotify.max_user_instances)")
                      .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, [this] { syncPending(); });
    std::lock_guard lock(m_mutex);
    scanLocked(m_root, false, nullptr);
}

FileWatcher::~FileWatcher()
{
    m_notifier.reset();
    if (m_fd >= 0)
        ::close(m_fd);
}

int FileWatcher::watchedCount() const
{
    std::lock_guard lock(m_mutex);
    return int(m_watchDirs.size() + m_watchLinks.size());
}

QString FileWatcher::error() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

bool FileWatcher::isWatchedFile(const QString &path) const
{
    const QFileInfo info(path);
    if (isEditorTempFile(info.fileName()))
        return false;
    if (info.absolutePath() == m_root) {
        // Also the root's JSON files (tsconfig.json and the configs it may
        // extend), env files (import.meta.env, the worker's env) and vite.config.*.
        const QString name = info.fileName();
        return kRootFiles.contains(name) || name.endsWith(QLatin1String(".json")) ||
               name == QLatin1String(".env") || name.startsWith(QLatin1String(".env.")) ||
               name == QLatin1String(".dev.vars") || name.startsWith(QLatin1String(".dev.vars.")) ||
               name.startsWith(QLatin1String("vite.config.")); // restart to apply
    }
    return true;
}

void FileWatcher::syncPending()
{
    if (m_fd < 0)
        return;
    bool restart = false;
    {
        std::lock_guard lock(m_mutex);
        drainLocked();
        restart = std::exchange(m_restartDue, false);
    }
    if (!restart)
        return;
    if (QThread::currentThread() == thread())
        m_debounce.start();
    else
        QMetaObject::invokeMethod(&m_debounce, qOverload<>(&QTimer::start), Qt::QueuedConnection);
}

void FileWatcher::drainLocked()
{
    alignas(inotify_event) char buffer[16 * 1024];
    for (;;) {
        const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
        if (n <= 0)
            return; // EAGAIN: nothing more queued
        for (ssize_t at = 0; at < n;) {
            const auto *event = reinterpret_cast<const inotify_event *>(buffer + at);
            at += ssize_t(sizeof(inotify_event) + event->len);
            eventLocked(*event);
        }
    }
}

void FileWatcher::eventLocked(const inotify_event &event)
{
    if (event.mask & IN_Q_OVERFLOW) {
        // Events were lost: what changed is found by comparing with the stamps.
        QSet<QString> present;
        scanLocked(m_root, true, &present);
        for (auto it = m_stamps.begin(); it != m_stamps.end();) {
            if (present.contains(it.key())) {
                ++it;
                continue;
            }
            noteLocked(it.key());
            it = m_stamps.erase(it);
        }
        return;
    }
    if (event.mask & IN_IGNORED) { // the watch went (its folder was removed)
        const QString dir = m_watchDirs.take(event.wd);
        if (!dir.isEmpty() && m_dirWatches.value(dir, -1) == event.wd)
            m_dirWatches.remove(dir);
        m_watchLinks.remove(event.wd);
        return;
    }
    if (const auto link = m_watchLinks.constFind(event.wd); link != m_watchLinks.constEnd()) {
        const QStringList files = *link;
        for (const QString &file : files)
            fileEventLocked(file);
        return;
    }
    const QString dir = m_watchDirs.value(event.wd);
    if (dir.isEmpty() || event.len == 0 || event.name[0] == '\0')
        return; // an event of the watched folder itself: its parent reports it
    const QString name = QFile::decodeName(event.name);
    const QString path = dir + QLatin1Char('/') + name;
    if (event.mask & IN_ISDIR) {
        if (event.mask & (IN_CREATE | IN_MOVED_TO)) {
            if (!skippedDir(name))
                scanLocked(path, true, nullptr);
        } else if (event.mask & (IN_DELETE | IN_MOVED_FROM)) {
            removeTreeLocked(path);
        }
        return;
    }
    fileEventLocked(path);
}

void FileWatcher::fileEventLocked(const QString &path)
{
    if (!isWatchedFile(path))
        return;
    const QFileInfo info(path);
    if (info.exists()) {
        if (info.isDir())
            return; // a symlink to a folder: folders are never followed
        m_stamps.insert(path, {info.size(), info.lastModified()});
        if (info.isSymLink())
            watchLinkLocked(path);
    } else {
        m_stamps.remove(path);
        for (auto it = m_watchLinks.begin(); it != m_watchLinks.end(); ++it)
            it->removeAll(path);
    }
    noteLocked(path);
}

void FileWatcher::watchLinkLocked(const QString &file)
{
    const int wd = inotify_add_watch(m_fd, QFile::encodeName(file).constData(), kLinkEvents);
    if (wd < 0)
        return; // a dangling link: its folder's watch still reports it
    QStringList &files = m_watchLinks[wd];
    if (!files.contains(file))
        files << file;
}

void FileWatcher::scanLocked(const QString &dir, bool reportNew, QSet<QString> *present)
{
    // Watch first, list second: a file created in between is still seen.
    if (!m_dirWatches.contains(dir)) {
        const int wd = inotify_add_watch(m_fd, QFile::encodeName(dir).constData(), kFolderEvents);
        if (wd < 0) {
            if (m_error.isEmpty())
                m_error = QStringLiteral("cannot watch %1: %2 (raise fs.inotify.max_user_watches)")
                              .arg(dir, QString::fromLocal8Bit(std::strerror(errno)));
            return;
        }
        m_watchDirs.insert(wd, dir);
        m_dirWatches.insert(dir, wd);
    }
    QDirIterator it(dir, QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isDir()) {
            if (!skippedDir(info.fileName()) && !info.isSymLink())
                scanLocked(path, reportNew, present);
            continue;
        }
        if (!isWatchedFile(path))
            continue;
        if (present)
            present->insert(path);
        const QPair<qint64, QDateTime> stamp{info.size(), info.lastModified()};
        const auto known = m_stamps.constFind(path);
        if (known != m_stamps.constEnd() && *known == stamp)
            continue;
        m_stamps.insert(path, stamp);
        if (info.isSymLink())
            watchLinkLocked(path);
        if (reportNew)
            noteLocked(path);
    }
}

void FileWatcher::removeTreeLocked(const QString &dir)
{
    for (auto it = m_dirWatches.begin(); it != m_dirWatches.end();) {
        if (it.key() != dir && !under(it.key(), dir)) {
            ++it;
            continue;
        }
        inotify_rm_watch(m_fd, it.value()); // EINVAL when the folder is gone already
        m_watchDirs.remove(it.value());
        it = m_dirWatches.erase(it);
    }
    for (auto it = m_stamps.begin(); it != m_stamps.end();) {
        if (!under(it.key(), dir)) {
            ++it;
            continue;
        }
        noteLocked(it.key());
        it = m_stamps.erase(it);
    }
}

void FileWatcher::noteLocked(const QString &file)
{
    const bool first = m_pending.isEmpty();
    m_pending.insert(file);
    if (first) {
        m_burst.start();
        m_restartDue = true;
        // Under the lock: the batch cannot be taken before its notice went out.
        emit changeNoticed();
    } else if (m_burst.elapsed() < m_maxBatchDelayMs) {
        m_restartDue = true; // each change restarts the quiet time while the batch is young
    }
}

} // namespace sy
