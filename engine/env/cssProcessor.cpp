#include "env/cssProcessor.h"

#include "env/cssImports.h"
#include "env/embeddedModules.h"
#include "env/projectConfig.h"
#include "js/toolHost.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

namespace sy {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char *kTool = "css";
/// A cold Tailwind compile with a first scan of the app takes ~2 s on 2 busy
/// cores; a minute means something hangs.
constexpr auto kCallTimeout = std::chrono::seconds(60);
/// `composes: x from "./y.module.css"` chains deeper than this are refused.
constexpr int kMaxComposeDepth = 16;

std::string relativeTo(const std::string &root, const std::string &file)
{
    if (!root.empty() && file.rfind(root + "/", 0) == 0)
        return file.substr(root.size() + 1);
    return file;
}

bool readText(const std::string &path, std::string &out, std::string &error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot read " + path;
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

/// Tells the css tool's callers apart (its scanner state follows the
/// changes one caller reports).
std::atomic<uint64_t> g_sessions{0};

} // namespace

struct CssProcessor::Impl {
    uint64_t session = ++g_sessions;
    std::string root;
    std::string toolsJsDir;
    /// vite.config's tailwindcss(): true / false / null (no config read).
    json tailwindVite;
    std::chrono::milliseconds timeout = kCallTimeout;

    ToolHost &host()
    {
        ToolHost &h = ToolHost::shared(toolsJsDir);
        if (!h.hasTool(kTool))
            h.registerTool(kTool, std::string(embedded::kCssTool));
        return h;
    }

    void setError(CssProcessOutput &out, std::string message, std::string file, int line,
                  int column)
    {
        out.ok = false;
        out.errorFile = std::move(file);
        out.errorLine = line;
        out.errorColumn = column;
        std::string where = out.errorFile.empty() ? std::string() : relativeTo(root, out.errorFile);
        if (!where.empty() && line > 0)
            where += ":" + std::to_string(line) + ":" + std::to_string(column);
        out.error = where.empty() ? message : where + ": " + message;
    }

