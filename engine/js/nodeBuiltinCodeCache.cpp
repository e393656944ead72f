#include "js/nodeBuiltinCodeCache.h"

#include "core/startupTrace.h"
#include "js/jsPlatform.h"
#include "js/moduleCodeCache.h"

#include <node_version.h>
#include <v8.h>

#include <dlfcn.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

static_assert(NODE_MAJOR_VERSION == 18,
              "nodeBuiltinCodeCache.cpp models Node 18's BuiltinLoader (src/node_builtins.h)");

namespace sy::nodeBuiltinCodeCache {
namespace {

// node::builtins::CodeCacheInfo (src/node_builtins.h), what CopyCodeCache / RefreshCodeCache
// take: one built-in's id and its V8 code cache.
struct CodeCacheInfo {
    std::string id;
    std::vector<uint8_t> data;
};

// Members of node::builtins::BuiltinLoader, exported by libnode (this = the loader).
using ConstructFn = void (*)(void *self);
using CopyReferenceFn = void (*)(void *self, const void *other);
using RefreshFn = void (*)(void *self, const std::vector<CodeCacheInfo> &in);
using CopyOutFn = void (*)(const void *self, std::vector<CodeCacheInfo> *out);
using AddExternalizedFn = void (*)(void *self, const char *id, const char *filename);

constexpr char kConstructor[] = "_ZN4node8builtins13BuiltinLoaderC1Ev";
constexpr char kAddExternalized[] =
    "_ZN4node8builtins13BuiltinLoader22AddExternalizedBuiltinEPKcS3_";
constexpr char kLookupAndCompileInternal[] =
    "_ZN4node8builtins13BuiltinLoader24LookupAndCompileInternalEN2v85LocalINS2_7ContextEEEPKcPSt6"
    "vectorINS3_INS2_6StringEEESaISA_EEPNS1_6ResultE";
// BuiltinLoader::LookupAndCompileInternal(Local<Context>, const char *id,
// std::vector<Local<String>> *parameters, Result *result) (this = the loader): Local and
// MaybeLocal are one pointer each.
using LookupAndCompileFn = v8::MaybeLocal<v8::Function> (*)(void *self,
                                                            v8::Local<v8::Context> context,
                                                            const char *id, void *parameters,
                                                            void *result);

/// Set on the thread that constructs a loader whose sources are replaced by the process's
/// right after (see AddExternalizedBuiltin below).
thread_local bool t_sourcesReplaced = false;

struct Process {
    ConstructFn construct = nullptr; ///< libnode's constructor
    AddExternalizedFn addExternalized = nullptr;
    LookupAndCompileFn lookupAndCompile = nullptr;
    /// Compiles of one built-in in two environments at once take turns (stripes by id): Node
    /// takes a built-in's data out of the shared cache while it compiles it and puts new data
    /// back after, so the second compile found none and compiled from source, eagerly (6-8
    /// built-ins, undici among them, when a test run's two pooled hosts started together).
    std::mutex compileStripes[32];
    CopyReferenceFn copyReference = nullptr;
    RefreshFn refresh = nullptr;
    CopyOutFn copyOut = nullptr;
    std::once_flag once;
    bool disabled = false; ///< SWITCHYARD_CODE_CACHE=0, read when this is made
    std::thread ahead;     ///< prepareAhead()'s
    bool active = false;
    /// The process's loader, whose cache every other one shares. A BuiltinLoader is 72 bytes in
    /// Node 18.20 (Environment holds it at 0xa20, its next member at 0xa68); never destroyed.
    alignas(std::max_align_t) unsigned char donor[512] = {};
    std::string diskKey;
    std::mutex mutex; // persist() and stats()
    /// Per built-in, the checks of the cache data the disk entry (or the last persist) gave it
    /// (checksOf). Node makes new data for every built-in it compiles; when V8 rejected the
    /// loaded data (made by another V8, under other flags, for another source), the new data's
    /// checks differ, and persist() writes the entry anew.
    std::unordered_map<std::string, std::string> loadedChecks;
    bool persisted = false;
    /// Built-ins whose entry was made after their module ran (makeRunCaches), read from the disk
    /// entry's trailer; and run caches made by this process, not yet written.
    std::unordered_set<std::string> runMadeIds;
    std::unordered_map<std::string, std::vector<uint8_t>> runData;
};

/// Built-ins compiled on this thread since captureCompiledBuiltins(true), by id, whose entry
/// was not made after a run yet: their compiled functions (Node's wrappers), kept for
/// makeRunCaches().
thread_local bool t_capture = false;
thread_local std::vector<std::pair<std::string, v8::Global<v8::Function>>> t_captured;

// Leaked on purpose: loaders are made and freed until the very end of the process.
Process &process()
{
    static Process *p = [] {
        auto *q = new Process;
        q->construct = reinterpret_cast<ConstructFn>(dlsym(RTLD_NEXT, kConstructor));
        if (!q->construct) {
            // Without libnode's own constructor no Node environment can be made at all.
            std::fprintf(stderr, "switchyard: libnode has no %s (%s)\n", kConstructor, dlerror());
            std::abort();
        }
        const char *off = std::getenv("SWITCHYARD_CODE_CACHE");
        q->disabled = off && std::strcmp(off, "0") == 0;
        q->addExternalized =
            reinterpret_cast<AddExternalizedFn>(dlsym(RTLD_NEXT, kAddExternalized));
        q->lookupAndCompile =
            reinterpret_cast<LookupAndCompileFn>(dlsym(RTLD_NEXT, kLookupAndCompileInternal));
        return q;
    }();
    return *p;
}

/// An embedder's main script (LoadEnvironment with a source string), which Node compiles as a
/// built-in under a new id each time: "embedder_main_<n>".
bool isEmbedderMain(const char *id)
{
    return std::strncmp(id, "embedder_main_", 14) == 0;
}

/// What V8 checks a code cache's data against before it accepts it: the version, source and
/// flag hashes of its header (V8 10.2's SerializedCodeData: magic number at 0, then these
/// three u32 at 4, 8 and 12). Data Node makes again after V8 accepted the old has the same;
/// after a rejection, the new data has this process's.
std::string checksOf(const CodeCacheInfo &e)
{
    constexpr size_t kFrom = 4, kTo = 16;
    if (e.data.size() < kTo)
        return {};
    return std::string(reinterpret_cast<const char *>(e.data.data()) + kFrom, kTo - kFrom);
}

/// libnode's file, named by its version, size and modification time, and the V8 flags the
/// process sets (V8 rejects a cache made under other flags): the disk entry's key, so that runs
/// with SWITCHYARD_V8_FLAGS keep an entry of their own instead of rewriting the usual one.
std::string libnodeIdentity(ConstructFn construct)
{
    std::string identity = NODE_VERSION;
    Dl_info info{};
    struct stat st {};
    if (dladdr(reinterpret_cast<void *>(construct), &info) && info.dli_fname &&
        ::stat(info.dli_fname, &st) == 0)
        identity += std::string(":") + info.dli_fname + ":" + std::to_string(st.st_size) + ":" +
                    std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
    identity += std::string("\nflags:") + JsPlatform::kDefaultV8Flags;
    if (const char *flags = std::getenv("SWITCHYARD_V8_FLAGS"); flags && *flags)
        identity += std::string(" ") + flags;
    return identity;
}

// The disk entry: u32 count, then per built-in u32 id length, id, u32 data length, data
// (little endian, as the machine that wrote it).
std::string serialize(std::vector<CodeCacheInfo> &entries,
                      const std::unordered_set<std::string> &runMadeIds)
{
    std::sort(entries.begin(), entries.end(),
              [](const CodeCacheInfo &a, const CodeCacheInfo &b) { return a.id < b.id; });
    std::string out;
    auto u32 = [&](uint32_t v) { out.append(reinterpret_cast<const char *>(&v), 4); };
    u32(static_cast<uint32_t>(entries.size()));
    for (const CodeCacheInfo &e : entries) {
        u32(static_cast<uint32_t>(e.id.size()));
        out += e.id;
        u32(static_cast<uint32_t>(e.data.size()));
        out.append(reinterpret_cast<const char *>(e.data.data()), e.data.size());
    }
    // The trailer: the built-ins whose entry was made after a run (sorted, for stable bytes).
    std::vector<std::string> runIds(runMadeIds.begin(), runMadeIds.end());
    std::sort(runIds.begin(), runIds.end());
    u32(static_cast<uint32_t>(runIds.size()));
    for (const std::string &id : runIds) {
        u32(static_cast<uint32_t>(id.size()));
        out += id;
    }
    return out;
}

/// The entries of a disk entry, or none when it is cut short or malformed; `runMadeIds` gets
/// its trailer.
std::vector<CodeCacheInfo> deserialize(const std::vector<uint8_t> &bytes,
                                       std::unordered_set<std::string> &runMadeIds)
{
    size_t at = 0;
    auto u32 = [&](uint32_t &v) {
        if (bytes.size() - at < 4)
            return false;
        std::memcpy(&v, bytes.data() + at, 4);
        at += 4;
        return true;
    };
    std::vector<CodeCacheInfo> entries;
    uint32_t count = 0;
    if (!u32(count) || count > 100000)
        return {};
    for (uint32_t i = 0; i < count; ++i) {
        CodeCacheInfo e;
        uint32_t idLength = 0, dataLength = 0;
        if (!u32(idLength) || idLength == 0 || bytes.size() - at < idLength)
            return {};
        e.id.assign(reinterpret_cast<const char *>(bytes.data() + at), idLength);
        at += idLength;
        if (!u32(dataLength) || dataLength == 0 || bytes.size() - at < dataLength)
            return {};
        e.data.assign(bytes.begin() + static_cast<ptrdiff_t>(at),
                      bytes.begin() + static_cast<ptrdiff_t>(at + dataLength));
        at += dataLength;
        entries.push_back(std::move(e));
    }
    uint32_t runCount = 0;
    if (!u32(runCount) || runCount > count)
        return {};
    std::unordered_set<std::string> runIds;
    for (uint32_t i = 0; i < runCount; ++i) {
        uint32_t idLength = 0;
        if (!u32(idLength) || idLength == 0 || bytes.size() - at < idLength)
            return {};
        runIds.emplace(reinterpret_cast<const char *>(bytes.data() + at), idLength);
        at += idLength;
    }
    if (at != bytes.size())
        return {};
    runMadeIds = std::move(runIds);
    return entries;
}

// Runs once, inside the first loader's construction.
void makeDonor(Process &p)
{
    if (p.disabled)
        return;
    p.copyReference = reinterpret_cast<CopyReferenceFn>(dlsym(
        RTLD_NEXT, "_ZN4node8builtins13BuiltinLoader35CopySourceAndCodeCacheReferenceFromEPKS1_"));
    p.refresh = reinterpret_cast<RefreshFn>(
        dlsym(RTLD_NEXT, "_ZN4node8builtins13BuiltinLoader16RefreshCodeCacheERKSt6vectorINS0_"
                         "13CodeCacheInfoESaIS3_EE"));
    p.copyOut = reinterpret_cast<CopyOutFn>(
        dlsym(RTLD_NEXT, "_ZNK4node8builtins13BuiltinLoader13CopyCodeCacheEPSt6vectorINS0_"
                         "13CodeCacheInfoESaIS3_EE"));
    if (!p.copyReference || !p.refresh || !p.copyOut)
        return; // another libnode: every loader keeps its own cache
    startupTrace::Scope trace("node built-ins' code cache loaded");
    p.construct(p.donor);
    p.diskKey = ModuleCodeCache::keyForEmbedded("node-builtins", libnodeIdentity(p.construct));
    if (auto bytes = ModuleCodeCache::instance().readFromDisk(p.diskKey)) {
        std::vector<CodeCacheInfo> entries = deserialize(*bytes, p.runMadeIds);
        for (const CodeCacheInfo &e : entries)
            p.loadedChecks[e.id] = checksOf(e);
        if (!entries.empty())
            p.refresh(p.donor, entries);
    }
    p.active = true;
}

} // namespace

void prepareAhead()
{
    Process &p = process();
    static std::once_flag started;
    std::call_once(started, [&p] {
        p.ahead = std::thread([&p] { std::call_once(p.once, [&p] { makeDonor(p); }); });
        // A fallback for std::exit() calls: main() joins it first (finishAhead).
        std::atexit(finishAhead);
    });
}

void finishAhead()
{
    static std::mutex joining;
    std::lock_guard lock(joining);
    if (process().ahead.joinable())
        process().ahead.join();
}

Stats stats()
{
    Process &p = process();
    Stats s;
    if (!p.active)
        return s;
    std::vector<CodeCacheInfo> entries;
    p.copyOut(p.donor, &entries);
    std::lock_guard lock(p.mutex);
    s.active = true;
    s.loadedEntries = p.loadedChecks.size();
    s.entries = entries.size();
    for (const CodeCacheInfo &e : entries)
        s.bytes += e.data.size();
    s.persisted = p.persisted;
    return s;
}

bool persist()
{
    Process &p = process();
    if (!p.active || ModuleCodeCache::instance().diskDirectory().empty())
        return false;
    std::vector<CodeCacheInfo> entries;
    p.copyOut(p.donor, &entries);
    std::lock_guard lock(p.mutex);
    // New built-ins, or ones whose loaded data V8 rejected: the entry on disk is behind. A
    // rejected one made after a run is a plain one now: it may be made after a run again.
    bool changed = !p.runData.empty();
    // An embedder's main script is compiled as a built-in too, under a new id each time
    // ("embedder_main_<n>"): not Node's, never met again as such.
    std::erase_if(entries, [](const CodeCacheInfo &e) { return isEmbedderMain(e.id.c_str()); });
    for (const CodeCacheInfo &e : entries) {
        const auto loaded = p.loadedChecks.find(e.id);
        if (loaded == p.loadedChecks.end() || loaded->second != checksOf(e)) {
            changed = true;
            if (!p.runData.count(e.id))
                p.runMadeIds.erase(e.id);
        }
    }
    if (!changed)
        return false;
    // This process's run caches take the place of what Node made before the module ran.
    for (auto &[id, data] : p.runData) {
        auto it = std::find_if(entries.begin(), entries.end(),
                               [&](const CodeCacheInfo &e) { return e.id == id; });
        if (it == entries.end())
            entries.push_back({id, data});
        else
            it->data = data;
        p.runMadeIds.insert(id);
    }
    // Replaces an older, smaller entry. Not kept in the in-memory tier: it is read once.
    if (!ModuleCodeCache::instance().writeToDisk(p.diskKey, serialize(entries, p.runMadeIds)))
        return false;
    p.runData.clear();
    // Built-ins consumed right now are missing from `entries` (a loader takes one out while it
    // compiles): the ones written count as loaded, so the next persist waits for changes.
    for (const CodeCacheInfo &e : entries)
        p.loadedChecks[e.id] = checksOf(e);
    p.persisted = true;
    return true;
}

void captureCompiledBuiltins(bool on)
{
    t_capture = on;
    if (!on)
        t_captured.clear();
}

size_t makeRunCaches()
{
    Process &p = process();
    if (t_captured.empty())
        return 0;
    v8::Isolate *isolate = v8::Isolate::GetCurrent();
    size_t made = 0;
    {
        v8::HandleScope handles(isolate);
        for (auto &[id, fn] : t_captured) {
            {
                std::lock_guard lock(p.mutex);
                if (p.runMadeIds.count(id) || p.runData.count(id))
                    continue; // another environment of the process made it first
            }
            std::unique_ptr<v8::ScriptCompiler::CachedData> data(
                v8::ScriptCompiler::CreateCodeCacheForFunction(fn.Get(isolate)));
            if (!data || data->length <= 0)
                continue;
            std::lock_guard lock(p.mutex);
            if (p.runData.emplace(id, std::vector<uint8_t>(data->data, data->data + data->length))
                    .second)
                ++made;
        }
    }
    t_captured.clear();
    return made;
}

std::string diskKey()
{
    Process &p = process();
    std::lock_guard lock(p.mutex);
    return p.diskKey;
}

} // namespace sy::nodeBuiltinCodeCache

