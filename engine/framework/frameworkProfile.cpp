#include "framework/frameworkProfile.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace sy {

namespace fs = std::filesystem;

namespace {

/// "1.7.3" -> {1,7,3}; pre-release tags ("1.0.0-beta.5") compare by their numbers only.
std::vector<int> versionParts(const std::string &version)
{
    std::vector<int> parts;
    std::string number;
    for (char c : version) {
        if (c >= '0' && c <= '9') {
            number += c;
        } else {
            if (!number.empty())
                parts.push_back(std::stoi(number));
            number.clear();
            if (c != '.')
                break;
        }
    }
    if (!number.empty())
        parts.push_back(std::stoi(number));
    while (parts.size() < 3)
        parts.push_back(0);
    return parts;
}

bool readPackageJson(const fs::path &file, nlohmann::json &out)
{
    std::ifstream in(file);
    if (!in)
        return false;
    std::stringstream buffer;
    buffer << in.rdbuf();
    out = nlohmann::json::parse(buffer.str(), nullptr, false);
    return out.is_object();
}

bool dependsOn(const nlohmann::json &pkg, const std::string &name)
{
    for (const char *field : {"dependencies", "devDependencies", "peerDependencies"})
        if (pkg.contains(field) && pkg[field].is_object() && pkg[field].contains(name))
            return true;
    return false;
}

/// SWITCHYARD_SOURCE_PACKAGES (FrameworkProfile::sourcePackages): those
/// packages are not pre-bundled, and every pre-bundle keeps them external.
void applySourcePackages(FrameworkProfile &p)
{
    const char *list = std::getenv("SWITCHYARD_SOURCE_PACKAGES");
    std::stringstream names(list ? list : "");
    for (std::string name; std::getline(names, name, ',');) {
        if (name.empty())
            continue;
        p.sourcePackages.push_back(name);
        for (auto &[kind, externals] : p.prebundleExternals) {
            externals.push_back(name);
            externals.push_back(name + "/*");
        }
    }
}

} // namespace

const std::vector<std::string> &knownRwsdkVersions()
{
    static const std::vector<std::string> versions = {"1.2.9", "1.7.3"};
    return versions;
}

