#pragma once
// The ES module a processed stylesheet becomes in each environment, as
// Vite 7's vite:css-post plugin writes it in dev:
//   client   updateStyle(id, css) from /@vite/client (a <style
//            data-vite-dev-id> in <head>, or nothing when the server already
//            linked the file: engine/hmr/js/styles.js), prune -> removeStyle;
//            a plain stylesheet accepts its own updates, a CSS module does
//            not (its class names are exports: the importer takes the update)
//   ssr,     no side effect: the CSS module's exports, else `export {}`
//   worker
//   ?inline  `export default "<css>"` everywhere, nothing injected
// A CSS module's exports are Rollup's dataToEsm(namedExports, preferConst):
// `export const <name> = "<classes>"` for each name that is a legal JS
// identifier, and `export default { ... }` with every name.
#include <map>
#include <string>

namespace sy {

/// `export const ...;` + `export default {...};` for a CSS module's class map
/// (local name -> space-separated class names).
std::string cssModuleExportsCode(const std::map<std::string, std::string> &exports);

/// Client module of a stylesheet imported from JS. `id` is the module id
/// (absolute path: the style's data-vite-dev-id), `cssRuntimeUrl` the
/// specifier of the HMR client ("/@vite/client"), `cssModule` whether `exports` are a
/// CSS module's class map.
std::string clientStylesheetModule(const std::string &id, const std::string &css,
                                   const std::string &cssRuntimeUrl, bool cssModule,
                                   const std::map<std::string, std::string> &exports);

/// ssr / worker module of a stylesheet imported from JS: the exports of a CSS
/// module, else `export {}`.
std::string serverStylesheetModule(bool cssModule,
                                   const std::map<std::string, std::string> &exports);

/// `?inline`: the processed CSS as the default export.
std::string inlineStylesheetModule(const std::string &css);

} // namespace sy
