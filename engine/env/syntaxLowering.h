#pragma once
// Syntax that workerd's V8 (13+) parses and the engine's V8 10.2 (Debian's
// libnode 18; also the dashboard preview's QtWebEngine 6.4 = Chromium 102)
// cannot: `using` / `await using` declarations, decorators (TC39 2023 and
// TypeScript's experimentalDecorators), `accessor` class members, and import
// attributes (`with { type: "json" }`). A cheap token scan finds the files
// that hold any of it; only those go through esbuild's transform with
// --target=chrome102 (what Vite's vite:esbuild would do with that build
// target), every other file keeps the in-process sucrase path. Import
// attributes need no transformer: they are blanked in place.
#include "lex/lexedModule.h"

#include <string>
#include <string_view>

namespace sy {

/// esbuild's name for the engine's JavaScript level (V8 10.2 = Chrome 102):
/// the --target of lowered app files and of every environment's pre-bundles.
inline constexpr std::string_view kEngineEsbuildTarget = "chrome102";

/// What the pre-check found: the first construct V8 10.2 cannot parse.
struct LoweringNeed {
    bool needed = false;
    std::string what; ///< "a `using` declaration", "a decorator", ... (for messages)
    int line = 0;     ///< 1-based line of it
    /// Found by the substring fallback (the tokenizer could not read the file there): the file
    /// may use it. Messages say "may use".
    bool guessed = false;
};

/// Token scan (JsTokenizer; comments, strings, templates and regexes are
/// skipped) for `using x`, `await using x`, `@decorator` and `accessor x`.
/// Conservative: an identifier `using` followed on its line by an identifier,
/// or an `@` anywhere outside strings/comments (JSX text included), counts;
/// a false positive only costs one esbuild run. A source the tokenizer
/// cannot read (JSX text with a quote, a syntax error) falls back to a
/// substring test (LoweringNeed::guessed): `using`, `accessor`, or an `@`
/// before an identifier that follows no word character or quote (so
/// `"@/app/x"`, `"@scope/pkg"` and `a@b.example` do not count). Microseconds
/// per file.
LoweringNeed syntaxNeedingLowering(std::string_view source);

struct LoweringOptions {
    std::string esbuildPath; ///< native esbuild binary (ProjectConfig::esbuildPath)
    std::string filename;    ///< the file's path: esbuild's --sourcefile, in maps and errors
    bool typescript = false; ///< .ts/.tsx/.mts/.cts: strip types (esbuild's ts/tsx loader)
    bool jsx = false;        ///< JSX with the automatic runtime
    bool jsxDev = true;      ///< react/jsx-dev-runtime (jsxDEV), as the sucrase path
    std::string jsxImportSource = "react";
    /// TypeScript's legacy decorators (tsconfig compilerOptions.experimentalDecorators);
    /// false: TC39 2023 decorators, in .js and .ts alike (what TypeScript 5 does).
    bool experimentalDecorators = false;
    std::string target{kEngineEsbuildTarget};
    int timeoutMs = 20000;
    /// Through the process-wide esbuild service (EsbuildService, ~1-2 ms); a
    /// CLI run (~7-21 ms) when false or when the service cannot answer.
    bool useService = true;

    /// Options for `filename` as the sucrase path reads it: TypeScript for
    /// .ts/.tsx/.mts/.cts, JSX for .tsx/.jsx and for .js/.mjs outside node_modules.
    static LoweringOptions forFile(std::string filename, std::string esbuildPath);
};

struct LoweringResult {
    bool ok = false;
    std::string code;
    std::string sourceMapJson; ///< v3 map back to the original source (sourcesContent included)
    std::string error;         ///< esbuild's first error message (or why it could not run)
    int line = 0, column = 0;  ///< 1-based position of that error in the source, 0 if unknown
    double durationMs = 0;     ///< wall time of the esbuild run
};

/// Lowers `source` with esbuild's transform (through the long-lived esbuild
/// service, else one CLI run, stdin to stdout): TypeScript and JSX stripped as the sucrase path
/// does them, and every syntax newer than `target` rewritten (`using` into try/finally with
/// DisposableStack semantics, decorators into esbuild's __decorateElement
/// helpers). Blocks the calling thread; never throws.
LoweringResult lowerSyntax(std::string_view source, const LoweringOptions &options);

/// The error of a failed lowering, e.g. `Cannot lower /src/app/x.ts for V8 10.2
/// (2:12, environment worker): Unexpected ";" ...`: the file as shown to the
/// user, line:column, the environment, esbuild's message, what was to be
/// lowered and what to do.
std::string loweringErrorMessage(const std::string &displayPath, std::string_view environment,
                                 const LoweringNeed &need, const LoweringResult &result);

/// blankImportAttributes() of `code` after lexing it, only when `code` holds
/// `with` or `assert` followed by `{` or `:` (the lexer is not run for the
/// other files).
std::string withoutImportAttributes(std::string code);

/// `code` with the import attributes of `lexed`'s imports replaced by spaces
/// (`with { type: "json" }` / `assert {...}` of static imports, the second
/// argument of dynamic ones), so byte offsets, lines and `lexed` stay valid.
/// V8 10.2 and Chromium 102 cannot parse them; what a module of a given type
/// becomes is the module's transform's business (JSON, CSS, ...), not the
/// attribute's. Returns `code` unchanged when there are none.
std::string blankImportAttributes(std::string_view code, const LexedModule &lexed);

} // namespace sy
