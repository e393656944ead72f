#include "framework/rwsdkDirectives.h"

#include "core/jsString.h"
#include "lex/importLexer.h"
#include "lex/jsTokenizer.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

namespace sy {

namespace {

std::string_view tokenText(std::string_view source, const Token &t)
{
    return source.substr(size_t(t.start), size_t(t.end - t.start));
}

bool isWord(std::string_view source, const Token &t, std::string_view word)
{
    return t.kind == TokenKind::Identifier && !t.afterDot && tokenText(source, t) == word;
}

/// The unescaped value of a String token.
std::string stringValue(std::string_view source, const Token &t)
{
    std::string out;
    unescapeJsString(source.substr(size_t(t.start + 1), size_t(t.end - t.start - 2)), out);
    return out;
}

/// An export name as the lexer gives it, string names without their quotes.
std::string unquoted(const std::string &name)
{
    if (name.size() >= 2 && (name.front() == '"' || name.front() == '\''))
        return name.substr(1, name.size() - 2);
    return name;
}

bool isReservedWord(const std::string &w)
{
    static const std::set<std::string> words = {
        "await",    "break",   "case",       "catch",     "class",     "const",  "continue",
        "debugger", "default", "delete",     "do",        "else",      "enum",   "export",
        "extends",  "false",   "finally",    "for",       "function",  "if",     "implements",
        "import",   "in",      "instanceof", "interface", "let",       "new",    "null",
        "package",  "private", "protected",  "public",    "return",    "static", "super",
        "switch",   "this",    "throw",      "true",      "try",       "typeof", "var",
        "void",     "while",   "with",       "yield",     "arguments", "eval"};
    return words.count(w) > 0;
}

bool isIdentifierName(const std::string &name)
{
    if (name.empty() || (name[0] >= '0' && name[0] <= '9'))
        return false;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (!(std::isalnum(u) || c == '_' || c == '$' || u >= 0x80))
            return false;
    }
    return true;
}

/// 1-based line of byte `offset`.
int lineOf(const std::string &source, int64_t offset)
{
    const auto end = source.begin() + std::clamp<int64_t>(offset, 0, int64_t(source.size()));
    return 1 + int(std::count(source.begin(), end, '\n'));
}

/// The directive literal ("use client") and its `;`, located in code where
/// sucrase may have put `const _jsxFileName = ...; import ...;` in front of
/// it on line 1: the first string statement at the top level with that value.
std::optional<std::pair<int64_t, int64_t>> directiveStatement(const std::string &source,
                                                              std::string_view value)
{
    JsTokenizer tz(source);
    Token prev;
    bool first = true;
    for (Token t = tz.next(); t.kind != TokenKind::End && t.kind != TokenKind::Error;
         t = tz.next()) {
        const bool statementStart =
            first || prev.is(';') || (prev.kind == TokenKind::String && t.newlineBefore);
        if (t.kind == TokenKind::String && t.depth == 0 && statementStart &&
            stringValue(source, t) == value) {
            Token after = tz.next();
            if (after.is(';'))
                return std::make_pair(t.start, after.end);
            if (after.kind == TokenKind::End || after.newlineBefore || after.is('}'))
                return std::make_pair(t.start, t.end);
        }
        prev = t;
        first = false;
    }
    return std::nullopt;
}

/// `source` with the directive statement replaced by spaces (newlines kept).
std::string blankDirective(const std::string &source, std::string_view value)
{
    std::string out = source;
    if (auto range = directiveStatement(source, value))
        for (int64_t i = range->first; i < range->second; ++i)
            if (out[size_t(i)] != '\n' && out[size_t(i)] != '\r')
                out[size_t(i)] = ' ';
    return out;
}

/// One export of the module, classified.
struct ExportEntry {
    std::string name;      ///< exported name, unquoted ("default" for the default export)
    std::string localName; ///< the local binding, "" for re-exports and `export default <expr>`
    const ImportSpan *from = nullptr; ///< the `export ... from` statement of a re-export
};

enum class ExportFromForm { Named, Star, StarAs };

/// `export { a as b } from "x"`, `export * from "x"` (its names are not known
/// here) or `export * as ns from "x"`.
ExportFromForm exportFromForm(const std::string &source, const ImportSpan &im)
{
    JsTokenizer tz(std::string_view(source).substr(size_t(im.ss), size_t(im.se - im.ss)));
    const std::string_view text = tz.source();
    tz.next(); // export
    if (!tz.next().is('*'))
        return ExportFromForm::Named;
    return isWord(text, tz.next(), "as") ? ExportFromForm::StarAs : ExportFromForm::Star;
}

struct ModuleExports {
    std::vector<ExportEntry> entries; ///< source order, each name once
    std::vector<const ImportSpan *> stars;
    std::vector<const ImportSpan *> reExportStatements; ///< `export {..} from` / `export * as`
};

ModuleExports moduleExports(const std::string &source, const LexedModule &lexed)
{
    ModuleExports out;
    std::vector<const ImportSpan *> exportFroms;
    for (const ImportSpan &im : lexed.imports)
        if (im.kind == ImportKind::ExportFrom) {
            if (exportFromForm(source, im) == ExportFromForm::Star)
                out.stars.push_back(&im);
            else
                exportFroms.push_back(&im);
        }
    std::set<const ImportSpan *> used;
    std::set<std::string> seen;
    for (const ExportSpan &e : lexed.exports) {
        ExportEntry entry;
        entry.name = unquoted(e.name);
        for (const ImportSpan *im : exportFroms)
            if (e.s >= im->ss && e.e <= im->se)
                entry.from = im;
        if (!entry.from && e.ls >= 0)
            entry.localName = e.localName;
        if (!seen.insert(entry.name).second)
            continue;
        if (entry.from && used.insert(entry.from).second)
            out.reExportStatements.push_back(entry.from);
        out.entries.push_back(std::move(entry));
    }
    return out;
}

/// Local names for generated bindings: the export name where it is a usable
/// identifier that does not collide with the helpers, else a generated one.
class LocalNames {
public:
    explicit LocalNames(std::set<std::string> taken) : m_taken(std::move(taken)) {}
    std::string forExport(const std::string &name)
    {
        std::string local = name;
        if (!isIdentifierName(name) || isReservedWord(name) || m_taken.count(name))
            local = "__rwsdk_export_" + std::to_string(m_next++);
        m_taken.insert(local);
        return local;
    }

private:
    std::set<std::string> m_taken;
    int m_next = 0;
};

std::string exportClause(const std::vector<std::pair<std::string, std::string>> &locals)
{
    std::string out = "export { ";
    for (size_t i = 0; i < locals.size(); ++i) {
        const auto &[local, name] = locals[i];
        if (i)
            out += ", ";
        out += local;
        if (local != name)
            out += " as " + (isIdentifierName(name) ? name : jsStringLiteral(name));
    }
    return out + " };\n";
}

std::string starWarning(const std::string &source, const ImportSpan &star,
                        std::string_view referenceId, EnvironmentKind env,
                        std::string_view directive, std::string_view consequence)
{
    return std::string(referenceId) + ":" + std::to_string(lineOf(source, star.ss)) + " (" +
           std::string(environmentName(env)) + "): `export * from " +
           jsStringLiteral(star.specifier) + "` in a \"" + std::string(directive) +
           "\" module is skipped, as rwsdk skips it: " + std::string(consequence) +
           " Re-export the names one by one (`export { A, B } from " +
           jsStringLiteral(star.specifier) + "`).";
}

RwsdkDirectiveResult lexError(const LexedModule &lexed, std::string_view referenceId,
                              EnvironmentKind env, std::string_view directive)
{
    RwsdkDirectiveResult r;
    r.ok = false;
    r.line = lexed.line;
    r.column = lexed.column;
    r.error = "cannot read the exports of the \"" + std::string(directive) + "\" module " +
              std::string(referenceId) + " (" + std::string(environmentName(env)) + ", " +
              std::to_string(lexed.line) + ":" + std::to_string(lexed.column) +
              "): " + lexed.error +
              ". Fix the syntax error; the module is transformed again "
              "when the file changes.";
    return r;
}

/// The tokens of `source`, End excluded (empty on a tokenizer error).
std::vector<Token> tokensOf(const std::string &source)
{
    std::vector<Token> tokens;
    JsTokenizer tz(source);
    for (Token t = tz.next(); t.kind != TokenKind::End; t = tz.next()) {
        if (t.kind == TokenKind::Error)
            return {};
        tokens.push_back(t);
    }
    return tokens;
}

/// The `{ method: "X" }` option of the call whose `(` is tokens[open], "" if none.
std::string explicitMethod(const std::string &source, const std::vector<Token> &tokens, size_t open)
{
    const int32_t inner = tokens[open].depth + 1;
    size_t lastArg = 0;
    int args = 0;
    size_t i = open + 1;
    for (; i < tokens.size(); ++i) {
        const Token &t = tokens[i];
        if (t.depth == tokens[open].depth && t.is(')'))
            break;
        if (t.depth != inner)
            continue;
        const bool startsArg = tokens[i - 1].is('(') && i - 1 == open;
        if (startsArg || (tokens[i - 1].is(',') && tokens[i - 1].depth == inner && !t.is(')'))) {
            lastArg = i;
            ++args;
        }
    }
    if (args < 2 || !tokens[lastArg].is('{'))
        return {};
    const int32_t props = inner + 1;
    for (size_t j = lastArg + 1; j + 2 < tokens.size(); ++j) {
        const Token &t = tokens[j];
        if (t.depth == inner && t.is('}'))
            break;
        if (t.depth != props || !(tokens[j - 1].is('{') || tokens[j - 1].is(',')))
            continue;
        const bool key = (t.kind == TokenKind::Identifier && tokenText(source, t) == "method") ||
                         (t.kind == TokenKind::String && stringValue(source, t) == "method");
        if (!key || !tokens[j + 1].is(':'))
            continue;
        const Token &value = tokens[j + 2];
        const bool ends = j + 3 < tokens.size() && (tokens[j + 3].is(',') || tokens[j + 3].is('}'));
        if ((value.kind == TokenKind::String ||
             (value.kind == TokenKind::Template && source[size_t(value.start)] == '`')) &&
            ends) {
            if (value.kind == TokenKind::String)
                return stringValue(source, value);
            return std::string(tokenText(source, value).substr(1, value.end - value.start - 2));
        }
        return {};
    }
    return {};
}

ServerFunctionKind kindOfCall(const std::string &source, const std::vector<Token> &tokens,
                              size_t callee)
{
    ServerFunctionKind k;
    if (callee + 1 >= tokens.size() || !tokens[callee + 1].is('('))
        return k;
    const std::string_view name = tokenText(source, tokens[callee]);
    if (tokens[callee].kind != TokenKind::Identifier ||
        (name != "serverQuery" && name != "serverAction"))
        return k;
    const std::string method = explicitMethod(source, tokens, callee + 1);
    k.kind = name == "serverQuery" ? "query" : "action";
    k.method = !method.empty() ? method : name == "serverQuery" ? "GET" : "POST";
    return k;
}

/// The kind of every top-level binding `(const|let|var|,) name = callee(...)`
/// and of `export default callee(...)` (key ""): one pass over the tokens.
std::map<std::string, ServerFunctionKind> serverFunctionKinds(const std::string &source,
                                                              const std::vector<Token> &tokens)
{
    std::map<std::string, ServerFunctionKind> kinds;
    for (size_t i = 1; i + 2 < tokens.size(); ++i) {
        const Token &t = tokens[i];
        if (t.depth != 0 || t.kind != TokenKind::Identifier || t.afterDot)
            continue;
        if (isWord(source, tokens[i - 1], "export") && isWord(source, t, "default")) {
            kinds.emplace("", kindOfCall(source, tokens, i + 1));
            continue;
        }
        const Token &before = tokens[i - 1];
        const bool declared = isWord(source, before, "const") || isWord(source, before, "let") ||
                              isWord(source, before, "var") || before.is(',');
        if (!declared || !tokens[i + 1].is('=') || tokens[i + 2].is('=') || tokens[i + 2].is('>'))
            continue;
        kinds.emplace(std::string(tokenText(source, t)), kindOfCall(source, tokens, i + 2));
    }
    return kinds;
}

} // namespace

