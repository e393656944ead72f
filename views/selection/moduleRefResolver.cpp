#include "views/selection/moduleRefResolver.h"

#include "graph/moduleGraphModel.h"

#include <QAbstractItemModel>

namespace sy {

namespace {

QString withoutQuery(const QString &id)
{
    const qsizetype q = id.indexOf(QLatin1Char('?'));
    return q < 0 ? id : id.left(q);
}

} // namespace

ModuleRef moduleRefAt(const QAbstractItemModel *model, int row)
{
    const QModelIndex index = model->index(row, 0);
    return {index.data(ModuleGraphModel::EnvironmentRole).toString(),
            index.data(ModuleGraphModel::IdRole).toString()};
}

QList<ModuleRef> resolveModules(const QAbstractItemModel *modules, const QStringList &names,
                                const QString &environment, QStringList *unresolved)
{
    QList<ModuleRef> out;
    if (unresolved)
        unresolved->clear();
    if (!modules || names.isEmpty()) {
        if (unresolved)
            *unresolved = names;
        return out;
    }
    // One pass over the model: which rows each name matches.
    QHash<QString, QList<ModuleRef>> byName;
    for (const QString &name : names) {
        byName.insert(name, {});
        byName.insert(withoutQuery(name), {}); // a name with a query names the module without
    }
    const int rows = modules->rowCount();
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = modules->index(row, 0);
        const QString id = index.data(ModuleGraphModel::IdRole).toString();
        const QString url = index.data(ModuleGraphModel::UrlRole).toString();
        const ModuleRef ref{index.data(ModuleGraphModel::EnvironmentRole).toString(), id};
        for (const QString &candidate : {id, withoutQuery(id), url, withoutQuery(url)}) {
            auto it = byName.find(candidate);
            if (candidate.isEmpty() || it == byName.end())
                continue;
            if (!it->contains(ref))
                it->append(ref);
        }
    }
    for (const QString &name : names) {
        QList<ModuleRef> refs = byName.value(name);
        if (refs.isEmpty() && name.contains(QLatin1Char('?')))
            refs = byName.value(withoutQuery(name));
        if (refs.isEmpty() && unresolved && !unresolved->contains(name))
            unresolved->append(name);
        QList<ModuleRef> inEnvironment;
        for (const ModuleRef &ref : refs)
            if (ref.environment == environment)
                inEnvironment << ref;
        for (const ModuleRef &ref : inEnvironment.isEmpty() ? refs : inEnvironment)
            if (!out.contains(ref))
                out << ref;
    }
    return out;
}

} // namespace sy
