#pragma once
// Queries over the import graph a ModuleGraphModel (or any item model with
// its roles) exposes: focus neighbourhoods and import chains. They read the
// model's rows once into a ModuleGraphIndex; nothing here touches the engine.
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

class QAbstractItemModel;

namespace sy {

/// Key of a module node in the views: environment + '\n' + id.
QString moduleKey(const QString &environment, const QString &id);

/// Adjacency of every module of a model: imports (same environment) and
/// importers, keyed by moduleKey().
struct ModuleGraphIndex {
    QHash<QString, QStringList> imports;
    QHash<QString, QStringList> importers;

    /// Reads the IdRole/EnvironmentRole/ImportsRole of every row of `model`.
    static ModuleGraphIndex fromModel(const QAbstractItemModel *model);
    bool contains(const QString &key) const { return imports.contains(key); }
};

/// Modules within `depth` import steps of `key`, both ways (its importers up
/// to depth levels and its imports down to depth levels), `key` included.
QSet<QString> focusNeighbourhood(const ModuleGraphIndex &index, const QString &key, int depth);

/// Shortest import chain from `fromId` to `toId` in `environment` (ids, from
/// first); empty when `toId` is not reachable.
QStringList importChain(const ModuleGraphIndex &index, const QString &environment,
                        const QString &fromId, const QString &toId);

/// "Why is this module in this environment?": the shortest chain from any
/// entry (a module nobody in the environment imports) to `id`.
QStringList whyIncluded(const ModuleGraphIndex &index, const QString &environment,
                        const QString &id);

} // namespace sy