ServerFunctionKind serverFunctionKind(const std::string &source, const std::string &localName)
{
    const std::map<std::string, ServerFunctionKind> kinds =
        serverFunctionKinds(source, tokensOf(source));
    const auto it = kinds.find(localName);
    return it == kinds.end() ? ServerFunctionKind{} : it->second;
}

RwsdkDirective rwsdkDirectiveOf(const std::set<std::string> &prologueDirectives)
{
    if (prologueDirectives.count("use client"))
        return RwsdkDirective::UseClient;
    if (prologueDirectives.count("use server"))
        return RwsdkDirective::UseServer;
    return RwsdkDirective::None;
}

std::string rwsdkReferenceId(const std::string &projectRoot, const std::string &file)
{
    namespace fs = std::filesystem;
    std::string path = file.substr(0, file.find('?'));
    path = fs::path(path).lexically_normal().generic_string();
    std::string root = fs::path(projectRoot).lexically_normal().generic_string();
    while (root.size() > 1 && root.back() == '/')
        root.pop_back();
    if (path == root)
        return "/";
    if (root == "/")
        return path;
    if (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
        path[root.size()] == '/')
        return path.substr(root.size());
    return path;
}

RwsdkDirectiveResult rwsdkUseClientTransform(const FrameworkProfile &profile, EnvironmentKind env,
                                             const std::string &source, const LexedModule &lexed,
                                             std::string_view referenceId)
{
    if (env != EnvironmentKind::Worker) {
        RwsdkDirectiveResult r;
        r.code = blankDirective(source, "use client");
        r.linesKept = true;
        return r;
    }
    if (!lexed.ok)
        return lexError(lexed, referenceId, env, "use client");
    RwsdkDirectiveResult r;
    const ModuleExports exports = moduleExports(source, lexed);
    for (const ImportSpan *star : exports.stars)
        r.warnings.push_back(starWarning(
            source, *star, referenceId, env, "use client",
            "server components cannot import its names from this module in the worker."));

    const std::string id = jsStringLiteral(referenceId);
    const std::string &load = profile.ssrLoadModuleName;
    const std::string &registerRef = profile.registerClientReferenceName;
    std::string out = "import { " + load + " } from " +
                      jsStringLiteral(profile.ssrBridgeSpecifier) + ";\nimport { " + registerRef +
                      " } from " + jsStringLiteral(profile.clientReferenceSource) +
                      ";\nconst SSRModule = await " + load + "(" + id + ");\n";
    LocalNames locals({"SSRModule", load, registerRef});
    std::vector<std::pair<std::string, std::string>> named;
    bool hasDefault = false;
    for (const ExportEntry &e : exports.entries) {
        if (e.name == "default") {
            hasDefault = true;
            continue;
        }
        const std::string local = locals.forExport(e.name);
        out += "const " + local + " = " + registerRef + "(SSRModule, " + id + ", " +
               jsStringLiteral(e.name) + ");\n";
        named.emplace_back(local, e.name);
    }
    if (!named.empty())
        out += exportClause(named);
    if (hasDefault)
        out += "export default " + registerRef + "(SSRModule, " + id + ", \"default\");\n";
    r.code = std::move(out);
    return r;
}

