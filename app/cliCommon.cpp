#include "cliCommon.h"
#include "runtimePaths.h"

#include "env/vitestConfig.h"
#include "env/wranglerConfig.h"
#include "js/nodeBuiltinCodeCache.h"

#include <QDir>
#include <QFileInfo>
#include <cstdio>
#include <unistd.h>

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
    ProjectLoadOptions options;
    options.mode = mode;
    return loadProject(dir, out, options);
}

bool loadProject(const QString &dir, ProjectConfig &out, const ProjectLoadOptions &options)
{
    std::string error;
    const QString path = dir.isEmpty() ? defaultProjectDir() : dir;
    if (dir.isEmpty())
        sayBundledExample(path);
    if (!loadProjectConfig(path.toStdString(), app::toolsJsDir().toStdString(), out, error,
                           options)) {
        std::fprintf(stderr, "switchyard: %s\n", error.c_str());
        return false;
    }
    // The framework version is outside what the engine knows, or not installed.
    if (!out.framework.versionWarning.empty())
        std::fprintf(stderr, "switchyard: warning: %s\n", out.framework.versionWarning.c_str());
    // What of vite.config is not applied, once, before anything else runs.
    for (const std::string &warning : out.vite.warnings)
        std::fprintf(stderr, "switchyard: warning: %s\n", warning.c_str());
    // What of the wrangler config Switchyard does not model, once.
    for (const std::string &warning : out.warnings)
        std::fprintf(stderr, "switchyard: warning: %s\n", warning.c_str());
    return true;
}

QString projectDirFor(const QString &file)
{
    QDir dir = QFileInfo(file).absoluteDir();
    do {
        if (!findWranglerConfig(dir.absolutePath().toStdString()).empty())
            return dir.absolutePath();
    } while (dir.cdUp());
    return {};
}

bool isAppDir(const QString &path)
{
    const QDir dir(path);
    return QFileInfo(path).isDir() &&
           (!findWranglerConfig(path.toStdString()).empty() ||
            !findViteConfig(path.toStdString())
                 .empty() || // its configPath may name the wrangler file
            !findVitestConfig(path.toStdString()).empty()); // the Workers pool's options may
}

int refuseNonAppDir(const char *command, const QString &dir)
{
    if (dir.isEmpty() || !QFileInfo(dir).isDir() || isAppDir(dir))
        return 0;
    return usageError(command, QStringLiteral("%1 is not an app folder (expected wrangler.jsonc, "
                                              "wrangler.json or wrangler.toml in it)")
                                   .arg(dir));
}

int usageError(const char *command, const QString &message)
{
    std::fprintf(stderr, "switchyard %s: %s\n", command, qPrintable(message));
    return 2;
}

void exitNow(int code)
{
    nodeBuiltinCodeCache::persist();
    std::fflush(nullptr);
    ::_exit(code);
}

} // namespace sy::cli