// node::builtins::BuiltinLoader::BuiltinLoader(), as libnode's Environment constructor and
// InitializePrimordials call it (through libnode's PLT, which resolves to this definition: the
// executable comes first in the lookup scope). Constructs the loader with libnode's own
// constructor, then gives it the process's code cache.
extern "C" __attribute__((visibility("default"))) void
_ZN4node8builtins13BuiltinLoaderC1Ev(void *self)
{
    using namespace sy::nodeBuiltinCodeCache;
    Process &p = process();
    std::call_once(p.once, [&p] { makeDonor(p); });
    t_sourcesReplaced = p.active;
    p.construct(self);
    t_sourcesReplaced = false;
    if (p.active)
        p.copyReference(self, p.donor);
}

// node::builtins::BuiltinLoader::AddExternalizedBuiltin(const char *id, const char *filename),
// which libnode's constructor calls for the built-ins Debian ships as separate files (undici,
// cjs-module-lexer): it reads the file and converts it to UTF-16, ~5 ms per loader. A loader
// whose sources are replaced by the process's right after skips it: the process's loader read
// them once.
extern "C" __attribute__((visibility("default"))) void
_ZN4node8builtins13BuiltinLoader22AddExternalizedBuiltinEPKcS3_(void *self, const char *id,
                                                                const char *filename)
{
    using namespace sy::nodeBuiltinCodeCache;
    if (t_sourcesReplaced)
        return;
    Process &p = process();
    if (!p.addExternalized) {
        std::fprintf(stderr, "switchyard: libnode has no %s (%s)\n", kAddExternalized, dlerror());
        std::abort();
    }
    p.addExternalized(self, id, filename);
}

