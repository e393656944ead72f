#pragma once
// JSONC as wrangler reads wrangler.jsonc: wrangler parses it with Microsoft's
// jsonc-parser (`parse(text, errors, { allowTrailingComma: true })`) and
// refuses the file on the first error. So: `//` line comments and `/* */`
// block comments anywhere between tokens, one trailing comma before `}` or
// `]` (comments may stand between the comma and the bracket), a leading
// UTF-8 byte order mark; everything else is strict JSON (RFC 8259).
#include <nlohmann/json.hpp>
#include <string>

namespace sy {

/// Where and why a JSONC text does not parse: line and column are 1-based
/// (columns count bytes, as in an editor's status bar for ASCII).
struct JsoncError {
    int line = 0;
    int column = 0;
    std::string reason; ///< e.g. "syntax error while parsing object key - unexpected '}'; ..."
    /// "line L, column C: <reason>"
    std::string text() const;
};

/// Parses JSONC into `out`. False + `error` = "line L, column C: <reason>"
/// (JsoncError::text), e.g. "line 3, column 5: syntax error while parsing
/// object key - unexpected '}'; expected string literal". Never throws.
bool parseJsonc(const std::string &text, nlohmann::json &out, std::string &error);
/// The same, with the position apart (for editors' file:line:column).
bool parseJsonc(const std::string &text, nlohmann::json &out, JsoncError &error);

} // namespace sy
