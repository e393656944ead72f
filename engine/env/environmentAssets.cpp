// Environment: modules that are not JavaScript (JSON, assets, ?raw, ?url,
// ?inline, wrangler's module rules) and the client's direct file requests.
// Split from environment.cpp: one concept per file.
#include "core/hash.h"
#include "env/assetImportMetaUrl.h"
#include "env/assetModules.h"
#include "env/environment.h"
#include "env/jsonModule.h"
#include "env/moduleQuery.h"
#include "env/projectConfig.h"
#include "env/workerModuleRules.h"
#include "server/filePolicy.h"
#include "server/mimeTypes.h"

#include <filesystem>

namespace sy {

namespace fs = std::filesystem;

std::optional<Environment::Transformed> Environment::transformTypedModule(ModuleNode &node)
{
    const std::string file(pathOfId(node.id));
    const std::string_view query = identityQueryOf(node.id);
    std::string relative = file;
    if (relative.rfind(m_project.root + "/", 0) == 0)
        relative = relative.substr(m_project.root.size() + 1);
    else if (!relative.empty() && relative[0] == '/')
        relative = relative.substr(1);
    std::string ruleError;
    const ModuleType type = classifyModule(m_kind, file, query, relative + std::string(query),
                                           WorkerModuleRules(m_project.moduleRules), ruleError);
    Transformed out;
    if (!ruleError.empty()) {
        out.error = ruleError + " (environment " + name() + ")";
        out.errorFile = file;
        return out;
    }
    if (type == ModuleType::Js || type == ModuleType::Css)
        return std::nullopt;
    node.type = type;
    const std::string url = clientUrlFor(file);
    std::string code;
    if (type == ModuleType::Url || type == ModuleType::Asset) {
        // Only the URL: the file must exist (and, in the client, be servable).
        std::string bytes;
        if (!readSource(file, bytes, out.error))
            return out;
        code = urlModule(url);
    } else if (type == ModuleType::Wasm && m_kind == EnvironmentKind::Client) {
        if (!hasQueryFlag(query, "init")) {
            out.error = "\"ESM integration proposal for Wasm\" is not supported in the client "
                        "environment: " +
                        normalizedPath(file) +
                        " is imported from a browser module. Import it as `" +
                        normalizedPath(file) +
                        "?init` (a function that instantiates it) or `?url`, "
                        "or import it from server code (the worker compiles it, as wrangler does)";
            out.errorFile = file;
            return out;
        }
        code = wasmInitModule(url);
    } else {
        std::string bytes;
        if (!readSource(file, bytes, out.error))
            return out;
        switch (type) {
        case ModuleType::Json: {
            const JsonModule json = jsonToEsModule(bytes);
            if (!json.ok) {
                out.error = json.error.substr(0, json.error.find(" (line ")) + " in " +
                            normalizedPath(file) + " (" + std::to_string(json.line) + ":" +
                            std::to_string(json.column) + ", environment " + name() +
                            "): fix the file (JSON allows no comments and no trailing commas)";
                out.errorFile = file;
                out.errorLine = json.line;
                out.errorColumn = json.column;
                return out;
            }
            code = json.code;
            break;
        }
        case ModuleType::Raw:
        case ModuleType::Text:
            code = stringModule(bytes);
            break;
        case ModuleType::Inline:
            code = dataUrlModule(bytes, mimeTypeFor(file));
            break;
        case ModuleType::Wasm:
            code = wasmModule(bytes, normalizedPath(file) + " (environment " + name() + ")");
            break;
        case ModuleType::Data:
            code = dataModule(bytes);
            break;
        default:
            return std::nullopt;
        }
    }
    return finishModule(node, code, file, 0);
}

ServedModule Environment::serveDirectFile(const std::string &file)
{
    ServedModule out;
    const FilePolicy::Decision read = m_filePolicy->read(file, out.body);
    if (!read.allowed()) {
        out.status = read.httpStatus();
        out.contentType = "text/plain; charset=utf-8";
        out.body = read.reason + "\n";
        out.refused = read.verdict == FilePolicy::Verdict::Forbidden;
        return out;
    }
    out.contentType = std::string(mimeTypeFor(file));
    out.etag = shortHash(out.body);
    return out;
}

std::string Environment::rewriteImportMetaUrls(const std::string &code,
                                               const std::string &file) const
{
    if (m_kind != EnvironmentKind::Client)
        return code;
    const fs::path dir = fs::path(file).parent_path();
    return rewriteNewUrlImportMetaUrl(
        code, [&](const std::string &path) -> std::optional<std::string> {
            const fs::path target = (dir / path).lexically_normal();
            const FilePolicy::Decision allowed = m_filePolicy->check(target);
            if (!allowed.allowed())
                return std::nullopt; // missing or refused: left as written (Vite warns)
            return clientUrlFor(allowed.realPath.string());
        });
}

} // namespace sy
