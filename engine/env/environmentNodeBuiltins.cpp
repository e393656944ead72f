// The environments' side of Node.js built-ins (env/nodeCompat.h holds the
// list and workerd's rules): what an import of "node:crypto" or "crypto"
// becomes in each environment, and what the worker's runner gets for it.
//  - worker, ssr (one isolate): the isolate's own built-in module, id
//    "node:<name>", when the app's nodejs_compat allows it; else the
//    importer fails naming the flag, the specifier and where (file, line).
//  - client: Vite's __vite-browser-external: an empty module that throws
//    when used, with a warning naming the importer.
#include "core/jsString.h"
#include "env/environment.h"

#include <cstdio>

namespace sy {

namespace {

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

} // namespace

void Environment::setNodeCompat(NodeCompat compat)
{
    std::lock_guard lock(m_mutex);
    m_nodeCompat = std::move(compat);
}

NodeCompat Environment::nodeCompat()
{
    std::lock_guard lock(m_mutex);
    return m_nodeCompat;
}

std::optional<Environment::Target> Environment::resolveNodeBuiltin(const std::string &specifier,
                                                                   const std::string &importerFile,
                                                                   bool resolvedFailed)
{
    Target t;
    if (m_kind == EnvironmentKind::Client) {
        // Vite: a package of that name wins; then a built-in is externalized.
        const bool prefixed = startsWith(specifier, "node:");
        if (!(prefixed || (resolvedFailed && isNodeBuiltinSpecifier(specifier))))
            return std::nullopt;
        if (m_externalWarnings.insert(specifier + "\n" + importerFile).second)
            std::fprintf(stderr,
                         "[client] Module \"%s\" has been externalized for browser compatibility, "
                         "imported by \"%s\". See https://vite.dev/guide/"
                         "troubleshooting.html#module-externalized-for-browser-compatibility for "
                         "more details.\n",
                         specifier.c_str(), importerFile.c_str());
        t.ok = true;
        t.id = std::string(kBrowserExternalPrefix) + specifier;
        t.specifier = specifierFor(t.id, "");
        return t;
    }
    const NodeBuiltinLookup builtin = lookupNodeBuiltin(specifier, m_nodeCompat);
    if (!builtin.builtin || (!resolvedFailed && !builtin.takeAsBuiltin))
        return std::nullopt;
    if (!builtin.ok) {
        t.error = builtin.error;
        return t;
    }
    t.ok = true;
    t.id = builtin.id;
    t.specifier = builtin.id;
    return t;
}

std::optional<FetchedModule> Environment::fetchNodeBuiltin(const std::string &id,
                                                           const std::string &importerId)
{
    if (m_kind == EnvironmentKind::Client)
        return std::nullopt;
    FetchedModule out;
    out.id = id;
    // The transform hash is the graph node's etag: the staleness check
    // compares what the runner evaluated with what the graph holds.
    if (id == kNodeRequireModuleId) {
        out.transformHash = transformLocked(id).etag; // the graph shows it
        out.ok = true;
        out.builtin = "switchyard:require";
        out.code = nodeRequirePolicyJson(m_nodeCompat);
        return out;
    }
    // node:* ids come from transforms; a bare name only from an import() of a
    // computed string at run time, which no transform saw.
    const bool path = startsWith(id, "/") || startsWith(id, ".") || startsWith(id, "virtual:");
    if (path)
        return std::nullopt;
    const NodeBuiltinLookup builtin = lookupNodeBuiltin(id, m_nodeCompat);
    if (!builtin.builtin)
        return std::nullopt;
    if (!builtin.ok) {
        out.error = builtin.error;
        if (!importerId.empty())
            out.error += " (imported by " + importerId + ", environment " + name() + ")";
        return out;
    }
    out.transformHash = transformLocked(builtin.id).etag;
    out.ok = true;
    out.id = builtin.id;
    out.builtin = builtin.loaderName();
    return out;
}

std::string Environment::browserExternalSource(const std::string &id) const
{
    const std::string name = id.substr(kBrowserExternalPrefix.size());
    if (!isNodeBuiltinSpecifier(name))
        return "export default {};\n"; // a file the browser field maps to false
    // Vite's dev __vite-browser-external: any use throws, naming the module;
    // interop probes (__esModule, symbols, then) answer undefined.
    const std::string module = jsStringLiteral(name);
    return "const name = " + module +
           ";\n"
           "export default new Proxy({}, {\n"
           "  get(_, key) {\n"
           "    if (typeof key === 'symbol' || key === '__esModule' || key === 'then') return "
           "undefined;\n"
           "    throw new Error(`Module \"${name}\" has been externalized for browser "
           "compatibility. Cannot access \"${name}.${String(key)}\" in client code.  See "
           "https://vite.dev/guide/troubleshooting.html#module-externalized-for-browser-"
           "compatibility for more details.`);\n"
           "  }\n"
           "});\n";
}

} // namespace sy
