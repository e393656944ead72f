#include "env/cssImports.h"

#include "env/cssTokens.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace sy {
namespace {

using namespace csstok;

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

bool plainRead(const std::string &path, std::string &out, std::string &error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot read " + path;
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

class Inliner {
public:
    Inliner(const CssResolveFn &resolve, const CssRewriteUrlFn &rewrite, const CssReadFn &read,
            InlinedCss &result)
        : m_resolve(resolve), m_rewrite(rewrite), m_read(read), m_result(result)
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
        const std::string conditions = outerConditions + imp.conditionKey;
        if (m_seen.count(path + "\x1e" + conditions))
            return true; // postcss-import's skipDuplicates
        // Inlined text reaches the browser: read as every route reads a file
        // (the client's FilePolicy), before anything else is said about it.
        std::string text, readError;
        if (!(m_read ? m_read(path, text, readError) : plainRead(path, text, readError)))
            return fail(file, source, imp.start,
                        "@import \"" + imp.specifier + "\" resolved to " + path +
                            ", which is not read: " + readError);
        const std::string ext = lower(path.substr(path.find_last_of('.') + 1));
        if (path.find_last_of('.') == std::string::npos || ext != "css")
            return fail(file, source, imp.start,
                        "@import \"" + imp.specifier + "\" resolved to " + path +
                            ", which is not a .css file (CSS preprocessors are not supported: "
                            "import a .css file)");
        m_seen.insert(path + "\x1e" + conditions);
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
    const CssReadFn &m_read;
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
                            const CssResolveFn &resolve, const CssRewriteUrlFn &rewriteUrl,
                            const CssReadFn &read)
{
    InlinedCss result;
    Inliner inliner(resolve, rewriteUrl, read, result);
    result.ok = inliner.run(file, source);
    if (!result.ok)
        result.css.clear();
    return result;
}

} // namespace sy
