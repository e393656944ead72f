#pragma once
// The bridge between a worker isolate's Cloudflare bindings (env.KV, env.DB,
// env.ASSETS) and the native services behind them. engine/js calls it, engine/storage
// implements it; neither knows the other.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sy {

/// What kind of binding a wrangler entry declares.
enum class BindingKind {
    Kv,    ///< a KV namespace (wrangler `kv_namespaces`): env.NAME is a KVNamespace
    D1,    ///< a D1 database (wrangler `d1_databases`): env.NAME is a D1Database
    Assets ///< static assets (wrangler `assets.binding`): env.NAME is a Fetcher
};

/// "kv" / "d1" / "assets" (the names the worker realm's binding classes are keyed by).
inline const char *bindingKindName(BindingKind kind)
{
    switch (kind) {
    case BindingKind::Kv:
        return "kv";
    case BindingKind::D1:
        return "d1";
    case BindingKind::Assets:
        return "assets";
    }
    return "kv";
}

/// One storage binding of a worker, as wrangler.jsonc declares it.
struct BindingDescriptor {
    std::string name; ///< the `env` property ("KV", "DB"); wrangler's `binding`
    BindingKind kind = BindingKind::Kv;
    /// What the data belongs to, so renaming the binding keeps the data:
    /// kv_namespaces[].id, d1_databases[].database_id (or database_name).
    /// Empty means `name`.
    std::string id;
    /// D1 only: absolute path of the migrations folder (wrangler's
    /// `migrations_dir`, default `<app>/migrations`); empty when none.
    std::string migrationsDir;

    /// `id`, or `name` when no id was given.
    const std::string &storageId() const { return id.empty() ? name : id; }
};

/// The answer to one BindingHost::call.
struct BindingResult {
    enum class Status {
        Ok,
        Error,    ///< the worker sees `new Error(message)`
        TypeError ///< the worker sees `new TypeError(message)`
    };
    Status status = Status::Ok;
    std::string json = "null";  ///< Ok: the operation's result as JSON
    std::vector<uint8_t> bytes; ///< Ok: binary payload (a KV value), may be empty
    std::string message;        ///< errors: the message, exactly as Cloudflare words it

    bool ok() const { return status == Status::Ok; }
    static BindingResult success(std::string json, std::vector<uint8_t> bytes = {})
    {
        BindingResult r;
        r.json = std::move(json);
        r.bytes = std::move(bytes);
        return r;
    }
    static BindingResult error(std::string message, Status status = Status::Error)
    {
        BindingResult r;
        r.status = status;
        r.json = "null";
        r.message = std::move(message);
        return r;
    }
};

/// Native side of a worker's storage bindings, the role of the KV and D1
/// services behind workerd's bindings (Miniflare: its KV/D1 Durable Objects).
/// The worker realm's binding classes (engine/js/bindings/*.js) turn each
/// API call into one synchronous call here; the realm wraps results in
/// Promises, as the async Cloudflare API expects.
///
/// `binding` is BindingDescriptor::name, `op` an operation of that kind
/// ("get", "put", "delete", "list" for KV; "query", "batch", "exec" for D1),
/// `argsJson` a JSON object of arguments and `bytes` a binary argument (a KV
/// value being put). See engine/storage/isolateStorage.h for each op's shape.
///
/// Threads: called on the isolate's thread, one call at a time per isolate;
/// implementations that are also read from elsewhere (an inspector) guard
/// themselves. Must never throw: failures are BindingResult errors.
class BindingHost {
public:
    virtual ~BindingHost() = default;
    virtual BindingResult call(std::string_view binding, std::string_view op,
                               std::string_view argsJson, std::span<const uint8_t> bytes) = 0;
};

/// What a host that answers one pseudo-binding (snapshots, the asset router, Node-side
/// handlers) does with every other call: `inner`'s answer, or, without one, the error a
/// binding with nothing behind it gets.
inline BindingResult forwardBindingCall(BindingHost *inner, std::string_view binding,
                                        std::string_view op, std::string_view argsJson,
                                        std::span<const uint8_t> bytes)
{
    if (!inner)
        return BindingResult::error("Binding '" + std::string(binding) +
                                    "' has no storage behind it");
    return inner->call(binding, op, argsJson, bytes);
}

} // namespace sy
