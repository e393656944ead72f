// Environment: what a stylesheet becomes in each environment (the css part
// of issue 10). Split from environment.cpp: one concept per file.
//   import "./x.css" (client)    a module that injects it (stylesheetModule.h)
//   import "./x.css" (ssr/worker) a module without side effect, recorded in
//                                the graph so a page render can link it
//   <link href="/x.css">         (client, ?direct) the processed CSS as text/css
//   stylesheetsFor()             what a server render links in <head>
#include "core/hash.h"
#include "env/cssRequest.h"
#include "env/environment.h"
#include "env/moduleQuery.h"
#include "env/projectConfig.h"
#include "env/stylesheetModule.h"
#include "env/stylesheetStore.h"
#include "env/viteClientModule.h"
#include "server/filePolicy.h"

#include <deque>
#include <fstream>
#include <set>
#include <sstream>

namespace sy {

namespace {

/// Distinct sets of client references kept per graph revision (one per kind
/// of page, usually a handful).
constexpr size_t kMaxLinkedStylesheetsAnswers = 64;

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

} // namespace

std::shared_ptr<StylesheetStore> Environment::stylesheetStore()
{
    std::lock_guard lock(m_mutex);
    if (!m_stylesheets) {
        const std::string root = m_project.root;
        auto urlForFile = [root](const std::string &f) {
            if (f.size() > root.size() && startsWith(f, root) && f[root.size()] == '/')
                return f.substr(root.size());
            return "/@fs" + f;
        };
        // @imported text reaches the browser: read through the client's
        // FilePolicy (a dev session's store is the client's; a store of a
        // server environment alone reads as that environment reads).
        auto readFile = [policy = m_filePolicy](const std::string &file, std::string &text,
                                                std::string &error) {
            if (!policy) {
                std::ifstream in(file, std::ios::binary);
                std::ostringstream ss;
                ss << in.rdbuf();
                text = ss.str();
                error = in ? std::string() : "cannot read " + file;
                return bool(in);
            }
            const FilePolicy::Decision read = policy->read(file, text);
            error = read.allowed() ? std::string()
                    : read.verdict == FilePolicy::Verdict::NotFound
                        ? "cannot read " + file + (read.reason.empty() ? "" : ": " + read.reason)
                        : read.reason;
            return read.allowed();
        };
        m_stylesheets = std::make_shared<StylesheetStore>(m_project, urlForFile, readFile);
    }
    return m_stylesheets;
}

void Environment::shareStylesheets(Environment &other)
{
    std::shared_ptr<StylesheetStore> store = other.stylesheetStore();
    std::lock_guard lock(m_mutex);
    m_stylesheets = std::move(store);
}

Environment::Transformed Environment::stylesheetFailure(const std::string &file,
                                                        const CssProcessOutput &output) const
{
    Transformed out;
    out.error = "Stylesheet " + normalizedPath(file) + " failed in the " + name() +
                " environment: " + output.error +
                " (fix the stylesheet; the page recovers "
                "when it is saved)";
    out.errorFile = output.errorFile.empty() ? file : output.errorFile;
    out.errorLine = output.errorLine;
    out.errorColumn = output.errorColumn;
    return out;
}

std::optional<Environment::Transformed> Environment::transformStylesheet(ModuleNode &node)
{
    const std::string file = std::string(pathOfId(node.id));
    const std::string query = std::string(identityQueryOf(node.id));
    if (!isStylesheetPath(file) || hasQueryFlag(query, "raw") || hasQueryFlag(query, "url"))
        return std::nullopt; // ?raw and ?url of a stylesheet are plain assets
    node.type = ModuleType::Css;
    Transformed out;
    std::string source;
    if (!readSource(file, source, out.error)) {
        out.errorFile = file;
        return out;
    }
    const std::shared_ptr<const CssProcessOutput> css = stylesheetStore()->process(file, source);
    if (!css->ok)
        return stylesheetFailure(file, *css);
    const bool cssModule = isCssModulePath(file);
    std::string code;
    if (hasQueryFlag(query, "inline"))
        code = inlineStylesheetModule(css->css);
    else if (m_kind == EnvironmentKind::Client)
        code = clientStylesheetModule(file, css->css, std::string(kViteClientUrl), cssModule,
                                      css->moduleExports);
    else
        code = serverStylesheetModule(cssModule, css->moduleExports);
    return finishModule(node, code, file, 0);
}

Environment::Transformed Environment::transformDirectStylesheet(const std::string &file)
{
    const std::string id = file + "?direct";
    ModuleNode &node = m_graph.ensureModule(id, normalizedPath(file), file);
    node.type = ModuleType::Css;
    // The browser loaded it itself: a css-update swaps its <link> (Vite's
    // direct CSS module accepts its own updates).
    node.isSelfAccepting = true;
    if (node.transformResult)
        return {true, node.transformResult->code, node.transformResult->etag, {}, {}};
    Transformed out;
    std::string source;
    if (!readSource(file, source, out.error)) {
        out.errorFile = file;
        return out;
    }
    const std::shared_ptr<const CssProcessOutput> css = stylesheetStore()->process(file, source);
    if (!css->ok)
        return stylesheetFailure(file, *css);
    TransformResult result;
    result.code = css->css;
    result.etag = shortHash(result.code);
    result.transformMs = css->durationMs;
    out.ok = true;
    out.code = result.code;
    out.etag = result.etag;
    m_graph.setTransformResult(node, std::move(result));
    return out;
}

std::vector<std::string> Environment::invalidateStylesheetDependents(const std::string &file,
                                                                     const std::string &cause,
                                                                     int64_t now)
{
    std::vector<std::string> ids;
    if (!m_stylesheets)
        return ids;
    m_stylesheets->invalidate(file);
    for (const std::string &stylesheet : m_stylesheets->dependents(file)) {
        m_stylesheets->invalidate(stylesheet);
        for (ModuleNode *node : m_graph.modulesByFile(stylesheet)) {
            // `?url` (the served URL) and `?raw` (the file's own text) hold
            // nothing of the processed stylesheet: a file Tailwind scanned or
            // an @import changing leaves them as they are (as in Vite, where
            // only the CSS plugin's modules watch those files). Seen: every
            // edit of a component re-rendered an rwsdk page from the server,
            // since its Document imports "./styles.css?url".
            const std::string_view query = identityQueryOf(node->id);
            if (hasQueryFlag(query, "url") || hasQueryFlag(query, "raw"))
                continue;
            m_graph.invalidateModule(*node, now, cause);
            ids.push_back(node->id);
        }
        if (m_kind == EnvironmentKind::Worker)
            if (ModuleNode *twin =
                    m_graph.moduleById(std::string(kSsrVirtualPrefix) + stylesheet)) {
                m_graph.invalidateModule(*twin, now, cause);
                ids.push_back(twin->id);
            }
    }
    return ids;
}

std::vector<LinkedStylesheet>
Environment::stylesheetsFor(const std::vector<std::string> &clientReferences)
{
    std::lock_guard lock(m_mutex);
    if (m_linkedStylesheets.revision != m_graph.revision()) {
        m_linkedStylesheets.answers.clear();
        m_linkedStylesheets.revision = m_graph.revision();
    }
    std::string key;
    for (const std::string &reference : clientReferences)
        key += reference + '\n';
    if (auto hit = m_linkedStylesheets.answers.find(key); hit != m_linkedStylesheets.answers.end())
        return hit->second;
    std::vector<LinkedStylesheet> out;
    std::set<std::string> linked;  // files
    std::set<std::string> visited; // module ids
    // Depth-first over static imports in source order: stylesheets come out in
    // the order the modules importing them are evaluated (a bundle's order).
    auto walk = [&](const std::string &start, bool bridged) {
        std::vector<std::pair<std::string, size_t>> frames;
        auto visit = [&](const std::string &id) {
            if (!visited.insert(id).second)
                return false;
            const bool isBridged = startsWith(id, kSsrVirtualPrefix);
            if (isBridged != bridged)
                return false; // server components and the ssr side are walked apart
            const std::string inner = isBridged ? id.substr(kSsrVirtualPrefix.size()) : id;
            const std::string path = std::string(pathOfId(inner));
            if (isStylesheetPath(path)) {
                if (identityQueryOf(inner).empty() && linked.insert(path).second)
                    out.push_back({clientUrlFor(path), path});
                return false;
            }
            return true;
        };
        if (!visit(start))
            return;
        frames.emplace_back(start, 0);
        while (!frames.empty()) {
            auto &[id, next] = frames.back();
            const ModuleNode *node = m_graph.moduleById(id);
            if (!node || !node->transformResult || next >= node->transformResult->deps.size()) {
                frames.pop_back();
                continue;
            }
            const std::string dep = node->transformResult->deps[next++];
            if (visit(dep))
                frames.emplace_back(dep, 0);
        }
    };
    walk(m_project.workerEntry, false);
    for (const std::string &reference : clientReferences) {
        // A client reference id is the module's path from the root, or /@fs/<abs>.
        std::string file =
            startsWith(reference, "/@fs/") ? reference.substr(4) : m_project.root + reference;
        walk(std::string(kSsrVirtualPrefix) + file, true);
    }
    if (m_linkedStylesheets.answers.size() >= kMaxLinkedStylesheetsAnswers)
        m_linkedStylesheets.answers.clear();
    m_linkedStylesheets.answers.emplace(std::move(key), out);
    return out;
}

} // namespace sy
