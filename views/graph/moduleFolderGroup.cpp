#include "views/graph/moduleFolderGroup.h"

namespace sy {

namespace {
const QString kBridgePrefix = QStringLiteral("virtual:switchyard:ssr:");
const QString kFolderPrefix = QStringLiteral("folder:");

bool holds(const QString &folder, const QString &file)
{
    const QString base = folder.endsWith(QLatin1Char('/')) ? folder.chopped(1) : folder;
    return file.size() > base.size() && file.startsWith(base) &&
           file[base.size()] == QLatin1Char('/');
}
} // namespace

QString moduleFolder(const QString &moduleId)
{
    QString path =
        moduleId.startsWith(kBridgePrefix) ? moduleId.mid(kBridgePrefix.size()) : moduleId;
    if (!path.startsWith(QLatin1Char('/')))
        return {};
    if (const qsizetype q = path.indexOf(QLatin1Char('?')); q >= 0)
        path.truncate(q);
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash > 0 ? path.left(slash) : QStringLiteral("/");
}

ModulePackageGroup moduleFolderGroup(const QString &moduleId, const QStringList &collapsedFolders)
{
    if (collapsedFolders.isEmpty() || !modulePackageGroup(moduleId).isNull())
        return {};
    const bool bridged = moduleId.startsWith(kBridgePrefix);
    QString file = bridged ? moduleId.mid(kBridgePrefix.size()) : moduleId;
    if (!file.startsWith(QLatin1Char('/')))
        return {};
    if (const qsizetype q = file.indexOf(QLatin1Char('?')); q >= 0)
        file.truncate(q);
    QString outermost;
    for (const QString &folder : collapsedFolders)
        if (holds(folder, file) && (outermost.isEmpty() || folder.size() < outermost.size()))
            outermost = folder;
    if (outermost.isEmpty())
        return {};
    if (outermost.size() > 1 && outermost.endsWith(QLatin1Char('/')))
        outermost.chop(1);
    QString name = outermost.mid(outermost.lastIndexOf(QLatin1Char('/')) + 1) + QLatin1Char('/');
    if (bridged)
        return {kBridgePrefix + kFolderPrefix + outermost, QStringLiteral("ssr:") + name};
    return {kFolderPrefix + outermost, name};
}

bool isFolderGroupId(const QString &id)
{
    return id.startsWith(kFolderPrefix) ||
           (id.startsWith(kBridgePrefix) && id.mid(kBridgePrefix.size()).startsWith(kFolderPrefix));
}

QString folderOfGroupId(const QString &groupId)
{
    if (!isFolderGroupId(groupId))
        return {};
    const QString plain =
        groupId.startsWith(kBridgePrefix) ? groupId.mid(kBridgePrefix.size()) : groupId;
    return plain.mid(kFolderPrefix.size());
}

} // namespace sy
