#pragma once
// A module node of one environment's module graph.
// Models Vite's EnvironmentModuleNode (vite/src/node/server/moduleGraph.ts):
// the same fields, plus what Switchyard adds to make staleness visible: the
// browserHash each transform baked in, the ssr twin of a bridged node, and the
// module's directives.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sy {

/// What a module is served as. Vite's node type is 'js' | 'css' | 'asset';
/// Switchyard names the asset kinds apart so the graph shows what each
/// module became:
///   Js     JavaScript/TypeScript (and generated modules)
///   Css    a stylesheet (as a style module, or text/css for a <link>)
///   Json   a .json file as an ES module (default + named exports)
///   Asset  a file of Vite's KNOWN_ASSET_TYPES imported for its URL
///   Url    `?url` of any file: its served URL
///   Raw    `?raw` of any file: its text
///   Inline `?inline` of a non-CSS file: a data: URL
///   Wasm   worker (wrangler's CompiledWasm rule): a WebAssembly.Module
///   Text   worker (wrangler's Text rule): the file's text
///   Data   worker (wrangler's Data rule): an ArrayBuffer of its bytes
enum class ModuleType { Js, Css, Json, Asset, Url, Raw, Inline, Wasm, Text, Data };

/// Vite's invalidationState: None (fresh or never transformed), Soft
/// (previous transform kept, only import URLs need refreshing: not used yet),
/// Hard (transform dropped, next request transforms again).
enum class InvalidationState { None, Soft, Hard };

/// What a module is to the app's framework when it is one of the modules its
/// build tool provides (named by the FrameworkProfile, framework/frameworkProfile.h):
///   SsrBridge     the SSR bridge entry as the worker imports it (rwsdk/__ssr_bridge,
///                 resolved with ssr rules into the bridged subgraph)
///   ClientLookup  the use-client lookup (virtual:use-client-lookup.js), any copy
///   ServerLookup  the use-server lookup (virtual:use-server-lookup.js), any copy
///   RequestState  the request-state module (rwsdk/__state): pinned, never
///                 pre-bundled or re-evaluated
///   VitePreamble  the Fast Refresh preamble client entries import (virtual:vite-preamble)
///   ReactRefresh  /@react-refresh and the react-refresh runtime behind it
///   ViteClient    /@vite/client (the HMR client)
enum class ModuleRole {
    None,
    SsrBridge,
    ClientLookup,
    ServerLookup,
    RequestState,
    VitePreamble,
    ReactRefresh,
    ViteClient
};

/// Which directive transform a module got in its environment (recorded where
/// the transform runs, engine/env + framework/rwsdkDirectives):
///   None                  no directive (or the transform left it alone)
///   ClientReferences      "use client", worker: client reference stubs
///   SsrModule             "use client", ssr: the SSR implementation (directive dropped)
///   ClientModule          "use client", client: the browser module (directive dropped)
///   ServerRegistration    "use server", worker: the code kept, exports registered
///   ServerReferenceStubs  "use server", client and ssr: server reference stubs
enum class DirectiveTransform {
    None,
    ClientReferences,
    SsrModule,
    ClientModule,
    ServerRegistration,
    ServerReferenceStubs
};

/// How one import of a module was resolved: the specifier as written, the
/// resolved module id, and what the transformed code imports instead.
struct ResolvedImport {
    std::string specifier;
    std::string id;
    std::string rewrittenTo;
    bool dynamic = false;
};

/// The result of transforming one module for one environment.
/// `deps`/`dynamicDeps` are the resolved ids it imports. `optimizedDeps` maps
/// each optimized dependency id this code references to the browserHash baked
/// into its `?v=` query: when the optimizer's browserHash moves on, a transform
/// whose hashes differ from the current one is stale.
struct TransformResult {
    std::string code;
    std::string map;  ///< source map JSON, may be empty
    std::string etag; ///< shortHash of code
    std::vector<std::string> deps;
    std::vector<std::string> dynamicDeps;
    std::map<std::string, std::string> optimizedDeps; ///< dep id -> browserHash referenced
    std::vector<ResolvedImport> imports;              ///< in source order
    double transformMs = 0;
};

/// One module node. Owned by a ModuleGraph; identified by `id`.
struct ModuleNode {
    std::string environment; ///< "client" | "ssr" | "worker"
    std::string id;          ///< resolved id: absolute real path, or a virtual id
    std::string url;         ///< the URL importers use (client: served URL)
    std::string file;        ///< file on disk, empty for purely virtual modules
    ModuleType type = ModuleType::Js;
    std::set<std::string> importers;       ///< ids of modules importing this one
    std::set<std::string> importedModules; ///< ids this module imports
    std::set<std::string> acceptedHmrDeps;
    bool isSelfAccepting = false;
    std::optional<TransformResult> transformResult;
    int64_t lastHmrTimestamp = 0;          ///< ms since epoch
    int64_t lastInvalidationTimestamp = 0; ///< ms since epoch
    InvalidationState invalidationState = InvalidationState::None;

    // Switchyard additions.
    bool isVirtual = false;           ///< id is virtual (e.g. virtual:switchyard:ssr:...)
    std::string twinId;               ///< for a worker node bridged from ssr: the ssr node's id
    std::set<std::string> directives; ///< "use client", "use server"
    std::string optimizedBrowserHash; ///< set when this node IS a pre-bundled dependency
    std::string lastInvalidationCause;
    /// Set when the node is created (ModuleGraph::setRoleProvider): what the
    /// module is to the framework, and the name people know it by
    /// ("rwsdk/__ssr_bridge", "virtual:use-client-lookup.js"); "" = none.
    ModuleRole role = ModuleRole::None;
    std::string displayName;
    /// The directive transform its last transform applied, and why it applied:
    /// "directive" (the module's prologue) or the option that forced it
    /// ("forceClientPaths", "forceServerPaths"); "" with None.
    DirectiveTransform directiveTransform = DirectiveTransform::None;
    std::string directiveTransformReason;
};

/// "js", "css", "json", "asset", "url", "raw", "inline", "wasm", "text", "data".
std::string_view moduleTypeName(ModuleType);
std::string_view invalidationStateName(InvalidationState);
/// "", "ssr-bridge", "client-lookup", "server-lookup", "request-state",
/// "vite-preamble", "react-refresh", "vite-client".
std::string_view moduleRoleName(ModuleRole);
/// "", "client-references", "ssr-module", "client-module", "server-registration",
/// "server-reference-stubs".
std::string_view directiveTransformName(DirectiveTransform);

} // namespace sy
