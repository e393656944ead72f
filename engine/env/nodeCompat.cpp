#include "env/nodeCompat.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace sy {

namespace {

// From this compatibility date workerd turns nodejs_compat and
// nodejs_compat_v2 on by default (compatibility-date.capnp: nodeJsCompat
// $compatEnableDate("2026-08-04"); workers-sdk NODEJS_COMPAT_DEFAULT_ON_DATE).
constexpr std::string_view kDefaultOnDate = "2026-08-04";
// nodejs_compat implies nodejs_compat_v2 from this date (workers-sdk
// NODEJS_COMPAT_V2_SWITCH_OVER_DATE, capnp nodeJsCompatV2 $impliedByAfterDate).
constexpr std::string_view kV2SwitchOverDate = "2024-09-23";

/// A workerd compatibility flag that gates one or more node: modules
/// (compatibility-date.capnp: $compatEnableFlag, $compatDisableFlag and
/// $impliedByAfterDate(name = "nodeJsCompat", date)).
struct Gate {
    const char *enableFlag;
    const char *disableFlag;
    const char *impliedAfter;     ///< date from which nodejs_compat implies it
    const Gate *parent = nullptr; ///< implied by this gate instead of nodejs_compat
};

const Gate kHttp{"enable_nodejs_http_modules", "disable_nodejs_http_modules", "2025-08-15"};
const Gate kHttpServer{"enable_nodejs_http_server_modules", "disable_nodejs_http_server_modules",
                       "2025-09-01", &kHttp};
const Gate kFs{"enable_nodejs_fs_module", "disable_nodejs_fs_module", "2025-09-15"};
const Gate kOs{"enable_nodejs_os_module", "disable_nodejs_os_module", "2025-09-15"};
const Gate kHttp2{"enable_nodejs_http2_module", "disable_nodejs_http2_module", "2025-09-01"};
const Gate kConsole{"enable_nodejs_console_module", "disable_nodejs_console_module", "2025-09-21"};
const Gate kVm{"enable_nodejs_vm_module", "disable_nodejs_vm_module", "2025-10-01"};
const Gate kPerfHooks{"enable_nodejs_perf_hooks_module", "disable_nodejs_perf_hooks_module",
                      "2026-03-17"};
const Gate kDomain{"enable_nodejs_domain_module", "disable_nodejs_domain_module", "2025-12-04"};
const Gate kV8{"enable_nodejs_v8_module", "disable_nodejs_v8_module", "2026-03-17"};
const Gate kTty{"enable_nodejs_tty_module", "disable_nodejs_tty_module", "2026-03-17"};
const Gate kPunycode{"enable_nodejs_punycode_module", "disable_nodejs_punycode_module",
                     "2025-12-04"};
const Gate kCluster{"enable_nodejs_cluster_module", "disable_nodejs_cluster_module", "2025-12-04"};
const Gate kChildProcess{"enable_nodejs_child_process_module",
                         "disable_nodejs_child_process_module", "2026-03-17"};
const Gate kWorkerThreads{"enable_nodejs_worker_threads_module",
                          "disable_nodejs_worker_threads_module", "2026-03-17"};
const Gate kStreamWrap{"enable_nodejs_stream_wrap_module", "disable_nodejs_stream_wrap_module",
                       "2026-01-29"};
const Gate kWasi{"enable_nodejs_wasi_module", "disable_nodejs_wasi_module", "2025-12-04"};
const Gate kDgram{"enable_nodejs_dgram_module", "disable_nodejs_dgram_module", "2026-01-29"};
const Gate kInspector{"enable_nodejs_inspector_module", "disable_nodejs_inspector_module",
                      "2026-01-29"};
const Gate kTraceEvents{"enable_nodejs_trace_events_module", "disable_nodejs_trace_events_module",
                        "2025-12-04"};
const Gate kReadline{"enable_nodejs_readline_module", "disable_nodejs_readline_module",
                     "2026-03-17"};
const Gate kRepl{"enable_nodejs_repl_module", "disable_nodejs_repl_module", "2026-03-17"};
const Gate kSqlite{"enable_nodejs_sqlite_module", "disable_nodejs_sqlite_module", "2026-01-29"};

// workerd offers these as non-functional stubs (importing works, its functions throw
// ERR_METHOD_NOT_IMPLEMENTED), while the Node.js 18 module inside Switchyard's isolate
// would act on this machine: Switchyard gives the same kind of stub (the bootstrap's
// stubModule, with Node's export names).
constexpr const char *kStub = "stub";
// Why Switchyard does not hand out Node 18's module for a name workerd has:
// workerd's is a sandbox, Node's would act on this machine.
// workerd's node:fs is a virtual file system (/bundle, /tmp, /dev): the isolate gives one
// in memory (js/virtualFs.js over memfs), never the Node.js 18 fs, which would read and
// write this machine's disk.
constexpr const char *kVirtualFs = "virtual fs";
constexpr const char *kNotInNode18 = "the Node.js 18 inside Switchyard's isolate does not have it";

/// One built-in module. `bare`: workerd maps the bare name to it in the v2
/// mode (jsg NODEJS_BUILTINS), which is also Node.js's builtinModules list.
/// `refused`: why Switchyard does not offer it (null: Node 18's module is
/// what workerd offers).
struct Builtin {
    const char *name;
    const Gate *gate = nullptr;
    bool bare = true;
    const char *refused = nullptr;
};

// workerd's node: modules (src/node/*.ts with src/workerd/api/node/node.h's
// registerNodeJsCompatModules filters), as of workerd 2026-08. Node.js 18's
// builtinModules are the same names without inspector/promises and sqlite.
const Builtin kBuiltins[] = {
    {"_http_agent", &kHttp},
    {"_http_client", &kHttp},
    {"_http_common", &kHttp},
    {"_http_incoming", &kHttp},
    {"_http_outgoing", &kHttp},
    {"_http_server", &kHttpServer},
    {"_stream_duplex"},
    {"_stream_passthrough"},
    {"_stream_readable"},
    {"_stream_transform"},
    {"_stream_wrap", &kStreamWrap},
    {"_stream_writable"},
    {"_tls_common"},
    {"_tls_wrap"},
    {"assert"},
    {"assert/strict"},
    {"async_hooks"},
    {"buffer"},
    {"child_process", &kChildProcess, true, kStub},
    {"cluster", &kCluster, true, kStub},
    {"console", &kConsole},
    {"constants"},
    {"crypto"},
    {"dgram", &kDgram, true, kStub},
    {"diagnostics_channel"},
    {"dns"},
    {"dns/promises"},
    {"domain", &kDomain},
    {"events"},
    {"fs", &kFs, true, kVirtualFs},
    {"fs/promises", &kFs, true, kVirtualFs},
    {"http", &kHttp},
    {"http2", &kHttp2, true, kStub},
    {"https", &kHttp},
    {"inspector", &kInspector, true, kStub},
    {"inspector/promises", &kInspector, true, kStub},
    {"module"},
    {"net"},
    {"os", &kOs},
    {"path"},
    {"path/posix"},
    {"path/win32"},
    {"perf_hooks", &kPerfHooks},
    {"process"},
    {"punycode", &kPunycode},
    {"querystring"},
    {"readline", &kReadline},
    {"readline/promises", &kReadline},
    {"repl", &kRepl, true, kStub},
    {"sqlite", &kSqlite, true, kNotInNode18},
    {"stream"},
    {"stream/consumers"},
    {"stream/promises"},
    {"stream/web"},
    {"string_decoder"},
    {"timers"},
    {"timers/promises"},
    {"tls"},
    {"trace_events", &kTraceEvents, true, kStub},
    {"tty", &kTty},
    {"url"},
    {"util"},
    {"util/types"},
    {"v8", &kV8, true, kStub},
    {"vm", &kVm, true, kStub},
    {"wasi", &kWasi, true, kStub},
    {"worker_threads", &kWorkerThreads, true, kStub},
    {"zlib"},
    // node:-prefixed only (no bare alias in workerd or Node.js).
    {"test", nullptr, false},
};

const Builtin *findBuiltin(std::string_view name)
{
    for (const Builtin &b : kBuiltins)
        if (name == b.name)
            return &b;
    return nullptr;
}

bool hasFlag(const NodeCompat &c, std::string_view flag)
{
    return std::find(c.compatibilityFlags.begin(), c.compatibilityFlags.end(), flag) !=
           c.compatibilityFlags.end();
}

bool gateOn(const Gate &gate, const NodeCompat &c)
{
    if (hasFlag(c, gate.disableFlag))
        return false;
    if (hasFlag(c, gate.enableFlag))
        return true;
    const bool implier = gate.parent ? gateOn(*gate.parent, c) : c.enabled();
    return implier && !c.compatibilityDate.empty() && c.compatibilityDate >= gate.impliedAfter;
}

std::string quoted(std::string_view s)
{
    return "\"" + std::string(s) + "\"";
}

/// What to change so nodejs_compat is on (wrangler's build-failures.ts notes,
/// with the config file named).
std::string enableHint(const NodeCompat &c)
{
    if (hasFlag(c, "no_nodejs_compat") || hasFlag(c, "no_nodejs_compat_v2"))
        return "Remove \"no_nodejs_compat\" and \"no_nodejs_compat_v2\" from compatibility_flags "
               "in " +
               c.configFile + ", or add \"nodejs_compat\" there.";
    std::string hint = "Add \"nodejs_compat\" to compatibility_flags in " + c.configFile +
                       " (Cloudflare's "
                       "Node.js compatibility)";
    if (c.compatibilityDate.empty() || c.compatibilityDate < kDefaultOnDate)
        hint += ", or set compatibility_date to " + std::string(kDefaultOnDate) +
                " or later, where it is on by default";
    return hint + ".";
}

} // namespace

