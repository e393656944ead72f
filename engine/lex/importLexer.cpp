#include "lex/importLexer.h"

#include "lex/jsTokenizer.h"

#include <cstring>

namespace sy {

namespace {

/// Consumes tokens from JsTokenizer and recognises module syntax in them.
class ModuleScanner {
public:
    ModuleScanner(std::string_view source, LexedModule &out) : src_(source), tz_(source), out_(out)
    {
    }

    void run();

private:
    Token take();
    void unget(const Token &t) { pending_[npending_++] = t; }

    std::string_view text(const Token &t) const
    {
        return src_.substr(static_cast<size_t>(t.start), static_cast<size_t>(t.end - t.start));
    }
    bool isWord(const Token &t, std::string_view w) const
    {
        return t.kind == TokenKind::Identifier && text(t) == w;
    }
    std::string stringValue(const Token &t) const;
    std::string nameValue(const Token &t) const;

    void directivePrologue();
    bool generic(const Token &t);
    bool onImport(const Token &kw);
    bool dynamicImport(const Token &kw, const Token &open);
    void staticImport(const Token &kw, Token t);
    void malformedImport(const Token &kw);
    void finishFromClause(int64_t ss, const Token &spec, ImportKind kind);
    Token skipToClose(const Token &open);

    void onExport(const Token &kw);
    void exportList(const Token &kw);
    void exportStar(const Token &kw);
    void exportDefault(const Token &def);
    void exportFunction();
    void exportDeclarations();
    bool bindingTarget(const Token &t);
    void objectPattern(const Token &open);
    void arrayPattern(const Token &open);
    Token skipInitializer(int32_t level, bool topLevel);
    void addExport(const Token &name, const Token *local);

    bool endsExpression(const Token &t) const;
    bool startsStatement(const Token &t) const;

