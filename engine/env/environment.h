#pragma once
// One environment of a dev session (client, ssr or worker), modelled on
// Vite's DevEnvironment: its resolver (with its resolve conditions), its
// module graph, its dependency optimizer, and the transform pipeline
//   load -> sucrase (TS/JSX) -> directive transform -> rewrite imports
// that turns a module id into code a runner (worker/ssr) or a browser
// (client) can evaluate without resolving anything itself.
//
// The worker environment also implements RedwoodSDK's SSR bridge: the
// runtime's bridge entry and every module below it get ids prefixed
// `virtual:switchyard:ssr:`; their code comes from the ssr environment and
// each such node is linked to its ssr twin.
//
// Thread-safe: one mutex per environment serializes transforms and graph
// access. The worker asks the ssr environment while holding its own lock;
// the ssr environment never calls back, so the order worker -> ssr is fixed.
#include "env/configDependents.h"
#include "env/nodeCompat.h"
#include "framework/documentScripts.h"
#include "graph/moduleGraph.h"
#include "js/moduleProvider.h"
#include "optimizer/depsOptimizer.h"
#include "resolve/resolver.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <set>
#include <string>

namespace sy {

class DirectiveIndex;
class FilePolicy;
class StylesheetStore;
struct CssProcessOutput;
class TransformService;
struct ProjectConfig;

inline constexpr std::string_view kSsrVirtualPrefix = "virtual:switchyard:ssr:";
/// `cloudflare:workers` in the worker and ssr environments (js/cloudflareWorkers.js).
inline constexpr std::string_view kCloudflareWorkersId = "virtual:switchyard:cloudflare-workers";
/// Marks an error caused by a dependency that is being pre-bundled right now:
/// the request that met it is replayed on the next generation, not failed.
inline constexpr std::string_view kReoptimizeMarker = "[switchyard:re-optimizing]";

/// Why one module could not be transformed, with where in which file
/// (line/column 1-based, 0 when unknown). What HMR `error` payloads show.
struct ModuleError {
    std::string message;
    std::string file;
    int line = 0;
    int column = 0;
};

/// A module served to the browser (client environment).
struct ServedModule {
    /// 200, 400 (malformed path: NUL, "..", bad escape), 403 (refused by the FilePolicy), 404
    /// (unknown URL or id), 500 (transform error), 504 (outdated pre-bundle)
    int status = 200;
    std::string contentType = "text/javascript";
    std::string body; ///< the module, or a one-line reason when refused
    std::string etag;
    bool refused = false;               ///< 400/403: the file policy refused the URL (journal it)
    std::string errorFile;              ///< 500: the file the transform error is in, when known
    int errorLine = 0, errorColumn = 0; ///< 500: where in errorFile (1-based; 0: unknown)
};

/// What a SourceStep made of a module's code: the new code, or why the module
/// cannot be served (message; line/column 1-based in the module, 0 when unknown).
struct SourceStepResult {
    bool ok = true;
    std::string code;
    std::string error;
    int line = 0, column = 0;
};
/// A step of the pipeline over a file module's JavaScript (after sucrase and
/// the framework's transforms, before imports are resolved): `id` is the
/// module's id. Called with the environment's lock held.
using SourceStep = std::function<SourceStepResult(const std::string &id, std::string code)>;

/// One environment. Create the ssr environment before the worker one and
/// pass it with setSsrEnvironment().
class Environment : public ModuleProvider {
public:
    Environment(EnvironmentKind kind, const ProjectConfig &project, TransformService &transforms,
                const DirectiveIndex &directives);
    ~Environment() override;

    EnvironmentKind kind() const { return m_kind; }
    std::string name() const { return std::string(environmentName(m_kind)); }
    const Resolver &resolver() const { return m_resolver; }
    DepsOptimizer &optimizer() { return m_optimizer; }

    /// Worker only: the environment that resolves and transforms the SSR
    /// bridge's subgraph.
    void setSsrEnvironment(Environment *ssr) { m_ssr = ssr; }

