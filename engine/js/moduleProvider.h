#pragma once
// The module runner's source of modules.
#include <string>
#include <vector>

namespace sy {

/// One module as the runner receives it. `code` is transformed ESM whose import
/// specifiers were already rewritten to the target modules' ids.
/// On failure ok=false and `error` says why (the runner reports it with the id).
struct FetchedModule {
    bool ok = false;
    std::string id;
    std::string code;
    std::string transformHash; ///< identifies the transform result (shown in evaluatedModules)
    std::string error;
    /// Not empty: the module is a Node.js built-in the isolate already has
    /// (workerd's node:* modules under nodejs_compat). The runner makes it a
    /// synthetic module from its built-in loader (the worker bootstrap's
    /// loadBuiltin(builtin, code)): `default` = the module object, one named
    /// export per own enumerable key, as Node's ESM facade of a built-in. The
    /// same object per isolate. `code` is passed along (the require policy of
    /// the pre-bundles' `require`, see env/nodeCompat.h).
    std::string builtin;
};

/// A specifier resolved for module mocking (ModuleProvider::resolveForMocking).
struct MockResolution {
    bool ok = false;       ///< false: the specifier does not resolve (error says why)
    std::string id;        ///< what importers of the module write (the runner's key)
    std::string file;      ///< the module's graph id (a path for files; no query)
    bool external = false; ///< a package, a built-in or not a file (Vitest's `external`)
    bool interop = false;  ///< a CommonJS pre-bundle: named imports read off `default`
    /// A manual mock for it in a __mocks__ folder (Vitest's findMockRedirect),
    /// as importers would write its id; empty when there is none.
    std::string mockRedirect;
    std::string error;
};

/// A stylesheet a server-rendered page links in its <head>: the URL the
/// client environment serves it at, and its module id (the link's
/// data-vite-dev-id, which the client's CSS runtime matches).
struct LinkedStylesheet {
    std::string href;
    std::string id;
};

/// Serves modules to a worker isolate's module runner, like Vite's
/// `environment.fetchModule` behind Cloudflare's runner (there reached through
/// a service binding). Implemented by the worker environment (engine/env).
///
/// Convention: specifier == id. Transforms rewrite every import specifier to the
/// target's id, so the runner never resolves paths itself.
///
/// Threads: called from the isolate thread (one call at a time per isolate,
/// possibly concurrently from several isolates); implementations must be
/// thread-safe. The call blocks the isolate: time spent here does not count
/// toward the worker's CPU limit.
class ModuleProvider {
public:
    virtual ~ModuleProvider() = default;
    /// `importerId` is empty for entries and for imports from non-module code.
    virtual FetchedModule fetchModule(const std::string &id, const std::string &importerId) = 0;
    /// Resolves `specifier` as an import of the module `importerId` would be
    /// (aliases, tsconfig paths, packages), without side effects on the graph
    /// or the optimizer: the path of vi.mock(path) and its kin (Vitest resolves
    /// them like imports of the file that calls them). Default: not supported.
    virtual MockResolution resolveForMocking(const std::string & /*specifier*/,
                                             const std::string & /*importerId*/)
    {
        MockResolution out;
        out.error = "this module provider cannot resolve for module mocking";
        return out;
    }
    /// The stylesheets a page render must link so it is styled before
    /// hydration: those reachable through static imports from the worker
    /// entry (server components) and from the "use client" modules this
    /// render referenced (`clientReferences`: their reference ids, e.g.
    /// "/src/app/Counter.tsx", through the ssr side), in import order, each
    /// once. The hot updater compares them before and after an update.
    virtual std::vector<LinkedStylesheet>
    stylesheetsFor(const std::vector<std::string> & /*clientReferences*/)
    {
        return {};
    }
};

} // namespace sy
