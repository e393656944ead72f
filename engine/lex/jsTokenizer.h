#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

/// Kinds of tokens produced by JsTokenizer. Punctuators are single characters.
enum class TokenKind : uint8_t {
    End,
    Error,
    Identifier,
    PrivateName,
    Number,
    String,
    Template,       ///< a whole template without substitutions, or its tail `}...``
    TemplateHead,   ///< `...${
    TemplateMiddle, ///< }...${
    Regex,
    Punctuator
};

/// One token: byte range plus the context the module scanner needs.
struct Token {
    TokenKind kind = TokenKind::End;
    char punct = 0;             ///< the character for Punctuator tokens
    bool newlineBefore = false; ///< a line terminator separates it from the previous token
    bool afterDot = false;      ///< previous token was a member access `.` / `?.`
    int32_t depth = 0;          ///< bracket depth outside this token (openers: before push)
    int32_t closedTag = -1;     ///< for a closing `)`: the tag given with tagInnermostOpen()
    int32_t prevClosedTag = -1; ///< closedTag of the previous token
    int64_t start = 0, end = 0;
    int64_t prevEnd = 0; ///< end of the previous token

    bool is(char c) const { return kind == TokenKind::Punctuator && punct == c; }
};

/// Single-pass JavaScript tokenizer: skips whitespace and comments, scans strings,
/// template literals (with nested `${}`), regular expressions (telling them from
/// division by the previous token and, after `)` / `}`, by what preceded the opener),
/// and tracks bracket nesting. On malformed input it returns an Error token once and
/// then End; error()/errorOffset() describe the problem.
class JsTokenizer {
public:
    explicit JsTokenizer(std::string_view source);

    /// Scans and returns the next token.
    Token next();

    /// Current bracket depth (number of open `(`, `[`, `{` and `${`).
    int depth() const { return static_cast<int>(stack_.size()); }
    /// Attaches `tag` to the innermost open bracket; its closing token reports it.
    void tagInnermostOpen(int32_t tag);
    /// Attaches `tag` to the still open bracket that starts at byte `pos`.
    void tagOpenAt(int64_t pos, int32_t tag);

    /// Records an error found by a caller (e.g. a malformed import); next() then ends.
    void setError(int64_t offset, const char *message) { fail(offset, message); }

    bool failed() const { return failed_; }
    const std::string &error() const { return error_; }
    int64_t errorOffset() const { return errorOffset_; }
    std::string_view source() const { return {src_, static_cast<size_t>(len_)}; }

private:
    struct Open {
        char kind; ///< '(', '[', '{' or '$' (template substitution)
        bool regexAfterClose;
        int32_t tag;
        int64_t pos; ///< the opener, or for '$' the start of its template literal
    };
    enum class Keyword : uint8_t { None, RegexPrefix, RegexPrefixBlock, ParenHead, BlockHead };

    bool skipTrivia(); ///< returns false on error; sets newline flag
    Token fail(int64_t at, const char *message);
    Token finish(Token t);
    Token scanTemplate(int64_t start, int64_t origin, bool continuation);
    bool scanString(char quote);
    bool scanRegex();
    void scanIdentifierTail();
    bool regexAllowed() const;
    bool braceIsBlock() const;

    const char *src_;
    int64_t len_;
    int64_t pos_ = 0;
    bool newline_ = false;
    std::vector<Open> stack_;

    // previous token state
    TokenKind prevKind_ = TokenKind::End;
    char prevPunct_ = 0;
    int64_t prevStart_ = -1;
    int64_t prevEnd_ = 0;
    Keyword prevKeyword_ = Keyword::None;
    bool prevRegexAfterClose_ = false;
    int32_t prevClosedTag_ = -1;
    int32_t classDepth_ = -1;

    bool failed_ = false;
    std::string error_;
    int64_t errorOffset_ = -1;
};

/// Decodes the body of a JavaScript string literal (without quotes) into UTF-8.
/// Returns false on a malformed escape (the output is then best effort).
bool unescapeJsString(std::string_view body, std::string &out);

/// True for bytes that can continue an identifier (ASCII word chars, `$`, `\`, non-ASCII).
inline bool isIdentByte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || c == '\\' || c >= 0x80;
}

} // namespace sy
