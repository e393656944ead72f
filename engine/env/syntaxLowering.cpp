#include "env/syntaxLowering.h"

#include "lex/importLexer.h"
#include "lex/jsTokenizer.h"
#include "optimizer/esbuildService.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <cctype>
#include <utility>

namespace sy {

namespace {

int lineAt(std::string_view source, int64_t offset)
{
    const auto end = source.begin() + std::min<int64_t>(offset, int64_t(source.size()));
    return 1 + int(std::count(source.begin(), end, '\n'));
}

std::string_view textOf(std::string_view source, const Token &t)
{
    return source.substr(size_t(t.start), size_t(t.end - t.start));
}

bool isWord(std::string_view source, const Token &t, std::string_view word)
{
    return t.kind == TokenKind::Identifier && !t.afterDot && textOf(source, t) == word;
}

// A declaration's binding after `using` / `accessor`: an identifier on the
// same line (`using\nx` is two expressions), or for accessor also `#x` / `[`.
bool bindsNext(const Token &next, bool accessor)
{
    if (next.newlineBefore)
        return false;
    if (next.kind == TokenKind::Identifier)
        return true;
    return accessor && (next.kind == TokenKind::PrivateName || next.is('['));
}

// The keyword of an `in`/`of` head reads like a binding: `using of` is no declaration.
bool isOperatorWord(std::string_view source, const Token &t)
{
    const std::string_view w = textOf(source, t);
    return w == "in" || w == "of" || w == "instanceof" || w == "as";
}

} // namespace

LoweringNeed syntaxNeedingLowering(std::string_view source)
{
    LoweringNeed need;
    // Most files hold none of the words at all: no tokenizing for them.
    if (source.find('@') == std::string_view::npos &&
        source.find("using") == std::string_view::npos &&
        source.find("accessor") == std::string_view::npos)
        return need;
    auto found = [&](const char *what, int64_t at) {
        need.needed = true;
        need.what = what;
        need.line = lineAt(source, at);
        return need;
    };
    JsTokenizer tokens(source);
    Token prev;
    Token t = tokens.next();
    while (t.kind != TokenKind::End && t.kind != TokenKind::Error) {
        Token next = tokens.next();
        if (t.is('@') && next.kind == TokenKind::Identifier)
            return found("a decorator", t.start);
        if (isWord(source, t, "using") && bindsNext(next, false) && !isOperatorWord(source, next) &&
            !prev.is('.'))
            return found(isWord(source, prev, "await") ? "an `await using` declaration"
                                                       : "a `using` declaration",
                         t.start);
        if (isWord(source, t, "accessor") && bindsNext(next, true) && !isOperatorWord(source, next))
            return found("an `accessor` class member", t.start);
        prev = t;
        t = next;
    }
    if (t.kind == TokenKind::Error) {
        // Unreadable (a construct the tokenizer does not know, a syntax error;
        // what it read may already be wrong): let esbuild decide when any of the
        // words is present at all. An `@` counts before an identifier and not
        // right after a word or a quote: `@/app/x`, "@scope/pkg" and
        // a@b.example are no decorators.
        size_t best = std::string_view::npos;
        const char *what = nullptr;
        auto consider = [&](size_t at, const char *description) {
            if (at != std::string_view::npos && (best == std::string_view::npos || at < best)) {
                best = at;
                what = description;
            }
        };
        consider(source.find("using"), "a `using` declaration");
        consider(source.find("accessor"), "an `accessor` class member");
        auto wordChar = [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
        };
        for (size_t at = source.find('@'); at != std::string_view::npos;
             at = source.find('@', at + 1)) {
            const bool beforeIdentifier = at + 1 < source.size() && wordChar(source[at + 1]) &&
                                          !std::isdigit(static_cast<unsigned char>(source[at + 1]));
            const char before = at > 0 ? source[at - 1] : ' ';
            if (beforeIdentifier && !wordChar(before) && before != '"' && before != '\'' &&
                before != '`') {
                consider(at, "a decorator");
                break;
            }
        }
        if (what) {
            found(what, int64_t(best));
            need.guessed = true;
        }
    }
    return need;
}

LoweringOptions LoweringOptions::forFile(std::string filename, std::string esbuildPath)
{
    LoweringOptions o;
    std::string_view f = filename;
    if (auto q = f.find('?'); q != std::string_view::npos)
        f = f.substr(0, q);
    auto endsWith = [&](std::string_view suffix) {
        return f.size() >= suffix.size() && f.substr(f.size() - suffix.size()) == suffix;
    };
    o.typescript = endsWith(".ts") || endsWith(".tsx") || endsWith(".mts") || endsWith(".cts");
    const bool appJs =
        (endsWith(".js") || endsWith(".mjs")) && f.find("/node_modules/") == std::string_view::npos;
    o.jsx = endsWith(".tsx") || endsWith(".jsx") || appJs;
    o.filename = std::move(filename);
    o.esbuildPath = std::move(esbuildPath);
    return o;
}

std::string loweringErrorMessage(const std::string &displayPath, std::string_view environment,
                                 const LoweringNeed &need, const LoweringResult &result)
{
    const int line = result.line ? result.line : need.line;
    std::string where = std::to_string(line);
    if (result.column)
        where += ":" + std::to_string(result.column);
    return "Cannot lower " + displayPath + " for V8 10.2 (" + where + ", environment " +
           std::string(environment) + "): " + result.error + "\n  The file " +
           (need.guessed ? "may use " : "uses ") + need.what + " (line " +
           std::to_string(need.line) +
           "), which the engine's V8 10.2 cannot parse, so esbuild (--target=" +
           std::string(kEngineEsbuildTarget) +
           ") rewrites it first. Fix the syntax error above; if the file is valid for "
           "TypeScript 5 / workerd, report it with this message.";
}

namespace {

// `with` / `assert` followed by `{` (a static import's attributes) or `:`
// (the options of import()): the only files worth lexing for attributes.
bool mayHoldImportAttributes(std::string_view code)
{
    for (std::string_view word : {std::string_view("with"), std::string_view("assert")}) {
        for (size_t at = code.find(word); at != std::string_view::npos;
             at = code.find(word, at + 1)) {
            size_t next = at + word.size();
            while (next < code.size() && std::isspace(static_cast<unsigned char>(code[next])))
                ++next;
            if (next < code.size() && (code[next] == '{' || code[next] == ':'))
                return true;
        }
    }
    return false;
}

} // namespace

std::string withoutImportAttributes(std::string code)
{
    if (!mayHoldImportAttributes(code))
        return code;
    const LexedModule lexed = lexModule(code);
    if (!lexed.ok)
        return code; // finishModule reports the parse error
    for (const ImportSpan &imp : lexed.imports)
        if (imp.a >= 0)
            return blankImportAttributes(code, lexed);
    return code;
}

namespace {

// The flags both ways of running esbuild share: CLI-style, as esbuild's JS
// API sends them to its service too.
std::vector<std::string> transformFlags(const LoweringOptions &options)
{
    const char *loader =
        options.typescript ? (options.jsx ? "tsx" : "ts") : (options.jsx ? "jsx" : "js");
    std::vector<std::string> flags{"--format=esm",
                                   std::string("--loader=") + loader,
                                   "--target=" + options.target,
                                   "--sourcefile=" + options.filename,
                                   "--sources-content=true",
                                   "--legal-comments=inline"};
    if (options.jsx) {
        flags.push_back("--jsx=automatic");
        flags.push_back("--jsx-import-source=" + options.jsxImportSource);
        if (options.jsxDev)
            flags.push_back("--jsx-dev");
    }
    if (options.typescript || options.experimentalDecorators) {
        // Only what matters for the syntax: decorators' flavour. Class fields
        // keep their [[Define]] semantics, as sucrase leaves them.
        flags.push_back(
            std::string("--tsconfig-raw={\"compilerOptions\":{\"useDefineForClassFields\":true") +
            (options.experimentalDecorators ? ",\"experimentalDecorators\":true" : "") + "}}");
    }
    return flags;
}

} // namespace

LoweringResult lowerSyntax(std::string_view source, const LoweringOptions &options)
{
    LoweringResult result;
    QElapsedTimer timer;
    timer.start();
    const std::vector<std::string> flags = transformFlags(options);
    if (options.useService) {
        std::vector<std::string> serviceFlags = flags;
        serviceFlags.push_back("--sourcemap=external");
        serviceFlags.push_back("--log-level=silent");
        EsbuildTransformResponse r = EsbuildService::forBinary(options.esbuildPath)
                                         .transform(source, serviceFlags, options.timeoutMs);
        if (r.answered) {
            result.durationMs = double(timer.nsecsElapsed()) / 1e6;
            if (!r.errors.empty()) {
                result.error = r.errors.front().text;
                result.line = r.errors.front().line;
                result.column = r.errors.front().line ? r.errors.front().column + 1 : 0;
                return result;
            }
            result.code = std::move(r.code);
            result.sourceMapJson = std::move(r.map);
            result.ok = true;
            return result;
        }
        // The service could not answer (missing, died): one CLI run instead.
    }
    QStringList args;
    for (const std::string &f : flags)
        args << QString::fromStdString(f);
    args << QStringLiteral("--sourcemap=inline") << QStringLiteral("--color=false")
         << QStringLiteral("--log-level=error");
    QProcess process;
    process.start(QString::fromStdString(options.esbuildPath), args);
    if (!process.waitForStarted(10000)) {
        result.error = "could not start esbuild at '" + options.esbuildPath +
                       "': " + process.errorString().toStdString();
        return result;
    }
    process.write(source.data(), qint64(source.size()));
    process.closeWriteChannel();
    if (!process.waitForFinished(options.timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        result.error = "esbuild did not finish within " + std::to_string(options.timeoutMs) + " ms";
        return result;
    }
    result.durationMs = double(timer.nsecsElapsed()) / 1e6;
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        // "✘ [ERROR] <message>\n\n    <file>:<line>:<col>:\n ..."
        const QString err = QString::fromUtf8(process.readAllStandardError());
        static const QRegularExpression message(QStringLiteral("\\[ERROR\\] ([^\\n]*)"));
        static const QRegularExpression where(QStringLiteral("\\n\\s+\\S.*:(\\d+):(\\d+):\\n"));
        const auto m = message.match(err);
        result.error =
            m.hasMatch() ? m.captured(1).trimmed().toStdString() : err.trimmed().toStdString();
        if (const auto w = where.match(err); w.hasMatch()) {
            result.line = w.captured(1).toInt();
            result.column = w.captured(2).toInt() + 1; // esbuild's columns are 0-based
        }
        if (result.error.empty())
            result.error = "esbuild exited with code " + std::to_string(process.exitCode());
        return result;
    }
    std::string out = process.readAllStandardOutput().toStdString();
    static constexpr std::string_view kMapPrefix =
        "//# sourceMappingURL=data:application/json;base64,";
    if (const size_t at = out.rfind(kMapPrefix); at != std::string::npos) {
        const size_t start = at + kMapPrefix.size();
        size_t end = out.find('\n', start);
        if (end == std::string::npos)
            end = out.size();
        result.sourceMapJson =
            QByteArray::fromBase64(QByteArray(out.data() + start, qsizetype(end - start)))
                .toStdString();
        out.erase(at);
    }
    result.code = std::move(out);
    result.ok = true;
    return result;
}

namespace {

// End (exclusive) of the `{...}` that starts at `open`, skipping strings; npos if unclosed.
size_t braceEnd(std::string_view code, size_t open)
{
    int depth = 0;
    for (size_t i = open; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '"' || c == '\'') {
            for (++i; i < code.size() && code[i] != c; ++i)
                if (code[i] == '\\')
                    ++i;
        } else if (c == '{') {
            ++depth;
        } else if (c == '}' && --depth == 0) {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

void blank(std::string &code, size_t from, size_t to)
{
    for (size_t i = from; i < to && i < code.size(); ++i)
        if (code[i] != '\n' && code[i] != '\r')
            code[i] = ' ';
}

} // namespace

std::string blankImportAttributes(std::string_view code, const LexedModule &lexed)
{
    std::string out(code);
    for (const ImportSpan &imp : lexed.imports) {
        if (imp.a < 0 || size_t(imp.a) >= code.size())
            continue;
        if (imp.kind == ImportKind::Dynamic) {
            // import("x", { with: {...} }): from the comma to the closing paren.
            size_t comma = size_t(imp.a);
            while (comma > 0 && code[comma] != ',')
                --comma;
            size_t close = size_t(imp.a);
            int depth = 0;
            for (; close < code.size(); ++close) {
                const char c = code[close];
                if (c == '(' || c == '{' || c == '[')
                    ++depth;
                else if ((c == ')' || c == '}' || c == ']') && depth-- == 0)
                    break;
            }
            if (code[comma] == ',' && close < code.size() && int64_t(comma) > imp.e - 1)
                blank(out, comma, close);
            continue;
        }
        // Static: the `with` / `assert` keyword before the `{`, then the braces.
        size_t kw = size_t(imp.a);
        while (kw > 0 && (code[kw - 1] == ' ' || code[kw - 1] == '\t' || code[kw - 1] == '\n' ||
                          code[kw - 1] == '\r'))
            --kw;
        size_t start = kw;
        while (start > 0 && std::isalpha(static_cast<unsigned char>(code[start - 1])))
            --start;
        const std::string_view keyword = code.substr(start, kw - start);
        const size_t end = braceEnd(code, size_t(imp.a));
        if ((keyword == "with" || keyword == "assert") && end != std::string_view::npos)
            blank(out, start, end);
    }
    return out;
}

} // namespace sy
