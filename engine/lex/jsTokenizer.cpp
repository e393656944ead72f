#include "lex/jsTokenizer.h"

#include <cstring>

namespace sy {

namespace {

bool isDigit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

bool isHex(unsigned char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// Length of a non-ASCII whitespace / line terminator sequence at p (0 if none);
/// sets `newline` for U+2028 / U+2029.
int unicodeSpace(const unsigned char *p, int64_t avail, bool &newline)
{
    if (avail >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
        return 2; // NBSP
    if (avail < 3)
        return 0;
    if (p[0] == 0xE2 && p[1] == 0x80) {
        if (p[2] == 0xA8 || p[2] == 0xA9) {
            newline = true;
            return 3;
        }
        if ((p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xAF)
            return 3;
    }
    if (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F)
        return 3;
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
        return 3;
    if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        return 3; // BOM / ZWNBSP
    return 0;
}

} // namespace

JsTokenizer::JsTokenizer(std::string_view source)
    : src_(source.data()), len_(static_cast<int64_t>(source.size()))
{
    stack_.reserve(64);
    if (len_ >= 3 && static_cast<unsigned char>(src_[0]) == 0xEF &&
        static_cast<unsigned char>(src_[1]) == 0xBB && static_cast<unsigned char>(src_[2]) == 0xBF)
        pos_ = 3;
    if (pos_ + 1 < len_ && src_[pos_] == '#' && src_[pos_ + 1] == '!') { // hashbang
        while (pos_ < len_ && src_[pos_] != '\n' && src_[pos_] != '\r')
            pos_++;
    }
    prevEnd_ = pos_;
}

Token JsTokenizer::fail(int64_t at, const char *message)
{
    failed_ = true;
    error_ = message;
    errorOffset_ = at;
    Token t;
    t.kind = TokenKind::Error;
    t.start = t.end = at;
    return t;
}

bool JsTokenizer::skipTrivia()
{
    while (pos_ < len_) {
        const unsigned char c = static_cast<unsigned char>(src_[pos_]);
        if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
            pos_++;
        } else if (c == '\n' || c == '\r') {
            newline_ = true;
            pos_++;
        } else if (c == '/' && pos_ + 1 < len_ && src_[pos_ + 1] == '/') {
            pos_ += 2;
            while (pos_ < len_ && src_[pos_] != '\n' && src_[pos_] != '\r')
                pos_++;
        } else if (c == '/' && pos_ + 1 < len_ && src_[pos_ + 1] == '*') {
            const int64_t start = pos_;
            pos_ += 2;
            for (;;) {
                const void *star = std::memchr(src_ + pos_, '*', static_cast<size_t>(len_ - pos_));
                const int64_t stop = star ? static_cast<const char *>(star) - src_ : len_;
                if (!newline_ &&
                    (std::memchr(src_ + pos_, '\n', static_cast<size_t>(stop - pos_)) ||
                     std::memchr(src_ + pos_, '\r', static_cast<size_t>(stop - pos_))))
                    newline_ = true;
                if (!star) {
                    fail(start, "unterminated comment");
                    return false;
                }
                pos_ = stop + 1;
                if (pos_ < len_ && src_[pos_] == '/') {
                    pos_++;
                    break;
                }
            }
        } else if (c >= 0x80) {
            const int n = unicodeSpace(reinterpret_cast<const unsigned char *>(src_ + pos_),
                                       len_ - pos_, newline_);
            if (!n)
                return true;
            pos_ += n;
        } else {
            return true;
        }
    }
    return true;
}

void JsTokenizer::scanIdentifierTail()
{
    while (pos_ < len_) {
        const unsigned char c = static_cast<unsigned char>(src_[pos_]);
        if (c < 0x80) {
            if (c == '\\') {
                if (pos_ + 2 < len_ && src_[pos_ + 1] == 'u' && src_[pos_ + 2] == '{') {
                    pos_ += 3;
                    while (pos_ < len_ && src_[pos_] != '}')
                        pos_++;
                    if (pos_ < len_)
                        pos_++;
                    continue;
                }
                pos_++;
                continue;
            }
            if (!isIdentByte(c))
                return;
            pos_++;
        } else {
            bool nl = false;
            if (unicodeSpace(reinterpret_cast<const unsigned char *>(src_ + pos_), len_ - pos_, nl))
                return;
            pos_++;
        }
    }
}

bool JsTokenizer::scanString(char quote)
{
    const int64_t start = pos_++;
    while (pos_ < len_) {
        const char c = src_[pos_];
        if (c == quote) {
            pos_++;
            return true;
        }
        if (c == '\\') {
            pos_++;
            if (pos_ < len_ && src_[pos_] == '\r' && pos_ + 1 < len_ && src_[pos_ + 1] == '\n')
                pos_++;
            pos_++;
            continue;
        }
        if (c == '\n' || c == '\r')
            break;
        pos_++;
    }
    fail(start, "unterminated string literal");
    return false;
}

bool JsTokenizer::scanRegex()
{
    const int64_t start = pos_++;
    bool inClass = false;
    while (pos_ < len_) {
        const char c = src_[pos_];
        if (c == '\\') {
            pos_++;
            if (pos_ >= len_ || src_[pos_] == '\n' || src_[pos_] == '\r')
                break;
            pos_++;
            continue;
        }
        if (c == '\n' || c == '\r')
            break;
        if (c == '[') {
            inClass = true;
        } else if (c == ']') {
            inClass = false;
        } else if (c == '/' && !inClass) {
            pos_++;
            while (pos_ < len_ && isIdentByte(static_cast<unsigned char>(src_[pos_])))
                pos_++; // flags
            return true;
        }
        pos_++;
    }
    fail(start, "unterminated regular expression");
    return false;
}

Token JsTokenizer::scanTemplate(int64_t start, int64_t origin, bool continuation)
{
    pos_++; // '`' or the '}' closing a substitution
    while (pos_ < len_) {
        const char c = src_[pos_];
        if (c == '`') {
            pos_++;
            Token t;
            t.kind = TokenKind::Template;
            t.start = start;
            t.end = pos_;
            return t;
        }
        if (c == '\\') {
            pos_ += 2;
            continue;
        }
        if (c == '$' && pos_ + 1 < len_ && src_[pos_ + 1] == '{') {
            stack_.push_back(Open{'$', false, -1, origin}); // report errors at the template
            pos_ += 2;
            Token t;
            t.kind = continuation ? TokenKind::TemplateMiddle : TokenKind::TemplateHead;
            t.start = start;
            t.end = pos_;
            return t;
        }
        pos_++;
    }
    return fail(origin, "unterminated template literal");
}

bool JsTokenizer::regexAllowed() const
{
    switch (prevKind_) {
    case TokenKind::End:
    case TokenKind::TemplateHead:
    case TokenKind::TemplateMiddle:
        return true;
    case TokenKind::Identifier:
        return prevKeyword_ == Keyword::RegexPrefix || prevKeyword_ == Keyword::RegexPrefixBlock;
    case TokenKind::Punctuator:
        switch (prevPunct_) {
        case ')':
        case '}':
            return prevRegexAfterClose_;
        case ']':
            return false;
        case '+':
        case '-': // `a++ / b`: treat a doubled operator as postfix
            return !(prevStart_ > 0 && src_[prevStart_ - 1] == prevPunct_);
        default:
            return true;
        }
    default:
        return false;
    }
}

bool JsTokenizer::braceIsBlock() const
{
    switch (prevKind_) {
    case TokenKind::End:
        return true;
    case TokenKind::Identifier:
        return prevKeyword_ == Keyword::BlockHead || prevKeyword_ == Keyword::RegexPrefixBlock;
    case TokenKind::Punctuator:
        switch (prevPunct_) {
        case ';':
        case '{':
        case '}':
        case ')':
            return true;
        case '>': // arrow body
            return prevStart_ > 0 && src_[prevStart_ - 1] == '=';
        default:
            return false;
        }
    default:
        return false;
    }
}

namespace {

template <size_t N> bool eq(const char *p, size_t n, const char (&kw)[N])
{
    return n == N - 1 && std::memcmp(p, kw, N - 1) == 0;
}

} // namespace

void JsTokenizer::tagInnermostOpen(int32_t tag)
{
    if (!stack_.empty())
        stack_.back().tag = tag;
}

void JsTokenizer::tagOpenAt(int64_t pos, int32_t tag)
{
    for (size_t i = stack_.size(); i-- > 0;) {
        if (stack_[i].pos == pos) {
            stack_[i].tag = tag;
            return;
        }
    }
}

Token JsTokenizer::finish(Token t)
{
    prevKind_ = t.kind;
    prevPunct_ = t.punct;
    prevStart_ = t.start;
    prevEnd_ = t.end;
    prevClosedTag_ = t.closedTag;
    return t;
}

Token JsTokenizer::next()
{
    if (failed_)
        return Token{};
    newline_ = false;
    if (!skipTrivia())
        return Token{TokenKind::Error, 0, newline_, false, 0, -1, -1, errorOffset_, errorOffset_};

    Token t;
    t.start = pos_;
    t.newlineBefore = newline_;
    t.afterDot = prevKind_ == TokenKind::Punctuator && prevPunct_ == '.' &&
                 !(prevStart_ > 0 && src_[prevStart_ - 1] == '.');
    t.prevEnd = prevEnd_;
    t.prevClosedTag = prevClosedTag_;
    t.depth = static_cast<int32_t>(stack_.size());

    if (pos_ >= len_) {
        if (!stack_.empty()) {
            const Open &o = stack_.back();
            return fail(o.pos, o.kind == '('   ? "unclosed '('"
                               : o.kind == '[' ? "unclosed '['"
                               : o.kind == '{' ? "unclosed '{'"
                                               : "unterminated template literal");
        }
        t.start = t.end = len_;
        return t; // End
    }

    const unsigned char c = static_cast<unsigned char>(src_[pos_]);
    Keyword keyword = Keyword::None;

    if (isIdentByte(c) && !isDigit(c)) {
        pos_++;
        scanIdentifierTail();
        t.kind = TokenKind::Identifier;
        t.end = pos_;
        if (!t.afterDot) {
            const char *p = src_ + t.start;
            const size_t n = static_cast<size_t>(t.end - t.start);
            if (n >= 2 && n <= 10 && p[0] >= 'a' && p[0] <= 'y') {
                if (eq(p, n, "return") || eq(p, n, "typeof") || eq(p, n, "instanceof") ||
                    eq(p, n, "in") || eq(p, n, "new") || eq(p, n, "delete") || eq(p, n, "void") ||
                    eq(p, n, "throw") || eq(p, n, "case") || eq(p, n, "yield") ||
                    eq(p, n, "await") || eq(p, n, "debugger") || eq(p, n, "default"))
                    keyword = Keyword::RegexPrefix;
                else if (eq(p, n, "do") || eq(p, n, "else") || eq(p, n, "finally"))
                    keyword = Keyword::RegexPrefixBlock;
                else if (eq(p, n, "if") || eq(p, n, "while") || eq(p, n, "for") || eq(p, n, "with"))
                    keyword = Keyword::ParenHead;
                else if (eq(p, n, "try"))
                    keyword = Keyword::BlockHead;
                else if (eq(p, n, "class"))
                    classDepth_ = t.depth;
            }
        }
    } else if (isDigit(c) || (c == '.' && pos_ + 1 < len_ && isDigit(src_[pos_ + 1]))) {
        const bool radix = c == '0' && pos_ + 1 < len_ && (src_[pos_ + 1] | 0x20) != 'e' &&
                           !isDigit(src_[pos_ + 1]) && src_[pos_ + 1] != '.' &&
                           src_[pos_ + 1] != 'n' && src_[pos_ + 1] != '_';
        pos_++;
        while (pos_ < len_) {
            const unsigned char d = static_cast<unsigned char>(src_[pos_]);
            if ((isIdentByte(d) && d != '\\' && d < 0x80) || d == '.') {
                pos_++;
            } else if ((d == '+' || d == '-') && !radix && (src_[pos_ - 1] | 0x20) == 'e') {
                pos_++;
            } else {
                break;
            }
        }
        t.kind = TokenKind::Number;
        t.end = pos_;
    } else if (c == '"' || c == '\'') {
        if (!scanString(static_cast<char>(c)))
            return Token{TokenKind::Error, 0, false, false, 0, -1, -1, errorOffset_, errorOffset_};
        t.kind = TokenKind::String;
        t.end = pos_;
    } else if (c == '`') {
        Token tt = scanTemplate(t.start, t.start, false);
        if (tt.kind == TokenKind::Error)
            return tt;
        tt.newlineBefore = t.newlineBefore;
        tt.afterDot = false;
        tt.prevEnd = t.prevEnd;
        tt.prevClosedTag = t.prevClosedTag;
        tt.depth = t.depth;
        prevKeyword_ = Keyword::None;
        return finish(tt);
    } else if (c == '/' && regexAllowed()) {
        if (!scanRegex())
            return Token{TokenKind::Error, 0, false, false, 0, -1, -1, errorOffset_, errorOffset_};
        t.kind = TokenKind::Regex;
        t.end = pos_;
    } else if (c == '#' && pos_ + 1 < len_ && isIdentByte(src_[pos_ + 1]) &&
               !isDigit(src_[pos_ + 1])) {
        pos_++;
        scanIdentifierTail();
        t.kind = TokenKind::PrivateName;
        t.end = pos_;
    } else {
        t.kind = TokenKind::Punctuator;
        t.punct = static_cast<char>(c);
        switch (c) {
        case '(':
            stack_.push_back(
                Open{'(', prevKind_ == TokenKind::Identifier && prevKeyword_ == Keyword::ParenHead,
                     -1, pos_});
            break;
        case '[':
            stack_.push_back(Open{'[', false, -1, pos_});
            break;
        case '{': {
            bool block = braceIsBlock();
            if (classDepth_ == t.depth) {
                block = true; // class body: a class declaration ends like a block
                classDepth_ = -1;
            }
            stack_.push_back(Open{'{', block, -1, pos_});
            break;
        }
        case ')':
        case ']':
        case '}': {
            if (stack_.empty())
                return fail(pos_, c == ')'   ? "unmatched ')'"
                                  : c == ']' ? "unmatched ']'"
                                             : "unmatched '}'");
            const Open o = stack_.back();
            if (o.kind == '$' && c == '}') {
                stack_.pop_back();
                Token tt = scanTemplate(t.start, o.pos, true);
                if (tt.kind == TokenKind::Error)
                    return tt;
                tt.newlineBefore = t.newlineBefore;
                tt.prevEnd = t.prevEnd;
                tt.prevClosedTag = t.prevClosedTag;
                tt.depth = static_cast<int32_t>(stack_.size());
                prevKeyword_ = Keyword::None;
                return finish(tt);
            }
            const char want = c == ')' ? '(' : c == ']' ? '[' : '{';
            if (o.kind != want)
                return fail(pos_, "mismatched closing bracket");
            stack_.pop_back();
            t.closedTag = o.tag;
            t.depth = static_cast<int32_t>(stack_.size());
            prevRegexAfterClose_ = o.regexAfterClose;
            break;
        }
        default:
            break;
        }
        pos_++;
        t.end = pos_;
    }
    prevKeyword_ = keyword;
    return finish(t);
}

namespace {

void appendUtf8(std::string &out, uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = static_cast<char>(c | 0x20);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/// Reads \uXXXX or \u{X...} starting after the 'u'; returns -1 on error.
int64_t readUnicodeEscape(std::string_view s, size_t &i)
{
    if (i < s.size() && s[i] == '{') {
        uint32_t v = 0;
        size_t j = i + 1;
        int digits = 0;
        while (j < s.size() && s[j] != '}') {
            const int h = hexValue(s[j]);
            if (h < 0 || v > 0x10FFFF)
                return -1;
            v = v * 16 + static_cast<uint32_t>(h);
            j++;
            digits++;
        }
        if (j >= s.size() || digits == 0 || v > 0x10FFFF)
            return -1;
        i = j + 1;
        return v;
    }
    if (i + 4 > s.size())
        return -1;
    uint32_t v = 0;
    for (size_t k = 0; k < 4; k++) {
        const int h = hexValue(s[i + k]);
        if (h < 0)
            return -1;
        v = v * 16 + static_cast<uint32_t>(h);
    }
    i += 4;
    return v;
}

} // namespace

bool unescapeJsString(std::string_view body, std::string &out)
{
    out.clear();
    if (!std::memchr(body.data(), '\\', body.size())) {
        out.assign(body);
        return true;
    }
    out.reserve(body.size());
    bool ok = true;
    size_t i = 0;
    while (i < body.size()) {
        const char c = body[i];
        if (c != '\\') {
            out += c;
            i++;
            continue;
        }
        i++;
        if (i >= body.size()) {
            ok = false;
            break;
        }
        const char e = body[i++];
        switch (e) {
        case 'n':
            out += '\n';
            break;
        case 't':
            out += '\t';
            break;
        case 'r':
            out += '\r';
            break;
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'v':
            out += '\v';
            break;
        case '\n':
            break; // line continuation
        case '\r':
            if (i < body.size() && body[i] == '\n')
                i++;
            break;
        case 'x': {
            if (i + 2 > body.size() || hexValue(body[i]) < 0 || hexValue(body[i + 1]) < 0) {
                ok = false;
                break;
            }
            appendUtf8(out, static_cast<uint32_t>(hexValue(body[i]) * 16 + hexValue(body[i + 1])));
            i += 2;
            break;
        }
        case 'u': {
            int64_t cp = readUnicodeEscape(body, i);
            if (cp < 0) {
                ok = false;
                break;
            }
            if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < body.size() && body[i] == '\\' &&
                body[i + 1] == 'u') {
                size_t j = i + 2;
                const int64_t low = readUnicodeEscape(body, j);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    i = j;
                }
            }
            appendUtf8(out, static_cast<uint32_t>(cp));
            break;
        }
        default:
            if (e >= '0' && e <= '7') { // \0 or a legacy octal escape
                uint32_t v = static_cast<uint32_t>(e - '0');
                const size_t maxLen = e <= '3' ? 2 : 1;
                for (size_t k = 0;
                     k < maxLen && i < body.size() && body[i] >= '0' && body[i] <= '7'; k++)
                    v = v * 8 + static_cast<uint32_t>(body[i++] - '0');
                appendUtf8(out, v);
            } else if (static_cast<unsigned char>(e) == 0xE2 && i + 1 < body.size() &&
                       static_cast<unsigned char>(body[i]) == 0x80 &&
                       (static_cast<unsigned char>(body[i + 1]) == 0xA8 ||
                        static_cast<unsigned char>(body[i + 1]) == 0xA9)) {
                i += 2; // line continuation with U+2028 / U+2029
            } else {
                out += e;
            }
            break;
        }
    }
    return ok;
}

} // namespace sy
