#include "env/environment.h"

#include "core/hash.h"
#include "env/appliedDirective.h"
#include "env/cloudflareWorkersModules.h"
#include "env/cssRequest.h"
#include "env/directiveIndex.h"
#include "env/embeddedModules.h"
#include "env/importMetaEnv.h"
#include "env/importRewriter.h"
#include "env/moduleQuery.h"
#include "env/packageFormat.h"
#include "env/projectConfig.h"
#include "env/reactRefresh.h"
#include "env/syntaxLowering.h"
#include "env/viteClientModule.h"
#include "env/viteDefine.h"
#include "framework/rwsdkDirectives.h"
#include "framework/vitePreamble.h"
#include "graph/moduleGraphJson.h"
#include "hmr/hmrAccept.h"
#include "hmr/hotContext.h"
#include "js/transformService.h"
#include "lex/importLexer.h"
#include "server/filePolicy.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_set>
#include <utility>

namespace sy {

namespace fs = std::filesystem;

namespace {

int64_t nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

bool isUnder(const std::string &path, const std::string &dir)
{
    return path.size() > dir.size() && startsWith(path, dir) && path[dir.size()] == '/';
}

/// {module id (path + identity flags such as ?raw), the rest of the query (?v=, ?t=, ?import)}
std::pair<std::string, std::string> splitQuery(const std::string &id)
{
    return splitModuleId(id);
}

std::string queryParam(const std::string &query, const std::string &name)
{
    const std::string key = name + "=";
    size_t at = query.find(key);
    if (at == std::string::npos)
        return {};
    at += key.size();
    const size_t end = query.find('&', at);
    return query.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

/// `url` with `t=<timestamp>` first in its query (replacing an old t=), the
/// rest of the query kept: "/x.js?v=ab" -> "/x.js?t=5&v=ab" (as the HMR client,
/// engine/hmr/js/urls.js).
std::string withTimestampQuery(const std::string &url, int64_t timestamp)
{
    const size_t q = url.find('?');
    std::string out = url.substr(0, q) + "?t=" + std::to_string(timestamp);
    if (q == std::string::npos)
        return out;
    std::istringstream params(url.substr(q + 1));
    for (std::string param; std::getline(params, param, '&');)
        if (!param.empty() && param != "t" && !startsWith(param, "t="))
            out += "&" + param;
    return out;
}

bool readFile(const std::string &path, std::string &out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::stringstream text;
    text << in.rdbuf();
    out = text.str();
    return true;
}

bool needsSucrase(const std::string &file)
{
    const std::string ext = fs::path(file).extension().string();
    if (ext == ".ts" || ext == ".tsx" || ext == ".jsx" || ext == ".mts" || ext == ".cts")
        return true;
    // Plain .js may hold JSX in app code, never in installed packages.
    return (ext == ".js" || ext == ".mjs") && file.find("/node_modules/") == std::string::npos;
}

std::pair<int, int> lineColumnOf(const std::string &code, int64_t offset)
{
    int line = 1, column = 1;
    for (int64_t i = 0; i < offset && i < int64_t(code.size()); ++i) {
        if (code[size_t(i)] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

/// Where the client's browser-external stubs of Node.js built-ins live.
std::string browserExternalStubsDir(const ProjectConfig &project)
{
    return project.cacheDir + "/browser-external";
}

} // namespace

Environment::Environment(EnvironmentKind kind, const ProjectConfig &project,
                         TransformService &transforms, const DirectiveIndex &directives)
    : m_kind(kind), m_project(project), m_transforms(transforms), m_directives(directives),
      m_resolver(kind,
                 [&] {
                     ResolveOptions options = resolveOptionsFor(kind);
                     if (auto conditions = project.framework.conditions.find(kind);
                         conditions != project.framework.conditions.end())
                         options.conditions = conditions->second;
                     options.tsconfigPaths = true;
                     options.alias = project.vite.resolveAliases; // vite.config resolve.alias
                     options.aliasRoot = project.root;
                     return options;
                 }()),
      m_optimizer([&] {
          DepsOptimizerConfig c;
          c.environment = std::string(environmentName(kind));
          c.root = project.root;
          c.cacheDir = project.depsDir(c.environment);
          c.esbuildPath = project.esbuildPath();
          c.conditions = resolveOptionsFor(kind).conditions;
          if (auto conditions = project.framework.conditions.find(kind);
              conditions != project.framework.conditions.end())
              c.conditions = conditions->second;
          // esbuild adds import/default itself; browser is its platform's job.
          std::erase_if(c.conditions, [](const std::string &cond) {
              return cond == "import" || cond == "default" || cond == "browser";
          });
          c.mainFields = resolveOptionsFor(kind).mainFields;
          c.platform = kind == EnvironmentKind::Client ? "browser" : "neutral";
          // V8 10.2 runs worker and ssr; the dashboard's preview is Chromium 102.
          c.target = std::string(kEngineEsbuildTarget);
          c.defines = {{"process.env.NODE_ENV", "\"development\""}};
          // Built-ins stay imports (resolved and reported like app code's);
          // bundled CommonJS gets a require for them (env/nodeCompat.h). The
          // client keeps only node: external: esbuild applies a package's
          // "browser" map ({"crypto": false}) to bare names it bundles.
          if (kind == EnvironmentKind::Client) {
              c.externals = {"node:*"};
              // Vite's optimizer: a built-in a dependency requires without a
              // browser map becomes a browser-external module (a stub found
              // through NODE_PATH, so the browser field still wins).
              c.nodePaths = {browserExternalStubsDir(project)};
          } else {
              c.externals = nodeBuiltinExternals();
              c.banner = nodeRequireBanner();
          }
          // The framework's modules that must stay one instance or be generated
          // (its bridge, state and lookup modules, workerd's modules) stay imports.
          if (auto externals = project.framework.prebundleExternals.find(kind);
              externals != project.framework.prebundleExternals.end())
              c.externals.insert(c.externals.end(), externals->second.begin(),
                                 externals->second.end());
          return c;
      }()),
      m_graph(std::string(environmentName(kind))), m_nodeCompat(project.nodeCompat)
{
    reloadImportMetaEnv();
    m_graph.setRoleProvider([this](const std::string &id) { return frameworkRoleOf(id); });
    // workerd's built-in `cloudflare:workers` (env, exports, entrypoint
    // classes, JS RPC) for server code; the ssr environment runs in the same isolate.
    if (kind != EnvironmentKind::Client)
        addCloudflareWorkersModules(*this);
    // The browser asks for files by URL: every read goes through one policy.
    if (kind == EnvironmentKind::Client) {
        FilePolicyConfig policy;
        policy.appRoot = project.root;
        policy.deniedDirs = {project.storageDir()};
        m_filePolicy = std::make_shared<FilePolicy>(std::move(policy));
        writeBrowserExternalStubs(browserExternalStubsDir(project));
        addReactRefreshModules(*this);
        addVitePreambleModules();
        // The dev server writes in its token and socket path (devServer.cpp).
        ViteClientConfig viteClient;
        viteClient.serverUpdateEvent = project.framework.rscUpdateEvent;
        addViteClientModule(*this, viteClient);
    }
}

Environment::~Environment() = default;

std::string Environment::normalizedPath(const std::string &file) const
{
    if (isUnder(file, m_project.root))
        return file.substr(m_project.root.size());
    return "/@fs" + file;
}

std::string Environment::clientUrlFor(const std::string &id) const
{
    if (auto at = m_virtualUrls.find(id); at != m_virtualUrls.end())
        return at->second;
    if (startsWith(id, "virtual:") || startsWith(id, kBrowserExternalPrefix))
        return "/@id/" + id;
    return normalizedPath(id);
}

std::string Environment::specifierFor(const std::string &id, const std::string &query) const
{
    if (m_kind == EnvironmentKind::Client)
        return clientUrlFor(id) + query;
    return id + query;
}

Environment::Target Environment::resolveImport(const std::string &specifier,
                                               const std::string &importerFile)
{
    Target t;
    if (auto alias = m_virtualAliases.find(specifier); alias != m_virtualAliases.end()) {
        t.ok = true;
        t.id = alias->second;
        t.specifier = specifierFor(alias->second, "");
        return t;
    }
    if (startsWith(specifier, "virtual:")) {
        t.ok = true;
        t.id = specifier;
        t.specifier = specifierFor(specifier, "");
        return t;
    }
    if (std::optional<Target> builtin = resolveNodeBuiltin(specifier, importerFile, false))
        return *builtin;
    const bool relative = startsWith(specifier, ".") || startsWith(specifier, "/");
    auto resolveWith = [&](const Resolver &resolver) {
        Resolution r = resolver.resolve(specifier, importerFile);
        // Our runtime lives outside the app: its bare imports resolve from the
        // app root, so the app and the runtime share one copy of each package.
        if (!r.ok && !relative && !r.builtin) {
            Resolution fromRoot = resolver.resolve(specifier, m_project.root + "/package.json");
            if (fromRoot.ok)
                return fromRoot;
        }
        return r;
    };
    if (isSsrBridgeSpecifier(specifier))
        return resolveSsrBridge(specifier, importerFile);
    const Resolution r = resolveWith(m_resolver);
    m_moduleConfigFiles.insert(r.configFiles.begin(), r.configFiles.end());
    if (!r.ok) {
        if (std::optional<Target> builtin = resolveNodeBuiltin(specifier, importerFile, true))
            return *builtin;
        t.error = r.error.empty() ? "cannot resolve \"" + specifier + "\"" : r.error;
        return t;
    }
    if (r.browserExternal) {
        t.ok = true;
        t.id = r.path;
        t.specifier = specifierFor(r.path, "");
        return t;
    }
    // Only JavaScript is pre-bundled (Vite's OPTIMIZABLE_ENTRY_RE): a package's
    // JSON, stylesheet or asset ("pkg/logo.svg") is served as a module of its own.
    // A package entry that carries a directive itself (a UI library's "use
    // client" index) is served as source: the directive transform applies to it.
    // A package linked from outside node_modules (`file:`, `npm link`) is source,
    // as in Vite, unless it is CommonJS: then it is pre-bundled like an installed
    // one, for CommonJS interop (env/packageFormat.h).
    const bool installed = r.path.find("/node_modules/") != std::string::npos;
    const bool linkedCommonJs = !installed && r.bare && !r.tsconfigMapped &&
                                !r.packageDir.empty() && isCommonJsFile(r.path);
    const bool dependency = r.bare && (installed || linkedCommonJs) && isOptimizableEntry(r.path) &&
                            !excludedFromOptimizing(specifier) &&
                            !m_directives.isPackageModule(r.path);
    if (!dependency) {
        t.ok = true;
        t.id = splitModuleId(r.path + r.query).first; // "x.md?raw" is a module of its own
        t.specifier = specifierFor(r.path, r.query);
        // The browser's request for a non-JS import says it wants a module (Vite).
        if (m_kind == EnvironmentKind::Client && needsExplicitImport(r.path))
            t.specifier = injectQuery(t.specifier, "import");
        return t;
    }
    std::optional<OptimizedDepInfo> dep = m_optimizer.lookup(specifier);
    if (!dep) {
        // esbuild could not bundle it: the importer fails with esbuild's
        // message (a 500 and the overlay) until a file changes; no new run.
        if (std::optional<std::string> failure = m_optimizer.failure(specifier)) {
            t.error = "pre-bundling \"" + specifier + "\" failed in the " + name() +
                      " environment (it is tried again when a file of the app, package.json "
                      "or the lockfile changes): " +
                      *failure;
            return t;
        }
        if (m_scanning) {
            m_missingDeps[specifier] = r.path;
            t.ok = true;
            t.id = r.path; // placeholder until the scan's optimizer run commits
            t.specifier = specifierFor(r.path, "");
            return t;
        }
        if (onMissingDependency) {
            // Live session: the dev server re-optimizes between generations and
            // replays the request that met the new dependency.
            onMissingDependency(specifier, r.path);
            t.error = std::string(kReoptimizeMarker) + " new dependency \"" + specifier +
                      "\" of the " + name() + " environment is being pre-bundled";
            return t;
        }
        // Discovered mid-session without a dev server: bundle it now.
        const OptimizerRun run =
            m_optimizer.optimize({{specifier, r.path}}, "discovered " + specifier);
        if (run.outcome == OptimizerOutcome::Failed || run.failedDeps.count(specifier)) {
            const auto failed = run.failedDeps.find(specifier);
            t.error = "pre-bundling \"" + specifier +
                      "\" failed: " + (failed != run.failedDeps.end() ? failed->second : run.error);
            return t;
        }
        // Bundles were replaced: every cached transform of a pre-bundle is gone,
        // and modules that baked in a changed ?v= are stale.
        for (const ModuleNode *node : m_graph.modules())
            if (isUnder(node->id, m_optimizer.config().cacheDir))
                m_graph.invalidateModule(*m_graph.moduleById(node->id), nowMs(),
                                         "optimizer run " + std::to_string(run.id));
        dep = m_optimizer.lookup(specifier);
        if (!dep) {
            t.error = "pre-bundling " + specifier + " produced no bundle";
            return t;
        }
    }
    t.ok = true;
    t.id = dep->file;
    t.browserHash = dep->browserHash;
    t.interop = dep->needsInterop;
    t.specifier = specifierFor(dep->file, "?v=" + dep->browserHash);
    return t;
}

void Environment::addVirtualModule(const std::string &id,
                                   const std::vector<std::string> &specifiers,
                                   std::function<std::string()> source)
{
    std::lock_guard lock(m_mutex);
    m_virtualSources[id] = std::move(source);
    for (const std::string &specifier : specifiers)
        m_virtualAliases[specifier] = id;
}

void Environment::setSourceStep(SourceStep step)
{
    std::lock_guard lock(m_mutex);
    m_sourceStep = std::move(step);
}

void Environment::serveVirtualModuleAt(const std::string &id, const std::string &url)
{
    std::lock_guard lock(m_mutex);
    m_virtualUrls[id] = url;
}

std::string Environment::lookupModuleSource(std::string_view id) const
{
    const bool client = id == useClientLookupId();
    const std::set<std::string> files =
        client ? m_directives.clientModules() : m_directives.serverModules();
    std::string out =
        client ? "export const useClientLookup = {\n" : "export const useServerLookup = {\n";
    for (const std::string &file : files)
        out += "  " + jsStringLiteral(rwsdkReferenceId(m_project.root, file)) + ": () => import(" +
               jsStringLiteral(file) + "),\n";
    return out + "};\n";
}

Environment::Transformed Environment::finishModule(ModuleNode &node, const std::string &source,
                                                   const std::string &importerFile,
                                                   double sucraseMs, std::string sourceMap)
{
    Transformed out;
    QElapsedTimer timer;
    timer.start();
    m_moduleConfigFiles = std::exchange(m_transformConfigFiles, {});
    const LexedModule lexed = lexModule(source);
    if (!lexed.ok) {
        out.error = "cannot parse " + node.id + " (" + std::to_string(lexed.line) + ":" +
                    std::to_string(lexed.column) + "): " + lexed.error;
        out.errorFile = importerFile;
        out.errorLine = lexed.line;
        out.errorColumn = lexed.column;
        return out;
    }
    TransformResult result;
    std::vector<std::string> edges;
    std::string firstError;
    const std::string *code = &source; // with accepted deps rewritten, see below
    const LexedModule *lex = &lexed;
    auto failedToResolve = [&](const std::string &specifier, int64_t at, const Target &target) {
        if (!firstError.empty())
            return;
        const auto [line, column] = lineColumnOf(*code, at);
        firstError = "Failed to resolve import \"" + specifier + "\" from \"" +
                     normalizedPath(importerFile.empty() ? node.id : importerFile) + "\" (" +
                     std::to_string(line) + ":" + std::to_string(column) + ", environment " +
                     name() + "): " + target.error;
        out.errorFile = importerFile;
        out.errorLine = line;
        out.errorColumn = column;
    };
    // Client: a module that has been hot-updated is imported with ?t=<its last
    // update> (Vite's lastHMRTimestamp), or the browser keeps its old instance.
    auto stampHmrTimestamp = [&](Target &target) {
        if (m_kind != EnvironmentKind::Client)
            return;
        if (const ModuleNode *dep = m_graph.moduleById(target.id); dep && dep->lastHmrTimestamp > 0)
            target.specifier = withTimestampQuery(target.specifier, dep->lastHmrTimestamp);
    };
    // Client: import.meta.hot.accept("./dep", cb) names its deps by the URLs the
    // payloads use (Vite's importAnalysis does the same), resolved like imports.
    HmrAcceptInfo hot;
    std::set<std::string> acceptedIds;
    std::string acceptRewritten;
    LexedModule acceptRelexed;
    if (m_kind == EnvironmentKind::Client) {
        hot = acceptedHmrDepsOf(source, lexed.imports);
        std::vector<std::pair<const HmrAcceptedDep *, std::string>> replacements;
        for (const HmrAcceptedDep &dep : hot.acceptedDeps) {
            Target target = resolveImport(dep.specifier, importerFile);
            if (!target.ok) {
                failedToResolve(dep.specifier, dep.s, target);
                continue;
            }
            stampHmrTimestamp(target);
            acceptedIds.insert(target.id);
            replacements.emplace_back(&dep, jsStringLiteral(target.specifier));
        }
        if (!firstError.empty()) {
            out.error = firstError;
            m_configDependents.set(node.id, std::exchange(m_moduleConfigFiles, {}));
            return out;
        }
        if (!replacements.empty()) {
            // Back to front so earlier ranges stay valid; a JS string literal has
            // no raw newline, so every line keeps its number.
            acceptRewritten = source;
            std::sort(replacements.begin(), replacements.end(),
                      [](const auto &a, const auto &b) { return a.first->s > b.first->s; });
            for (auto &[dep, literal] : replacements) {
                // A template literal may span lines: keep them as trailing newlines.
                const auto range =
                    std::string_view(source).substr(size_t(dep->s), size_t(dep->e - dep->s));
                literal.append(size_t(std::count(range.begin(), range.end(), '\n')), '\n');
                acceptRewritten.replace(size_t(dep->s), range.size(), literal);
            }
            acceptRelexed = lexModule(acceptRewritten);
            if (!acceptRelexed.ok) {
                out.error = node.id +
                            ": rewriting import.meta.hot.accept() dependencies broke "
                            "the module: " +
                            acceptRelexed.error;
                return out;
            }
            code = &acceptRewritten;
            lex = &acceptRelexed;
        }
    }
    std::map<int64_t, Target> targets; // by specifier start
    for (const ImportSpan &imp : lex->imports) {
        if (imp.kind == ImportKind::ImportMeta || !imp.isLiteral)
            continue;
        Target target = resolveImport(imp.specifier, importerFile);
        if (!target.ok) {
            failedToResolve(imp.specifier, imp.s, target);
            continue;
        }
        stampHmrTimestamp(target);
        (imp.kind == ImportKind::Dynamic ? result.dynamicDeps : result.deps).push_back(target.id);
        result.imports.push_back(
            {imp.specifier, target.id, target.specifier, imp.kind == ImportKind::Dynamic});
        if (!target.browserHash.empty())
            result.optimizedDeps[target.id] = target.browserHash;
        edges.push_back(target.id);
        targets.emplace(imp.s, std::move(target));
    }
    // What else this module's transform depends on: the tsconfigs of its
    // resolutions and, when it reads import.meta.env, the env files.
    const bool readsEnv = readsImportMetaEnv(*code, *lex);
    if (readsEnv)
        m_moduleConfigFiles.insert(std::string(kImportMetaEnvDependency));
    m_configDependents.set(node.id, std::exchange(m_moduleConfigFiles, {}));
    if (!firstError.empty()) {
        out.error = firstError;
        return out;
    }
    RewriteResult rewritten =
        rewriteImports(*code, *lex, [&](const ImportSpan &imp) -> std::optional<ImportTarget> {
            auto it = targets.find(imp.s);
            if (it == targets.end())
                return std::nullopt;
            return ImportTarget{it->second.specifier, it->second.interop};
        });
    if (!rewritten.ok) {
        out.error = node.id + ": " + rewritten.error;
        return out;
    }
    for (const std::string &id : edges) {
        if (!m_graph.moduleById(id)) {
            const bool isFile = !startsWith(id, "virtual:") &&
                                !startsWith(id, kBrowserExternalPrefix) && !startsWith(id, "node:");
            m_graph.ensureModule(id, specifierFor(id, ""),
                                 isFile ? std::string(pathOfId(id)) : std::string());
        }
    }
    m_graph.updateImports(node, edges);
    result.code = std::move(rewritten.code);
    // Vite's importAnalysis: `import.meta.env = {...};` on the first line.
    if (readsEnv)
        result.code = importMetaEnvPrelude(m_importMetaEnv) + result.code;
    if (m_kind == EnvironmentKind::Client)
        applyHmrApi(node, hot, std::move(acceptedIds), result.code);
    result.etag = shortHash(result.code);
    // Import rewriting never adds or removes lines, so sucrase's map (which
    // keeps lines) stays right line by line; columns on import lines drift.
    result.map = std::move(sourceMap);
    result.transformMs = sucraseMs + double(timer.nsecsElapsed()) / 1e6;
    out.ok = true;
    out.code = result.code;
    out.etag = result.etag;
    out.map = result.map;
    m_graph.setTransformResult(node, std::move(result));
    return out;
}

void Environment::applyHmrApi(ModuleNode &node, const HmrAcceptInfo &info,
                              std::set<std::string> acceptedIds, std::string &code)
{
    node.isSelfAccepting = info.isSelfAccepting;
    node.acceptedHmrDeps = std::move(acceptedIds);
    if (info.usesHot) {
        // No newline: line numbers (and the source map's lines) stay right.
        code = hotContextPrelude(kViteClientUrl, node.url) + code;
    }
}

bool Environment::readSource(const std::string &file, std::string &out, std::string &error) const
{
    if (!m_filePolicy) {
        if (readFile(file, out))
            return true;
        error = "Module not found: " + file;
        return false;
    }
    const FilePolicy::Decision read = m_filePolicy->read(file, out);
    if (read.allowed())
        return true;
    error =
        read.verdict == FilePolicy::Verdict::NotFound ? "Module not found: " + file : read.reason;
    return false;
}

Environment::Transformed Environment::transformFile(ModuleNode &node)
{
    if (std::optional<Transformed> typed = transformTypedModule(node))
        return *typed;
    if (std::optional<Transformed> stylesheet = transformStylesheet(node))
        return *stylesheet;
    Transformed out;
    std::string raw;
    if (!readSource(node.id, raw, out.error))
        return out;
    std::string code = raw;
    std::string sourceMap;
    double sucraseMs = 0;
    // Syntax V8 10.2 cannot parse (`using`, decorators): esbuild lowers the
    // file, TypeScript and JSX included (syntaxLowering.h).
    std::set<std::string> loweringConfigFiles; // the tsconfig read for decorators
    const LoweringNeed lowering = syntaxNeedingLowering(raw);
    if (lowering.needed) {
        LoweringOptions options = LoweringOptions::forFile(node.id, m_project.esbuildPath());
        // Decorators compile as TypeScript's legacy ones when the file's
        // tsconfig says experimentalDecorators (as tsc and esbuild read it);
        // an edit of that tsconfig invalidates this module.
        const TsconfigLookup tsconfig = m_resolver.tsconfigFor(node.id);
        options.experimentalDecorators =
            tsconfig.config && tsconfig.config->ok && tsconfig.config->experimentalDecorators;
        loweringConfigFiles.insert(tsconfig.dependencies.begin(), tsconfig.dependencies.end());
        const LoweringResult t = lowerSyntax(raw, options);
        if (!t.ok) {
            out.error = loweringErrorMessage(normalizedPath(node.id), name(), lowering, t);
            out.errorFile = node.id;
            out.errorLine = t.line ? t.line : lowering.line;
            out.errorColumn = t.column;
            return out;
        }
        code = t.code;
        sucraseMs = t.durationMs;
        sourceMap = t.sourceMapJson;
    } else if (needsSucrase(node.id)) {
        const TransformOutput t = m_transforms.transform(raw, TransformOptions::forFile(node.id));
        if (!t.ok) {
            out.error = "Transform failed in " + normalizedPath(node.id) + " (" +
                        std::to_string(t.line) + ":" + std::to_string(t.column) + "): " + t.error;
            out.errorFile = node.id;
            out.errorLine = t.line;
            out.errorColumn = t.column;
            return out;
        }
        code = t.code;
        sucraseMs = t.durationMs;
        sourceMap = t.sourceMapJson;
    }
    code = withoutImportAttributes(std::move(code));
    code = rewriteImportMetaUrls(code, node.id);
    code = applyDefines(m_project.vite.define, std::move(code)); // vite.config define
    if (m_kind == EnvironmentKind::Worker)
        code = applyDefines(m_project.workerDefine, std::move(code)); // wrangler define
    const std::set<std::string> written = DirectiveIndex::directivesOf(raw);
    node.directives.clear();
    for (const char *d : {"use client", "use server"})
        if (written.count(d))
            node.directives.insert(d);
    // rwsdk's forceClientPaths / forceServerPaths count as the directive; a
    // plain Workers app transforms none.
    const bool rwsdk = m_project.framework.kind == FrameworkKind::Rwsdk;
    const std::set<std::string> directives =
        rwsdk ? m_directives.effectiveDirectives(node.id, written) : std::set<std::string>{};
    recordDirectiveTransform(node, m_kind, directives,
                             m_directives.forcedDirective(node.id).second);
    // The framework's directive transform (framework/rwsdkDirectives.h); a plain
    // Workers app has none. `generated`: nothing of the source is left.
    bool generated = false;
    if (rwsdk) {
        std::optional<RwsdkDirectiveResult> t =
            rwsdkDirectiveTransform(m_project.framework, m_kind, rwsdkDirectiveOf(directives), code,
                                    rwsdkReferenceId(m_project.root, node.id), node.id);
        if (t && !t->ok) {
            out.error = t->error;
            out.errorFile = node.id;
            return out;
        }
        if (t) {
            for (const std::string &warning : t->warnings)
                std::fprintf(stderr, "[%s] %s\n", name().c_str(), warning.c_str());
            code = std::move(t->code);
            generated = !t->linesKept;
        }
    }
    if (generated)
        sourceMap.clear();
    // React Fast Refresh for the client's own modules ("use client" ones too;
    // not generated stubs).
    if (m_kind == EnvironmentKind::Client && !generated && needsSucrase(node.id)) {
        if (m_deferRefresh) {
            m_refreshDeferred.insert(node.id);
        } else {
            m_refreshDeferred.erase(node.id);
            ReactRefreshStep refresh =
                reactRefreshStep(m_transforms, node.id, clientUrlFor(node.id), std::move(code));
            code = std::move(refresh.code);
            sucraseMs += refresh.ms;
            if (!refresh.warning.empty())
                std::fprintf(stderr, "[client] %s\n", refresh.warning.c_str());
        }
    }
    if (m_kind == EnvironmentKind::Client && needsVitePreamble(node.id)) {
        code = vitePreambleImport(m_project.framework.preambleSpecifier) + code; // on line 1
        m_vitePreambled.insert(node.id);
    }
    if (m_kind == EnvironmentKind::Worker)
        code = applyDocumentScripts(node, std::move(code));
    if (m_sourceStep) {
        SourceStepResult step = m_sourceStep(node.id, std::move(code));
        if (!step.ok) {
            out.error = step.error;
            out.errorFile = node.id;
            out.errorLine = step.line;
            out.errorColumn = step.column;
            return out;
        }
        code = std::move(step.code);
    }
    m_transformConfigFiles = std::move(loweringConfigFiles);
    return finishModule(node, code, node.id, sucraseMs, std::move(sourceMap));
}

Environment::Transformed Environment::transformOptimized(ModuleNode &node,
                                                         const std::string &hashInQuery)
{
    Transformed out;
    std::optional<OptimizedDepInfo> dep = m_optimizer.lookupByFile(node.id);
    const bool retired = !dep && m_optimizer.isRetiredFile(node.id);
    if (retired) {
        dep = m_optimizer.lookupRetiredByFile(node.id); // empty for a retired chunk
    } else if (!dep && !m_optimizer.isChunkFile(node.id)) {
        out.error = "Module not found: " + node.id + " is not a current pre-bundle of the " +
                    name() + " environment";
        return out;
    } else if (dep && !hashInQuery.empty() && hashInQuery != dep->browserHash) {
        // An importer of an older generation: serve that generation's bundle
        // while it is kept, so the importer finishes consistently.
        if (auto old = m_optimizer.lookupRetired(dep->id, hashInQuery))
            return transformLocked(old->file + "?v=" + hashInQuery);
        out.error = "There is a new version of the pre-bundle for \"" + node.id +
                    "\", a page reload is going to ask for it. (ERR_OUTDATED_OPTIMIZED_DEP: "
                    "requested v=" +
                    hashInQuery + ", current v=" + dep->browserHash + ")";
        return out;
    }
    node.optimizedBrowserHash = dep ? dep->browserHash : std::string();
    std::string code;
    if (!readSource(node.id, code, out.error))
        return out;
    return finishModule(node, code, node.id, 0);
}

Environment::Transformed Environment::transformBridged(ModuleNode &node, const std::string &innerId)
{
    Transformed out;
    if (!m_ssr) {
        out.error = "the worker environment has no ssr environment for " + node.id;
        return out;
    }
    const FetchedModule inner = m_ssr->fetchModule(innerId, {});
    if (!inner.ok) {
        out.error = inner.error;
        return out;
    }
    node.isVirtual = true;
    node.twinId = splitQuery(innerId).first;
    m_ssr->withGraph([&](ModuleGraph &ssrGraph) { // the ssr code's directive transform
        if (const ModuleNode *twin = ssrGraph.moduleById(node.twinId)) {
            node.directiveTransform = twin->directiveTransform;
            node.directiveTransformReason = twin->directiveTransformReason;
        }
    });
    if (isUnder(node.twinId, m_ssr->optimizer().config().cacheDir)) {
        if (auto dep = m_ssr->optimizer().lookupByFile(node.twinId))
            node.optimizedBrowserHash = dep->browserHash;
    }
    // The ssr code imports ssr ids; below the bridge they all stay in the
    // virtual ssr subgraph of the worker.
    const LexedModule lexed = lexModule(inner.code);
    TransformResult result;
    std::vector<std::string> edges;
    RewriteResult rewritten = rewriteImports(
        inner.code, lexed, [&](const ImportSpan &imp) -> std::optional<ImportTarget> {
            auto [base, query] = splitQuery(imp.specifier);
            // One request context per isolate: the framework's state module
            // stays the worker's own instance. Node.js built-ins too: one
            // instance per isolate.
            const std::string state = stateModuleId();
            const bool shared = (!state.empty() && base == state) || startsWith(base, "node:") ||
                                base == kNodeRequireModuleId;
            const std::string prefix = shared ? std::string() : std::string(kSsrVirtualPrefix);
            const std::string spec = prefix + imp.specifier;
            const std::string id = prefix + base;
            (imp.kind == ImportKind::Dynamic ? result.dynamicDeps : result.deps).push_back(id);
            result.imports.push_back({imp.specifier, id, spec, imp.kind == ImportKind::Dynamic});
            const std::string v = queryParam(query, "v");
            if (!v.empty())
                result.optimizedDeps[id] = v;
            edges.push_back(id);
            return ImportTarget{spec, false};
        });
    for (const std::string &id : edges)
        if (!m_graph.moduleById(id)) {
            const bool bridged = startsWith(id, kSsrVirtualPrefix);
            const bool noFile = bridged || startsWith(id, "node:") || id == kNodeRequireModuleId;
            ModuleNode &dep = m_graph.ensureModule(id, id, noFile ? std::string() : id);
            dep.isVirtual = bridged;
            if (bridged)
                dep.twinId = id.substr(kSsrVirtualPrefix.size());
        }
    m_graph.updateImports(node, edges);
    result.code = std::move(rewritten.code);
    result.etag = shortHash(result.code);
    out.ok = true;
    out.code = result.code;
    out.etag = result.etag;
    m_graph.setTransformResult(node, std::move(result));
    return out;
}

Environment::Transformed Environment::transformLocked(const std::string &idWithQuery)
{
    if (m_kind == EnvironmentKind::Client && isDirectCssRequest(idWithQuery))
        return transformDirectStylesheet(idWithQuery.substr(0, idWithQuery.find('?')));
    auto [id, query] = splitQuery(idWithQuery);
    const bool bridged = m_kind == EnvironmentKind::Worker && startsWith(id, kSsrVirtualPrefix);
    std::string bridgedInner;
    if (bridged) {
        bridgedInner = id.substr(kSsrVirtualPrefix.size());
        auto [innerBase, innerQuery] = splitQuery(bridgedInner);
        id = std::string(kSsrVirtualPrefix) + innerBase;
        query = innerQuery;
    }
    const bool isVirtual = startsWith(id, "virtual:") || startsWith(id, kBrowserExternalPrefix) ||
                           startsWith(id, "node:");
    ModuleNode &node = m_graph.ensureModule(id, specifierFor(id, ""),
                                            isVirtual ? std::string() : std::string(pathOfId(id)));
    node.isVirtual = isVirtual;
    const bool optimized = !bridged && m_optimizer.isPrebundleFile(id);
    const std::string v = queryParam(query, "v");
    if (node.transformResult && !m_deferRefresh && m_refreshDeferred.count(id))
        m_graph.invalidateModule(node, nowMs(), "React Fast Refresh pass deferred at start-up");
    if (node.transformResult && lacksVitePreamble(node))
        m_graph.invalidateModule(node, nowMs(), "named as a client entry by the Document");
    if (node.transformResult) {
        const bool outdated = optimized && !v.empty() && v != node.optimizedBrowserHash;
        if (!outdated)
            return {true,
                    node.transformResult->code,
                    node.transformResult->etag,
                    {},
                    node.transformResult->map};
    }
    if (bridged)
        return transformBridged(node, bridgedInner);
    if (id == useClientLookupId() || id == useServerLookupId())
        return finishModule(node, lookupModuleSource(id), m_project.root + "/package.json", 0);
    if (startsWith(id, kBrowserExternalPrefix))
        return finishModule(node, browserExternalSource(id), {}, 0);
    // A built-in has no source: the runner links the isolate's own module.
    if (m_kind != EnvironmentKind::Client &&
        (startsWith(id, "node:") || id == kNodeRequireModuleId))
        return finishModule(node, "", {}, 0);
    if (auto generated = m_virtualSources.find(id); generated != m_virtualSources.end())
        return finishModule(node, generated->second(), m_project.root + "/package.json", 0);
    if (startsWith(id, "virtual:"))
        return {false, {}, {}, "unknown virtual module " + id};
    if (optimized)
        return transformOptimized(node, v);
    return transformFile(node);
}

FetchedModule Environment::fetchModule(const std::string &id, const std::string &importerId)
{
    std::lock_guard lock(m_mutex);
    if (std::optional<FetchedModule> builtin = fetchNodeBuiltin(id, importerId))
        return *builtin;
    const Transformed t = transformLocked(id);
    FetchedModule out;
    out.ok = t.ok;
    out.id = id;
    out.code = t.code;
    out.transformHash = t.etag;
    out.error = t.error;
    return out;
}

std::optional<ServedModule> Environment::serveVirtualUrl(const std::string &path)
{
    std::lock_guard lock(m_mutex);
    // A URL of its own (serveVirtualModuleAt: "/@vite/client"), or a specifier
    // alias that is a URL ("/@react-refresh", environmentDocument.cpp).
    std::string id;
    const auto at = std::find_if(m_virtualUrls.begin(), m_virtualUrls.end(),
                                 [&](const auto &entry) { return entry.second == path; });
    if (at != m_virtualUrls.end())
        id = at->first;
    else if (const auto alias = m_virtualAliases.find(path);
             alias != m_virtualAliases.end() && startsWith(path, "/@"))
        id = alias->second;
    else
        return std::nullopt;
    ServedModule out;
    const Transformed t = transformLocked(id);
    if (!t.ok) {
        out.status = 500;
        out.contentType = "text/plain; charset=utf-8";
        out.body = t.error + "\n";
        return out;
    }
    out.body = t.code;
    out.etag = t.etag;
    return out;
}

bool Environment::isServableVirtualId(const std::string &id) const
{
    if (id == useClientLookupId() || id == useServerLookupId() || m_virtualSources.count(id))
        return true;
    // Browser externals are generated for what the resolver met: only those in the graph.
    return startsWith(id, kBrowserExternalPrefix) && m_graph.moduleById(id) != nullptr;
}

ServedModule Environment::serveClientUrl(const std::string &url)
{
    ServedModule out;
    auto fail = [&](int status, std::string reason, bool refused) {
        out.status = status;
        out.contentType = "text/plain; charset=utf-8";
        out.body = std::move(reason) + "\n";
        out.refused = refused;
        return out;
    };
    const size_t q = url.find('?');
    const std::string query = q == std::string::npos ? std::string() : url.substr(q);
    const RequestPath request = normalizeRequestPath(url);
    if (request.status != 200)
        return fail(request.status, request.reason, true);
    const std::string &path = request.path;
    if (!m_filePolicy)
        return fail(404, "Not found: " + printablePath(path) + " (not a client environment)",
                    false);

    if (std::optional<ServedModule> own = serveVirtualUrl(path))
        return *own;
    std::string file;
    if (startsWith(path, "/@id/")) {
        const std::string id = path.substr(5);
        if (startsWith(id, "virtual:") || startsWith(id, kBrowserExternalPrefix)) {
            // Only ids the engine produces, never a new node per unknown id; a
            // query (?t=) would make a distinct id: the module is the same.
            std::lock_guard lock(m_mutex);
            if (!isServableVirtualId(id) || m_virtualUrls.count(id))
                return fail(404, "Not found: unknown module id " + printablePath(id), false);
            const Transformed t = transformLocked(id);
            if (!t.ok)
                return fail(500, t.error, false);
            out.body = t.code;
            out.etag = t.etag;
            return out;
        }
        file = "/" + id; // "/@id//abs/file" (the normalized path lost one slash)
    } else if (startsWith(path, "/@fs/")) {
        file = path.substr(4);
    } else {
        file = m_project.root + path;
    }
    const FilePolicy::Decision allowed = m_filePolicy->check(file);
    if (!allowed.allowed())
        return fail(allowed.httpStatus(), allowed.reason,
                    allowed.verdict == FilePolicy::Verdict::Forbidden);
    const std::string id = allowed.realPath.string();
    // A stylesheet is never the file's bytes: processed CSS for a <link>
    // (?direct), a module for an import (the css part, cssRequest.h).
    if (!isStylesheetPath(path) && isDirectFileRequest(path, query))
        return serveDirectFile(id); // <img src>, fetch(), a link: the file itself
    std::lock_guard lock(m_mutex);
    const Transformed t = transformLocked(id + query);
    if (!t.ok) {
        out.status = t.error.find("ERR_OUTDATED_OPTIMIZED_DEP") != std::string::npos ? 504 : 500;
        out.contentType = "text/plain";
        out.body = t.error;
        out.errorFile = t.errorFile.empty() ? id : t.errorFile;
        out.errorLine = t.errorLine;
        out.errorColumn = t.errorColumn;
        return out;
    }
    if (isDirectCssRequest(url)) {
        out.contentType = "text/css";
        out.body = t.code;
        out.etag = t.etag;
        return out;
    }
    out.body = t.code;
    if (!t.map.empty())
        out.body += "\n//# sourceMappingURL=data:application/json;base64," +
                    QByteArray::fromStdString(t.map).toBase64().toStdString() + "\n";
    out.etag = t.etag;
    return out;
}

bool Environment::setDeferReactRefresh(bool defer)
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_deferRefresh, defer);
}

void Environment::applyDeferredReactRefresh(const std::vector<std::string> &ids)
{
    for (const std::string &id : ids) {
        std::lock_guard lock(m_mutex); // one module at a time: requests get their turn
        if (m_deferRefresh)
            return;
        if (m_refreshDeferred.count(id) && m_graph.moduleById(id))
            transformLocked(id); // invalidates it (deferred) and transforms it with the pass
    }
}

} // namespace sy