FrameworkProfile rwsdkProfile(const std::string &version)
{
    FrameworkProfile p;
    p.kind = FrameworkKind::Rwsdk;
    p.packageName = "rwsdk";
    p.version = version;

    const std::vector<int> v = versionParts(version);
    const std::vector<int> oldest = versionParts(knownRwsdkVersions().front());
    const std::vector<int> newest = versionParts(knownRwsdkVersions().back());
    if (v[0] != 1 || v < oldest)
        p.versionWarning =
            "rwsdk " + version + " is outside the versions Switchyard knows (" +
            knownRwsdkVersions().front() + " to " + knownRwsdkVersions().back() +
            "); using the contract of rwsdk " +
            (v < oldest ? knownRwsdkVersions().front() : knownRwsdkVersions().back()) +
            ". Pages may fail; upgrade rwsdk or report it.";
    else if (v > newest)
        p.versionWarning = "rwsdk " + version +
                           " is newer than the newest version Switchyard knows (" +
                           knownRwsdkVersions().back() + "); using its contract.";

    p.ssrBridgeSpecifier = "rwsdk/__ssr_bridge";
    p.stateSpecifier = "rwsdk/__state";
    p.useClientLookupId = "virtual:use-client-lookup.js";
    p.useServerLookupId = "virtual:use-server-lookup.js";

    p.clientReferenceSource = "rwsdk/worker";
    p.registerClientReferenceName = "registerClientReference";
    p.ssrLoadModuleName = "ssrLoadModule";
    p.serverReferenceSourceClient = "rwsdk/client";
    p.serverReferenceSourceSsr = "rwsdk/__ssr";
    p.serverRegistrationSource = "rwsdk/worker";
    p.serverReferencesCarryMethod = true; // createServerReference(id, name, method, kind) since 1.0
    // transformServerFunctions keeps named re-exports in the stubs since 1.5.0
    // (1.2.9 stubs them; no version was published in between).
    p.serverStubsKeepReExports = v >= std::vector<int>{1, 5, 0};
    // What rwsdk's client sends for a server function (fetchTransport), the
    // same in 1.2.9 and 1.7.3.
    p.actionRequest.rscParam = "__rsc";
    p.actionRequest.actionIdParam = "__rsc_action_id";
    p.actionRequest.queryArgsParam = "args";
    p.actionRequest.dataOnlyHeader = "x-rsc-data-only";
    p.actionRequest.resultKey = "actionResult";
    p.actionRequest.responseKey = "__rw_action_response";
    p.actionRequest.methodProperty = "method";
    p.actionRequest.sameOrigin = true;
    p.actionRequest.flightClientSpecifier = "react-server-dom-webpack/client.edge";
    p.documentScriptTransform = true;
    p.requestInfoSource = "rwsdk/worker";

    // rwsdk's configPlugin per environment, merged with what
    // @cloudflare/vite-plugin sets for the worker environment (workerd, worker,
    // module, browser, development). Vite matches `exports` keys against the set.
    using E = EnvironmentKind;
    p.conditions[E::Client] = {"browser", "module", "development", "import", "default"};
    p.conditions[E::Ssr] = {"workerd", "module", "browser", "development", "import", "default"};
    p.conditions[E::Worker] = {"workerd", "react-server", "worker", "module", "node",
                               "browser", "development",  "import", "default"};
    p.optimizeInclude[E::Client] = {"rwsdk/client",          "rwsdk/constants", "rwsdk/debug",
                                    "rwsdk/realtime/client", "rwsdk/router",    "rwsdk/turnstile"};
    // (rwsdk also lists rwsdk/worker for ssr: without react-server it is a
    // module that throws, so it is left out.)
    p.optimizeInclude[E::Ssr] = {"rwsdk/__ssr",     "rwsdk/__ssr_bridge", "rwsdk/client",
                                 "rwsdk/constants", "rwsdk/debug",        "rwsdk/router"};
    p.optimizeInclude[E::Worker] = {"rwsdk/auth",  "rwsdk/constants", "rwsdk/db",
                                    "rwsdk/debug", "rwsdk/router",    "rwsdk/worker"};
    // The worker's pre-bundles import the bridge (rwsdk's ssrBridgePlugin) and
    // the state module (statePlugin); the lookups and workerd's modules stay
    // imports everywhere.
    p.prebundleExternals[E::Worker] = {"rwsdk/__ssr_bridge", "rwsdk/__state", "virtual:*",
                                       "cloudflare:*"};
    p.prebundleExternals[E::Ssr] = {"rwsdk/__state", "virtual:*", "cloudflare:*"};
    p.prebundleExternals[E::Client] = {"virtual:*"};

    p.importMetaEnv[E::Client] = {{"RWSDK_ENV", "\"client\""}, {"VITE_IS_DEV_SERVER", "\"1\""}};
    p.importMetaEnv[E::Ssr] = {{"RWSDK_ENV", "\"ssr\""}, {"VITE_IS_DEV_SERVER", "\"1\""}};
    p.importMetaEnv[E::Worker] = {{"RWSDK_ENV", "\"worker\""}, {"VITE_IS_DEV_SERVER", "\"1\""}};

    p.rscUpdateEvent = "rsc:update";
    p.preambleSpecifier = "virtual:vite-preamble";
    p.viteClientUrls = true;
    return p;
}

FrameworkProfile detectFramework(const std::string &appRoot)
{
    const fs::path root(appRoot);
    std::error_code ec;
    const fs::path rwsdkJson = root / "node_modules" / "rwsdk" / "package.json";
    nlohmann::json pkg;
    if (readPackageJson(rwsdkJson, pkg) && pkg.value("name", "") == "rwsdk") {
        FrameworkProfile p = rwsdkProfile(pkg.value("version", "0.0.0"));
        p.packageDir = fs::canonical(rwsdkJson.parent_path(), ec).string();
        applySourcePackages(p);
        return p;
    }
    nlohmann::json app;
    if (readPackageJson(root / "package.json", app) && dependsOn(app, "rwsdk")) {
        FrameworkProfile p = rwsdkProfile("0.0.0");
        p.versionWarning = "package.json depends on rwsdk, but node_modules/rwsdk is not "
                           "installed: run `npm install` in " +
                           appRoot + ".";
        return p;
    }
    // A plain Workers app: a fetch handler, no directives, bridge, lookups or
    // state module; a server change reloads the page (no rscUpdateEvent).
    // workerd's own modules stay imports of its packages' pre-bundles
    // (@cloudflare/containers imports cloudflare:workers), as wrangler's bundler
    // keeps them external.
    FrameworkProfile plain;
    plain.prebundleExternals[EnvironmentKind::Worker] = {"cloudflare:*"};
    plain.prebundleExternals[EnvironmentKind::Ssr] = {"cloudflare:*"};
    return plain;
}

} // namespace sy
