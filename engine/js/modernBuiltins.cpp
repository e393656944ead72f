#include "js/modernBuiltins.h"

#include "js/embeddedFunction.h"
#include "js/embeddedScripts.h"
#include "js/moduleCodeCache.h"
#include "js/v8Strings.h"

namespace sy::modernBuiltins {

namespace {
const std::string &cacheKey()
{
    static const std::string key =
        ModuleCodeCache::keyForEmbedded("switchyard:modern-builtins", embedded::kModernBuiltins);
    return key;
}
} // namespace

std::string_view source()
{
    return embedded::kModernBuiltins;
}

namespace {

// Compiles and runs the core-js bundle in `context`; see install().
bool runBundle(v8::Local<v8::Context> context, bool useCodeCache)
{
    v8::Isolate *isolate = context->GetIsolate();
    v8::HandleScope handles(isolate);
    v8::ScriptOrigin origin(isolate, v8util::str(isolate, "switchyard:modern-builtins"));
    std::shared_ptr<const ModuleCodeCache::Bytes> cached =
        useCodeCache ? ModuleCodeCache::instance().find(cacheKey()) : nullptr;
    // The source owns the CachedData object; the bytes stay the cache's.
    v8::ScriptCompiler::Source src(
        v8util::embeddedSource(isolate, embedded::kModernBuiltins), origin,
        cached
            ? new v8::ScriptCompiler::CachedData(cached->data(), static_cast<int>(cached->size()),
                                                 v8::ScriptCompiler::CachedData::BufferNotOwned)
            : nullptr);
    v8::Local<v8::Script> script;
    if (!v8::ScriptCompiler::Compile(context, &src,
                                     cached ? v8::ScriptCompiler::kConsumeCodeCache
                                            : v8::ScriptCompiler::kNoCompileOptions)
             .ToLocal(&script))
        return false;
    const bool rejected = cached && src.GetCachedData()->rejected;
    if (rejected)
        ModuleCodeCache::instance().reject(cacheKey()); // other V8 flags: produce anew
    v8::Local<v8::Value> result;
    if (!script->Run(context).ToLocal(&result))
        return false;
    if (useCodeCache && (!cached || rejected) &&
        !ModuleCodeCache::instance().contains(cacheKey())) {
        std::unique_ptr<v8::ScriptCompiler::CachedData> data(
            v8::ScriptCompiler::CreateCodeCache(script->GetUnboundScript()));
        if (data && data->length > 0)
            ModuleCodeCache::instance().store(
                cacheKey(), ModuleCodeCache::Bytes(data->data, data->data + data->length));
    }
    return true;
}

// `install` of modernBuiltinsLazy.js: the bundle, in the realm of the getter
// that asked (the function's own context is the current one).
void installCallback(const v8::FunctionCallbackInfo<v8::Value> &info)
{
    v8::Isolate *isolate = info.GetIsolate();
    runBundle(isolate->GetCurrentContext(), info.Data()->IsTrue());
}

} // namespace

bool install(v8::Local<v8::Context> context, Mode mode, bool useCodeCache)
{
    if (mode == Mode::Eager)
        return runBundle(context, useCodeCache);
    v8::Isolate *isolate = context->GetIsolate();
    v8::HandleScope handles(isolate);
    static const EmbeddedFunction lazyStubs("switchyard:modern-builtins-lazy",
                                            embedded::kModernBuiltinsLazy, {"install"});
    v8::Local<v8::Function> stubs;
    if (!lazyStubs.compile(context, useCodeCache).ToLocal(&stubs))
        return false;
    v8::Local<v8::Function> installFn;
    if (!v8::FunctionTemplate::New(isolate, &installCallback,
                                   v8::Boolean::New(isolate, useCodeCache))
             ->GetFunction(context)
             .ToLocal(&installFn))
        return false;
    v8::Local<v8::Value> args[] = {installFn};
    v8::Local<v8::Value> result;
    if (!stubs->Call(context, v8::Undefined(isolate), 1, args).ToLocal(&result))
        return false;
    if (useCodeCache)
        lazyStubs.markRan(stubs);
    return true;
}

} // namespace sy::modernBuiltins
