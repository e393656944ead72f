#include "js/modernBuiltins.h"

#include "js/embeddedScripts.h"
#include "js/moduleCodeCache.h"
#include "js/v8Strings.h"

namespace sy::modernBuiltins {

namespace {
const std::string &cacheKey()
{
    static const std::string key =
        ModuleCodeCache::keyFor("switchyard:modern-builtins", "embedded");
    return key;
}
} // namespace

std::string_view source()
{
    return embedded::kModernBuiltins;
}

bool install(v8::Local<v8::Context> context, bool useCodeCache)
{
    v8::Isolate *isolate = context->GetIsolate();
    v8::HandleScope handles(isolate);
    v8::ScriptOrigin origin(isolate, v8util::str(isolate, "switchyard:modern-builtins"));
    std::shared_ptr<const ModuleCodeCache::Bytes> cached =
        useCodeCache ? ModuleCodeCache::instance().find(cacheKey()) : nullptr;
    // The source owns the CachedData object; the bytes stay the cache's.
    v8::ScriptCompiler::Source src(v8util::str(isolate, embedded::kModernBuiltins), origin,
                                   cached ? new v8::ScriptCompiler::CachedData(
                                                cached->data(), static_cast<int>(cached->size()),
                                                v8::ScriptCompiler::CachedData::BufferNotOwned)
                                          : nullptr);
    v8::Local<v8::Script> script;
    if (!v8::ScriptCompiler::Compile(context, &src,
                                     cached ? v8::ScriptCompiler::kConsumeCodeCache
                                            : v8::ScriptCompiler::kNoCompileOptions)
             .ToLocal(&script))
        return false;
    if (cached && src.GetCachedData()->rejected)
        ModuleCodeCache::instance().reject(cacheKey()); // other V8 flags: produce anew
    v8::Local<v8::Value> result;
    if (!script->Run(context).ToLocal(&result))
        return false;
    if (useCodeCache && (!cached || src.GetCachedData()->rejected)) {
        std::unique_ptr<v8::ScriptCompiler::CachedData> data(
            v8::ScriptCompiler::CreateCodeCache(script->GetUnboundScript()));
        if (data && data->length > 0)
            ModuleCodeCache::instance().store(
                cacheKey(), ModuleCodeCache::Bytes(data->data, data->data + data->length));
    }
    return true;
}

} // namespace sy::modernBuiltins
