#pragma once
// Internal to engine/js (includes V8): the ES module runner of a worker isolate.
#include "js/evaluatedModule.h"
#include "js/moduleProvider.h"

#include <v8.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace sy {

/// Compiles, links and evaluates ES modules inside one V8 context, like Vite's
/// ModuleRunner inside workerd. Modules come from a ModuleProvider
/// (specifier == id); evaluated module records are cached by id.
///
/// Threads: load/refreshStatuses/idOfScript/destruction run on the isolate
/// thread (isolate locked and entered, a HandleScope open). evaluatedModules,
/// invalidate and clearCache may be called from any thread: they only touch
/// bookkeeping under a mutex and hand dropped V8 handles to the isolate thread,
/// which releases them on its next load().
class ModuleRunner {
public:
    ModuleRunner(ModuleProvider &provider, v8::Isolate *isolate, v8::Local<v8::Context> context,
                 std::atomic<int> *outsideJsDepth);
    ~ModuleRunner();

    /// How load() treats mocks (moduleRunnerMocks.cpp).
    struct LoadOptions {
        /// The root `id` itself is the real module even when it is mocked
        /// (vi.importActual); its imports still link to mocks.
        bool actual = false;
        /// Ids linked to their real modules in this load even when mocked:
        /// the mocks whose factories are running (a factory that imports its
        /// own module gets the original, as in Vitest).
        std::set<std::string> actualIds;
    };

    /// Loads `id` (fetching and compiling what is not cached), instantiates it
    /// and starts its evaluation. Returns a JS array [evaluationPromise,
    /// namespace]. On failure a JS exception is pending (message names the
    /// module id; syntax errors carry line/column) and the result is empty.
    /// When the graph links to mocks whose exports are not known yet
    /// (mockModule without setMockExports), nothing is instantiated and the
    /// array is [undefined, undefined, [ids of those mocks]]: the caller gives
    /// their exports and loads again (the modules compiled so far stay).
    v8::MaybeLocal<v8::Value> load(const std::string &id, const std::string &importerId,
                                   const LoadOptions &options);
    v8::MaybeLocal<v8::Value> load(const std::string &id, const std::string &importerId)
    {
        return load(id, importerId, LoadOptions());
    }

    // ---- Module mocks (Vitest's vi.mock in test isolates; moduleRunnerMocks.cpp).
    // Isolate thread. A mock is keyed by the id importers write (what the
    // provider's resolveForMocking answers); modules linked from now on get the
    // mock instead of the real module, modules already linked keep what they
    // have (as Vitest's module cache does).

    /// Mocks `id`. With `redirectId` (a __mocks__ file), importers link to that
    /// module (loaded like any other, its own imports mocked too). Without,
    /// the mock is a module made of the object setMockExports gives; until
    /// then load() reports it pending. `interop`: importers read named imports
    /// off the default export (a CommonJS pre-bundle, see importRewriter.h), so
    /// a mock object without `default` gets itself as its default export.
    /// Registering again (vi.doMock) replaces the mock for later links.
    void mockModule(const std::string &id, const std::string &redirectId, bool interop);
    /// The mock of `id` exports the own enumerable string keys of `exports`
    /// (values read when the mock module is evaluated). False when `id` is not
    /// mocked.
    bool setMockExports(const std::string &id, v8::Local<v8::Object> exports);
    /// Later links of `id` get the real module again (vi.unmock).
    void unmockModule(const std::string &id);
    /// vi.resetModules(): drops every cached module except the pinned ones and
    /// those `keep` answers true for (the engine's own modules: the harness
    /// keeps its state); mock modules stay, so factories do not run again.
    /// Later imports evaluate fresh instances. Returns the dropped ids.
    std::vector<std::string> resetModules(const std::function<bool(const std::string &)> &keep);

    /// Refreshes the status strings from V8 (after an evaluation settled).
    void refreshStatuses();

    /// Produces the "run" code cache of the evaluated modules that have none yet: made after
    /// they ran (a test file's tests, a request), it also holds the functions compiled lazily
    /// since their evaluation, which the cache made at evaluation lacks (Vitest's runner and
    /// expect: ~250 functions a host compiled from source at every run). Later compiles use it
    /// first. Call when a run is over, before the runner goes (a test realm's disposal).
    void produceRunCodeCaches();

    /// Module id for a V8 script id of a module compiled here ("" if unknown).
    std::string idOfScript(int scriptId) const;

