#pragma once
// RedwoodSDK's directive transforms ("use client" / "use server" per
// environment) as code generation, driven by FrameworkProfile. Modelled on
// rwsdk's dist/vite/transformClientComponents.mjs and
// transformServerFunctions.mjs (1.2.9 and 1.7.3), generating what its runtime
// (dist/runtime/register/{worker,client,ssr}.js) consumes:
//
// - "use client", worker: the module becomes `const SSRModule = await
//   ssrLoadModule(id)` plus one `registerClientReference(SSRModule, id, name)`
//   per export (rwsdk/__ssr_bridge, rwsdk/worker);
// - "use client", ssr and client: the directive is blanked (lines and columns kept);
// - "use server", client and ssr: stubs `createServerReference(id, name,
//   method?, kind?)` (rwsdk/client, rwsdk/__ssr); serverQuery(...) exports are
//   GET/"query", serverAction(...) POST, an explicit `{ method }` option wins;
// - "use server", worker: the code is kept (directive blanked, every line kept)
//   and each export is registered with `registerServerReference(fn, id, name)`.
//
// Where rwsdk's ast-grep patterns miss a form (export class, `export const a,
// b`, aliased local exports, async default functions, `{ method: 'PUT' }` in
// single quotes) the export is still handled; where rwsdk drops a form on
// purpose (`export *`), it is dropped here too, with a warning.
#include "framework/frameworkProfile.h"
#include "lex/lexedModule.h"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

/// The directive rwsdk acts on for a module.
enum class RwsdkDirective { None, UseClient, UseServer };

/// Which directive applies, from the directive prologue of the module's raw
/// source (before sucrase, which puts its own imports in front of it): "use
/// client" wins over "use server", as in rwsdk's hasDirective.
RwsdkDirective rwsdkDirectiveOf(const std::set<std::string> &prologueDirectives);

/// The id rwsdk gives a module in references and lookups (its
/// normalizeModulePath): "/src/app/Counter.tsx" for a file under
/// `projectRoot`, "/node_modules/rwsdk/dist/.../useTurnstile.js" for a package
/// inside it, the absolute path for a file outside it (a symlinked or pnpm
/// store package, resolved to its real path). A query (`?v=...`) is dropped.
/// Both paths absolute, '/'-separated.
std::string rwsdkReferenceId(const std::string &projectRoot, const std::string &file);

/// Result of a directive transform. `code` is the new module; when
/// `linesKept`, every line and column of the input is where it was (its
/// source map stays valid), else the module is generated (no source map).
struct RwsdkDirectiveResult {
    bool ok = true;
    std::string code;
    bool linesKept = false;
    /// Set when !ok: names the module id, the environment and what to do.
    std::string error;
    int line = 0, column = 0; ///< where the error is (1-based; 0 when unknown)
    /// Forms rwsdk drops too (`export * from "x"`): said once each, with the line.
    std::vector<std::string> warnings;
};

/// "use client" module. Worker: the replacement module (profile's
/// ssrBridgeSpecifier/ssrLoadModuleName and clientReferenceSource/
/// registerClientReferenceName); ssr and client: `source` with the directive
/// blanked. `source` is the module after sucrase, `lexed` its lexModule();
/// `referenceId` is rwsdkReferenceId() of the file.
RwsdkDirectiveResult rwsdkUseClientTransform(const FrameworkProfile &profile, EnvironmentKind env,
                                             const std::string &source, const LexedModule &lexed,
                                             std::string_view referenceId);

/// "use server" module. Client and ssr: the stub module (profile's
/// serverReferenceSourceClient / serverReferenceSourceSsr;
/// serverReferencesCarryMethod adds method and kind; serverStubsKeepReExports
/// keeps `export { x } from "y"` as it is instead of stubbing x). Worker:
/// `source` with the directive blanked and a registration footer that imports
/// the module's own namespace through `selfSpecifier` (its own file path) and
/// registers every export, `export *` ones included, with the profile's
/// serverRegistrationSource.
RwsdkDirectiveResult rwsdkUseServerTransform(const FrameworkProfile &profile, EnvironmentKind env,
                                             const std::string &source, const LexedModule &lexed,
                                             std::string_view referenceId,
                                             std::string_view selfSpecifier);

/// The one call for a module of the app or of a package: the transform rwsdk
/// applies to a module with `directive` (rwsdkDirectiveOf its raw prologue) in
/// `env`, or std::nullopt when it leaves the module alone (no directive).
/// `code` is the module after sucrase; it is lexed here. `selfSpecifier` is
/// its own file path (the worker's "use server" registration imports it).
/// In the client a "use client" module still needs React Refresh afterwards
/// (its lines are kept, so the refresh transform applies as to any module).
std::optional<RwsdkDirectiveResult>
rwsdkDirectiveTransform(const FrameworkProfile &profile, EnvironmentKind env,
                        RwsdkDirective directive, const std::string &code,
                        std::string_view referenceId, std::string_view selfSpecifier);

/// How an exported server function was defined, as the stubs tell the runtime.
struct ServerFunctionKind {
    std::string method; ///< "GET", "POST", an explicit `{ method }`, or "" (plain function)
    std::string kind;   ///< "query" (serverQuery), "action" (serverAction), "" (plain)
};

/// What `localName` (or the default export when `localName` is empty) is bound
/// to at the top level of `source`: `serverQuery(fn[, { method }])`,
/// `serverAction(...)` or something else.
ServerFunctionKind serverFunctionKind(const std::string &source, const std::string &localName);

} // namespace sy
