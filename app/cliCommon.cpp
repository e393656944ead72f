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

bool loadProject(const QString &dir, ProjectConfig &out)
{
    std::string error;
    const QString path = dir.isEmpty() ? defaultProjectDir() : dir;
    if (!loadProjectConfig(path.toStdString(), app::runtimeDir().toStdString(),
                           app::toolsJsDir().toStdString(), out, error)) {
        std::fprintf(stderr, "switchyard: %s\n", error.c_str());
        return false;
    }
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

int usageError(const char *command, const QString &message)
{
    std::fprintf(stderr, "switchyard %s: %s\n", command, qPrintable(message));
    return 2;
}

} // namespace sy::cli
