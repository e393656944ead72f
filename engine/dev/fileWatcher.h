#pragma once
// Watches an app's files and reports changes in debounced batches.
// QFileSystemWatcher (inotify on Linux) on every folder below the root
// except node_modules, .switchyard and dot folders, on every source file in
// them, and on the root's package.json, lockfiles, the wrangler config (.jsonc/.json/.toml), other JSON
// files (tsconfig.json and what it extends) and env files (.env*, .dev.vars*;
// watched, never served). Editors
// that save by renaming a new file over the old one are handled: a folder
// change re-scans that folder and reports files whose size or mtime moved.
// Editors' temporary files are never reported (sed -i's "sedXXXXXX", vim's
// *.swp/*.swo/*.swx and "4913", emacs' ".#*" and "#*#", "*~", JetBrains'
// "*___jb_tmp___", Kate's "*.kate-swp", Sublime's ".subl*.tmp"; chokidar's
// atomic-write filter is the model), so a save through any of them is one
// change of the real file.
//
// Lives on the thread that creates it (it needs that thread's event loop).
#include <QDateTime>
#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace sy {

class FileWatcher : public QObject {
    Q_OBJECT
public:
    /// Starts watching `root`. `debounceMs`: quiet time before a batch goes out.
    explicit FileWatcher(const QString &root, int debounceMs = 5, QObject *parent = nullptr);

    /// Number of paths watched (folders + files).
    int watchedCount() const;

signals:
    /// Absolute paths of files created, changed or removed, one batch per burst.
    void filesChanged(const QStringList &files);

private:
    /// Watches `dir` and below; `reportFiles`: its files are new (a folder
    /// created while running) and are reported as changed.
    void addTree(const QString &dir, bool reportFiles = false);
    void onFileChanged(const QString &path);
    void onDirectoryChanged(const QString &path);
    void note(const QString &file);
    bool isWatchedFile(const QString &path) const;

    QString m_root;
    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
    QSet<QString> m_pending;
    QHash<QString, QPair<qint64, QDateTime>> m_stamps; ///< file -> (size, mtime)
};

} // namespace sy
