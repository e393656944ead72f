#include "cliCommon.h"
#include "runtimePaths.h"

#include <QDir>
#include <QFileInfo>
#include <cstdio>

namespace sy::cli {

QString defaultProjectDir()
{
    return app::bundledExampleDir();
}

void sayBundledExample(const QString &path)
{
    // Say which folder runs: installed read-only, the example is a copy in
    // the user's data folder (app::bundledExampleDir), the one to edit.
    const QString installed = app::installedDataDir() + QStringLiteral("/examples/hello");
    if (QFileInfo(installed).isDir() && path != QDir(installed).canonicalPath())
        std::fprintf(stderr,
                     "switchyard: no app folder given: the bundled example, copied from %s "
                     "to %s (edit it there)\n",
                     qPrintable(installed), qPrintable(path));
    else
        std::fprintf(stderr, "switchyard: no app folder given: the bundled example in %s\n",
                     qPrintable(path));
}

bool loadProject(const QString &dir, ProjectConfig &out, const std::string &mode)
{
    std::string error;
    const QString path = dir.isEmpty() ? defaultProjectDir() : dir;
    if (dir.isEmpty())
        sayBundledExample(path);
    if (!loadProjectConfig(path.toStdString(), app::toolsJsDir().toStdString(), out, error, mode)) {
        std::fprintf(stderr, "switchyard: %s\n", error.c_str());
        return false;
    }
    // The framework version is outside what the engine knows, or not installed.
    if (!out.framework.versionWarning.empty())
        std::fprintf(stderr, "switchyard: warning: %s\n", out.framework.versionWarning.c_str());
    // What of vite.config is not applied, once, before anything else runs.
    for (const std::string &warning : out.vite.warnings)
        std::fprintf(stderr, "switchyard: warning: %s\n", warning.c_str());
    return true;
}

QString projectDirFor(const QString &file)
{
    QDir dir = QFileInfo(file).absoluteDir();
    do {
        if (dir.exists(QStringLiteral("wrangler.jsonc")) ||
            dir.exists(QStringLiteral("wrangler.json")))
            return dir.absolutePath();
    } while (dir.cdUp());
    return {};
}

bool isAppDir(const QString &path)
{
    const QDir dir(path);
    return QFileInfo(path).isDir() && (dir.exists(QStringLiteral("wrangler.jsonc")) ||
                                       dir.exists(QStringLiteral("wrangler.json")) ||
                                       !findViteConfig(path.toStdString())
                                            .empty()); // its configPath may name the wrangler file
}

int refuseNonAppDir(const char *command, const QString &dir)
{
    if (dir.isEmpty() || !QFileInfo(dir).isDir() || isAppDir(dir))
        return 0;
    return usageError(command, QStringLiteral("%1 is not an app folder (expected wrangler.jsonc "
                                              "or wrangler.json in it)")
                                   .arg(dir));
}

int usageError(const char *command, const QString &message)
{
    std::fprintf(stderr, "switchyard %s: %s\n", command, qPrintable(message));
    return 2;
}

} // namespace sy::cli
