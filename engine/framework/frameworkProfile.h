#pragma once
// What an app's React framework expects of its build tool, per framework and
// version: the one place where frameworks (and their versions) differ. The
// engine (resolver options, environments, optimizer, directive transforms, HMR,
// dev server, test runner) asks the profile instead of naming a framework.
//
// Modelled on RedwoodSDK's Vite plugin (rwsdk/dist/vite: configPlugin,
// ssrBridgePlugin, statePlugin, useClientLookupPlugin/useServerLookupPlugin,
// directivesPlugin, transformJsxScriptTagsPlugin, miniflareHMRPlugin,
// vitePreamblePlugin); see ../shared/notes/rwsdk-contract.md and docs/architecture.md
// "Frameworks".
#include "resolve/environment.h"

#include <map>
#include <string>
#include <vector>

namespace sy {

/// Which framework runs the app.
enum class FrameworkKind {
    None,  ///< a plain Workers app: a fetch handler, no React framework
    Rwsdk, ///< RedwoodSDK (npm "rwsdk") 1.x
};

/// One framework version's contract with its build tool. Plain data: every
/// string is what the framework's runtime imports or reads, so no other engine
/// file needs to name them.
struct FrameworkProfile {
    FrameworkKind kind = FrameworkKind::None;
    std::string packageName; ///< "rwsdk" | ""
    std::string version;     ///< the installed package's version ("1.7.3"), "" when none
    std::string packageDir;  ///< real path of the installed package, "" when none
    /// Empty when the version is one the engine knows; else a warning for the user
    /// ("rwsdk 2.0.0 is newer than the newest version Switchyard knows (1.7.3) ...").
    std::string versionWarning;

    // -- Special imports (empty = the framework has none) ----------------------
    /// Imported by worker code; resolved with ssr conditions into the ssr
    /// subgraph (`virtual:switchyard:ssr:<ssr id>`): "rwsdk/__ssr_bridge".
    std::string ssrBridgeSpecifier;
    /// The request-state module, evaluated once per isolate, never pre-bundled
    /// and never re-evaluated: "rwsdk/__state".
    std::string stateSpecifier;
    /// Ids of the generated lookup modules as the framework's runtime imports
    /// them: "virtual:use-client-lookup.js", "virtual:use-server-lookup.js".
    /// Shape: `export const useClientLookup = { "/src/x.tsx": () => import(...) }`.
    std::string useClientLookupId;
    std::string useServerLookupId;

    // -- Directive transforms -------------------------------------------------
    /// "use client" in the worker: `import { <ssrLoadModuleName> } from <bridge>`,
    /// `import { <registerClientReferenceName> } from <clientReferenceSource>`.
    std::string clientReferenceSource;       ///< "rwsdk/worker"
    std::string registerClientReferenceName; ///< "registerClientReference"
    std::string ssrLoadModuleName;           ///< "ssrLoadModule"
    /// "use server" stubs: `createServerReference` imported from this module per
    /// environment (client: "rwsdk/client", ssr: "rwsdk/__ssr").
    std::string serverReferenceSourceClient;
    std::string serverReferenceSourceSsr;
    /// "use server" in the worker: `registerServerReference(fn, id, name)` from here.
    std::string serverRegistrationSource; ///< "rwsdk/worker"
    /// The stubs pass an HTTP method and kind (`serverQuery` = GET/"query",
    /// `serverAction` = POST/"action"): rwsdk >= 1.0 (createServerReference(id, name, method,
    /// kind)).
    bool serverReferencesCarryMethod = false;
    /// "use server" stubs keep `export { x } from "y"` as a re-export (rwsdk >= 1.5.0)
    /// instead of stubbing x as a reference of the re-exporting module (rwsdk 1.2.x).
    bool serverStubsKeepReExports = false;
    /// The Document transform: `<script>` tags importing a client entry get
    /// `nonce={requestInfo.rw.nonce}` and register in requestInfo.rw.scriptsToBeLoaded.
    bool documentScriptTransform = false;
    /// Specifier of the module the transformed Document imports `requestInfo` from.
    std::string requestInfoSource; ///< "rwsdk/worker"

