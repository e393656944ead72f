#pragma once
// Where the engine's own pieces are at run time. In a build tree: the source
// tree's runtime/, tools/js and examples/hello (SY_DEFAULT_*_DIR; the example is
// found without runtime/). Installed
// (packaging/): <prefix>/share/switchyard/{runtime,tools/js,examples/hello}
// next to <prefix>/bin/switchyard. Environment variables
// SWITCHYARD_RUNTIME_DIR and SWITCHYARD_TOOLS_JS_DIR override both.
// Call after the Q(Core)Application exists (uses applicationDirPath()).
#include <QString>

namespace sy::app {

/// <exe dir>/../share/switchyard (may not exist).
QString installedDataDir();
/// Our framework runtime folder (package "switchyard").
QString runtimeDir();
/// tools/js (holds node_modules/@esbuild/linux-x64/bin/esbuild).
QString toolsJsDir();
/// The bundled example app. When it is installed read-only, a writable copy
/// under the user's data folder (its node_modules symlinked), because the
/// engine writes pre-bundles into <app>/.switchyard.
QString bundledExampleDir();

} // namespace sy::app
