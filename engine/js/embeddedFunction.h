#pragma once
// A function built into the binary (a realm's setup, a binding class factory)
// compiled in every realm that needs it, with V8's code cache: V8 10.2 keeps
// no per-isolate cache of wrapped functions (ScriptCompiler::CompileFunction),
// so each realm of a test run (--pool contexts: one per file) parsed and
// compiled them anew, inner functions lazily on their first call. The cache is
// produced after the first call (markRan), so the inner functions that ran are
// in it; ModuleCodeCache keeps it for the process and on disk. Internal
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

private:
    std::string m_name;
    std::string_view m_source;
    std::vector<std::string> m_params;
    std::string m_key;
    mutable std::atomic<bool> m_stored{false};
};

} // namespace sy
