#include "framework/documentScripts.h"

#include "core/jsString.h"
#include "lex/importLexer.h"
#include "lex/jsTokenizer.h"

#include <algorithm>

namespace sy {

namespace {

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::vector<Token> tokenize(std::string_view code, bool &ok)
{
    JsTokenizer lexer(code);
    std::vector<Token> tokens;
    for (;;) {
        const Token t = lexer.next();
        if (t.kind == TokenKind::Error) {
            ok = false;
            return tokens;
        }
        if (t.kind == TokenKind::End)
            break;
        tokens.push_back(t);
    }
    ok = true;
    return tokens;
}

std::string_view textOf(std::string_view code, const Token &t)
{
    return code.substr(size_t(t.start), size_t(t.end - t.start));
}

/// A string literal or a template without substitutions: its value.
bool literalValue(std::string_view code, const Token &t, std::string &value)
{
    const std::string_view text = textOf(code, t);
    const bool string = t.kind == TokenKind::String;
    const bool plainTemplate = t.kind == TokenKind::Template && startsWith(text, "`");
    if ((!string && !plainTemplate) || text.size() < 2)
        return false;
    unescapeJsString(text.substr(1, text.size() - 2), value);
    return true;
}

/// `value` written as the same kind of literal as `original` (quotes or backticks).
std::string literalLike(std::string_view original, std::string_view value)
{
    if (startsWith(original, "'")) {
        std::string out = "'";
        for (const char c : value) {
            if (c == '\\' || c == '\'')
                out += '\\';
            if (c == '\n')
                out += "\\n";
            else if (c == '\r')
                out += "\\r";
            else
                out += c;
        }
        return out + "'";
    }
    if (!startsWith(original, "`"))
        return jsStringLiteral(value);
    std::string out = "`";
    for (size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '\\' || c == '`' || (c == '$' && i + 1 < value.size() && value[i + 1] == '{'))
            out += '\\';
        out += c;
    }
    return out + "`";
}

/// rwsdk's stripBase: "/app/src/x.tsx" with base "/app/" -> "/src/x.tsx".
std::string stripBase(const std::string &path, const std::string &base)
{
    if (!base.empty() && base != "/" && startsWith(path, base))
        return "/" + path.substr(base.size());
    return path;
}

/// rwsdk's transformAssetPath on the dev server: a root-relative path gets a
/// non-default base in front.
std::string devAssetPath(const std::string &path, const std::string &base)
{
    if (!base.empty() && base != "/" && startsWith(path, "/") && !startsWith(path, base)) {
        std::string prefix = base;
        if (endsWith(prefix, "/"))
            prefix.pop_back();
        return prefix + path;
    }
    return path;
}

/// Root-relative dynamic imports (`import("/x")`, `x.import("/x")`) in an inline
/// script's body; `body` gets the base in front of them when the base asks for it.
std::vector<std::string> scriptImports(std::string &body, const std::string &base, bool &edited)
{
    std::vector<std::string> entries;
    edited = false;
    bool ok = false;
    const std::vector<Token> tokens = tokenize(body, ok);
    if (!ok)
        return entries; // rwsdk: "Failed to parse inline script content", nothing found
    std::vector<std::pair<const Token *, std::string>> replacements;
    for (size_t i = 0; i + 2 < tokens.size(); ++i) {
        if (tokens[i].kind != TokenKind::Identifier || textOf(body, tokens[i]) != "import" ||
            !tokens[i + 1].is('(') || tokens[i + 2].kind != TokenKind::String)
            continue;
        std::string path;
        if (!literalValue(body, tokens[i + 2], path) || !startsWith(path, "/"))
            continue;
        entries.push_back(stripBase(path, base));
        const std::string served = devAssetPath(path, base);
        if (served != path)
            replacements.emplace_back(&tokens[i + 2], served);
    }
    for (auto it = replacements.rbegin(); it != replacements.rend(); ++it) {
        const Token &t = *it->first;
        body.replace(size_t(t.start), size_t(t.end - t.start),
                     literalLike(textOf(body, t), it->second));
        edited = true;
    }
    return entries;
}

/// One property of an object literal: `name: value`, or shorthand `name`.
struct Property {
    std::string name;
    bool shorthand = false;
    size_t valueFirst = 0, valueLast = 0; ///< token indices (assignments only)
    bool assignment = false;
};

/// The properties of the object literal whose braces are tokens[open] / tokens[close].
std::vector<Property> propertiesOf(std::string_view code, const std::vector<Token> &tokens,
                                   size_t open, size_t close)
{
    std::vector<Property> out;
    const int32_t inner = tokens[open].depth + 1;
    size_t k = open + 1;
    auto nextSeparator = [&](size_t from) {
        size_t j = from;
        while (j < close && !(tokens[j].is(',') && tokens[j].depth == inner))
            ++j;
        return j;
    };
    while (k < close) {
        const Token &key = tokens[k];
        const size_t end = nextSeparator(k);
        Property p;
        if (key.kind == TokenKind::Identifier) {
            p.name = std::string(textOf(code, key));
        } else if (key.kind == TokenKind::String) {
            literalValue(code, key, p.name);
        }
        if (!p.name.empty() && k + 1 < close && tokens[k + 1].is(':') && k + 2 < end) {
            p.assignment = true;
            p.valueFirst = k + 2;
            p.valueLast = end - 1;
            out.push_back(p);
        } else if (!p.name.empty() && key.kind == TokenKind::Identifier && k + 1 == end) {
            p.shorthand = true;
            out.push_back(p);
        }
        // spreads, computed keys and methods are no properties rwsdk looks at
        k = end + 1;
    }
    return out;
}

/// The first token after `from` that closes the bracket tokens[from] opens.
size_t closingOf(const std::vector<Token> &tokens, size_t from, char closer)
{
    for (size_t j = from + 1; j < tokens.size(); ++j)
        if (tokens[j].is(closer) && tokens[j].depth == tokens[from].depth)
            return j;
    return tokens.size();
}

/// The local name `requestInfo` is imported under from `source`, or "".
std::string importedRequestInfo(std::string_view code, const std::string &source)
{
    const LexedModule lexed = lexModule(code);
    for (const ImportSpan &imp : lexed.imports) {
        if (imp.kind != ImportKind::Static || imp.specifier != source || imp.ss < 0 ||
            imp.s <= imp.ss)
            continue;
        const std::string_view head = code.substr(size_t(imp.ss), size_t(imp.s - imp.ss));
        bool ok = false;
        const std::vector<Token> tokens = tokenize(head.substr(0, head.rfind("from")), ok);
        size_t i = 0;
        while (i < tokens.size() && !tokens[i].is('{'))
            ++i;
        for (++i; i < tokens.size() && !tokens[i].is('}'); ++i) {
            std::string name;
            if (tokens[i].kind == TokenKind::Identifier)
                name = std::string(textOf(head, tokens[i]));
            else if (!literalValue(head, tokens[i], name))
                continue;
            std::string local = name;
            if (i + 2 < tokens.size() && textOf(head, tokens[i + 1]) == "as" &&
                tokens[i + 2].kind == TokenKind::Identifier) {
                local = std::string(textOf(head, tokens[i + 2]));
                i += 2;
            }
            if (name == "requestInfo")
                return local;
        }
    }
    return {};
}

struct Edit {
    int64_t offset = 0;
    int64_t length = 0; ///< bytes replaced
    std::string text;
    int seq = 0;
};

/// Where an import can go in front without moving a line: after a BOM, and
/// after a hashbang line's newline.
size_t importInsertionPoint(std::string_view code)
{
    size_t at = startsWith(code, "\xEF\xBB\xBF") ? 3 : 0;
    if (code.substr(at, 2) == "#!") {
        const size_t nl = code.find('\n', at);
        at = nl == std::string_view::npos ? code.size() : nl + 1;
    }
    return at;
}

} // namespace