RwsdkDirectiveResult rwsdkUseServerTransform(const FrameworkProfile &profile, EnvironmentKind env,
                                             const std::string &source, const LexedModule &lexed,
                                             std::string_view referenceId,
                                             std::string_view selfSpecifier)
{
    if (!lexed.ok)
        return lexError(lexed, referenceId, env, "use server");
    RwsdkDirectiveResult r;
    const ModuleExports exports = moduleExports(source, lexed);
    const std::string id = jsStringLiteral(referenceId);

    if (env == EnvironmentKind::Worker) {
        // The module stays as it is; at its end it imports its own namespace
        // and registers every export (hoisted imports: every line kept).
        std::string out = blankDirective(source, "use server");
        if (!out.empty() && out.back() != '\n')
            out += '\n';
        const std::string self = "__rwsdk_self";
        const std::string registerFn = "__rwsdk_registerServerReference";
        out += "import * as " + self + " from " + jsStringLiteral(selfSpecifier) + ";\n";
        out += "import { registerServerReference as " + registerFn + " } from " +
               jsStringLiteral(profile.serverRegistrationSource) + ";\n";
        // rwsdk's order: the default export, the module's own exports, the
        // re-exports (the last registration of a function exported twice wins).
        std::vector<std::string> names;
        for (const ExportEntry &e : exports.entries)
            if (e.name == "default")
                names.push_back(e.name);
        for (int pass = 0; pass < 2; ++pass)
            for (const ExportEntry &e : exports.entries)
                if (e.name != "default" && (e.from != nullptr) == (pass == 1))
                    names.push_back(e.name);
        for (const std::string &name : names)
            out += registerFn + "(" + self + "[" + jsStringLiteral(name) + "], " + id + ", " +
                   jsStringLiteral(name) + ");\n";
        if (!exports.stars.empty()) {
            // Names re-exported with `export *` (rwsdk leaves them out; they are
            // callable through the lookup all the same, so register them).
            std::string known = "[";
            for (size_t i = 0; i < names.size(); ++i)
                known += (i ? ", " : "") + jsStringLiteral(names[i]);
            known += "]";
            out += "for (const __rwsdk_name of Object.keys(" + self + ")) if (!" + known +
                   ".includes(__rwsdk_name)) " + registerFn + "(" + self + "[__rwsdk_name], " + id +
                   ", __rwsdk_name);\n";
        }
        r.code = std::move(out);
        r.linesKept = true;
        return r;
    }

    // client and ssr: stubs.
    for (const ImportSpan *star : exports.stars)
        r.warnings.push_back(
            starWarning(source, *star, referenceId, env, "use server",
                        std::string("the ") + std::string(environmentName(env)) +
                            " environment gets no server references for its names."));
    const std::string &sourceModule = env == EnvironmentKind::Client
                                          ? profile.serverReferenceSourceClient
                                          : profile.serverReferenceSourceSsr;
    std::string out =
        "import { createServerReference } from " + jsStringLiteral(sourceModule) + ";\n";
    if (profile.serverStubsKeepReExports) {
        // rwsdk >= 1.5: `export { x } from "y"` stays a re-export (y is stubbed
        // in turn when it is a "use server" module).
        for (const ImportSpan *im : exports.reExportStatements) {
            if (exportFromForm(source, *im) == ExportFromForm::StarAs)
                continue; // `export * as ns from "y"`: rwsdk drops it
            out += source.substr(size_t(im->ss), size_t(im->se - im->ss)) + ";\n";
        }
    }
    LocalNames locals({"createServerReference"});
    std::vector<std::pair<std::string, std::string>> named;
    std::string defaultLine;
    const std::map<std::string, ServerFunctionKind> kinds =
        profile.serverReferencesCarryMethod ? serverFunctionKinds(source, tokensOf(source))
                                            : std::map<std::string, ServerFunctionKind>{};
    for (const ExportEntry &e : exports.entries) {
        if (e.from && exportFromForm(source, *e.from) == ExportFromForm::StarAs) {
            // A namespace object, not a server function: rwsdk drops it too.
            r.warnings.push_back(std::string(referenceId) + ":" +
                                 std::to_string(lineOf(source, e.from->ss)) + " (" +
                                 std::string(environmentName(env)) + "): `export * as " + e.name +
                                 "` in a \"use server\" module is skipped, as rwsdk skips it: "
                                 "export the server functions themselves.");
            continue;
        }
        if (e.from && profile.serverStubsKeepReExports)
            continue;
        std::string args = id + ", " + jsStringLiteral(e.name);
        if (profile.serverReferencesCarryMethod && !e.from) {
            const bool defaultExpression = e.name == "default" && e.localName.empty();
            const auto it = kinds.find(defaultExpression ? std::string() : e.localName);
            const ServerFunctionKind k =
                it == kinds.end() || (!defaultExpression && e.localName.empty())
                    ? ServerFunctionKind{}
                    : it->second;
            if (k.kind == "query")
                args += ", " + jsStringLiteral(k.method) + ", \"query\"";
            else if (k.kind == "action")
                args += ", " + jsStringLiteral(k.method);
        }
        const std::string call = "createServerReference(" + args + ")";
        if (e.name == "default") {
            defaultLine = "export default " + call + ";\n";
            continue;
        }
        const std::string local = locals.forExport(e.name);
        if (local == e.name) {
            out += "export let " + local + " = " + call + ";\n";
        } else {
            out += "let " + local + " = " + call + ";\n";
            named.emplace_back(local, e.name);
        }
    }
    if (!named.empty())
        out += exportClause(named);
    out += defaultLine;
    r.code = std::move(out);
    return r;
}

std::optional<RwsdkDirectiveResult>
rwsdkDirectiveTransform(const FrameworkProfile &profile, EnvironmentKind env,
                        RwsdkDirective directive, const std::string &code,
                        std::string_view referenceId, std::string_view selfSpecifier)
{
    switch (directive) {
    case RwsdkDirective::UseClient:
        return rwsdkUseClientTransform(
            profile, env, code, env == EnvironmentKind::Worker ? lexModule(code) : LexedModule{},
            referenceId);
    case RwsdkDirective::UseServer:
        return rwsdkUseServerTransform(profile, env, code, lexModule(code), referenceId,
                                       selfSpecifier);
    case RwsdkDirective::None:
        break;
    }
    return std::nullopt;
}

} // namespace sy