NodeCompat NodeCompat::fromConfig(std::string date, std::vector<std::string> flags,
                                  std::string configFile)
{
    NodeCompat c;
    c.compatibilityDate = std::move(date);
    c.compatibilityFlags = std::move(flags);
    c.configFile = std::move(configFile);
    const bool defaultOn = !c.compatibilityDate.empty() && c.compatibilityDate >= kDefaultOnDate;
    const bool compat =
        hasFlag(c, "nodejs_compat") || (defaultOn && !hasFlag(c, "no_nodejs_compat"));
    const bool v2 = hasFlag(c, "nodejs_compat_v2") ||
                    (!hasFlag(c, "no_nodejs_compat_v2") &&
                     (defaultOn || (compat && c.compatibilityDate >= kV2SwitchOverDate)));
    if (v2)
        c.mode = NodeCompatMode::V2;
    else if (compat)
        c.mode = NodeCompatMode::V1;
    else if (hasFlag(c, "nodejs_als"))
        c.mode = NodeCompatMode::Als;
    return c;
}

std::string_view NodeCompat::modeName() const
{
    switch (mode) {
    case NodeCompatMode::None:
        return "none";
    case NodeCompatMode::Als:
        return "als";
    case NodeCompatMode::V1:
        return "v1";
    case NodeCompatMode::V2:
        return "v2";
    }
    return "none";
}

