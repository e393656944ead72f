#pragma once
// What an import of a non-JavaScript file becomes, per environment: the
// module type (Vite's asset handling and json plugin in every environment,
// wrangler's module rules in the worker and ssr environments, which both
// run in the Worker) and the ES module code of each type. Pure functions;
// Environment::transformTypedModule (environmentAssets.cpp) reads the file
// through the environment's file policy and calls them.
#include "graph/moduleNode.h"
#include "resolve/environment.h"

#include <string>
#include <string_view>

namespace sy {

class WorkerModuleRules;

/// Vite's KNOWN_ASSET_TYPES: images (apng bmp png jpg jpeg jfif pjpeg pjp gif
/// svg ico webp avif cur jxl), media (mp4 webm ogg mp3 wav flac aac opus mov
/// m4a vtt), fonts (woff woff2 eot ttf otf), webmanifest, pdf, txt.
bool isKnownAssetPath(std::string_view path);

/// The type of the module `file` + `identityQuery` ("?raw", "" ...; see
/// splitModuleId) in `environment`, in this order: ?raw -> Raw, ?url -> Url,
/// ?inline -> Inline (CSS: Css), in worker/ssr the first matching module
/// rule (CompiledWasm -> Wasm, Text, Data; `relativePath` is what the rules'
/// globs match), .json -> Json, stylesheets -> Css, .wasm in the client ->
/// Wasm (only `?init` works there, as in Vite), a known asset -> Asset,
/// anything else Js. A path only a removed wrangler rule matches sets `error`.
ModuleType classifyModule(EnvironmentKind environment, std::string_view file,
                          std::string_view identityQuery, const std::string &relativePath,
                          const WorkerModuleRules &rules, std::string &error);

/// `export default "<text>";` (a JS string literal; bytes that are not UTF-8
/// become U+FFFD). ?raw, the Text rule.
std::string stringModule(const std::string &text);
/// `export default "<url>";` ?url and assets: the served URL of the file.
std::string urlModule(const std::string &url);
/// `export default "data:<mime>;base64,<bytes>";` ?inline (Vite inlines
/// assets as data: URLs).
std::string dataUrlModule(const std::string &bytes, std::string_view mimeType);
/// The worker's CompiledWasm rule: `export default` a WebAssembly.Module
/// compiled from the embedded bytes (base64, decoded once at evaluation).
/// Bytes that are not a valid module throw a CompileError naming `where`
/// (the file and environment) and V8's reason when the module is evaluated.
std::string wasmModule(const std::string &bytes, const std::string &where);
/// The worker's Data rule: `export default` an ArrayBuffer of the bytes.
std::string dataModule(const std::string &bytes);
/// Vite's `.wasm?init` in the client: `export default (imports) =>` a
/// Promise of the WebAssembly.Instance of the module fetched from `url`.
std::string wasmInitModule(const std::string &url);

/// A MIME type without parameters ("image/svg+xml; charset=utf-8" -> "image/svg+xml").
std::string_view essenceOf(std::string_view mimeType);

} // namespace sy