    /// The client entries the app's Document names (framework/documentScripts.h):
    /// the worker's Document transform adds them, the client gives them the
    /// framework's Vite preamble (environmentDocument.cpp). Each environment has
    /// its own set until shareDocumentEntries() makes this one use `other`'s.
    void shareDocumentEntries(Environment &other) { m_documentEntries = other.m_documentEntries; }
    /// Their URLs ("/src/client.tsx", root-relative; "/@fs/..." outside the root), sorted.
    std::vector<std::string> documentClientEntries() const;

    /// Client only: while true, app modules are transformed without React Fast Refresh's
    /// Babel pass (a dev server's start-up crawl, which only looks for dependencies); such a
    /// module is transformed again, with it, the next time it is asked for after this is
    /// false again. Keeps the Babel isolate's start off the time to the first HTML. Returns
    /// the previous setting.
    bool setDeferReactRefresh(bool defer);
    /// Client only, while not deferring: transforms again, with the pass, those of `ids` that
    /// were transformed without it (a hot update defers it during its crawl so that the HTML
    /// does not wait; its HMR payload then needs the boundaries the pass makes of the modules
    /// it changed). Other deferred modules get the pass when they are asked for.
    void applyDeferredReactRefresh(const std::vector<std::string> &ids);

    /// ModuleProvider (worker runner): transformed code of `id`, whose import
    /// specifiers are ids. `id` may carry `?v=<browserHash>` for optimized
    /// deps; an old hash fails with "There is a new version of the pre-bundle
    /// for ..." (Vite's ERR_OUTDATED_OPTIMIZED_DEP).
    FetchedModule fetchModule(const std::string &id, const std::string &importerId) override;
    /// ModuleProvider (environmentMocks.cpp): `specifier` resolved as
    /// `importerId` imports it, with no new pre-bundle (a package nothing
    /// imports resolves to its entry file) and the __mocks__ file Vitest
    /// would use for it (env/mockRedirect.h).
    MockResolution resolveForMocking(const std::string &specifier,
                                     const std::string &importerId) override;

    /// Client environment: the browser URL `url` (path and query) as an ES
    /// module whose imports are URLs. The path is percent-decoded and
    /// normalized (normalizeRequestPath: 400 for NUL, "..", bad escapes),
    /// then mapped to a file ("/src/x.tsx" under the root, "/@fs/<abs>",
    /// pre-bundles under /.switchyard/deps_client/, "/@id/<abs>") that the
    /// filePolicy() must allow (403 with the reason otherwise), or to an id
    /// the engine produces ("/@id/virtual:..." of a known virtual module, a
    /// browser-external id already in the graph; the query is ignored for
    /// them). An unknown id or a missing file is a 404 and adds no node to
    /// the module graph.
    ServedModule serveClientUrl(const std::string &url);

    /// Client: the one check every file this environment reads goes through
    /// (allowed roots: the app, the node_modules it resolves into, the
    /// runtime; denied: secrets and <app>/.switchyard/storage; size cap).
    /// The dev server shares it with public/ files and code frames. Null in
    /// the worker and ssr environments (they read what the app's own code
    /// imports).
    std::shared_ptr<FilePolicy> filePolicy() const { return m_filePolicy; }

    /// Scan mode: bare imports that are not pre-bundled yet are collected
    /// instead of bundled one by one; commitScan() bundles them in one run and
    /// resets the graph. Use it across environments (the worker's crawl
    /// reaches the ssr environment through the bridge).
    void setScanning(bool scanning);
    OptimizerRun commitScan();

    /// Live-session discovery (Vite: registerMissingImport). When set, a bare
    /// import that is not pre-bundled is reported here (specifier, resolved
    /// entry file; called with the environment's lock held, so it must only
    /// schedule work) and the importing module fails with kReoptimizeMarker
    /// instead of being bundled inline. Unset (CLI graph/inspect), the
    /// optimizer runs inline.
    std::function<void(const std::string &specifier, const std::string &entry)> onMissingDependency;