    // -- Server function requests (what the framework's client sends) --------
    /// How the framework's client calls a "use server" function over HTTP, which
    /// cloudflare:test's callServerAction replays (testing/serverActionCall.h).
    /// rwsdk (client/client.js fetchTransport, register/methodEnforcer.js,
    /// render/normalizeActionResult.js): POST `<page url>?__rsc=&__rsc_action_id=<id>`
    /// with React's `encodeReply(args)` as the body and an `Origin` equal to the
    /// URL's origin; a serverQuery (its worker export has `method` "GET") is a GET
    /// with `args=<JSON of args>` in the query and no body. Middleware runs first;
    /// the reply is an RSC payload whose root object carries the action's result
    /// under `actionResult`; a Response the action returned arrives as
    /// `{ __rw_action_response: { status, headers: { location } } }`.
    /// Empty actionIdParam: the framework has no such request (our runtime's
    /// POST /_test route instead).
    struct ActionRequest {
        std::string rscParam;       ///< "__rsc": the request wants the RSC payload
        std::string actionIdParam;  ///< "__rsc_action_id": the reference id "<file>#<export>"
        std::string queryArgsParam; ///< "args": a GET function's arguments as JSON
        std::string dataOnlyHeader; ///< "x-rsc-data-only" ("true"): no page render next to a result
        std::string resultKey;      ///< "actionResult": the result in the payload's root
        std::string responseKey;    ///< "__rw_action_response": a Response the action returned
        std::string methodProperty; ///< "method": the worker export's HTTP method (POST if unset)
        bool sameOrigin = false;    ///< a non-GET request needs Origin == the URL's origin
        /// The Flight client, imported with ssr conditions (its encodeReply and
        /// createFromReadableStream): "react-server-dom-webpack/client.edge".
        std::string flightClientSpecifier;
    } actionRequest;

    // -- Resolution and pre-bundling ------------------------------------------
    /// Resolve conditions per environment, in priority order (the framework's
    /// plus the Cloudflare plugin's and Vite's defaults, as they end up merged).
    std::map<EnvironmentKind, std::vector<std::string>> conditions;
    /// optimizeDeps.include / exclude per environment (the framework's own entries).
    std::map<EnvironmentKind, std::vector<std::string>> optimizeInclude;
    std::map<EnvironmentKind, std::vector<std::string>> optimizeExclude;
    /// Specifiers (or prefixes ending in '*', e.g. "virtual:*", "cloudflare:*")
    /// kept external in pre-bundles of this environment: the bridge, the state
    /// module, the lookups, workerd's modules.
    std::map<EnvironmentKind, std::vector<std::string>> prebundleExternals;
    /// Packages served as source instead of pre-bundled (as Vite's
    /// optimizeDeps.exclude: each file a module of its own, its dependencies
    /// still pre-bundled), kept external in every other pre-bundle so there is
    /// one instance. Empty by default: rwsdk and rwsdk-community are
    /// pre-bundled with their virtual and `cloudflare:` imports external
    /// (prebundleExternals), which bench/prebundleModes measured faster.
    /// `SWITCHYARD_SOURCE_PACKAGES=rwsdk,rwsdk-community` (comma-separated
    /// package names, read by detectFramework) selects the other way for that
    /// benchmark.
    std::vector<std::string> sourcePackages;

    // -- Values the runtime reads ---------------------------------------------
    /// Extra `import.meta.env` entries per environment, as JSON values
    /// (rwsdk: RWSDK_ENV = "\"worker\"", VITE_IS_DEV_SERVER = "\"1\"").
    std::map<EnvironmentKind, std::map<std::string, std::string>> importMetaEnv;

    // -- Client and HMR -------------------------------------------------------
    /// The custom HMR event the client re-renders server components on: "rsc:update"
    /// with data `{ file }` (rwsdk); "switchyard:rsc-update" (ours).
    std::string rscUpdateEvent;
    /// The client entry is found in the Document (`<script>import("/src/client.tsx")</script>`)
    /// and gets `import "virtual:vite-preamble"` in front (Fast Refresh preamble).
    std::string preambleSpecifier; ///< "virtual:vite-preamble"
    /// The files the framework's client runtime expects the dev server to answer:
    /// "/@vite/client" (createHotContext), "/@react-refresh".
    bool viteClientUrls = false;
};

/// The profile for the framework installed in the app at `appRoot`: reads
/// `<appRoot>/node_modules/rwsdk/package.json` (following symlinks); an app whose
/// package.json depends on rwsdk without it installed gets rwsdk's profile and a
/// warning saying to run npm install; any other app is a plain Workers app
/// (FrameworkKind::None, an empty profile). An rwsdk version outside the known range
/// still gets the nearest known profile, with versionWarning set.
FrameworkProfile detectFramework(const std::string &appRoot);

/// The profile of rwsdk `version` ("1.7.3"); the nearest known one for others.
FrameworkProfile rwsdkProfile(const std::string &version);

/// Versions of rwsdk the engine is tested with, oldest first ("1.2.9", "1.7.3").
const std::vector<std::string> &knownRwsdkVersions();

} // namespace sy
