#pragma once
// Where the engine's own pieces are at run time. In a build tree: the source
// tree's tools/js and examples/hello (SY_DEFAULT_*_DIR). Installed
// (packaging/): <prefix>/share/switchyard/{tools/js,examples/hello} next to
// <prefix>/bin/switchyard. The environment variable SWITCHYARD_TOOLS_JS_DIR
// overrides both.
// Call after the Q(Core)Application exists (uses applicationDirPath()).
#include <QString>

namespace sy::app {

/// <exe dir>/../share/switchyard (may not exist).
QString installedDataDir();
/// tools/js (holds node_modules/@esbuild/linux-x64/bin/esbuild).
QString toolsJsDir();
/// The bundled example app. When it is installed read-only, a writable copy
/// under the user's data folder (its node_modules symlinked), because the
/// engine writes pre-bundles into <app>/.switchyard.
QString bundledExampleDir();

} // namespace sy::app
