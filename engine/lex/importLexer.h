#pragma once

#include "lex/lexedModule.h"

#include <string_view>

namespace sy {

/// Lexes an ES module in one pass and returns its static imports, dynamic imports,
/// import.meta uses, re-exports, exported names and directive prologue, with byte
/// positions following es-module-lexer's conventions. Never throws: malformed input
/// (unterminated string/template/regex/comment, unbalanced brackets) gives ok == false
/// with error, errorOffset and 1-based line/column; results found before it are kept.
LexedModule lexModule(std::string_view source);

} // namespace sy
