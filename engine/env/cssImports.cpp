#include "env/cssImports.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

namespace sy {
namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool isIdentChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

std::string lower(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(const std::string &s)
{
    size_t a = 0, b = s.size();
    while (a < b && isSpace(s[a]))
        ++a;
    while (b > a && isSpace(s[b - 1]))
        --b;
    return s.substr(a, b - a);
}

bool startsWithNoCase(const std::string &s, size_t at, const char *word)
{
    for (size_t i = 0; word[i]; ++i)
        if (at + i >= s.size() || std::tolower(static_cast<unsigned char>(s[at + i])) != word[i])
            return false;
    return true;
}

// End of the comment starting at `i` ("/*"): the index after "*/".
size_t skipComment(const std::string &s, size_t i)
{
    size_t end = s.find("*/", i + 2);
    return end == std::string::npos ? s.size() : end + 2;
}

// End of the string starting at `i` (its quote): the index after the closing quote.
size_t skipString(const std::string &s, size_t i)
{
    const char q = s[i];
    for (size_t j = i + 1; j < s.size(); ++j) {
        if (s[j] == '\\')
            ++j;
        else if (s[j] == q || s[j] == '\n')
            return j + 1;
    }
    return s.size();
}

// The string token's value: s[from] is its quote, `to` the index after it
// ends (escapes undone; an escaped newline is a continuation).
std::string stringValue(const std::string &s, size_t from, size_t to)
{
    size_t last = to;
    if (to > from + 1 && s[to - 1] == s[from])
        last = to - 1; // without the closing quote
    std::string v;
    for (size_t j = from + 1; j < last; ++j) {
        if (s[j] == '\\' && j + 1 < last) {
            ++j;
            if (s[j] == '\n')
                continue;
        }
        v += s[j];
    }
    return v;
}

// After an opening parenthesis at `open`: the index of the matching ')'.
size_t matchParen(const std::string &s, size_t open)
{
    int depth = 0;
    for (size_t j = open; j < s.size();) {
        if (s[j] == '"' || s[j] == '\'') {
            j = skipString(s, j);
            continue;
        }
        if (s[j] == '/' && j + 1 < s.size() && s[j + 1] == '*') {
            j = skipComment(s, j);
            continue;
        }
        if (s[j] == '(')
            ++depth;
        else if (s[j] == ')' && --depth == 0)
            return j;
        ++j;
    }
    return std::string::npos;
}

void lineColumn(const std::string &s, size_t offset, int &line, int &column)
{
    line = 1;
    size_t lineStart = 0;
    for (size_t i = 0; i < offset && i < s.size(); ++i)
        if (s[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    column = static_cast<int>(offset - lineStart) + 1;
}

// References url() rewriting leaves alone: data:, any scheme:, //, #.
bool keepReference(const std::string &value)
{
    if (value.empty() || value[0] == '#' || value.rfind("//", 0) == 0)
        return true;
    size_t i = 0;
    if (!std::isalpha(static_cast<unsigned char>(value[0])))
        return false;
    while (i < value.size() && (std::isalnum(static_cast<unsigned char>(value[i])) ||
                                value[i] == '+' || value[i] == '-' || value[i] == '.'))
        ++i;
    return i < value.size() && value[i] == ':' && i > 1; // "c:" would be a drive, not here
}

std::string quoted(const std::string &v, char q)
{
    std::string out(1, q);
    for (char c : v) {
        if (c == q || c == '\\')
            out += '\\';
        if (c == '\n') {
            out += "\\a ";
            continue;
        }
        out += c;
    }
    return out + q;
}

bool needsQuotes(const std::string &v)
{
    return std::any_of(v.begin(), v.end(), [](char c) {
        return isSpace(c) || c == '"' || c == '\'' || c == '(' || c == ')' || c == '\\';
    });
}

// Rewrites one url( ... ) starting at `i` (at "url"); appends to out, returns
// the index after its ')'. Unparsable: copies "url(" and returns after it.
size_t rewriteUrlToken(const std::string &s, size_t i, std::string &out, const std::string &file,
                       const CssRewriteUrlFn &rewrite)
{
    const size_t open = i + 3; // '('
    size_t j = open + 1;
    while (j < s.size() && isSpace(s[j]))
        ++j;
    std::string value;
    char quote = 0;
    size_t close;
    if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
        quote = s[j];
        size_t end = skipString(s, j);
        value = stringValue(s, j, end);
        close = end;
        while (close < s.size() && isSpace(s[close]))
            ++close;
        if (close >= s.size() || s[close] != ')') {
            out.append(s, i, open + 1 - i);
            return open + 1;
        }
    } else {
        if (s.find('(', j) < s.find(')', j)) { // url(var(--x)): nothing to rebase
            close = matchParen(s, open);
            if (close == std::string::npos) {
                out.append(s, i, open + 1 - i);
                return open + 1;
            }
            out.append(s, i, close + 1 - i);
            return close + 1;
        }
        close = j;
        while (close < s.size() && s[close] != ')') {
            if (s[close] == '\\')
                ++close;
            ++close;
        }
        if (close >= s.size()) {
            out.append(s, i, open + 1 - i);
            return open + 1;
        }
        value = trim(s.substr(j, close - j));
    }
    if (keepReference(value) || !rewrite) {
        out.append(s, i, close + 1 - i);
        return close + 1;
    }
    const std::string replaced = rewrite(value, file);
    out.append(s, i, 4); // keeps the author's spelling of "url("
    if (quote)
        out += quoted(replaced, quote);
    else
        out += needsQuotes(replaced) ? quoted(replaced, '"') : replaced;
    out += ')';
    return close + 1;
}

struct Import {
    std::string specifier;
    bool remote = false;
    std::vector<std::string> open; ///< wrapper at-rule preludes, outermost first
    std::string conditionKey;
    size_t start = 0, end = 0; ///< the statement's range (end: after ';')
};

// Parses the prelude of an @import (the text between "@import" and ';').
bool parseImport(const std::string &prelude, Import &imp, std::string &error)
{
    std::string p = trim(prelude);
    size_t i = 0;
    if (startsWithNoCase(p, 0, "url(")) {
        size_t close = matchParen(p, 3);
        if (close == std::string::npos) {
            error = "unclosed url( in @import";
            return false;
        }
        std::string inner = trim(p.substr(4, close - 4));
        if (!inner.empty() && (inner[0] == '"' || inner[0] == '\''))
            imp.specifier = stringValue(inner, 0, skipString(inner, 0));
        else
            imp.specifier = inner;
        i = close + 1;
    } else if (!p.empty() && (p[0] == '"' || p[0] == '\'')) {
        size_t end = skipString(p, 0);
        imp.specifier = stringValue(p, 0, end);
        i = end;
    } else {
        error = "@import expects a string or url() first";
        return false;
    }
    std::string rest = trim(p.substr(i));
    std::string layer, supports;
    bool hasLayer = false, hasSupports = false;
    if (startsWithNoCase(rest, 0, "layer") &&
        (rest.size() == 5 || rest[5] == '(' || isSpace(rest[5]))) {
        hasLayer = true;
        if (rest.size() > 5 && rest[5] == '(') {
            size_t close = matchParen(rest, 5);
            if (close == std::string::npos) {
                error = "unclosed layer( in @import";
                return false;
            }
            layer = trim(rest.substr(6, close - 6));
            rest = trim(rest.substr(close + 1));
        } else {
            rest = trim(rest.substr(5));
        }
    }
    if (startsWithNoCase(rest, 0, "supports(")) {
        size_t close = matchParen(rest, 8);
        if (close == std::string::npos) {
            error = "unclosed supports( in @import";
            return false;
        }
        hasSupports = true;
        supports = trim(rest.substr(9, close - 9));
        rest = trim(rest.substr(close + 1));
    }
    const std::string media = rest;
    if (!media.empty())
        imp.open.push_back("@media " + media);
    if (hasSupports) {
        // `supports(display: grid)` is a declaration: it needs its parentheses
        // back; `supports(not (x))` or `supports(selector(a))` is a condition.
        size_t colon = supports.find(':');
        bool declaration = colon != std::string::npos && supports.find('(') > colon;
        imp.open.push_back("@supports " + (declaration ? "(" + supports + ")" : supports));
    }
    if (hasLayer)
        imp.open.push_back(layer.empty() ? "@layer" : "@layer " + layer);
    for (const auto &o : imp.open)
        imp.conditionKey += o + "\x1f";
    const std::string spec = lower(imp.specifier);
    imp.remote =
        spec.rfind("http://", 0) == 0 || spec.rfind("https://", 0) == 0 || spec.rfind("//", 0) == 0;
    return true;
}

bool readFile(const std::string &path, std::string &out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

class Inliner {
public:
    Inliner(const CssResolveFn &resolve, const CssRewriteUrlFn &rewrite, InlinedCss &result)
        : m_resolve(resolve), m_rewrite(rewrite), m_result(result)
    {
    }

    bool run(const std::string &file, const std::string &source)
    {
        m_stack.push_back(file);
        bool ok = inlineFile(file, source, true, "");
        m_stack.pop_back();
        if (!ok)
            return false;
        // Remote imports stay, first (CSS ignores an @import after a rule).
        if (!m_hoisted.empty()) {
            std::string head;
            for (const auto &h : m_hoisted)
                head += h + "\n";
            const int shift = static_cast<int>(m_hoisted.size());
            for (auto &seg : m_result.segments)
                seg.outLine += shift;
            m_result.segments.insert(m_result.segments.begin(), {1, "", 0});
            m_out = head + m_out;
        }
        m_result.css = std::move(m_out);
        return true;
    }

private:
    // Appends `text`, which starts in `file` at line/column, on a line of its own.
    void emit(const std::string &file, int line, int column, const std::string &text)
    {
        if (text.empty())
            return;
        newline();
        m_result.segments.push_back({m_line, file, line});
        m_out.append(static_cast<size_t>(column - 1), ' ');
        m_out += text;
        m_line += static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    }
    void emitWrapper(const std::string &text)
    {
        newline();
        m_result.segments.push_back({m_line, "", 0});
        m_out += text + "\n";
        ++m_line;
    }
    void newline()
    {
        if (!m_out.empty() && m_out.back() != '\n') {
            m_out += '\n';
            ++m_line;
        }
    }

    bool fail(const std::string &file, const std::string &source, size_t at,
              const std::string &message)
    {
        m_result.error = message;
        m_result.errorFile = file;
        lineColumn(source, at, m_result.errorLine, m_result.errorColumn);
        return false;
    }

    // Emits source[from, to) of `file`, its urls rewritten.
    void emitRange(const std::string &file, const std::string &source, size_t from, size_t to)
    {
        if (from >= to)
            return;
        int line, column;
        lineColumn(source, from, line, column);
        emit(file, line, column, rewriteCssUrls(source.substr(from, to - from), file, m_rewrite));
    }

    bool inlineFile(const std::string &file, const std::string &source, bool isRoot,
                    const std::string &conditions)
    {
        size_t i = 0, copied = 0;
        const size_t n = source.size();
        if (source.rfind("\xEF\xBB\xBF", 0) == 0) // a BOM
            i = copied = 3;
        for (;;) {
            while (i < n) {
                if (isSpace(source[i]))
                    ++i;
                else if (source[i] == '/' && i + 1 < n && source[i + 1] == '*')
                    i = skipComment(source, i);
                else
                    break;
            }
            if (i >= n || source[i] != '@')
                break;
            size_t nameEnd = i + 1;
            while (nameEnd < n && isIdentChar(source[nameEnd]))
                ++nameEnd;
            const std::string name = lower(source.substr(i + 1, nameEnd - i - 1));
            const size_t end = statementEnd(source, nameEnd);
            if (name == "charset") {
                if (end == std::string::npos)
                    break;
                if (!isRoot) { // only the root stylesheet's @charset means anything
                    emitRange(file, source, copied, i);
                    copied = end;
                }
                i = end;
                continue;
            }
            if (name == "layer") { // a statement (`@layer a, b;`) may precede @import
                if (end == std::string::npos || source.find('{', nameEnd) < end)
                    break;
                i = end;
                continue;
            }
            if (name != "import")
                break;
            if (end == std::string::npos)
                return fail(file, source, i, "@import without a closing ';'");
            Import imp;
            std::string error;
            imp.start = i;
            imp.end = end;
            if (!parseImport(source.substr(nameEnd, end - 1 - nameEnd), imp, error))
                return fail(file, source, i, error);
            emitRange(file, source, copied, i);
            copied = end;
            i = end;
            if (imp.remote) {
                m_hoisted.push_back(source.substr(imp.start, imp.end - imp.start));
                continue;
            }
            if (!inlineImport(file, source, imp, conditions))
                return false;
        }
        emitRange(file, source, copied, n);
        return true;
    }

    // The index after the ';' that ends the statement whose name ends at `from`
    // (strings, comments and parentheses skipped); npos if a block or the end
    // comes first.
    static size_t statementEnd(const std::string &s, size_t from)
    {
        for (size_t j = from; j < s.size();) {
            const char c = s[j];
            if (c == '"' || c == '\'') {
                j = skipString(s, j);
            } else if (c == '/' && j + 1 < s.size() && s[j + 1] == '*') {
                j = skipComment(s, j);
            } else if (c == '(') {
                size_t close = matchParen(s, j);
                if (close == std::string::npos)
                    return std::string::npos;
                j = close + 1;
            } else if (c == ';') {
                return j + 1;
            } else if (c == '{' || c == '}') {
                return std::string::npos;
            } else {
                ++j;
            }
        }
        return std::string::npos;
    }

    bool inlineImport(const std::string &file, const std::string &source, const Import &imp,
                      const std::string &outerConditions)
    {
        std::string error;
        std::optional<std::string> target;
        if (m_resolve)
            target = m_resolve(imp.specifier, file, error);
        if (!target || target->empty()) {
            std::string hint;
            const std::string &spec = imp.specifier;
            if (!spec.empty() && spec[0] != '.' && spec[0] != '/' &&
                error.find("not found") != std::string::npos) {
                // a package: name it and what to do, as for a missing JS import
                size_t cut = spec.find('/', spec[0] == '@' ? spec.find('/') + 1 : 0);
                hint = " (is the package installed? npm install " + spec.substr(0, cut) + ")";
            }
            return fail(file, source, imp.start,
                        "cannot resolve @import \"" + spec + "\"" + hint +
                            (error.empty() ? std::string() : ": " + error));
        }
        const std::string &path = *target;
        if (std::find(m_stack.begin(), m_stack.end(), path) != m_stack.end()) {
            std::string chain;
            for (auto it = std::find(m_stack.begin(), m_stack.end(), path); it != m_stack.end();
                 ++it)
                chain += *it + " -> ";
            return fail(file, source, imp.start, "@import cycle: " + chain + path);
        }
        const std::string ext = lower(path.substr(path.find_last_of('.') + 1));
        if (path.find_last_of('.') == std::string::npos || ext != "css")
            return fail(file, source, imp.start,
                        "@import \"" + imp.specifier + "\" resolved to " + path +
                            ", which is not a .css file (CSS preprocessors are not supported: "
                            "import a .css file)");
        const std::string conditions = outerConditions + imp.conditionKey;
        if (!m_seen.insert(path + "\x1e" + conditions).second)
            return true; // postcss-import's skipDuplicates
        std::string text;
        if (!readFile(path, text))
            return fail(file, source, imp.start,
                        "cannot read " + path + " (imported as \"" + imp.specifier + "\")");
        if (std::find(m_result.files.begin(), m_result.files.end(), path) == m_result.files.end())
            m_result.files.push_back(path);
        for (const auto &o : imp.open)
            emitWrapper(o + " {");
        m_stack.push_back(path);
        const bool ok = inlineFile(path, text, false, conditions);
        m_stack.pop_back();
        if (!ok)
            return false;
        for (size_t k = 0; k < imp.open.size(); ++k)
            emitWrapper("}");
        return true;
    }

    const CssResolveFn &m_resolve;
    const CssRewriteUrlFn &m_rewrite;
    InlinedCss &m_result;
    std::string m_out;
    int m_line = 1;
    std::vector<std::string> m_stack;
    std::set<std::string> m_seen;
    std::vector<std::string> m_hoisted;
};

} // namespace

std::pair<std::string, int> InlinedCss::origin(int outLine) const
{
    const Segment *best = nullptr;
    for (const auto &seg : segments) {
        if (seg.outLine > outLine)
            break;
        best = &seg;
    }
    if (!best || best->file.empty())
        return {"", 0};
    return {best->file, best->srcLine + (outLine - best->outLine)};
}

InlinedCss inlineCssImports(const std::string &file, const std::string &source,
                            const CssResolveFn &resolve, const CssRewriteUrlFn &rewriteUrl)
{
    InlinedCss result;
    Inliner inliner(resolve, rewriteUrl, result);
    result.ok = inliner.run(file, source);
    if (!result.ok)
        result.css.clear();
    return result;
}

std::string rewriteCssUrls(const std::string &s, const std::string &file,
                           const CssRewriteUrlFn &rewrite)
{
    std::string out;
    out.reserve(s.size());
    int imageSetDepth = 0; // > 0: inside image-set( ... ), whose strings are urls
    int parenDepth = 0;
    std::vector<int> imageSetAt; // paren depths where image-set( opened
    for (size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            size_t end = skipComment(s, i);
            out.append(s, i, end - i);
            i = end;
        } else if (c == '"' || c == '\'') {
            size_t end = skipString(s, i);
            if (imageSetDepth > 0 && !imageSetAt.empty() && imageSetAt.back() == parenDepth &&
                rewrite) {
                std::string value = stringValue(s, i, end);
                if (!keepReference(value))
                    out += quoted(rewrite(value, file), c);
                else
                    out.append(s, i, end - i);
            } else {
                out.append(s, i, end - i);
            }
            i = end;
        } else if (isIdentChar(c) && !std::isdigit(static_cast<unsigned char>(c)) &&
                   (i == 0 || !isIdentChar(s[i - 1]))) {
            size_t e = i;
            while (e < s.size() && isIdentChar(s[e]))
                ++e;
            const std::string name = lower(s.substr(i, e - i));
            if (e < s.size() && s[e] == '(' && name == "url") {
                i = rewriteUrlToken(s, i, out, file, rewrite);
            } else if (e < s.size() && s[e] == '(' &&
                       (name == "image-set" || name == "-webkit-image-set")) {
                out.append(s, i, e + 1 - i);
                ++parenDepth;
                ++imageSetDepth;
                imageSetAt.push_back(parenDepth);
                i = e + 1;
            } else {
                out.append(s, i, e - i);
                i = e;
            }
        } else {
            if (c == '(') {
                ++parenDepth;
            } else if (c == ')') {
                if (!imageSetAt.empty() && imageSetAt.back() == parenDepth) {
                    imageSetAt.pop_back();
                    --imageSetDepth;
                }
                if (parenDepth > 0)
                    --parenDepth;
            }
            out += c;
            ++i;
        }
    }
    return out;
}

} // namespace sy
