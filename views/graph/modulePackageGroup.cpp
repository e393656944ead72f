#include "views/graph/modulePackageGroup.h"

#include <QStringList>

namespace sy {

namespace {

const QString kBridgePrefix = QStringLiteral("virtual:switchyard:ssr:");
const QString kGroupPrefix = QStringLiteral("package:");

/// Package name of a pre-bundle's file base name, undoing Vite's flattenId
/// ('/' and ':' became '_', '.' became "__"): a run of underscores of odd
/// length starts with a '/', an even run is dots only.
QString unflattenPackage(const QString &base)
{
    QString name;
    int slashes = base.startsWith(QLatin1Char('@')) ? 2 : 1; // '/'s that end the name
    for (qsizetype i = 0; i < base.size();) {
        if (base[i] != QLatin1Char('_')) {
            name += base[i++];
            continue;
        }
        qsizetype run = 0;
        while (i + run < base.size() && base[i + run] == QLatin1Char('_'))
            ++run;
        i += run;
        if (run % 2 == 1) { // a '/' (then dots)
            if (--slashes == 0)
                return name;
            name += QLatin1Char('/');
            run -= 1;
        }
        name += QString(run / 2, QLatin1Char('.'));
    }
    return name;
}

/// The package of a file path, or "".
QString packageOfPath(const QString &path)
{
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    // A pre-bundle: .vite/deps*/x.js or .switchyard/deps_<env>/x.js.
    if (parts.size() >= 3) {
        const QString &dir = parts[parts.size() - 2];
        const QString &parent = parts[parts.size() - 3];
        if (dir.startsWith(QLatin1String("deps")) &&
            (parent == QLatin1String(".vite") || parent == QLatin1String(".switchyard"))) {
            QString base = parts.last();
            for (const char *ext : {".mjs", ".cjs", ".js"})
                if (base.endsWith(QLatin1String(ext))) {
                    base.chop(qsizetype(qstrlen(ext)));
                    break;
                }
            if (base.startsWith(QLatin1String("chunk-")))
                return QStringLiteral("(chunks)");
            return unflattenPackage(base);
        }
    }
    const qsizetype at = parts.lastIndexOf(QStringLiteral("node_modules"));
    if (at < 0 || at + 1 >= parts.size())
        return {};
    const QString &first = parts[at + 1];
    if (first.startsWith(QLatin1Char('.'))) // .vite, .cache: not a package
        return {};
    if (first.startsWith(QLatin1Char('@')))
        return at + 2 < parts.size() ? first + QLatin1Char('/') + parts[at + 2] : QString();
    return first;
}

} // namespace

ModulePackageGroup modulePackageGroup(const QString &moduleId)
{
    if (moduleId.startsWith(kBridgePrefix)) {
        const ModulePackageGroup inner = modulePackageGroup(moduleId.mid(kBridgePrefix.size()));
        if (inner.isNull())
            return {};
        return {kBridgePrefix + inner.id, QStringLiteral("ssr:") + inner.name};
    }
    if (!moduleId.startsWith(QLatin1Char('/')))
        return {}; // virtual modules, builtins: by their own name
    QString path = moduleId;
    if (const qsizetype q = path.indexOf(QLatin1Char('?')); q >= 0)
        path.truncate(q);
    const QString package = packageOfPath(path);
    if (package.isEmpty())
        return {};
    return {kGroupPrefix + package, package};
}

bool isPackageGroupId(const QString &id)
{
    return id.startsWith(kGroupPrefix) ||
           (id.startsWith(kBridgePrefix) && id.mid(kBridgePrefix.size()).startsWith(kGroupPrefix));
}

} // namespace sy
