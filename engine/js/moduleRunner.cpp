#include "js/moduleRunner.h"

#include "js/moduleCodeCache.h"

#include "js/v8Strings.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <set>

namespace sy {
namespace {

using v8util::str;
using v8util::toStd;

thread_local ModuleRunner *t_runner = nullptr;
thread_local std::map<std::string, v8::Local<v8::Module>> *t_linking = nullptr;

/// The values of built-in modules created and not yet evaluated on this
/// thread (V8's evaluation steps get only the module).
struct PendingBuiltin {
    const ModuleRunner *owner = nullptr; ///< dropped with its runner if never evaluated
    v8::Global<v8::Module> module;
    v8::Global<v8::Value> value;
    std::vector<std::string> names; ///< named exports (without "default" when defaultIsValue)
    bool defaultIsValue = true;     ///< `default` is the value itself (a built-in)
};
thread_local std::vector<PendingBuiltin> t_pendingBuiltins;

int64_t nowEpochMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

const char *statusName(v8::Module::Status s)
{
    switch (s) {
    case v8::Module::kUninstantiated:
    case v8::Module::kInstantiating:
        return "unlinked";
    case v8::Module::kInstantiated:
        return "linked";
    case v8::Module::kEvaluating:
        return "evaluating";
    case v8::Module::kEvaluated:
        return "evaluated";
    case v8::Module::kErrored:
        return "errored";
    }
    return "unknown";
}

} // namespace

ModuleRunner::ModuleRunner(ModuleProvider &provider, v8::Isolate *isolate,
                           v8::Local<v8::Context> context, std::atomic<int> *outsideJsDepth)
    : provider_(provider), isolate_(isolate), context_(isolate, context),
      outsideJsDepth_(outsideJsDepth)
{
}

ModuleRunner::~ModuleRunner()
{
    // Synthetic modules that never evaluated (their importer failed to link
    // or evaluate) hold handles of this isolate: free them while it lives,
    // not at thread exit after the isolate is gone (that crashed in
    // GlobalHandles::Destroy).
    std::erase_if(t_pendingBuiltins, [this](const PendingBuiltin &p) { return p.owner == this; });
    builtinLoader_.Reset();
    std::lock_guard lock(mutex_);
    for (auto &[id, m] : mocks_) {
        if (m.exports)
            m.exports->Reset();
        if (m.module)
            m.module->Reset();
    }
    for (auto &[id, r] : records_)
        r.module->Reset();
    for (auto &g : graveyard_)
        g->Reset();
    context_.Reset();
}

void ModuleRunner::releaseGraveyard()
{
    std::vector<std::shared_ptr<v8::Global<v8::Module>>> dead;
    {
        std::lock_guard lock(mutex_);
        dead.swap(graveyard_);
    }
    for (auto &g : dead)
        g->Reset();
}

std::string ModuleRunner::idOfScript(int scriptId) const
{
    std::lock_guard lock(mutex_);
    auto it = scriptIds_.find(scriptId);
    return it == scriptIds_.end() ? std::string() : it->second;
}

std::vector<std::string> ModuleRunner::closureLocked(const std::vector<std::string> &ids) const
{
    std::map<std::string, std::vector<std::string>> importers;
    for (const auto &[id, r] : records_) {
        for (const auto &imp : r.imports)
            importers[imp].push_back(id);
        for (const auto &imp : r.dynamicImports)
            importers[imp].push_back(id);
    }
    std::set<std::string> seen;
    std::deque<std::string> todo;
    for (const auto &id : ids) {
        if (pinned_.count(id))
            continue;
        if (records_.count(id) && seen.insert(id).second)
            todo.push_back(id);
        else if (!records_.count(id))
            todo.push_back(id); // failed to load: its importers may hold the failure
    }
    while (!todo.empty()) {
        auto id = todo.front();
        todo.pop_front();
        for (const auto &imp : importers[id])
            if (!pinned_.count(imp) && seen.insert(imp).second)
                todo.push_back(imp);
    }
    return {seen.begin(), seen.end()};
}

void ModuleRunner::dropLocked(const std::vector<std::string> &ids)
{
    for (const auto &id : ids) {
        auto it = records_.find(id);
        if (it == records_.end())
            continue;
        graveyard_.push_back(std::move(it->second.module));
        records_.erase(it);
    }
}

std::vector<std::string> ModuleRunner::invalidate(const std::vector<std::string> &ids)
{
    std::lock_guard lock(mutex_);
    auto dropped = closureLocked(ids);
    dropLocked(dropped);
    return dropped;
}

std::vector<std::string> ModuleRunner::clearCache()
{
    std::lock_guard lock(mutex_);
    std::vector<std::string> dropped;
    for (const auto &[id, r] : records_)
        if (!pinned_.count(id))
            dropped.push_back(id);
    dropLocked(dropped);
    return dropped;
}

void ModuleRunner::setBuiltinLoader(v8::Local<v8::Function> loader)
{
    builtinLoader_.Reset(isolate_, loader);
}

v8::MaybeLocal<v8::Module> ModuleRunner::createBuiltinModule(const FetchedModule &fetched,
                                                             const std::string &importerId)
{
    auto context = context_.Get(isolate_);
    if (builtinLoader_.IsEmpty()) {
        isolate_->ThrowException(v8::Exception::Error(
            str(isolate_, "Failed to load module '" + fetched.id +
                              "': this isolate has no loader for Node.js built-ins")));
        return {};
    }
    v8::Local<v8::Value> args[] = {str(isolate_, fetched.builtin), str(isolate_, fetched.code)};
    v8::Local<v8::Value> value;
    std::string failure; // thrown once the TryCatch is gone, or it would swallow it
    {
        v8::TryCatch tryCatch(isolate_);
        if (!builtinLoader_.Get(isolate_)
                 ->Call(context, v8::Undefined(isolate_), 2, args)
                 .ToLocal(&value)) {
            if (tryCatch.HasTerminated() || !tryCatch.CanContinue()) {
                tryCatch.ReThrow();
                return {};
            }
            failure = "Failed to load module '" + fetched.id + "'";
            if (!importerId.empty())
                failure += " (imported by '" + importerId + "')";
            failure += ": " + toStd(isolate_, tryCatch.Exception());
        }
    }
    if (!failure.empty()) {
        isolate_->ThrowException(v8::Exception::Error(str(isolate_, failure)));
        return {};
    }
    std::vector<std::string> names;
    if (value->IsObject()) {
        v8::Local<v8::Array> keys;
        if (value.As<v8::Object>()
                ->GetOwnPropertyNames(
                    context,
                    static_cast<v8::PropertyFilter>(v8::ONLY_ENUMERABLE | v8::SKIP_SYMBOLS),
                    v8::KeyConversionMode::kConvertToString)
                .ToLocal(&keys))
            for (uint32_t i = 0; i < keys->Length(); ++i) {
                const std::string key = toStd(isolate_, keys->Get(context, i).ToLocalChecked());
                if (key == "default")
                    continue;
                names.push_back(key);
            }
    }
    return createObjectModule(fetched.id, value, std::move(names), true);
}

v8::Local<v8::Module> ModuleRunner::createObjectModule(const std::string &name,
                                                       v8::Local<v8::Value> value,
                                                       std::vector<std::string> names,
                                                       bool defaultIsValue)
{
    std::vector<v8::Local<v8::String>> exportNames;
    if (defaultIsValue)
        exportNames.push_back(str(isolate_, "default"));
    for (const std::string &n : names)
        exportNames.push_back(str(isolate_, n));
    auto module = v8::Module::CreateSyntheticModule(isolate_, str(isolate_, name), exportNames,
                                                    &ModuleRunner::evaluateBuiltin);
    PendingBuiltin pending;
    pending.owner = this;
    pending.module.Reset(isolate_, module);
    pending.value.Reset(isolate_, value);
    pending.names = std::move(names);
    pending.defaultIsValue = defaultIsValue;
    t_pendingBuiltins.push_back(std::move(pending));
    return module;
}

v8::MaybeLocal<v8::Value> ModuleRunner::evaluateBuiltin(v8::Local<v8::Context> context,
                                                        v8::Local<v8::Module> module)
{
    v8::Isolate *isolate = context->GetIsolate();
    auto it = std::find_if(t_pendingBuiltins.begin(), t_pendingBuiltins.end(),
                           [&](const PendingBuiltin &p) { return p.module == module; });
    if (it == t_pendingBuiltins.end()) {
        isolate->ThrowException(
            v8::Exception::Error(str(isolate, "internal error: a built-in module lost its value")));
        return {};
    }
    const PendingBuiltin pending = std::move(*it);
    t_pendingBuiltins.erase(it);
    auto value = pending.value.Get(isolate);
    if (pending.defaultIsValue &&
        module->SetSyntheticModuleExport(isolate, str(isolate, "default"), value).IsNothing())
        return {};
    for (const std::string &name : pending.names) {
        v8::Local<v8::Value> member;
        if (!value.As<v8::Object>()->Get(context, str(isolate, name)).ToLocal(&member) ||
            module->SetSyntheticModuleExport(isolate, str(isolate, name), member).IsNothing())
            return {};
    }
    // With top-level await, evaluation answers a promise (as Node's module_wrap).
    v8::Local<v8::Promise::Resolver> resolver;
    if (!v8::Promise::Resolver::New(context).ToLocal(&resolver) ||
        resolver->Resolve(context, v8::Undefined(isolate)).IsNothing())
        return {};
    return resolver->GetPromise();
}

void ModuleRunner::setPinned(std::set<std::string> ids)
{
    std::lock_guard lock(mutex_);
    pinned_ = std::move(ids);
}

void ModuleRunner::setEvaluatedTogether(std::vector<std::string> prefixes)
{
    std::lock_guard lock(mutex_);
    evaluatedTogether_ = std::move(prefixes);
}

std::vector<EvaluatedModule> ModuleRunner::evaluatedModules() const
{
    std::lock_guard lock(mutex_);
    std::vector<EvaluatedModule> out;
    std::map<std::string, std::set<std::string>> importers;
    for (const auto &[id, r] : records_)
        for (const auto &imp : r.imports)
            importers[imp].insert(id);
    for (const auto &[id, r] : records_) {
        EvaluatedModule m;
        m.id = id;
        m.transformHash = r.transformHash;
        m.evaluatedAt = r.evaluatedAt;
        m.imports = r.imports;
        m.dynamicImports.assign(r.dynamicImports.begin(), r.dynamicImports.end());
        m.status = r.status;
        const auto &imps = importers[id];
        m.importers.assign(imps.begin(), imps.end());
        out.push_back(std::move(m));
    }
    return out;
}

namespace {
/// `module`'s code cache, with the functions compiled by now, kept under `key`.
void storeCodeCacheOf(v8::Local<v8::Module> module, const std::string &key)
{
    std::unique_ptr<v8::ScriptCompiler::CachedData> data(
        v8::ScriptCompiler::CreateCodeCache(module->GetUnboundModuleScript()));
    if (data && data->length > 0)
        ModuleCodeCache::instance().store(
            key, ModuleCodeCache::Bytes(data->data, data->data + data->length));
}
} // namespace

void ModuleRunner::refreshStatuses()
{
    std::lock_guard lock(mutex_);
    for (auto &[id, r] : records_) {
        auto module = r.module->Get(isolate_);
        const auto status = module->GetStatus();
        r.status = statusName(status);
        if (!r.codeCacheKey.empty() && status == v8::Module::kEvaluated) {
            storeCodeCacheOf(module, r.codeCacheKey);
            r.codeCacheKey.clear();
        }
    }
}

void ModuleRunner::produceRunCodeCaches()
{
    std::lock_guard lock(mutex_);
    v8::HandleScope handles(isolate_);
    for (auto &[id, r] : records_) {
        if (r.runCodeCacheKey.empty())
            continue;
        auto module = r.module->Get(isolate_);
        if (module->GetStatus() != v8::Module::kEvaluated)
            continue;
        storeCodeCacheOf(module, r.runCodeCacheKey);
        r.runCodeCacheKey.clear();
    }
}

bool ModuleRunner::fetchAndCompile(const std::string &id, const std::string &importerId,
                                   LinkMap &linking, std::vector<std::string> &created,
                                   bool skipMock)
{
    if (linking.count(id))
        return true;
    if (!skipMock && !mocks_.empty()) {
        const int mocked = linkMock(id, importerId, linking, created);
        if (mocked >= 0)
            return mocked == 1;
    }
    bool cached = false;
    std::vector<std::string> unlinkedImports; // of a record a load with pending mocks compiled
    {
        std::lock_guard lock(mutex_);
        if (auto it = records_.find(id); it != records_.end()) {
            cached = true;
            auto module = it->second.module->Get(isolate_);
            linking[id] = module;
            if (module->GetStatus() == v8::Module::kUninstantiated)
                unlinkedImports = it->second.imports;
        }
    }
    if (cached) {
        for (const auto &dep : unlinkedImports)
            if (!fetchAndCompile(dep, id, linking, created))
                return false;
        return true;
    }
    FetchedModule fetched;
    ++*outsideJsDepth_; // provider time is not the worker's CPU time
    try {
        fetched = provider_.fetchModule(id, importerId);
    } catch (const std::exception &e) {
        fetched.ok = false;
        fetched.error = e.what();
    }
    --*outsideJsDepth_;
    if (!fetched.ok) {
        std::string msg = "Failed to load module '" + id + "'";
        if (!importerId.empty())
            msg += " (imported by '" + importerId + "')";
        msg += ": " + (fetched.error.empty() ? std::string("not found") : fetched.error);
        isolate_->ThrowException(v8::Exception::Error(str(isolate_, msg)));
        return false;
    }

    if (!fetched.builtin.empty()) {
        v8::Local<v8::Module> builtin;
        if (!createBuiltinModule(fetched, importerId).ToLocal(&builtin))
            return false;
        Record record;
        record.id = id;
        record.transformHash = fetched.transformHash;
        record.module = std::make_shared<v8::Global<v8::Module>>(isolate_, builtin);
        {
            std::lock_guard lock(mutex_);
            records_[id] = std::move(record);
        }
        created.push_back(id);
        linking[id] = builtin;
        return true;
    }
    auto context = context_.Get(isolate_);
    v8::Local<v8::Module> module;
    std::string cacheKey;
    bool fromCache = false, fromRunCache = false;
    {
        // The TryCatch must not outlive the compile: errors thrown later (by the
        // recursion below) have to reach the JS caller.
        std::string syntaxError;
        {
            v8::TryCatch tryCatch(isolate_);
            std::shared_ptr<const ModuleCodeCache::Bytes> cached;
            v8::ScriptOrigin origin(isolate_, str(isolate_, id), 0, 0, false, -1,
                                    v8::Local<v8::Value>(), false, false, true);
            // The length too: the disk tier outlives this process and the hash is short.
            cacheKey = fetched.transformHash.empty()
                           ? std::string()
                           : ModuleCodeCache::keyFor(id, fetched.transformHash + ':' +
                                                             std::to_string(fetched.code.size()));
            // The run code cache first (produceRunCodeCaches): it holds more compiled functions.
            if (!cacheKey.empty()) {
                if (runCodeCaches_)
                    cached = ModuleCodeCache::instance().find(ModuleCodeCache::runKeyFor(cacheKey));
                fromRunCache = static_cast<bool>(cached);
                if (!cached)
                    cached = ModuleCodeCache::instance().find(cacheKey);
            }
            // The source owns the CachedData object; the bytes stay ours.
            v8::ScriptCompiler::Source source(
                v8util::sourceString(isolate_, std::move(fetched.code)), origin,
                cached ? new v8::ScriptCompiler::CachedData(
                             cached->data(), static_cast<int>(cached->size()),
                             v8::ScriptCompiler::CachedData::BufferNotOwned)
                       : nullptr);
            const auto options = cached ? v8::ScriptCompiler::kConsumeCodeCache
                                        : v8::ScriptCompiler::kNoCompileOptions;
            const bool compiled =
                v8::ScriptCompiler::CompileModule(isolate_, &source, options).ToLocal(&module);
            if (compiled && cached && source.GetCachedData()->rejected) {
                ModuleCodeCache::instance().reject(
                    fromRunCache ? ModuleCodeCache::runKeyFor(cacheKey) : cacheKey);
                cached.reset();
                fromRunCache = false;
            }
            fromCache = compiled && cached;
            if (!compiled) {
                if (tryCatch.HasTerminated()) {
                    tryCatch.ReThrow();
                    return false;
                }
                int line = 0, column = 0;
                auto message = tryCatch.Message();
                if (!message.IsEmpty()) {
                    line = message->GetLineNumber(context).FromMaybe(0);
                    column = message->GetStartColumn(context).FromMaybe(-1) + 1;
                }
                syntaxError = toStd(isolate_, tryCatch.Exception()) + " in module '" + id +
                              "' at line " + std::to_string(line) + ", column " +
                              std::to_string(column);
                if (!importerId.empty())
                    syntaxError += " (imported by '" + importerId + "')";
            }
        }
        if (module.IsEmpty()) {
            isolate_->ThrowException(v8::Exception::SyntaxError(str(isolate_, syntaxError)));
            return false;
        }
    }

    Record record;
    record.id = id;
    record.transformHash = fetched.transformHash;
    record.module = std::make_shared<v8::Global<v8::Module>>(isolate_, module);
    // Produced after the first evaluation (refreshStatuses), when the
    // functions that ran are compiled too.
    if (!fromCache && !cacheKey.empty())
        record.codeCacheKey = cacheKey;
    if (runCodeCaches_ && !fromRunCache && !cacheKey.empty())
        record.runCodeCacheKey = ModuleCodeCache::runKeyFor(cacheKey);
    auto requests = module->GetModuleRequests();
    for (int i = 0; i < requests->Length(); ++i) {
        auto request = requests->Get(context, i).As<v8::ModuleRequest>();
        record.imports.push_back(toStd(isolate_, request->GetSpecifier()));
    }
    auto imports = record.imports;
    {
        std::lock_guard lock(mutex_);
        scriptIds_[module->ScriptId()] = id;
        records_[id] = std::move(record);
    }
    created.push_back(id);
    linking[id] = module;
    for (const auto &dep : imports)
        if (!fetchAndCompile(dep, id, linking, created))
            return false;
    return true;
}

v8::MaybeLocal<v8::Module> ModuleRunner::resolve(v8::Local<v8::Context>,
                                                 v8::Local<v8::String> specifier,
                                                 v8::Local<v8::FixedArray>,
                                                 v8::Local<v8::Module> referrer)
{
    auto *self = t_runner;
    const std::string spec = toStd(self->isolate_, specifier);
    if (t_linking) {
        if (auto it = t_linking->find(spec); it != t_linking->end())
            return it->second;
    }
    {
        std::lock_guard lock(self->mutex_);
        if (auto it = self->records_.find(spec); it != self->records_.end())
            return it->second.module->Get(self->isolate_);
    }
    std::string referrerId = self->idOfScript(referrer->ScriptId());
    self->isolate_->ThrowException(v8::Exception::Error(
        str(self->isolate_, "Module '" + spec + "' (imported by '" + referrerId +
                                "') is not loaded; it was invalidated while linking")));
    return {};
}

v8::MaybeLocal<v8::Value> ModuleRunner::load(const std::string &id, const std::string &importerId,
                                             const LoadOptions &options)
{
    releaseGraveyard();
    auto context = context_.Get(isolate_);

    // Modules whose evaluation failed are retried from the provider.
    {
        std::lock_guard lock(mutex_);
        std::vector<std::string> errored;
        for (auto &[rid, r] : records_)
            if (r.module->Get(isolate_)->GetStatus() == v8::Module::kErrored)
                errored.push_back(rid);
        if (!errored.empty()) {
            std::vector<std::string> dropped = closureLocked(errored);
            const bool together =
                std::any_of(dropped.begin(), dropped.end(), [&](const std::string &rid) {
                    return std::any_of(
                        evaluatedTogether_.begin(), evaluatedTogether_.end(),
                        [&](const std::string &prefix) { return rid.rfind(prefix, 0) == 0; });
                });
            if (together) {
                dropped.clear();
                for (const auto &[rid, r] : records_)
                    if (!pinned_.count(rid))
                        dropped.push_back(rid);
            }
            dropLocked(dropped);
        }
    }
    releaseGraveyard();

    // import() from a cached module (the referrer is its id): the importer now
    // depends on `id` like on a static import (see closureLocked), whether the
    // import succeeds or not (it may keep the rejection as well).
    if (!importerId.empty()) {
        std::lock_guard lock(mutex_);
        if (auto it = records_.find(importerId); it != records_.end() && importerId != id)
            it->second.dynamicImports.insert(id);
    }

    LinkMap linking;
    std::vector<std::string> created;
    auto *previousRunner = t_runner;
    auto *previousLinking = t_linking;
    t_runner = this;
    t_linking = &linking;
    struct Restore {
        ModuleRunner *r;
        LinkMap *l;
        ~Restore()
        {
            t_runner = r;
            t_linking = l;
        }
    } restore{previousRunner, previousLinking};

    auto dropCreated = [&] {
        std::lock_guard lock(mutex_);
        dropLocked(created);
    };

    pendingMocks_.clear();
    loadActualIds_ = options.actualIds;
    const bool fetched = fetchAndCompile(id, importerId, linking, created, options.actual);
    loadActualIds_.clear();
    if (!fetched) {
        pendingMocks_.clear();
        dropCreated();
        return {};
    }
    if (!pendingMocks_.empty()) {
        // The caller gives these mocks their exports and loads again; what was
        // compiled stays cached (uninstantiated) for that load.
        auto pending = v8::Array::New(isolate_, int(pendingMocks_.size()));
        for (size_t i = 0; i < pendingMocks_.size(); ++i)
            pending->Set(context, uint32_t(i), str(isolate_, pendingMocks_[i])).Check();
        pendingMocks_.clear();
        v8::Local<v8::Value> triple[] = {v8::Undefined(isolate_), v8::Undefined(isolate_), pending};
        return v8::Array::New(isolate_, triple, 3);
    }
    v8::Local<v8::Module> root = linking[id];
    if (root->GetStatus() < v8::Module::kInstantiated) {
        if (root->InstantiateModule(context, &ModuleRunner::resolve).IsNothing()) {
            dropCreated();
            return {};
        }
    }
    const int64_t now = nowEpochMs();
    {
        std::lock_guard lock(mutex_);
        for (const auto &cid : created)
            if (auto it = records_.find(cid); it != records_.end()) {
                it->second.evaluatedAt = now;
                it->second.status = "evaluating";
            }
    }
    v8::Local<v8::Value> evaluation;
    if (!root->Evaluate(context).ToLocal(&evaluation))
        return {};
    v8::Local<v8::Value> pair[] = {evaluation, root->GetModuleNamespace()};
    return v8::Array::New(isolate_, pair, 2);
}

} // namespace sy
