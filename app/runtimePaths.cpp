#include "runtimePaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace sy::app {

namespace {

/// `override` (an environment variable) if set, else the installed path if it
/// exists, else the build-tree path.
QString pick(const char *override, const QString &installed, const QString &buildTree)
{
    const QString fromEnv = qEnvironmentVariable(override);
    if (!fromEnv.isEmpty())
        return fromEnv;
    if (QFileInfo(installed).isDir())
        return QDir(installed).canonicalPath();
    return buildTree;
}

bool copyTree(const QString &from, const QString &to)
{
    QDir source(from);
    if (!QDir().mkpath(to))
        return false;
    const auto entries =
        source.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QFileInfo &entry : entries) {
        const QString target = to + QLatin1Char('/') + entry.fileName();
        if (entry.fileName() == QLatin1String(".switchyard"))
            continue;
        if (entry.fileName() == QLatin1String("node_modules")) {
            if (!QFile::link(entry.absoluteFilePath(), target) && !QFileInfo::exists(target))
                return false;
        } else if (entry.isDir()) {
            if (!copyTree(entry.absoluteFilePath(), target))
                return false;
        } else if (!QFileInfo::exists(target) && !QFile::copy(entry.absoluteFilePath(), target)) {
            return false;
        }
    }
    return true;
}

} // namespace

QString installedDataDir()
{
    return QDir::cleanPath(QCoreApplication::applicationDirPath() +
                           QStringLiteral("/../share/switchyard"));
}

QString toolsJsDir()
{
    return pick("SWITCHYARD_TOOLS_JS_DIR", installedDataDir() + QStringLiteral("/tools/js"),
                QStringLiteral(SY_DEFAULT_TOOLS_JS_DIR));
}

QString bundledExampleDir()
{
    const QString installed = installedDataDir() + QStringLiteral("/examples/hello");
    if (!QFileInfo(installed).isDir())
        return QDir(QStringLiteral(SY_DEFAULT_EXAMPLE_DIR)).canonicalPath();
    if (QFileInfo(installed).isWritable())
        return QDir(installed).canonicalPath();
    const QString copy = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
                         QStringLiteral("/examples/hello");
    return copyTree(installed, copy) ? copy : installed;
}

} // namespace sy::app