    /// Pre-bundles `deps` (bare id -> entry) with the ones already optimized.
    /// On a full run's commit the module graph starts afresh (every transform
    /// baked in the old ?v=); an additive run (optimizer/additiveRun.h) keeps
    /// it. Returns the run.
    OptimizerRun reoptimize(const std::map<std::string, std::string> &deps,
                            const std::string &trigger,
                            OptimizerRunPolicy policy = OptimizerRunPolicy::AdditiveWhenSafe,
                            const std::string &fullReason = {});
    /// DepsOptimizer::optimizeAdditively: the new deps bundled beside the
    /// current bundles (the graph stays), or nullopt and `why` when that is
    /// not possible or not safe (then nothing changed).
    std::optional<OptimizerRun> reoptimizeAdditively(const std::map<std::string, std::string> &deps,
                                                     const std::string &trigger, std::string &why);
    /// Forgets cached package.json files and package locations (after an
    /// install changed node_modules).
    void clearResolverCache();
    /// Removes every module node (a new generation's graph starts empty).
    void resetGraph();
    /// Worker: drops the transforms of the bridged `virtual:switchyard:ssr:`
    /// nodes only (after the ssr environment re-bundled), keeping nodes and
    /// edges; returns their ids.
    std::vector<std::string> invalidateBridgedNodes(const std::string &cause);
    /// Removes nodes that hold no transform and that nothing imports (e.g. the
    /// chunks of a previous pre-bundle); returns their ids.
    std::vector<std::string> pruneOrphans();
    /// Drops the transform of the node `id` (if any); returns true if it had one.
    bool invalidateModule(const std::string &id, const std::string &cause);

    /// Transforms everything reachable from `entries` (ids) so the graph is
    /// complete; returns the errors met, one per failing module.
    std::vector<ModuleError> crawl(const std::vector<std::string> &entries);

    /// The client URL of a module id (client environment's URL scheme):
    /// "/src/x.tsx" under the root, "/@fs/abs" elsewhere, "/@id/<id>" virtual.
    std::string clientUrlFor(const std::string &id) const;
    /// The "/src/app/X.tsx" form used as reference ids by directives.
    std::string normalizedPath(const std::string &file) const;

    /// Snapshot as JSON (moduleGraphToJson) plus optimizer metadata.
    nlohmann::json graphJson();
    /// Runs `fn` with the graph under the environment's lock.
    void withGraph(const std::function<void(ModuleGraph &)> &fn);

    /// Registers a module the engine generates (Vite: a plugin's resolveId +
    /// load of a virtual module). Imports of any of `specifiers` (e.g.
    /// "vitest", "cloudflare:test") and of `id` itself (must start with
    /// "virtual:") resolve to `id`; on load `source()` gives its ESM, whose
    /// imports are rewritten like any module's (bare ones from the app root).
    /// Called before the graph is used; `source` is called with the
    /// environment's lock held.
    void addVirtualModule(const std::string &id, const std::vector<std::string> &specifiers,
                          std::function<std::string()> source);
    /// Adds a step to the pipeline of every file module (app files and packages
    /// served as source; not pre-bundles, not virtual modules), as a Vite
    /// plugin's transform hook: a test session's worker environment gets
    /// Vitest's mock hoisting (testing/mockHoisting.h). Call it before the graph
    /// is used; modules already transformed keep their code.
    void setSourceStep(SourceStep step);
    /// Client: the virtual module `id` is served and imported at `url` (a path such as
    /// "/@vite/client") instead of "/@id/<id>", which is then refused: one URL, one instance
    /// in the browser (viteClientModule.h).
    void serveVirtualModuleAt(const std::string &id, const std::string &url);

    /// Client: records a hot update of the modules `ids` sent with
    /// `timestampMs` (the js-update payload's timestamp), as Vite's
    /// invalidateModule(isHmr) does: each of them and, transitively, every
    /// importer that does not accept it as a dep gets lastHmrTimestamp =
    /// `timestampMs` and loses its transform (one of `ids` keeps the transform
    /// the update made when it imports none of the marked modules, so the
    /// browser's re-import costs no second transform). Re-transformed importers import
    /// these modules with `?t=<timestampMs>` (Vite's lastHMRTimestamp), so a
    /// boundary the browser re-imports gets the updated instances. Returns the
    /// ids marked.
    std::vector<std::string> markHotUpdated(const std::vector<std::string> &ids,
                                            int64_t timestampMs);

