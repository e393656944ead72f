#pragma once
// A function built into the binary (a realm's setup, a binding class factory)
// compiled in every realm that needs it, with V8's code cache: V8 10.2 keeps
// no per-isolate cache of wrapped functions (ScriptCompiler::CompileFunction),
// so each realm of a test run (--pool contexts: one per file) parsed and
// compiled them anew, inner functions lazily on their first call. The cache is
// produced after the first call (markRan), so the inner functions that ran are
// in it, and again when a realm's work is over (markRunOver), with what ran
// since; ModuleCodeCache keeps both for the process and on disk. Internal
// header: includes <v8.h>.
#include <atomic>
#include <initializer_list>
#include <string>
#include <string_view>
#include <v8.h>
#include <vector>

namespace sy {

class EmbeddedFunction {
public:
    /// `name` is the script's origin ("switchyard:realm-setup"); `source` must be static.
    EmbeddedFunction(std::string name, std::string_view source,
                     std::initializer_list<const char *> params);

    /// The function in `context`, from the code cache when there is one (and `useCodeCache`).
    /// Empty with an exception pending when the source does not compile.
    v8::MaybeLocal<v8::Function> compile(v8::Local<v8::Context> context,
                                         bool useCodeCache = true) const;
    /// After `fn` (from compile()) ran: stores its code cache unless the process has one.
    void markRan(v8::Local<v8::Function> fn) const;
    /// True once the process has the "run" code cache (ModuleCodeCache::runKeyFor): compile()
    /// consumed it or markRunOver() stored it.
    bool hasRunCache() const { return m_runStored; }
    /// When the work `fn` (from compile()) was made for is over (a test realm goes): stores its
    /// "run" code cache, which also holds the inner functions compiled lazily since markRan()
    /// (the KV and D1 classes' methods a file's tests called, the realm's dispatch), unless the
    /// process has one. compile() takes it first.
    void markRunOver(v8::Local<v8::Function> fn) const;

private:
    std::string m_name;
    std::string_view m_source;
    std::vector<std::string> m_params;
    std::string m_key;
    mutable std::atomic<bool> m_stored{false};
    mutable std::atomic<bool> m_runStored{false};
};

} // namespace sy