    CssProcessOutput process(const CssProcessInput &input, int depth)
    {
        CssProcessOutput out;
        InlinedCss inlined = inlineCssImports(input.file, input.source, input.resolveImport,
                                              input.rewriteUrl, input.readFile);
        if (!inlined.ok) {
            setError(out, inlined.error, inlined.errorFile, inlined.errorLine, inlined.errorColumn);
            return out;
        }
        json inputs = json::array({input.file});
        for (const auto &f : inlined.files)
            inputs.push_back(f);
        json args = {{"root", root},
                     {"file", input.file},
                     {"css", inlined.css},
                     {"cssModule", input.cssModule},
                     {"session", session},
                     {"tailwindVite", tailwindVite},
                     {"changes", input.changedFiles ? json(*input.changedFiles) : json()},
                     {"inputs", std::move(inputs)}};
        ToolCallResult r = host().call(
            kTool, "process", args.dump(-1, ' ', false, json::error_handler_t::replace), timeout);
        if (r.timedOut) // the css tool runs one call at a time: a stuck one would block all
            host().restart();
        if (!r.ok) {
            json e = json::parse(r.json, nullptr, false);
            std::string file = e.is_object() ? e.value("file", std::string()) : std::string();
            int line = e.is_object() ? e.value("line", 0) : 0;
            int column = e.is_object() ? e.value("column", 0) : 0;
            if ((file.empty() || file == input.file) && line > 0) {
                // A position in the inlined stylesheet: back to the file that wrote it.
                auto [origin, originLine] = inlined.origin(line);
                file = origin.empty() ? input.file : origin;
                line = origin.empty() ? 0 : originLine;
                if (line == 0)
                    column = 0;
            } else if (file.empty() && !r.timedOut) {
                file = input.file;
            }
            std::string message = r.error;
            if (e.is_object() && e.value("kind", std::string()).empty() && !r.timedOut)
                message = "CSS tools failed: " + message; // not one of cssTool.js's own errors
            setError(out, message, file, line, column);
            return out;
        }
        json result = json::parse(r.json, nullptr, false);
        if (!result.is_object()) {
            setError(out, "CSS tools returned no result", input.file, 0, 0);
            return out;
        }
        std::string css = result.value("css", std::string());
        std::set<std::string> seen;
        auto addDependency = [&](const std::string &dep) {
            if (!dep.empty() && dep != input.file && seen.insert(dep).second)
                out.dependencies.push_back(dep);
        };
        for (const auto &f : inlined.files)
            addDependency(f);
        if (result.contains("dependencies"))
            for (const auto &d : result["dependencies"])
                if (d.is_string())
                    addDependency(d.get<std::string>());

        if (input.cssModule && result.contains("exports") && result["exports"].is_object()) {
            std::string composedCss;
            std::map<std::string, CssProcessOutput> composed; // file -> its processed module
            for (auto &[local, e] : result["exports"].items()) {
                std::string names = e.value("name", local);
                for (const auto &c : e.value("composes", json::array())) {
                    const std::string type = c.value("type", std::string());
                    const std::string name = c.value("name", std::string());
                    if (type != "dependency") {
                        names += " " + name;
                        continue;
                    }
                    const std::string spec = c.value("specifier", std::string());
                    std::string error;
                    std::optional<std::string> target;
                    if (input.resolveImport)
                        target = input.resolveImport(spec, input.file, error);
                    if (!target || target->empty()) {
                        setError(out,
                                 "cannot resolve \"" + spec + "\" in `composes: " + name +
                                     " from`" + (error.empty() ? "" : ": " + error),
                                 input.file, 0, 0);
                        return out;
                    }
                    auto it = composed.find(*target);
                    if (it == composed.end()) {
                        if (depth >= kMaxComposeDepth) {
                            setError(out,
                                     "`composes ... from` chain deeper than " +
                                         std::to_string(kMaxComposeDepth) +
                                         " files (a cycle?) at " + *target,
                                     input.file, 0, 0);
                            return out;
                        }
                        CssProcessInput sub;
                        sub.file = *target;
                        std::string readError;
                        if (!(input.readFile ? input.readFile(*target, sub.source, readError)
                                             : readText(*target, sub.source, readError))) {
                            setError(out,
                                     "`composes: " + name + " from \"" + spec + "\"`: " + readError,
                                     input.file, 0, 0);
                            return out;
                        }
                        sub.cssModule = true;
                        sub.resolveImport = input.resolveImport;
                        sub.rewriteUrl = input.rewriteUrl;
                        sub.readFile = input.readFile;
                        if (input.changedFiles) // already reported with the importer
                            sub.changedFiles = std::vector<std::string>{};
                        it = composed.emplace(*target, process(sub, depth + 1)).first;
                        if (!it->second.ok) {
                            out = it->second;
                            return out;
                        }
                        // postcss-modules (Vite's default) puts the composed module's
                        // rules before the importer's, so the class exists on the page.
                        composedCss += it->second.css;
                        if (!composedCss.empty() && composedCss.back() != '\n')
                            composedCss += '\n';
                        addDependency(*target);
                        for (const auto &d : it->second.dependencies)
                            addDependency(d);
                    }
                    auto named = it->second.moduleExports.find(name);
                    if (named == it->second.moduleExports.end()) {
                        setError(out,
                                 "`composes: " + name + " from \"" + spec +
                                     "\"`: " + relativeTo(root, *target) + " has no class ." + name,
                                 input.file, 0, 0);
                        return out;
                    }
                    names += " " + named->second;
                }
                out.moduleExports[local] = names;
            }
            css = composedCss + css;
        }
        out.css = std::move(css);
        out.ok = true;
        return out;
    }
};

CssProcessor::CssProcessor(const ProjectConfig &project) : m_impl(std::make_unique<Impl>())
{
    m_impl->root = project.root;
    m_impl->toolsJsDir = project.toolsJsDir;
    if (const std::optional<bool> tailwind = project.vite.tailwindVitePlugin())
        m_impl->tailwindVite = *tailwind;
    if (const char *ms = std::getenv("SWITCHYARD_CSS_TIMEOUT_MS"); ms && std::atoi(ms) > 0)
        m_impl->timeout = std::chrono::milliseconds(std::atoi(ms));
}

CssProcessor::~CssProcessor() = default;

CssProcessOutput CssProcessor::process(const CssProcessInput &input)
{
    const auto t0 = std::chrono::steady_clock::now();
    CssProcessOutput out;
    try {
        out = m_impl->process(input, 0);
    } catch (const std::exception &e) { // a resolver callback or JSON surprise: this file fails
        out = CssProcessOutput{};
        m_impl->setError(out, std::string("CSS processing failed: ") + e.what(), input.file, 0, 0);
    }
    out.durationMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

void CssProcessor::preload()
{
    // The shared host is never destroyed, so the thread may outlive `this`.
    std::thread([toolsJsDir = m_impl->toolsJsDir, root = m_impl->root] {
        Impl impl;
        impl.toolsJsDir = toolsJsDir;
        impl.root = root;
        json args = {{"root", root}};
        (void)impl.host().call(kTool, "preload", args.dump(), kCallTimeout);
    }).detach();
}

void CssProcessor::reloadConfig()
{
    json args = {{"root", m_impl->root}};
    (void)m_impl->host().call(kTool, "reload", args.dump(), kCallTimeout);
}

} // namespace sy