    /// The Node.js compatibility imports resolve under (starts as the
    /// project's): which node:* and bare built-in names become the isolate's
    /// built-in modules (worker, ssr), with workerd's and wrangler's errors
    /// otherwise; the client turns built-ins into browser-external modules
    /// whatever it says. After a change, the caller drops the graph
    /// (resetGraph) so every import is resolved again.
    void setNodeCompat(NodeCompat compat);
    NodeCompat nodeCompat();

    /// Drops the transforms of every module backed by `file` (in the worker
    /// also its bridged twin `virtual:switchyard:ssr:<file>`), and of the
    /// stylesheets built from it (@imports, PostCSS config, Tailwind sources:
    /// StylesheetStore::dependents). Returns the ids of the nodes that live in
    /// this graph for the file and those stylesheets, invalidated or not.
    std::vector<std::string> invalidateFile(const std::string &file, const std::string &cause);

    /// Worker: the stylesheets a page render links (ModuleProvider; see
    /// environmentCss.cpp): static imports of the worker graph from the entry,
    /// then the ssr side of each referenced "use client" module. Cached per
    /// client references until the graph changes (ModuleGraph::revision).
    std::vector<LinkedStylesheet>
    stylesheetsFor(const std::vector<std::string> &clientReferences) override;
    /// The session's stylesheets (processed once for all environments),
    /// created on first use unless shareStylesheets() gave one.
    std::shared_ptr<StylesheetStore> stylesheetStore();
    /// Uses `other`'s StylesheetStore (DevSession shares the client's).
    void shareStylesheets(Environment &other);
    /// Ids of the modules whose transform depends on `file`, a file that is
    /// not a module: a tsconfig.json / jsconfig.json (or a config one
    /// extends, or a nearer config path that was absent) their bare imports
    /// were resolved through, or kImportMetaEnvDependency for the modules
    /// that read import.meta.env. Failed transforms count too.
    std::vector<std::string> modulesDependingOn(const std::string &file);
    /// `file` changed: drops the resolver's cached tsconfigs that read it
    /// (call it for every changed file). True when one depended on it.
    bool invalidateTsconfig(const std::string &file);
    /// Reads the env files again (Vite's loadEnv for the project's mode).
    /// True when this environment's import.meta.env changed.
    bool reloadImportMetaEnv();
    /// This environment's import.meta.env object as JSON.
    std::string importMetaEnvJson();

    // The app's framework (environmentFramework.cpp; framework/frameworkProfile.h).
    /// Ids of the use-client / use-server lookup modules, as the framework's
    /// runtime imports them ("virtual:use-client-lookup.js" for rwsdk); empty
    /// for a plain Workers app.
    std::string useClientLookupId() const;
    std::string useServerLookupId() const;
    /// The framework's request-state module (rwsdk/__state resolved with this
    /// environment's conditions): one instance per isolate, never pre-bundled,
    /// pinned in the runner. Empty when none (a plain Workers app).
    std::string stateModuleId() const;
    /// Worker: `specifier` is the framework's SSR bridge import.
    bool isSsrBridgeSpecifier(const std::string &specifier) const;
    /// What the module `id` of this environment is to the framework
    /// (environmentRoles.cpp): the bridge (the id the bridge specifier
    /// resolved to), a lookup, the state module, the Vite preamble, React
    /// Refresh or the Vite client, each copy of them (the worker's bridged
    /// `virtual:switchyard:ssr:` ones too), with the name the FrameworkProfile
    /// gives it; {None, ""} for any other module. Every new graph node gets it.
    std::pair<ModuleRole, std::string> frameworkRoleOf(const std::string &id) const;

private:
    struct Transformed {
        bool ok = false;
        std::string code;
        std::string etag;
        std::string error;
        std::string map;       ///< source map JSON of code, when the source had one
        std::string errorFile; ///< where the error is, when known
        int errorLine = 0, errorColumn = 0;
    };
    struct Target {
        bool ok = false;
        std::string id;        ///< graph id of the imported module (no query)
        std::string specifier; ///< what the code imports (id or URL, with ?v=)
        bool interop = false;
        std::string browserHash; ///< for optimized deps
        std::string error;
        std::vector<std::string> configFiles; ///< tsconfigs the resolution depended on
    };

