#include "dev/fileWatcher.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QRegularExpression>

namespace sy {

namespace {
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
} // namespace

FileWatcher::FileWatcher(const QString &root, int debounceMs, QObject *parent)
    : QObject(parent), m_root(QDir(root).canonicalPath())
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(debounceMs);
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        QStringList files(m_pending.begin(), m_pending.end());
        m_pending.clear();
        files.sort();
        if (!files.isEmpty())
            emit filesChanged(files);
    });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &FileWatcher::onFileChanged);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this,
            &FileWatcher::onDirectoryChanged);
    addTree(m_root);
}

int FileWatcher::watchedCount() const
{
    return int(m_watcher.files().size() + m_watcher.directories().size());
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

void FileWatcher::addTree(const QString &dir, bool reportFiles)
{
    // Watch first, list second: a file created in between is still seen.
    m_watcher.addPath(dir);
    QStringList files;
    QDirIterator it(dir, QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isDir()) {
            if (!skippedDir(info.fileName()) && !info.isSymLink())
                addTree(path, reportFiles);
        } else if (isWatchedFile(path)) {
            files << path;
            m_stamps.insert(path, {info.size(), info.lastModified()});
            if (reportFiles)
                note(path);
        }
    }
    if (!files.isEmpty())
        m_watcher.addPaths(files);
}

void FileWatcher::note(const QString &file)
{
    m_pending.insert(file);
    m_debounce.start();
}

void FileWatcher::onFileChanged(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists()) {
        m_stamps.insert(path, {info.size(), info.lastModified()});
        if (!m_watcher.files().contains(path))
            m_watcher.addPath(path); // replaced by rename: watch the new inode
    } else {
        m_stamps.remove(path);
    }
    note(path);
}

void FileWatcher::onDirectoryChanged(const QString &dir)
{
    // Created, removed or renamed-over files: compare the folder with what we knew.
    QSet<QString> present;
    QDirIterator it(dir, QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isDir()) {
            if (!skippedDir(info.fileName()) && !m_watcher.directories().contains(path) &&
                !info.isSymLink())
                addTree(path, true);
            continue;
        }
        if (!isWatchedFile(path))
            continue;
        present.insert(path);
        const auto stamp = qMakePair(info.size(), info.lastModified());
        auto known = m_stamps.find(path);
        if (known == m_stamps.end() || *known != stamp) {
            m_stamps.insert(path, stamp);
            if (!m_watcher.files().contains(path))
                m_watcher.addPath(path);
            note(path);
        }
    }
    const QString prefix = dir + QLatin1Char('/');
    for (auto it2 = m_stamps.begin(); it2 != m_stamps.end();) {
        const QString &file = it2.key();
        if (file.startsWith(prefix) && file.indexOf(QLatin1Char('/'), prefix.size()) < 0 &&
            !present.contains(file)) {
            note(file);
            it2 = m_stamps.erase(it2);
        } else {
            ++it2;
        }
    }
}

} // namespace sy
