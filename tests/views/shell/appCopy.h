#pragma once
// A fresh copy of examples/hello in a temporary folder (its own files;
// node_modules symlinked), as tests/e2e/serveHarness.mjs's copyApp makes one: the engine writes
// .switchyard/ into the app and the file watcher watches it.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QString>

namespace sy::test {

inline bool copyDir(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + file.mid(from.size());
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(file, target))
            return false;
    }
    return true;
}

/// Copies the example into `dir` (an existing empty folder): its own files (src,
/// public, types, wrangler.jsonc, vite.config.mts, tsconfig.json, package*.json, ...),
/// not what is installed or generated (node_modules is symlinked; .switchyard,
/// .wrangler, dist are left out). False on error.
inline bool copyHelloApp(const QString &dir)
{
    const QString hello = QStringLiteral(SY_SOURCE_DIR "/examples/hello");
    const QStringList skip{QStringLiteral("node_modules"), QStringLiteral(".switchyard"),
                           QStringLiteral(".wrangler"), QStringLiteral("dist")};
    const QFileInfoList entries =
        QDir(hello).entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : entries) {
        if (skip.contains(entry.fileName()))
            continue;
        const QString target = dir + QLatin1Char('/') + entry.fileName();
        if (entry.isDir() ? !copyDir(entry.filePath(), target)
                          : !QFile::copy(entry.filePath(), target))
            return false;
    }
    return QFile::link(QFileInfo(hello + QStringLiteral("/node_modules")).canonicalFilePath(),
                       dir + QStringLiteral("/node_modules"));
}

} // namespace sy::test