    std::string_view src_;
    JsTokenizer tz_;
    LexedModule &out_;
    Token pending_[8];
    int npending_ = 0;
    std::vector<ExportSpan> listBuf_;
};

Token ModuleScanner::take()
{
    if (npending_ > 0)
        return pending_[--npending_];
    Token t = tz_.next();
    if (t.kind == TokenKind::Punctuator) {
        if (t.punct == ')' && t.closedTag >= 0 &&
            t.closedTag < static_cast<int32_t>(out_.imports.size())) {
            ImportSpan &im = out_.imports[static_cast<size_t>(t.closedTag)];
            if (im.e < 0)
                im.e = t.prevEnd;
            im.se = t.end;
        } else if (t.punct == '{' && t.prevClosedTag >= 0 &&
                   t.prevClosedTag + 1 == static_cast<int32_t>(out_.imports.size())) {
            // `import(..) {` is a method named import, not a dynamic import
            out_.imports.pop_back();
        }
    }
    return t;
}

std::string ModuleScanner::stringValue(const Token &t) const
{
    std::string v;
    unescapeJsString(
        src_.substr(static_cast<size_t>(t.start + 1), static_cast<size_t>(t.end - t.start - 2)), v);
    return v;
}

std::string ModuleScanner::nameValue(const Token &t) const
{
    return t.kind == TokenKind::String ? stringValue(t) : std::string(text(t));
}

bool ModuleScanner::endsExpression(const Token &t) const
{
    switch (t.kind) {
    case TokenKind::Identifier: {
        const std::string_view w = text(t);
        return t.afterDot || !(w == "in" || w == "instanceof" || w == "typeof" || w == "new" ||
                               w == "delete" || w == "void" || w == "await" || w == "yield" ||
                               w == "return" || w == "throw" || w == "case" || w == "of");
    }
    case TokenKind::Number:
    case TokenKind::String:
    case TokenKind::Template:
    case TokenKind::Regex:
    case TokenKind::PrivateName:
        return true;
    case TokenKind::Punctuator:
        if (t.punct == ')' || t.punct == ']' || t.punct == '}')
            return true;
        if (t.punct == '+' || t.punct == '-') // postfix ++ / --
            return t.start > 0 && src_[static_cast<size_t>(t.start - 1)] == t.punct;
        return false;
    default:
        return false;
    }
}

bool ModuleScanner::startsStatement(const Token &t) const
{
    switch (t.kind) {
    case TokenKind::Identifier: {
        const std::string_view w = text(t);
        return !(w == "in" || w == "instanceof");
    }
    case TokenKind::TemplateHead:
    case TokenKind::Template:
        return false; // tagged template continues the expression
    case TokenKind::Punctuator: {
        const size_t next = static_cast<size_t>(t.end);
        const char n = next < src_.size() ? src_[next] : 0;
        switch (t.punct) {
        case '+':
        case '-':
            return n == t.punct; // ++x / --x on a new line starts a statement
        case '!':
            return n != '=';
        case '.':
        case ',':
        case '?':
        case '(':
        case '[':
        case '*':
        case '/':
        case '%':
        case '=':
        case '<':
        case '>':
        case '&':
        case '|':
        case '^':
            return false;
        default:
            return true;
        }
    }
    default:
        return true;
    }
}

void ModuleScanner::run()
{
    directivePrologue();
    for (;;) {
        const Token t = take();
        if (t.kind == TokenKind::End || t.kind == TokenKind::Error)
            break;
        if (t.kind == TokenKind::Identifier && !t.afterDot && t.depth == 0 && text(t) == "export")
            onExport(t);
        else
            generic(t);
    }
    if (tz_.failed()) {
        out_.ok = false;
        out_.error = tz_.error();
        out_.errorOffset = tz_.errorOffset();
    }
}

void ModuleScanner::directivePrologue()
{
    for (;;) {
        const Token s = take();
        if (s.kind != TokenKind::String) {
            unget(s);
            return;
        }
        const Token n = take();
        const bool directive = n.is(';') || n.is('}') || n.kind == TokenKind::End ||
                               (n.newlineBefore && startsStatement(n));
        if (!directive) {
            unget(n);
            return;
        }
        out_.directives.push_back(
            Directive{std::string(src_.substr(static_cast<size_t>(s.start + 1),
                                              static_cast<size_t>(s.end - s.start - 2))),
                      s.start, s.end});
        if (!n.is(';'))
            unget(n);
    }
}

/// Handles a token outside export statements. Returns true when it consumed an
/// expression that ends there (used by the ASI heuristic of skipInitializer).
bool ModuleScanner::generic(const Token &t)
{
    if (t.kind == TokenKind::Identifier && !t.afterDot && t.end - t.start == 6 &&
        std::memcmp(src_.data() + t.start, "import", 6) == 0)
        return onImport(t);
    return endsExpression(t);
}

bool ModuleScanner::onImport(const Token &kw)
{
    Token t = take();
    if (t.is('('))
        return dynamicImport(kw, t);
    if (t.is('.')) {
        const Token m = take();
        if (m.kind == TokenKind::Identifier) {
            const std::string_view w = text(m);
            if (w == "meta") {
                ImportSpan im;
                im.kind = ImportKind::ImportMeta;
                im.s = im.ss = kw.start;
                im.e = im.se = m.end;
                im.d = -2;
                out_.imports.push_back(std::move(im));
                out_.hasModuleSyntax = true;
                return true;
            }
            if (w == "source" || w == "defer") {
                const Token p = take();
                if (p.is('('))
                    return dynamicImport(kw, p);
                unget(p);
            }
        }
        unget(m);
        return false;
    }
    if (kw.depth != 0 || t.is(':') || t.is('=') || t.is(',') || t.is(';') || t.is('}')) {
        unget(t);
        return true; // `import` used as a name
    }
    staticImport(kw, t);
    return false;
}

bool ModuleScanner::dynamicImport(const Token &kw, const Token &open)
{
    const int32_t idx = static_cast<int32_t>(out_.imports.size());
    {
        ImportSpan im;
        im.kind = ImportKind::Dynamic;
        im.ss = kw.start;
        im.d = open.start;
        out_.imports.push_back(std::move(im));
    }
    tz_.tagOpenAt(open.start, idx);
    const Token a = take();
    out_.imports[static_cast<size_t>(idx)].s = a.start;
    if (a.kind != TokenKind::String) {
        unget(a);
        return false;
    }
    const Token n = take();
    const bool closed = n.is(')') && n.closedTag == idx;
    if (closed || n.is(',')) {
        if (idx < static_cast<int32_t>(out_.imports.size())) {
            ImportSpan &im = out_.imports[static_cast<size_t>(idx)];
            im.e = a.end;
            im.isLiteral = true;
            im.specifier = stringValue(a);
        }
        if (n.is(',')) {
            const Token b = take();
            if (idx < static_cast<int32_t>(out_.imports.size()))
                out_.imports[static_cast<size_t>(idx)].a = b.start;
            unget(b);
        }
        return closed;
    }
    unget(n);
    return false;
}

Token ModuleScanner::skipToClose(const Token &open)
{
    for (;;) {
        const Token t = take();
        if (t.kind == TokenKind::End || t.kind == TokenKind::Error)
            return t;
        if (t.depth == open.depth && (t.is('}') || t.is(']') || t.is(')')))
            return t;
    }
}

void ModuleScanner::staticImport(const Token &kw, Token t)
{
    // import "x" | import <clause> from "x"
    if (t.kind != TokenKind::String) {
        for (;;) {
            if (t.is('{')) {
                const Token c = skipToClose(t);
                if (!c.is('}')) {
                    malformedImport(kw);
                    return;
                }
            } else if (t.kind == TokenKind::Identifier) {
                if (text(t) == "from") {
                    const Token s = take();
                    if (s.kind == TokenKind::String) {
                        t = s;
                        break;
                    }
                    unget(s);
                }
            } else if (!t.is('*') && !t.is(',')) {
                malformedImport(kw);
                return;
            }
            t = take();
        }
    }
    finishFromClause(kw.start, t, ImportKind::Static);
}

void ModuleScanner::malformedImport(const Token &kw)
{
    if (!tz_.failed())
        tz_.setError(kw.start, "malformed import statement");
}

void ModuleScanner::finishFromClause(int64_t ss, const Token &spec, ImportKind kind)
{
    ImportSpan im;
    im.kind = kind;
    im.isLiteral = true;
    im.specifier = stringValue(spec);
    im.s = spec.start + 1;
    im.e = spec.end - 1;
    im.ss = ss;
    im.se = spec.end;
    const Token w = take();
    if (w.kind == TokenKind::Identifier &&
        (text(w) == "with" || (text(w) == "assert" && !w.newlineBefore))) {
        const Token b = take();
        if (b.is('{')) {
            im.a = b.start;
            const Token c = skipToClose(b);
            if (c.is('}'))
                im.se = c.end;
        } else {
            unget(b);
            unget(w);
        }
    } else {
        unget(w);
    }
    out_.imports.push_back(std::move(im));
    out_.hasModuleSyntax = true;
}

void ModuleScanner::addExport(const Token &name, const Token *local)
{
    ExportSpan e;
    e.name = nameValue(name);
    e.s = name.start;
    e.e = name.end;
    if (local) {
        e.localName = nameValue(*local);
        e.ls = local->start;
        e.le = local->end;
    }
    out_.exports.push_back(std::move(e));
}

void ModuleScanner::onExport(const Token &kw)
{
    out_.hasModuleSyntax = true;
    const Token t = take();
    if (t.is('{')) {
        exportList(kw);
        return;
    }
    if (t.is('*')) {
        exportStar(kw);
        return;
    }
    if (t.kind != TokenKind::Identifier) {
        unget(t);
        return;
    }
    const std::string_view w = text(t);
    if (w == "default") {
        exportDefault(t);
    } else if (w == "function") {
        exportFunction();
    } else if (w == "async") {
        const Token f = take();
        if (isWord(f, "function") && !f.newlineBefore)
            exportFunction();
        else
            unget(f);
    } else if (w == "class") {
        const Token n = take();
        if (n.kind == TokenKind::Identifier && text(n) != "extends")
            addExport(n, &n);
        else
            unget(n);
    } else if (w == "var" || w == "let" || w == "const") {
        exportDeclarations();
    } else {
        unget(t);
    }
}

void ModuleScanner::exportList(const Token &kw)
{
    listBuf_.clear();
    std::vector<std::pair<Token, Token>> entries; // (local, exported)
    for (;;) {
        const Token a = take();
        if (a.is('}'))
            break;
        if (a.is(','))
            continue;
        if (a.kind != TokenKind::Identifier && a.kind != TokenKind::String) {
            unget(a);
            return;
        }
        Token exported = a;
        Token n = take();
        if (isWord(n, "as")) {
            exported = take();
            n = take();
        }
        entries.emplace_back(a, exported);
        if (n.is('}'))
            break;
        if (!n.is(',')) {
            unget(n);
            return;
        }
    }
    const Token f = take();
    if (isWord(f, "from")) {
        const Token s = take();
        if (s.kind == TokenKind::String) {
            for (const auto &[local, exported] : entries)
                addExport(exported, nullptr);
            finishFromClause(kw.start, s, ImportKind::ExportFrom);
            return;
        }
        unget(s);
    }
    unget(f);
    for (const auto &[local, exported] : entries)
        addExport(exported, &local);
}

void ModuleScanner::exportStar(const Token &kw)
{
    Token n = take();
    if (isWord(n, "as")) {
        const Token name = take();
        if (name.kind != TokenKind::Identifier && name.kind != TokenKind::String) {
            unget(name);
            return;
        }
        addExport(name, nullptr);
        n = take();
    }
    if (isWord(n, "from")) {
        const Token s = take();
        if (s.kind == TokenKind::String) {
            finishFromClause(kw.start, s, ImportKind::ExportFrom);
            return;
        }
        unget(s);
    }
    unget(n);
}

void ModuleScanner::exportDefault(const Token &def)
{
    Token n = take();
    Token local;
    bool hasLocal = false;
    if (isWord(n, "async")) {
        const Token f = take();
        if (isWord(f, "function") && !f.newlineBefore) {
            n = f;
        } else {
            unget(f);
            unget(n);
            addExport(def, nullptr);
            return;
        }
    }
    if (isWord(n, "function")) {
        Token m = take();
        if (m.is('*'))
            m = take();
        if (m.kind == TokenKind::Identifier) {
            local = m;
            hasLocal = true;
        } else {
            unget(m);
        }
    } else if (isWord(n, "class")) {
        const Token m = take();
        if (m.kind == TokenKind::Identifier && text(m) != "extends") {
            local = m;
            hasLocal = true;
        } else {
            unget(m);
        }
    } else {
        unget(n);
    }
    ExportSpan e;
    e.name = "default";
    e.s = def.start;
    e.e = def.end;
    if (hasLocal) {
        e.localName = std::string(text(local));
        e.ls = local.start;
        e.le = local.end;
    }
    out_.exports.push_back(std::move(e));
}

void ModuleScanner::exportFunction()
{
    Token n = take();
    if (n.is('*'))
        n = take();
    if (n.kind == TokenKind::Identifier)
        addExport(n, &n);
    else
        unget(n);
}

void ModuleScanner::exportDeclarations()
{
    for (;;) {
        const Token t = take();
        if (!bindingTarget(t))
            return;
        Token n = take();
        if (n.is('='))
            n = skipInitializer(n.depth, true);
        if (n.is(','))
            continue;
        if (!n.is(';'))
            unget(n);
        return;
    }
}

bool ModuleScanner::bindingTarget(const Token &t)
{
    if (t.kind == TokenKind::Identifier) {
        addExport(t, &t);
        return true;
    }
    if (t.is('{')) {
        objectPattern(t);
        return true;
    }
    if (t.is('[')) {
        arrayPattern(t);
        return true;
    }
    unget(t);
    return false;
}

void ModuleScanner::objectPattern(const Token &open)
{
    const int32_t level = open.depth + 1;
    for (;;) {
        Token k = take();
        if (k.is('}') || k.kind == TokenKind::End || k.kind == TokenKind::Error)
            return;
        if (k.is(','))
            continue;
        if (k.is('.')) { // ...rest
            while (k.is('.'))
                k = take();
            if (!bindingTarget(k))
                return;
        } else {
            if (k.is('[')) {
                if (!skipToClose(k).is(']'))
                    return;
            }
            const Token n = take();
            if (n.is(':')) {
                if (!bindingTarget(take()))
                    return;
            } else {
                if (k.kind == TokenKind::Identifier)
                    addExport(k, &k);
                unget(n);
            }
        }
        Token n = take();
        if (n.is('='))
            n = skipInitializer(level, false);
        if (n.is('}'))
            return;
        if (!n.is(',')) {
            unget(n);
            return;
        }
    }
}

void ModuleScanner::arrayPattern(const Token &open)
{
    const int32_t level = open.depth + 1;
    for (;;) {
        Token t = take();
        if (t.is(']') || t.kind == TokenKind::End || t.kind == TokenKind::Error)
            return;
        if (t.is(','))
            continue;
        while (t.is('.'))
            t = take();
        if (!bindingTarget(t))
            return;
        Token n = take();
        if (n.is('='))
            n = skipInitializer(level, false);
        if (n.is(']'))
            return;
        if (!n.is(',')) {
            unget(n);
            return;
        }
    }
}

/// Skips an initializer expression; returns the token that ends it (`,` at `level`,
/// the closer of the enclosing pattern, or at top level `;` / the first token of the
/// next statement after automatic semicolon insertion). That token is not ungot,
/// except the ASI case where it is returned for the caller to unget.
Token ModuleScanner::skipInitializer(int32_t level, bool topLevel)
{
    bool lastEnds = false;
    for (;;) {
        const Token t = take();
        if (t.kind == TokenKind::End || t.kind == TokenKind::Error)
            return t;
        if (t.depth < level)
            return t;
        if (t.depth == level) {
            if (t.is(','))
                return t;
            if (topLevel) {
                if (t.is(';'))
                    return t;
                if (t.newlineBefore && lastEnds && startsStatement(t))
                    return t;
            }
        }
        lastEnds = generic(t);
    }
}

} // namespace

LexedModule lexModule(std::string_view source)
{
    LexedModule out;
    ModuleScanner scanner(source, out);
    scanner.run();
    if (!out.ok && out.errorOffset >= 0) {
        int line = 1;
        int64_t lineStart = 0;
        const int64_t end = std::min<int64_t>(out.errorOffset, static_cast<int64_t>(source.size()));
        for (int64_t i = 0; i < end; i++) {
            const char c = source[static_cast<size_t>(i)];
            if (c == '\n' ||
                (c == '\r' && (i + 1 >= end || source[static_cast<size_t>(i + 1)] != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        int column = 1;
        for (int64_t i = lineStart; i < end; i++)
            if ((static_cast<unsigned char>(source[static_cast<size_t>(i)]) & 0xC0) != 0x80)
                column++;
        out.line = line;
        out.column = column;
    }
    return out;
}

} // namespace sy
