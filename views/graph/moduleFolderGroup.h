#pragma once
// Folder groups for the graph: the app's own modules of a folder (and its
// subfolders) collapse into one node, as node_modules packages do
// (modulePackageGroup.h), when the user collapses that folder. A folder
// group's node id is `folder:<absolute folder>` (`folder:/home/me/app/src/app/pages`);
// its name on screen is the folder's last part with a slash (`pages/`), its
// id as Vite would show the folder `/src/app/pages/` (moduleIdText). The
// worker's bridged copies of ssr modules (`virtual:switchyard:ssr:<file>`)
// collapse into their own group, `virtual:switchyard:ssr:folder:<folder>`
// (`ssr:pages/`). Modules of packages and pre-bundles never join a folder
// group: they belong to their package.
#include "views/graph/modulePackageGroup.h"

#include <QStringList>

namespace sy {

/// The folder a module's file sits in (`/a/src/x.tsx?v=1` -> `/a/src`), or
/// "" for ids that are not files (virtual modules, builtins). A bridged id
/// gives its file's folder.
QString moduleFolder(const QString &moduleId);

/// The group of `moduleId` when one of `collapsedFolders` (absolute folders)
/// holds it: the outermost such folder. Null when none does, or when the
/// module belongs to a package (modulePackageGroup).
ModulePackageGroup moduleFolderGroup(const QString &moduleId, const QStringList &collapsedFolders);

/// True for a group id made by moduleFolderGroup().
bool isFolderGroupId(const QString &id);

/// The absolute folder of a folder group id (bridge prefix dropped), or "".
QString folderOfGroupId(const QString &groupId);

} // namespace sy
