#pragma once
// Internal to engine/js (includes V8): the ES module runner of a worker isolate.
#include "js/evaluatedModule.h"
#include "js/moduleProvider.h"

#include <v8.h>

#include <atomic>
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

    /// Loads `id` (fetching and compiling what is not cached), instantiates it
    /// and starts its evaluation. Returns a JS array [evaluationPromise,
    /// namespace]. On failure a JS exception is pending (message names the
    /// module id; syntax errors carry line/column) and the result is empty.
    v8::MaybeLocal<v8::Value> load(const std::string &id, const std::string &importerId);

    /// Refreshes the status strings from V8 (after an evaluation settled).
    void refreshStatuses();

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
    /// The function that gives a Node.js built-in's module object:
    /// loader(name, code) (FetchedModule::builtin). Isolate thread.
    void setBuiltinLoader(v8::Local<v8::Function> loader);

private:
    std::set<std::string> pinned_;
    std::vector<std::string> evaluatedTogether_;
    struct Record {
        std::string id;
        std::string transformHash;
        int64_t evaluatedAt = 0;
        std::vector<std::string> imports;
        std::set<std::string> dynamicImports; ///< ids it loaded with import()
        std::string status = "linked";
        std::shared_ptr<v8::Global<v8::Module>> module;
        std::string codeCacheKey; ///< set until its code cache was produced
    };
    using LinkMap = std::map<std::string, v8::Local<v8::Module>>;

    /// A synthetic module for the built-in `fetched.builtin` (empty with a
    /// pending exception when the loader throws).
    v8::MaybeLocal<v8::Module> createBuiltinModule(const FetchedModule &fetched,
                                                   const std::string &importerId);
    static v8::MaybeLocal<v8::Value> evaluateBuiltin(v8::Local<v8::Context> context,
                                                     v8::Local<v8::Module> module);
    bool fetchAndCompile(const std::string &id, const std::string &importerId, LinkMap &linking,
                         std::vector<std::string> &created);
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
