#pragma once
// Which package a module belongs to, for collapsing a package into one node
// of the graph: a file under node_modules belongs to the package it sits in
// (`react` for .../node_modules/react/cjs/react.development.js, `@scope/pkg`
// for scoped packages), an optimizer pre-bundle to the package it bundles
// (Vite's flattened ids: deps_client/react_jsx-dev-runtime.js is `react`,
// rwsdk___ssr_bridge.js is `rwsdk`; chunk-*.js files form one "chunks"
// group), and the worker's bridged copy of an ssr module
// (`virtual:switchyard:ssr:<id>`) to the bridged copy of that package. The
// framework's own modules live in its package (rwsdk's runtime, its
// pre-bundles, its ssr bridge), so they collapse with it.
#include <QString>

namespace sy {

/// A package group: `id` is the group's node id (`package:react`, or
/// `virtual:switchyard:ssr:package:react` for the bridged copy), `name` what
/// it is called on screen (`react`, `ssr:react`). Both empty: the module
/// belongs to no package (app source, virtual modules, builtins).
struct ModulePackageGroup {
    QString id;
    QString name;
    bool isNull() const { return id.isEmpty(); }
};

/// The package group of a module id (see the file comment).
ModulePackageGroup modulePackageGroup(const QString &moduleId);

/// True for a group id made by modulePackageGroup().
bool isPackageGroupId(const QString &id);

} // namespace sy
