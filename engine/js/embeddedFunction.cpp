#include "js/embeddedFunction.h"

#include "js/moduleCodeCache.h"
#include "js/v8Strings.h"

#include <memory>
#include <vector>

namespace sy {

namespace {
/// `fn`'s code cache, with the inner functions compiled by now, kept under `key`.
void storeCodeCacheOf(v8::Local<v8::Function> fn, const std::string &key)
{
    std::unique_ptr<v8::ScriptCompiler::CachedData> data(
        v8::ScriptCompiler::CreateCodeCacheForFunction(fn));
    if (data && data->length > 0)
        ModuleCodeCache::instance().store(
            key, ModuleCodeCache::Bytes(data->data, data->data + data->length));
}
} // namespace

EmbeddedFunction::EmbeddedFunction(std::string name, std::string_view source,
                                   std::initializer_list<const char *> params)
    : m_name(std::move(name)), m_source(source), m_params(params.begin(), params.end()),
      m_key(ModuleCodeCache::keyForEmbedded(m_name, source))
{
}

v8::MaybeLocal<v8::Function> EmbeddedFunction::compile(v8::Local<v8::Context> context,
                                                       bool useCodeCache) const
{
    v8::Isolate *isolate = context->GetIsolate();
    v8::ScriptOrigin origin(isolate, v8util::str(isolate, m_name));
    // The run code cache first (markRunOver): it holds more compiled functions.
    const std::string runKey = ModuleCodeCache::runKeyFor(m_key);
    std::shared_ptr<const ModuleCodeCache::Bytes> cached =
        useCodeCache ? ModuleCodeCache::instance().find(runKey) : nullptr;
    const bool fromRunCache = static_cast<bool>(cached);
    if (useCodeCache && !cached)
        cached = ModuleCodeCache::instance().find(m_key);
    // The source owns the CachedData object; the bytes stay the cache's (held by `cached`).
    v8::ScriptCompiler::Source source(v8util::embeddedSource(isolate, m_source), origin,
                                      cached ? new v8::ScriptCompiler::CachedData(
                                                   cached->data(), static_cast<int>(cached->size()),
                                                   v8::ScriptCompiler::CachedData::BufferNotOwned)
                                             : nullptr);
    std::vector<v8::Local<v8::String>> params;
    for (const std::string &p : m_params)
        params.push_back(v8util::str(isolate, p));
    v8::Local<v8::Function> fn;
    if (!v8::ScriptCompiler::CompileFunction(
             context, &source, params.size(), params.data(), 0, nullptr,
             cached ? v8::ScriptCompiler::kConsumeCodeCache : v8::ScriptCompiler::kNoCompileOptions)
             .ToLocal(&fn))
        return {};
    if (cached && source.GetCachedData()->rejected) {
        // Other V8 flags: produced anew after a run.
        ModuleCodeCache::instance().reject(fromRunCache ? runKey : m_key);
        (fromRunCache ? m_runStored : m_stored) = false;
    } else if (cached) {
        m_stored = true;
        if (fromRunCache)
            m_runStored = true;
    }
    return fn;
}

void EmbeddedFunction::markRan(v8::Local<v8::Function> fn) const
{
    if (m_stored.exchange(true) || ModuleCodeCache::instance().contains(m_key))
        return;
    storeCodeCacheOf(fn, m_key);
}

void EmbeddedFunction::markRunOver(v8::Local<v8::Function> fn) const
{
    const std::string runKey = ModuleCodeCache::runKeyFor(m_key);
    if (m_runStored.exchange(true) || ModuleCodeCache::instance().contains(runKey))
        return;
    storeCodeCacheOf(fn, runKey);
}

} // namespace sy