    std::vector<EvaluatedModule> evaluatedModules() const;
    /// Drops `ids` and every cached module that transitively imports them
    /// (a module record's links are fixed at instantiation), statically or by
    /// an import() it made (the importer may keep what import() returned, as
    /// the runtime's __webpack_require__ memo does; Vite's module graph counts
    /// dynamic importers too). An id without a record (its load failed) still
    /// drops the modules that import()ed it: they may keep the rejection.
    /// Returns the dropped ids, sorted. Unknown ids are ignored.
    std::vector<std::string> invalidate(const std::vector<std::string> &ids);
    /// Drops every cached module except the pinned ones; returns the dropped ids.
    std::vector<std::string> clearCache();
    /// Modules that invalidate() and clearCache() never drop: evaluated once
    /// per isolate (the framework's state module, RedwoodSDK's rwsdk/__state).
    void setPinned(std::set<std::string> ids);
    /// Module ids starting with one of `prefixes` are evaluated together (the
    /// worker's pre-bundles: React and its server renderer). Retrying a module
    /// whose evaluation failed drops its importers (load()); when that would
    /// drop one of these, the whole cache goes instead (pinned modules stay), as
    /// the hot updater does for an edit that reaches a pre-bundle: re-evaluating
    /// rwsdk's worker bundle next to the kept React makes React refuse a second
    /// RSC renderer.
    void setEvaluatedTogether(std::vector<std::string> prefixes);
    /// Whether this runner's modules use and make run code caches (produceRunCodeCaches): a
    /// test realm's runner; off by default, so a dev server's runner, which never makes them,
    /// does not look them up for every module it compiles.
    void setRunCodeCaches(bool on) { runCodeCaches_ = on; }
    /// The function that gives a Node.js built-in's module object:
    /// loader(name, code) (FetchedModule::builtin). Isolate thread.
    void setBuiltinLoader(v8::Local<v8::Function> loader);

private:
    std::set<std::string> pinned_;
    std::vector<std::string> evaluatedTogether_;
    bool runCodeCaches_ = false;
    struct Record {
        std::string id;
        std::string transformHash;
        int64_t evaluatedAt = 0;
        std::vector<std::string> imports;
        std::set<std::string> dynamicImports; ///< ids it loaded with import()
        std::string status = "linked";
        std::shared_ptr<v8::Global<v8::Module>> module;
        std::string codeCacheKey; ///< set until its code cache was produced
        /// Set until its run code cache was produced (ModuleCodeCache::runKeyFor): compiled from
        /// no cache or from the one made at evaluation.
        std::string runCodeCacheKey;
    };
    using LinkMap = std::map<std::string, v8::Local<v8::Module>>;

    /// A synthetic module for the built-in `fetched.builtin` (empty with a
    /// pending exception when the loader throws).
    v8::MaybeLocal<v8::Module> createBuiltinModule(const FetchedModule &fetched,
                                                   const std::string &importerId);
    static v8::MaybeLocal<v8::Value> evaluateBuiltin(v8::Local<v8::Context> context,
                                                     v8::Local<v8::Module> module);
    /// A synthetic module named `name` exporting `names`, each read off
    /// `value` when it is evaluated; with `defaultIsValue` also `default` =
    /// `value` itself (Node's facade of a built-in).
    v8::Local<v8::Module> createObjectModule(const std::string &name, v8::Local<v8::Value> value,
                                             std::vector<std::string> names, bool defaultIsValue);
    bool fetchAndCompile(const std::string &id, const std::string &importerId, LinkMap &linking,
                         std::vector<std::string> &created, bool skipMock = false);
    /// fetchAndCompile's part for a mocked `id`: -1 not mocked here, 1 linked
    /// (or recorded as pending), 0 failed with a pending exception.
    int linkMock(const std::string &id, const std::string &importerId, LinkMap &linking,
                 std::vector<std::string> &created);

    struct Mock {
        std::string redirectId;
        bool interop = false;
        std::shared_ptr<v8::Global<v8::Object>> exports; ///< null: pending
        std::shared_ptr<v8::Global<v8::Module>> module;  ///< made on first link
    };
    std::map<std::string, Mock> mocks_;     ///< isolate thread
    std::set<std::string> redirecting_;     ///< mocks whose redirect is being linked
    std::vector<std::string> pendingMocks_; ///< load(): mocks met without exports
    std::set<std::string> loadActualIds_;   ///< load(): LoadOptions::actualIds
    void dropLocked(const std::vector<std::string> &ids);
    std::vector<std::string> closureLocked(const std::vector<std::string> &ids) const;
    void releaseGraveyard();
    static v8::MaybeLocal<v8::Module> resolve(v8::Local<v8::Context> context,
                                              v8::Local<v8::String> specifier,
                                              v8::Local<v8::FixedArray> assertions,
                                              v8::Local<v8::Module> referrer);

    ModuleProvider &provider_;
    v8::Isolate *isolate_;
    v8::Global<v8::Context> context_;
    v8::Global<v8::Function> builtinLoader_;
    std::atomic<int> *outsideJsDepth_;

    mutable std::mutex mutex_;
    std::map<std::string, Record> records_;
    std::unordered_map<int, std::string> scriptIds_; // kept for dropped modules too
    std::vector<std::shared_ptr<v8::Global<v8::Module>>> graveyard_;
};

} // namespace sy
