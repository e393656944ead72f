#pragma once
// Watches an app's files and reports changes in debounced batches: a batch
// goes out once no change came for the debounce time, or, when changes keep
// coming (a tool writing without pause), once the batch is
// max(kMaxBatchDelayMs, 2 x debounce) old.
//
// One inotify instance (Linux) with a watch on every folder below the root
// except node_modules, .switchyard and dot folders: a folder's watch reports
// its files' edits, creations, removals and renames by name, so an editor
// that saves by renaming a new file over the old one is one change of the
// real file. Files symlinked into the tree get a watch of their own (it
// follows the link). Reported: every file in those folders, and at the root
// only package.json, lockfiles, the wrangler config (.jsonc/.json/.toml),
// other JSON files (tsconfig.json and what it extends), env files (.env*,
// .dev.vars*; watched, never served) and vite.config.*. Editors' temporary
// files are never reported (sed -i's "sedXXXXXX", vim's *.swp/*.swo/*.swx and
// "4913", emacs' ".#*" and "#*#", "*~", JetBrains' "*___jb_tmp___", Kate's
// "*.kate-swp", Sublime's ".subl*.tmp"; chokidar's atomic-write filter is the
// model). A queue overflow rescans the tree and reports files whose size or
// mtime moved.
//
// Lives on the thread that creates it (its debounce timer and the inotify
// socket notifier run in that thread's event loop); syncPending() may be
// called from any thread, so a request can see a save that happened just
// before it arrived (DevServer calls it before admitting a request).
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QSocketNotifier>
#include <QTimer>
#include <memory>
#include <mutex>

struct inotify_event;

namespace sy {

class FileWatcher : public QObject {
    Q_OBJECT
public:
    /// Starts watching `root`. `debounceMs`: quiet time before a batch goes out.
    /// When inotify cannot be used (no instance left), nothing is reported and
    /// error() says why.
    explicit FileWatcher(const QString &root, int debounceMs = 5, QObject *parent = nullptr);
    ~FileWatcher() override;

    /// Number of inotify watches (folders + symlinked files).
    int watchedCount() const;
    /// Why the watcher cannot watch (empty when it can).
    QString error() const;

    /// Any thread: takes in the changes the kernel has queued so far. A file
    /// write that returned before this call is among them (inotify queues its
    /// event inside the write), so a first change of a burst found here emits
    /// changeNoticed before this returns, in the calling thread. About one
    /// non-blocking read(2) when nothing changed.
    void syncPending();

    /// A burst's batch goes out at the latest this long after its first change (ms),
    /// or 2 x the debounce when that is longer.
    static constexpr int kMaxBatchDelayMs = 50;

signals:
    /// The first change of a burst, as soon as it is seen, in the thread that
    /// saw it (the watcher's, or syncPending()'s caller: connect with
    /// Qt::DirectConnection to act before that caller goes on), with the
    /// watcher's lock held: a receiver must not call back into the watcher.
    /// Exactly one filesChanged batch follows, after the debounce.
    void changeNoticed();
    /// Absolute paths of files created, changed or removed, one batch per burst.
    void filesChanged(const QStringList &files);

private:
    /// Reads and applies every queued inotify event. The Locked functions run
    /// with m_mutex held.
    void drainLocked();
    void eventLocked(const inotify_event &event);
    /// Watches `dir` and below (when not yet watched) and stamps their files.
    /// `reportNew`: files not known with the same size and mtime are reported
    /// (a folder created or moved in while running; a rescan after the event
    /// queue overflowed). `present`, when given, collects every file seen.
    void scanLocked(const QString &dir, bool reportNew, QSet<QString> *present);
    /// Stops watching `dir` and below (removed or moved away); its known
    /// files are reported as removed.
    void removeTreeLocked(const QString &dir);
    void fileEventLocked(const QString &path);
    void watchLinkLocked(const QString &file);
    /// Adds `file` to the pending batch; the burst's first change emits changeNoticed.
    void noteLocked(const QString &file);
    bool isWatchedFile(const QString &path) const;

    QString m_root;
    QString m_error;
    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QTimer m_debounce;
    int m_maxBatchDelayMs;

    mutable std::mutex m_mutex;           ///< guards everything below
    QHash<int, QString> m_watchDirs;      ///< watch descriptor -> folder
    QHash<QString, int> m_dirWatches;     ///< folder -> watch descriptor
    QHash<int, QStringList> m_watchLinks; ///< watch descriptor -> symlinked files (one target)
    QSet<QString> m_pending;
    QElapsedTimer m_burst;     ///< since the first change of the pending batch
    bool m_restartDue = false; ///< a change asks the debounce timer to (re)start
    QHash<QString, QPair<qint64, QDateTime>> m_stamps; ///< file -> (size, mtime)
};

} // namespace sy
