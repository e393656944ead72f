#include "framework/vitePreamble.h"

#include "core/jsString.h"

namespace sy {

std::string viteReactRefreshSource(std::string_view refreshModuleId)
{
    std::string out;
    out += "// /@react-refresh (@vitejs/plugin-react's names) over the engine's one react-refresh\n"
           "// runtime: registrations made here and by the modules' refresh footers are shared.\n";
    out += "import * as refresh from " + jsStringLiteral(refreshModuleId) + ";\n";
    out += "export const register = refresh.register;\n"
           "export const injectIntoGlobalHook = refresh.injectIntoGlobalHook;\n"
           "export const createSignatureFunctionForTransform =\n"
           "  refresh.createSignatureFunctionForTransform;\n"
           "export function registerExportsForReactRefresh(filename, moduleExports) {\n"
           "  refresh.registerExports(filename, moduleExports);\n"
           "}\n"
           "// undefined when the update can be applied in place (a refresh is queued), else why\n"
           "// not (plugin-react's contract).\n"
           "export function validateRefreshBoundaryAndEnqueueUpdate(id, prevExports, "
           "nextExports) {\n"
           "  const problem = refresh.boundaryProblem(prevExports, nextExports);\n"
           "  if (problem) return `Could not Fast Refresh (${problem})`;\n"
           "  refresh.enqueueRefresh();\n"
           "  return undefined;\n"
           "}\n"
           "export const __hmr_import = (module) => import(/* @vite-ignore */ module);\n"
           "export default { injectIntoGlobalHook };\n";
    return out;
}

std::string vitePreambleSource(std::string_view base)
{
    std::string prefix(base);
    while (!prefix.empty() && prefix.back() == '/')
        prefix.pop_back();
    const std::string refreshUrl = prefix + std::string(kViteReactRefreshUrl);
    // rwsdk's vitePreamblePlugin, statement for statement.
    return "import RefreshRuntime from " + jsStringLiteral(refreshUrl) +
           ";\n"
           "RefreshRuntime.injectIntoGlobalHook(window);\n"
           "window.$RefreshReg$ = () => {};\n"
           "window.$RefreshSig$ = () => (type) => type;\n"
           "window.__vite_plugin_react_preamble_installed__ = true;\n";
}

std::string vitePreambleImport(std::string_view preambleSpecifier)
{
    return "import " + jsStringLiteral(preambleSpecifier) + ";";
}

} // namespace sy