// node::builtins::BuiltinLoader::LookupAndCompileInternal, which every compile of a built-in goes
// through (libnode's LookupAndCompile calls it through its PLT). With the process's cache shared,
// compiles of the same built-in take turns, so the second one meets the data the first put back.
// Compiling runs no JavaScript, so no compile waits on another from inside one.
extern "C" __attribute__((visibility("default"))) v8::MaybeLocal<v8::Function>
_ZN4node8builtins13BuiltinLoader24LookupAndCompileInternalEN2v85LocalINS2_7ContextEEEPKcPSt6vectorINS3_INS2_6StringEEESaISA_EEPNS1_6ResultE(
    void *self, v8::Local<v8::Context> context, const char *id, void *parameters, void *result)
{
    using namespace sy::nodeBuiltinCodeCache;
    Process &p = process();
    if (!p.lookupAndCompile) {
        std::fprintf(stderr, "switchyard: libnode has no %s (%s)\n", kLookupAndCompileInternal,
                     dlerror());
        std::abort();
    }
    if (!p.active || !id)
        return p.lookupAndCompile(self, context, id, parameters, result);
    v8::MaybeLocal<v8::Function> compiled;
    {
        std::lock_guard turn(
            p.compileStripes[std::hash<std::string_view>{}(id) % std::size(p.compileStripes)]);
        compiled = p.lookupAndCompile(self, context, id, parameters, result);
    }
    v8::Local<v8::Function> fn;
    if (t_capture && !isEmbedderMain(id) && compiled.ToLocal(&fn)) {
        bool made = false;
        {
            std::lock_guard lock(p.mutex);
            made = p.runMadeIds.count(id) || p.runData.count(id);
        }
        if (!made)
            t_captured.emplace_back(id, v8::Global<v8::Function>(context->GetIsolate(), fn));
    }
    return compiled;
}