bool mayHaveDocumentScripts(std::string_view code)
{
    for (size_t at = code.find("jsx"); at != std::string_view::npos;
         at = code.find("jsx", at + 3)) {
        size_t i = at + 3;
        if (code.substr(i, 1) == "s")
            i += 1;
        else if (code.substr(i, 3) == "DEV")
            i += 3;
        for (std::string_view tag : {"(\"script\"", "('script'", "(\"link\"", "('link'"})
            if (code.substr(i, tag.size()) == tag)
                return true;
    }
    return false;
}

DocumentScriptResult transformDocumentScripts(std::string_view code,
                                              const DocumentScriptOptions &options)
{
    DocumentScriptResult result;
    result.code = std::string(code);
    if (!mayHaveDocumentScripts(code))
        return result;
    bool ok = false;
    const std::vector<Token> tokens = tokenize(code, ok);
    if (!ok)
        return result;

    // How this module names requestInfo: its own import, else `requestInfo`
    // unless that name is taken by something of the module's own.
    std::string requestInfo = importedRequestInfo(code, options.requestInfoSource);
    const bool imported = !requestInfo.empty();
    if (!imported) {
        requestInfo = "requestInfo";
        for (const Token &t : tokens)
            if (t.kind == TokenKind::Identifier && !t.afterDot &&
                textOf(code, t) == "requestInfo") {
                requestInfo = "__rw_requestInfo";
                break;
            }
    }

    std::vector<Edit> edits;
    int seq = 0;
    bool needsImport = false;
    auto addEntry = [&](const std::string &url) {
        if (std::find(result.clientEntries.begin(), result.clientEntries.end(), url) ==
            result.clientEntries.end())
            result.clientEntries.push_back(url);
    };

    for (size_t i = 0; i + 4 < tokens.size(); ++i) {
        const Token &callee = tokens[i];
        if (callee.kind != TokenKind::Identifier)
            continue;
        const std::string_view name = textOf(code, callee);
        if (!endsWith(name, "jsx") && !endsWith(name, "jsxs") && !endsWith(name, "jsxDEV"))
            continue;
        std::string tag;
        if (!tokens[i + 1].is('(') || !literalValue(code, tokens[i + 2], tag) ||
            tokens[i + 2].kind != TokenKind::String || (tag != "script" && tag != "link") ||
            !tokens[i + 3].is(',') || !tokens[i + 4].is('{'))
            continue;
        // The whole callee (`_jsx`, `runtime.jsx`, `a?.b.jsx`): where the wrapper opens.
        size_t first = i;
        while (tokens[first].afterDot && first >= 2) {
            size_t dot = first - 1;
            if (dot >= 1 && tokens[dot - 1].is('?'))
                --dot;
            if (dot == 0 || tokens[dot - 1].kind != TokenKind::Identifier)
                break;
            first = dot - 1;
        }
        if (tokens[first].afterDot)
            continue; // `f().jsx(...)`: not a shape a JSX transform emits
        const size_t open = i + 4;
        const size_t close = closingOf(tokens, open, '}');
        const size_t callClose = closingOf(tokens, i + 1, ')');
        if (close + 1 >= tokens.size() || callClose >= tokens.size() ||
            !(tokens[close + 1].is(',') || tokens[close + 1].is(')')))
            continue;

        bool hasNonce = false, hasDanger = false, hasStringChildren = false, hasSrc = false;
        bool isPreload = false;
        const Property *href = nullptr;
        std::vector<std::string> entries;
        const std::vector<Property> props = propertiesOf(code, tokens, open, close);
        for (const Property &p : props) {
            if (p.name == "nonce")
                hasNonce = true;
            if (!p.assignment)
                continue;
            if (p.name == "dangerouslySetInnerHTML")
                hasDanger = true;
            std::string value;
            const Token &v = tokens[p.valueFirst];
            const bool literal = p.valueFirst == p.valueLast && literalValue(code, v, value);
            if (tag == "script" && p.name == "src") {
                hasSrc = true;
                if (literal && startsWith(value, "/")) {
                    entries.push_back(stripBase(value, options.base));
                    const std::string served = devAssetPath(value, options.base);
                    if (served != value)
                        edits.push_back({v.start, v.end - v.start,
                                         literalLike(textOf(code, v), served), seq++});
                }
            }
            if (tag == "script" && p.name == "children" && literal) {
                hasStringChildren = true;
                bool edited = false;
                for (std::string &entry : scriptImports(value, options.base, edited))
                    entries.push_back(std::move(entry));
                if (edited)
                    edits.push_back(
                        {v.start, v.end - v.start, literalLike(textOf(code, v), value), seq++});
            }
            if (tag == "link" && p.name == "rel" && literal &&
                (value == "preload" || value == "modulepreload"))
                isPreload = true;
            if (tag == "link" && p.name == "href")
                href = &p;
        }
        if (isPreload && href && href->valueFirst == href->valueLast) {
            const Token &v = tokens[href->valueFirst];
            std::string value;
            if (literalValue(code, v, value) && startsWith(value, "/")) {
                const std::string served = devAssetPath(value, options.base);
                if (served != value)
                    edits.push_back(
                        {v.start, v.end - v.start, literalLike(textOf(code, v), served), seq++});
            }
        }
        if (tag == "script" && !hasNonce && !hasDanger && (hasStringChildren || hasSrc)) {
            const Token &last = tokens[close - 1];
            std::string text = requestInfo + ".rw.nonce";
            if (close - 1 == open)
                text = "nonce: " + text;
            else if (last.is(','))
                text = " nonce: " + text;
            else
                text = ", nonce: " + text;
            edits.push_back({last.end, 0, std::move(text), seq++});
            needsImport = true;
        }
        if (!entries.empty()) {
            std::string effects = "(";
            for (const std::string &entry : entries) {
                effects += "(" + requestInfo + ".rw.scriptsToBeLoaded.add(" +
                           jsStringLiteral(entry) + ")), ";
                addEntry(entry);
            }
            // A `/* @__PURE__ */` annotation stays on the call (rwsdk moves it too).
            int64_t at = tokens[first].start;
            const std::string_view gap =
                code.substr(size_t(tokens[first].prevEnd), size_t(at - tokens[first].prevEnd));
            if (const size_t pure = gap.rfind("@__PURE__"); pure != std::string_view::npos)
                if (const size_t comment = gap.rfind("/*", pure); comment != std::string_view::npos)
                    at = tokens[first].prevEnd + int64_t(comment);
            edits.push_back({at, 0, std::move(effects), seq++});
            edits.push_back({tokens[callClose].end, 0, ")", seq++});
            needsImport = true;
        }
    }
    if (edits.empty())
        return result;

    // Back to front; at one offset the later-found (inner) edit ends up first.
    std::stable_sort(edits.begin(), edits.end(), [](const Edit &a, const Edit &b) {
        return a.offset != b.offset ? a.offset > b.offset : a.seq < b.seq;
    });
    std::string out(code);
    for (const Edit &e : edits)
        out.replace(size_t(e.offset), size_t(e.length), e.text);
    if (needsImport && !imported) {
        const std::string binding =
            requestInfo == "requestInfo" ? requestInfo : "requestInfo as " + requestInfo;
        out.insert(importInsertionPoint(out), "import { " + binding + " } from " +
                                                  jsStringLiteral(options.requestInfoSource) + ";");
    }
    result.changed = true;
    result.code = std::move(out);
    return result;
}

std::vector<std::string> DocumentClientEntries::add(const std::vector<std::string> &urls)
{
    std::lock_guard lock(m_mutex);
    std::vector<std::string> added;
    for (const std::string &url : urls)
        if (m_urls.insert(url).second)
            added.push_back(url);
    return added;
}

bool DocumentClientEntries::contains(const std::string &url) const
{
    std::lock_guard lock(m_mutex);
    return m_urls.count(url) > 0;
}

std::vector<std::string> DocumentClientEntries::urls() const
{
    std::lock_guard lock(m_mutex);
    return {m_urls.begin(), m_urls.end()};
}

} // namespace sy
