#include "env/assetModules.h"

#include "env/moduleQuery.h"
#include "env/workerModuleRules.h"

#include <QByteArray>
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace sy {

namespace {

std::string lowerExtension(std::string_view path)
{
    const size_t slash = path.rfind('/');
    const size_t dot = path.rfind('.');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
        return {};
    std::string ext(path.substr(dot + 1));
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

std::string jsString(const std::string &text)
{
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string base64(const std::string &bytes)
{
    return QByteArray::fromRawData(bytes.data(), qsizetype(bytes.size())).toBase64().toStdString();
}

/// Decodes the embedded base64 once with a table-driven loop: node 18's
/// atob() took ~160-200 ms for 1 MB (it validates per character in JS);
/// this loop takes ~15-25 ms, measured in a worker isolate.
std::string bytesPrelude(const std::string &bytes)
{
    return "const __sy_b64 = " + jsString(base64(bytes)) +
           ";\n"
           "const __sy_bytes = (() => {\n"
           "  const s = __sy_b64, t = new Uint8Array(128);\n"
           "  const abc = \"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/\";\n"
           "  for (let i = 0; i < 64; i++) t[abc.charCodeAt(i)] = i;\n"
           "  const pad = s.endsWith(\"==\") ? 2 : s.endsWith(\"=\") ? 1 : 0;\n"
           "  const out = new Uint8Array((s.length / 4) * 3 - pad);\n"
           "  for (let i = 0, j = 0; i < s.length; i += 4) {\n"
           "    const a = t[s.charCodeAt(i)], b = t[s.charCodeAt(i + 1)];\n"
           "    const c = t[s.charCodeAt(i + 2)], d = t[s.charCodeAt(i + 3)];\n"
           "    out[j++] = (a << 2) | (b >> 4);\n"
           "    if (j < out.length) out[j++] = ((b & 15) << 4) | (c >> 2);\n"
           "    if (j < out.length) out[j++] = ((c & 3) << 6) | d;\n"
           "  }\n"
           "  return out;\n"
           "})();\n";
}

} // namespace

bool isKnownAssetPath(std::string_view path)
{
    static const char *const kTypes[] = {
        "apng",  "bmp", "png",  "jpg",  "jpeg",        "jfif", "pjpeg", "pjp",  "gif",
        "svg",   "ico", "webp", "avif", "cur",         "jxl",  "mp4",   "webm", "ogg",
        "mp3",   "wav", "flac", "aac",  "opus",        "mov",  "m4a",   "vtt",  "woff",
        "woff2", "eot", "ttf",  "otf",  "webmanifest", "pdf",  "txt"};
    const std::string ext = lowerExtension(path);
    return !ext.empty() && std::any_of(std::begin(kTypes), std::end(kTypes),
                                       [&](const char *t) { return ext == t; });
}

ModuleType classifyModule(EnvironmentKind environment, std::string_view file,
                          std::string_view identityQuery, const std::string &relativePath,
                          const WorkerModuleRules &rules, std::string &error)
{
    if (hasQueryFlag(identityQuery, "raw"))
        return ModuleType::Raw;
    if (hasQueryFlag(identityQuery, "url"))
        return ModuleType::Url;
    if (hasQueryFlag(identityQuery, "inline"))
        return isCssRequestPath(file) ? ModuleType::Css : ModuleType::Inline;
    if (environment != EnvironmentKind::Client) {
        if (const std::optional<std::string> rule = rules.match(relativePath, error)) {
            if (*rule == "CompiledWasm")
                return ModuleType::Wasm;
            if (*rule == "Text")
                return ModuleType::Text;
            if (*rule == "Data")
                return ModuleType::Data;
            return ModuleType::Js; // ESModule, CommonJS
        }
        if (!error.empty())
            return ModuleType::Js;
    }
    const std::string ext = lowerExtension(file);
    if (ext == "json")
        return ModuleType::Json;
    if (isCssRequestPath(file))
        return ModuleType::Css;
    if (ext == "wasm")
        return ModuleType::Wasm;
    if (isKnownAssetPath(file))
        return ModuleType::Asset;
    return ModuleType::Js;
}

std::string stringModule(const std::string &text)
{
    return "export default " + jsString(text) + ";\n";
}

std::string urlModule(const std::string &url)
{
    return "export default " + jsString(url) + ";\n";
}

std::string_view essenceOf(std::string_view mimeType)
{
    std::string_view out = mimeType.substr(0, mimeType.find(';'));
    while (!out.empty() && out.back() == ' ')
        out.remove_suffix(1);
    return out;
}

std::string dataUrlModule(const std::string &bytes, std::string_view mimeType)
{
    return urlModule("data:" + std::string(essenceOf(mimeType)) + ";base64," + base64(bytes));
}

std::string wasmModule(const std::string &bytes, const std::string &where)
{
    return bytesPrelude(bytes) +
           "let __sy_module;\n"
           "try {\n"
           "  __sy_module = new WebAssembly.Module(__sy_bytes);\n"
           "} catch (error) {\n"
           "  throw new WebAssembly.CompileError(" +
           jsString(where + " is not a valid WebAssembly module (wrangler's CompiledWasm rule "
                            "imports .wasm files as compiled modules): ") +
           " + error.message);\n"
           "}\n"
           "export default __sy_module;\n";
}

std::string dataModule(const std::string &bytes)
{
    return bytesPrelude(bytes) + "export default __sy_bytes.buffer;\n";
}

std::string wasmInitModule(const std::string &url)
{
    return "export default async function init(imports) {\n"
           "  const { instance } = await WebAssembly.instantiateStreaming(fetch(" +
           jsString(url) +
           "), imports);\n"
           "  return instance;\n"
           "}\n";
}

} // namespace sy