    Transformed transformLocked(const std::string &idWithQuery);
    Transformed transformFile(ModuleNode &node);
    /// A stylesheet imported from JS (environmentCss.cpp): the module of its
    /// environment, ?inline text; nullopt when `node` is no stylesheet.
    std::optional<Transformed> transformStylesheet(ModuleNode &node);
    /// Client: `file` loaded by the browser itself (<link>, `?direct`): the
    /// processed CSS, node `<file>?direct`.
    Transformed transformDirectStylesheet(const std::string &file);
    Transformed stylesheetFailure(const std::string &file, const CssProcessOutput &output) const;
    /// invalidateFile's part for the stylesheets built from `file`.
    std::vector<std::string> invalidateStylesheetDependents(const std::string &file,
                                                            const std::string &cause, int64_t now);
    Transformed transformOptimized(ModuleNode &node, const std::string &hashInQuery);
    Transformed transformBridged(ModuleNode &node, const std::string &innerId);
    Transformed finishModule(ModuleNode &node, const std::string &source, const std::string &file,
                             double sucraseMs, std::string sourceMap = {});
    Target resolveImport(const std::string &specifier, const std::string &importerFile);
    /// Client: records what the module accepts (import.meta.hot.accept; the
    /// accepted deps as resolved graph ids) on its node and injects the hot
    /// context when it uses import.meta.hot.
    void applyHmrApi(ModuleNode &node, const struct HmrAcceptInfo &info,
                     std::set<std::string> acceptedIds, std::string &code);
    std::string lookupModuleSource(std::string_view id) const;
    /// `specifier` (bare) is never pre-bundled: the framework's state module and
    /// its optimizeDeps.exclude entries are served as source (Vite's exclude).
    bool excludedFromOptimizing(const std::string &specifier) const;
    /// Worker: the bridge's target resolved by the ssr environment (a pre-bundle
    /// of the ssr environment when the bridge is a package's, as rwsdk's), as a
    /// `virtual:switchyard:ssr:` target of the worker graph.
    Target resolveSsrBridge(const std::string &specifier, const std::string &importerFile);
    /// Bare ids of the framework's optimizeDeps.include that resolve from the
    /// app root and are not pre-bundled yet: id -> entry file.
    std::map<std::string, std::string> missingIncludedDeps();
    /// Modules that are not JavaScript (environmentAssets.cpp): JSON, assets,
    /// ?raw, ?url, ?inline, wrangler's module rules (worker, ssr). Sets the
    /// node's type; nullopt for JS and CSS, which take the normal pipeline.
    std::optional<Transformed> transformTypedModule(ModuleNode &node);
    /// Client: a direct request for an existing file (not a module request:
    /// isDirectFileRequest): its bytes with its MIME type, through the policy.
    ServedModule serveDirectFile(const std::string &file);
    /// Client: `new URL("./x.png", import.meta.url)` in `code` of `file` with
    /// the served URL of the file it names (Vite's assetImportMetaUrl in dev).
    std::string rewriteImportMetaUrls(const std::string &code, const std::string &file) const;
    /// Reads a module's source; in the client through the file policy.
    bool readSource(const std::string &file, std::string &out, std::string &error) const;
    // The Document's client entries and the Vite preamble (environmentDocument.cpp).
    /// Client: registers "/@react-refresh" and the framework's preamble module.
    void addVitePreambleModules();
    /// Worker: the framework's Document transform over `code` of `node` (after
    /// sucrase); records the client entries it names.
    std::string applyDocumentScripts(const ModuleNode &node, std::string code);
    /// Client: `id` is a client entry the Document named, so it gets the
    /// framework's preamble in front.
    bool needsVitePreamble(const std::string &id) const;
    /// Client: a cached transform of `node` lacks the preamble it now needs.
    bool lacksVitePreamble(const ModuleNode &node) const;
    /// Client: the virtual module served at `path`: a URL of its own
    /// (serveVirtualModuleAt, "/@vite/client") or a specifier alias that is a
    /// URL ("/@react-refresh"); nullopt for any other path.
    std::optional<ServedModule> serveVirtualUrl(const std::string &path);
    /// Client: an id after /@id/ that names a module the engine generates.
    bool isServableVirtualId(const std::string &id) const;
    std::string specifierFor(const std::string &id, const std::string &query) const;
    // Node.js built-ins (environmentNodeBuiltins.cpp).
    /// `specifier` as a Node.js built-in: before normal resolution
    /// (`resolvedFailed` false: node: ids, and bare names the v2 mode takes
    /// first) or after it found nothing (true). nullopt: not a built-in here.
    std::optional<Target> resolveNodeBuiltin(const std::string &specifier,
                                             const std::string &importerFile, bool resolvedFailed);
    /// Worker/ssr: the built-in module `id` (node:*, kNodeRequireModuleId, a
    /// bare built-in name from a runtime import()) for the runner; nullopt
    /// when `id` is none of them.
    std::optional<FetchedModule> fetchNodeBuiltin(const std::string &id,
                                                  const std::string &importerId);
    /// Client: the source of a browser-external module (Vite's
    /// __vite-browser-external: accessing it throws, naming the module).
    std::string browserExternalSource(const std::string &id) const;