NodeBuiltinLookup lookupNodeBuiltin(std::string_view specifier, const NodeCompat &c)
{
    NodeBuiltinLookup out;
    out.prefixed = specifier.substr(0, 5) == "node:";
    std::string name(out.prefixed ? specifier.substr(5) : specifier);
    if (name == "sys")
        name = "util"; // workerd's checkNodeSpecifier: sys is util
    const Builtin *b = findBuiltin(name);
    if (!out.prefixed && (!b || !b->bare))
        return out; // an ordinary package name
    out.builtin = true;
    out.name = name;
    out.id = "node:" + name;
    const std::string spec = quoted(specifier);
    const std::string notFound =
        "The package " + spec + " wasn't found on the file system but is built into node. ";
    // v2 takes bare built-in names before node_modules (workerd maps them to
    // node: first); other modes let a package of that name win.
    out.takeAsBuiltin = out.prefixed || c.globals();
    if (!b) {
        out.error = spec +
                    " is not a Node.js built-in module that workerd offers (No such module " +
                    quoted(specifier) + ").";
        return out;
    }
    if (c.mode == NodeCompatMode::None) {
        out.error = notFound + enableHint(c);
        return out;
    }
    if (c.mode == NodeCompatMode::Als) {
        if (name != "async_hooks" || !out.prefixed) {
            out.error = notFound + "compatibility_flags has only \"nodejs_als\", which gives " +
                        "node:async_hooks alone. " + enableHint(c);
            return out;
        }
    } else if (c.mode == NodeCompatMode::V1 && !out.prefixed) {
        out.error = notFound + "Make sure to prefix the module name with \"node:\" or update " +
                    "your compatibility_date to " + std::string(kV2SwitchOverDate) + " or later (" +
                    c.configFile + ").";
        return out;
    }
    if (b->gate && !gateOn(*b->gate, c)) {
        const Gate &g = *b->gate;
        out.error =
            "node:" + name +
            " is not available under this configuration: workerd offers "
            "it with nodejs_compat from compatibility_date " +
            (g.parent ? g.parent->impliedAfter + std::string(" (and ") + g.impliedAfter + ")"
                      : std::string(g.impliedAfter)) +
            ", or with the \"" + g.enableFlag + "\" compatibility flag" +
            (hasFlag(c, g.disableFlag)
                 ? std::string(" (\"") + g.disableFlag + "\" in " + c.configFile + " turns it off)"
                 : std::string(" (") + c.configFile + ")") +
            ".";
        return out;
    }
    if (b->refused == kStub) {
        out.stub = true;
    } else if (b->refused == kVirtualFs) {
        out.virtualFs = true;
    } else if (b->refused) {
        out.error = "node:" + name + " cannot be imported in Switchyard: " + b->refused + ".";
        return out;
    }
    out.ok = true;
    return out;
}

