#include "views/graph/moduleGraphQueries.h"

#include "graph/moduleGraphModel.h"

#include <QAbstractItemModel>
#include <QQueue>

namespace sy {

QString moduleKey(const QString &environment, const QString &id)
{
    return environment + QLatin1Char('\n') + id;
}

ModuleGraphIndex ModuleGraphIndex::fromModel(const QAbstractItemModel *model)
{
    ModuleGraphIndex index;
    const int rows = model->rowCount();
    index.imports.reserve(rows);
    for (int r = 0; r < rows; ++r) {
        const QModelIndex i = model->index(r, 0);
        const QString env = i.data(ModuleGraphModel::EnvironmentRole).toString();
        const QString key = moduleKey(env, i.data(ModuleGraphModel::IdRole).toString());
        QStringList &out = index.imports[key];
        const QStringList imports = i.data(ModuleGraphModel::ImportsRole).toStringList();
        for (const QString &imported : imports) {
            const QString target = moduleKey(env, imported);
            out << target;
            index.importers[target] << key;
        }
    }
    return index;
}

QSet<QString> focusNeighbourhood(const ModuleGraphIndex &index, const QString &key, int depth)
{
    QSet<QString> seen{key};
    for (const auto *adjacency : {&index.imports, &index.importers}) {
        QList<QString> frontier{key};
        for (int level = 0; level < depth && !frontier.isEmpty(); ++level) {
            QList<QString> next;
            for (const QString &k : frontier)
                for (const QString &n : adjacency->value(k))
                    if (!seen.contains(n)) {
                        seen.insert(n);
                        next << n;
                    }
            frontier = std::move(next);
        }
    }
    return seen;
}

namespace {

/// BFS from `sources` along imports to `target`; the chain as ids.
QStringList shortestChain(const ModuleGraphIndex &index, const QStringList &sources,
                          const QString &target)
{
    QHash<QString, QString> parent;
    QQueue<QString> queue;
    for (const QString &s : sources) {
        if (!index.contains(s) || parent.contains(s))
            continue;
        parent.insert(s, QString());
        queue.enqueue(s);
    }
    while (!queue.isEmpty()) {
        const QString k = queue.dequeue();
        if (k == target) {
            QStringList chain;
            for (QString at = k; !at.isEmpty(); at = parent.value(at))
                chain.prepend(at.section(QLatin1Char('\n'), 1));
            return chain;
        }
        for (const QString &n : index.imports.value(k))
            if (!parent.contains(n)) {
                parent.insert(n, k);
                queue.enqueue(n);
            }
    }
    return {};
}

} // namespace

QStringList importChain(const ModuleGraphIndex &index, const QString &environment,
                        const QString &fromId, const QString &toId)
{
    return shortestChain(index, {moduleKey(environment, fromId)}, moduleKey(environment, toId));
}

QStringList whyIncluded(const ModuleGraphIndex &index, const QString &environment,
                        const QString &id)
{
    const QString prefix = environment + QLatin1Char('\n');
    QStringList entries;
    for (auto it = index.imports.cbegin(); it != index.imports.cend(); ++it)
        if (it.key().startsWith(prefix) && index.importers.value(it.key()).isEmpty())
            entries << it.key();
    entries.sort(); // deterministic among equally short chains
    return shortestChain(index, entries, moduleKey(environment, id));
}

} // namespace sy
