#pragma once
// From the names events give modules to the modules of the graph model:
// journal events and timeline items name a module by its id (a file path or
// a virtual id), by the URL it is served at (HMR updates: "/src/app/x.tsx"),
// or by an id with a query ("?v=1a2b3c4d"). Reads only the model's roles.
#include "views/selection/moduleSelection.h"

#include <QStringList>

class QAbstractItemModel;

namespace sy {

/// The rows of `modules` (a model with ModuleGraphModel's IdRole,
/// EnvironmentRole and UrlRole) that `names` name: for each name, the rows
/// whose id, id without its query, or URL equals it. When some of a name's
/// rows are in `environment`, only those count (an invalidation in the
/// worker selects the worker's module, not the client's twin). Ordered as
/// `names`, then model order; no duplicates.
/// `unresolved`, when given, receives the names that matched no row.
QList<ModuleRef> resolveModules(const QAbstractItemModel *modules, const QStringList &names,
                                const QString &environment = {}, QStringList *unresolved = nullptr);

/// The ref of row `row` of `model` (column 0; any model with the roles).
ModuleRef moduleRefAt(const QAbstractItemModel *model, int row);

} // namespace sy
