#pragma once
// Vite's `define` (vite.config): global constant replacements. Vite replaces
// them in server code with esbuild's define and, in dev, defines them as
// globals for the browser (its /@vite/env module); Switchyard replaces them in
// the transformed code of every environment, so graph and inspect show the
// values and client, ssr and worker agree. `import.meta.env.*` keys are not
// replaced here: they join the import.meta.env object (importMetaEnv.h), as
// Vite's importAnalysis does.
#include <string>
#include <utility>
#include <vector>

namespace sy {

/// The `define` entries to replace in code: key ("__APP_VERSION__",
/// "process.env.API") -> JavaScript expression, as ViteConfig::define holds them.
using DefineList = std::vector<std::pair<std::string, std::string>>;

/// Replaces every reference to a define key in `code` (JavaScript, after
/// TypeScript/JSX were stripped) with its expression: identifiers and member
/// chains (`process.env.API`, the longest key first) outside strings,
/// comments, templates' text and RegExps, not after a `.` (a property of
/// something else), not as a declared name, an assignment target, an object
/// key or an import/export name; a shorthand property `{ KEY }` becomes
/// `{ KEY: value }`. Expressions other than a literal or a name are
/// parenthesized. An object or array literal value is evaluated once per
/// module, as esbuild's define does: `var __switchyard_define_KEY = value;` at
/// the start of the first line (after a hashbang), and each reference reads it
/// (so `KEY === KEY`). Like esbuild's define on one file without scope analysis:
/// a local variable named like a key is replaced too. No line breaks are
/// added or removed (source maps stay right line by line). Code the tokenizer
/// cannot read is returned unchanged. `import.meta.env.*` keys are skipped.
std::string applyDefines(const DefineList &defines, std::string code);

} // namespace sy
