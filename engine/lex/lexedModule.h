#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

/// What kind of module reference an ImportSpan describes.
enum class ImportKind {
    Static,     ///< import ... from "x" / import "x"
    Dynamic,    ///< import(expr) (also import.source(..) / import.defer(..))
    ImportMeta, ///< import.meta
    ExportFrom  ///< export ... from "x" / export * from "x"
};

/// One import-like reference found in a module. Byte offsets into the UTF-8 source,
/// with es-module-lexer's conventions (its UTF-16 indices become byte offsets here).
struct ImportSpan {
    ImportKind kind = ImportKind::Static;
    /// Unescaped string value; empty for a non-literal dynamic import or import.meta.
    std::string specifier;
    /// Specifier range. Static/export-from: inside the quotes. Dynamic: the argument
    /// expression (for a string literal argument this includes the quotes, as in
    /// es-module-lexer). import.meta: `import.meta` itself.
    int64_t s = -1, e = -1;
    /// Whole statement range (dynamic: `import` .. after `)`, or -1 if unknown).
    int64_t ss = -1, se = -1;
    /// es-module-lexer's `d`: -1 static, -2 import.meta, else the offset of the dynamic
    /// import's opening parenthesis.
    int64_t d = -1;
    /// Start of the import attributes (`{` of `with {..}` / `assert {..}`; for dynamic
    /// imports the second argument) or -1.
    int64_t a = -1;
    /// True when the specifier is a string literal: always for Static/ExportFrom, for
    /// Dynamic only when the whole first argument is one string literal.
    bool isLiteral = false;
};

/// One exported name. `s/e` is the exported name (string names include their quotes),
/// `ls/le` the local binding (-1 when there is none, e.g. re-exports, `export default expr`).
struct ExportSpan {
    std::string name;
    int64_t s = -1, e = -1;
    std::string localName;
    int64_t ls = -1, le = -1;
};

/// A directive of the module's directive prologue ("use client", "use strict", ...).
/// `value` is the raw text between the quotes; start/end cover the literal with quotes.
struct Directive {
    std::string value;
    int64_t start = -1, end = -1;
};

/// Result of lexModule(): imports, exports and directives, or an error location.
struct LexedModule {
    std::vector<ImportSpan> imports;
    std::vector<ExportSpan> exports;
    std::vector<Directive> directives;
    /// True when the module uses static import/export or import.meta.
    bool hasModuleSyntax = false;
    bool ok = true;
    std::string error;
    int64_t errorOffset = -1;
    int line = 0, column = 0; ///< 1-based; column counts code points

    /// True if the directive prologue contains exactly `v` (e.g. "use client").
    bool hasDirective(std::string_view v) const;
};

} // namespace sy
