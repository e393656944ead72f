#pragma once
// Module ids as people read them, the way Vite shows them: relative to the
// app's root (`/src/app/pages/Home.tsx`, `/node_modules/react/index.js`,
// `/.switchyard/deps_client/react.js`), `/@fs/...` for a file outside the
// root, virtual modules and builtins by their name, the worker's bridged
// copy of an ssr module as `virtual:switchyard:ssr:` + that module's text,
// and a folder group (`folder:/abs/app/src/app/pages`) as its folder with a
// trailing slash (`/src/app/pages/`).
#include <QString>
#include <QStringList>

namespace sy {

/// `id` relative to `root` (an absolute folder, canonical like the ids;
/// empty: ids under no root, shown as they are). A query stays.
QString moduleIdText(const QString &id, const QString &root);

/// `text` (an event summary, "invalidation /abs/app/src/x.tsx") with every
/// absolute path under `root` shown as moduleIdText() shows it (the root
/// dropped: "/src/x.tsx"); paths elsewhere and an empty root leave it as it is.
QString textWithRelativeIds(const QString &text, const QString &root);

/// Short labels for module ids (bridge prefix dropped, query dropped): the
/// file name, or more of the path where two different files share a file
/// name (`pages/Home.tsx`, `layouts/Home.tsx`): for each id the fewest
/// trailing path parts no other id of `ids` ends with. Virtual modules and
/// builtins keep their name (`virtual:use-client-lookup.js` is
/// `use-client-lookup.js`, `node:async_hooks` stays). Result by id.
QStringList distinctModuleLabels(const QStringList &ids);

/// The file name part distinctModuleLabels() starts from (what decides
/// which ids can collide).
QString moduleBaseName(const QString &id);

/// `id` without the worker's bridge prefix (`virtual:switchyard:ssr:`).
QString unbridgedId(const QString &id);
/// True for the worker's bridged copy of an ssr module.
bool isBridgedId(const QString &id);

} // namespace sy
