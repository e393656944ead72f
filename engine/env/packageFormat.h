#pragma once
// The module format of a package's file, decided as Node decides it (the
// file's extension, then the nearest package.json's "type", then, for a
// package without "type", the source's syntax: Node 22's detect-module),
// not by where the file lies. A package linked with `file:` or `npm link`
// has its real path outside node_modules; the Workers pool's module
// fallback still loads its CommonJS as CommonJS, so Switchyard pre-bundles
// such an entry as it does installed ones (env/importRewriter.h's interop).
#include <string>

namespace sy {

/// True when `file` (an absolute real path) is CommonJS: .cjs/.cts; .js/.jsx
/// with the nearest package.json's "type": "commonjs"; or .js/.jsx without a
/// "type" and without static import/export or import.meta in its source.
/// False for .mjs/.mts/.ts/.tsx, "type": "module", ES syntax, and a file
/// that cannot be read.
bool isCommonJsFile(const std::string &file);

} // namespace sy