    EnvironmentKind m_kind;
    const ProjectConfig &m_project;
    TransformService &m_transforms;
    const DirectiveIndex &m_directives;
    Resolver m_resolver;
    DepsOptimizer m_optimizer;
    ModuleGraph m_graph;
    Environment *m_ssr = nullptr;
    std::recursive_mutex m_mutex;
    bool m_scanning = false;
    std::map<std::string, std::string> m_missingDeps; ///< found while scanning: bare id -> entry
    std::map<std::string, std::function<std::string()>> m_virtualSources; ///< id -> ESM source
    SourceStep m_sourceStep;                                              ///< see setSourceStep
    std::map<std::string, std::string> m_virtualAliases; ///< specifier -> virtual id
    std::map<std::string, std::string> m_virtualUrls;    ///< client: virtual id -> served URL
    std::shared_ptr<FilePolicy> m_filePolicy;            ///< client only
    std::shared_ptr<DocumentClientEntries> m_documentEntries =
        std::make_shared<DocumentClientEntries>();
    std::set<std::string> m_vitePreambled;   ///< client: ids transformed with the Vite preamble
    bool m_deferRefresh = false;             ///< client only
    std::set<std::string> m_refreshDeferred; ///< client: transformed without the refresh pass
    NodeCompat m_nodeCompat;
    std::set<std::string> m_externalWarnings;       ///< client: "specifier\nimporter" warned once
    std::shared_ptr<StylesheetStore> m_stylesheets; ///< see stylesheetStore()
    /// stylesheetsFor()'s answers (by client references) at graph revision
    /// `revision`: a render asks each time, the graph rarely changes.
    struct LinkedStylesheetsCache {
        uint64_t revision = ~uint64_t(0);
        std::map<std::string, std::vector<LinkedStylesheet>> answers;
    } m_linkedStylesheets;
    ConfigDependents m_configDependents;
    std::set<std::string> m_moduleConfigFiles; ///< collected while one module is finished
    /// Config files transformFile() read before finishModule() (the tsconfig
    /// that chose legacy decorators): finishModule() starts from them.
    std::set<std::string> m_transformConfigFiles;
    std::string m_importMetaEnv;              ///< the import.meta.env object (JSON)
    mutable std::once_flag m_stateModuleOnce; ///< stateModuleId() resolves once
    /// Worker: the graph id the SSR bridge specifier resolved to (resolveSsrBridge).
    std::string m_ssrBridgeId;
    mutable std::string m_stateModuleId;
};

} // namespace sy
