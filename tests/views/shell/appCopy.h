#pragma once
// A fresh copy of examples/hello in a temporary folder (src, public,
// wrangler.jsonc, package*.json, tsconfig.json; node_modules symlinked), as
// tests/e2e/hydration.test.mjs makes one: the engine writes .switchyard/ into
// the app and the file watcher watches it.
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

/// Copies the example into `dir` (an existing empty folder). False on error.
inline bool copyHelloApp(const QString &dir)
{
    const QString hello = QStringLiteral(SY_SOURCE_DIR "/examples/hello");
    for (const char *sub : {"src", "public"})
        if (!copyDir(hello + QLatin1Char('/') + QLatin1String(sub),
                     dir + QLatin1Char('/') + QLatin1String(sub)))
            return false;
    for (const char *file :
         {"wrangler.jsonc", "package.json", "package-lock.json", "tsconfig.json"})
        if (QFileInfo::exists(hello + QLatin1Char('/') + QLatin1String(file)) &&
            !QFile::copy(hello + QLatin1Char('/') + QLatin1String(file),
                         dir + QLatin1Char('/') + QLatin1String(file)))
            return false;
    return QFile::link(hello + QStringLiteral("/node_modules"),
                       dir + QStringLiteral("/node_modules"));
}

} // namespace sy::test