bool isNodeBuiltinSpecifier(std::string_view specifier)
{
    if (specifier.substr(0, 5) == "node:")
        return true;
    const Builtin *b = findBuiltin(specifier == "sys" ? std::string_view("util") : specifier);
    return b && b->bare;
}

std::vector<std::string> nodeBuiltinExternals()
{
    std::vector<std::string> out{"node:*", "sys"};
    for (const Builtin &b : kBuiltins)
        if (b.bare)
            out.push_back(b.name);
    return out;
}

void writeBrowserExternalStubs(const std::string &dir)
{
    namespace fs = std::filesystem;
    for (const Builtin &b : kBuiltins) {
        if (!b.bare)
            continue;
        const std::string name = b.name;
        const fs::path file = name.find('/') == std::string::npos
                                  ? fs::path(dir) / name / "index.js"
                                  : fs::path(dir) / (name + ".js");
        const std::string text =
            "// Switchyard: \"" + name +
            "\" is a Node.js built-in; in the browser it is externalized (Vite).\n"
            "module.exports = Object.create(new Proxy({}, {\n"
            "  get(_, key) {\n"
            "    if (typeof key !== 'symbol' && key !== '__esModule' && key !== '__proto__' &&\n"
            "        key !== 'constructor' && key !== 'splice')\n"
            "      console.warn(`Module \"" +
            name + "\" has been externalized for browser compatibility. Cannot access \"" + name +
            ".${key}\" in client code. See https://vite.dev/guide/troubleshooting.html"
            "#module-externalized-for-browser-compatibility for more details.`);\n"
            "  },\n"
            "}));\n";
        std::error_code ec;
        fs::create_directories(file.parent_path(), ec);
        std::string old;
        {
            std::ifstream in(file);
            std::stringstream s;
            s << in.rdbuf();
            old = s.str();
        }
        if (old != text)
            std::ofstream(file) << text;
    }
}

std::string nodeRequireBanner()
{
    return "import { createRequire as __switchyardCreateRequire } from \"" +
           std::string(kNodeRequireModuleId) +
           "\"; const require = __switchyardCreateRequire(import.meta.url);";
}

std::string nodeRequirePolicyJson(const NodeCompat &compat)
{
    nlohmann::json allowed = nlohmann::json::object();
    nlohmann::json errors = nlohmann::json::object();
    auto add = [&](const std::string &specifier) {
        const NodeBuiltinLookup l = lookupNodeBuiltin(specifier, compat);
        if (!l.builtin)
            return;
        if (l.ok)
            allowed[specifier] = l.loaderName();
        else
            errors[specifier] = l.error;
    };
    for (const Builtin &b : kBuiltins) {
        add(std::string("node:") + b.name);
        if (b.bare)
            add(b.name);
    }
    add("sys");
    add("node:sys");
    return nlohmann::json{{"allowed", allowed}, {"errors", errors}}.dump();
}

} // namespace sy
