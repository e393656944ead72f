#include "lex/importLexer.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace sy;

namespace {

QString slice(std::string_view src, int64_t a, int64_t b)
{
    if (a < 0 || b < a || b > static_cast<int64_t>(src.size()))
        return QStringLiteral("<%1,%2>").arg(a).arg(b);
    return QString::fromUtf8(src.data() + a, static_cast<qsizetype>(b - a));
}

/// Compact description of a lex result, positions shown as the source text they cover.
QStringList describe(std::string_view src)
{
    const LexedModule m = lexModule(src);
    QStringList out;
    for (const Directive &d : m.directives)
        out << QStringLiteral("D %1").arg(QString::fromStdString(d.value));
    for (const ImportSpan &i : m.imports) {
        QString line;
        switch (i.kind) {
        case ImportKind::Static:
            line = QStringLiteral("S %1 | %2")
                       .arg(QString::fromStdString(i.specifier), slice(src, i.ss, i.se));
            break;
        case ImportKind::ExportFrom:
            line = QStringLiteral("X %1 | %2")
                       .arg(QString::fromStdString(i.specifier), slice(src, i.ss, i.se));
            break;
        case ImportKind::Dynamic:
            line = QStringLiteral("I %1 | %2 | %3")
                       .arg(i.isLiteral ? QString::fromStdString(i.specifier) : QStringLiteral("?"),
                            slice(src, i.s, i.e),
                            i.se < 0 ? QStringLiteral("<open>") : slice(src, i.ss, i.se));
            if (i.d >= 0 && src[static_cast<size_t>(i.d)] != '(')
                line += QStringLiteral(" BAD-D");
            break;
        case ImportKind::ImportMeta:
            line = QStringLiteral("M %1").arg(slice(src, i.s, i.e));
            break;
        }
        if (i.a >= 0)
            line += QStringLiteral(" | a=") + slice(src, i.a, i.se);
        out << line;
    }
    for (const ExportSpan &e : m.exports) {
        QString line =
            QStringLiteral("E %1=%2").arg(QString::fromStdString(e.name), slice(src, e.s, e.e));
        if (e.ls >= 0)
            line += QStringLiteral(" <- %1=%2")
                        .arg(QString::fromStdString(e.localName), slice(src, e.ls, e.le));
        out << line;
    }
    if (!m.ok)
        out << QStringLiteral("ERR %1:%2 %3")
                   .arg(m.line)
                   .arg(m.column)
                   .arg(QString::fromStdString(m.error));
    return out;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString lexerJs()
{
    return QStringLiteral(SY_TOOLS_JS_DIR "/node_modules/es-module-lexer/dist/lexer.js");
}

/// Runs oracle.mjs; returns one JSON object per line.
QList<QJsonObject> runOracle(const QStringList &args, const QByteArray &stdinData = {})
{
    QProcess p;
    p.setProgram(QStringLiteral(SY_NODE_EXECUTABLE));
    p.setArguments(QStringList{QStringLiteral(SY_LEX_ORACLE), lexerJs()} + args);
    p.start();
    if (!p.waitForStarted(10000))
        return {};
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    QByteArray data;
    while (p.state() != QProcess::NotRunning) {
        p.waitForReadyRead(60000);
        data += p.readAllStandardOutput();
    }
    data += p.readAllStandardOutput();
    if (p.exitCode() != 0)
        qWarning().noquote() << p.readAllStandardError();
    QList<QJsonObject> out;
    for (const QByteArray &line : data.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        out << QJsonDocument::fromJson(line).object();
    }
    return out;
}

bool inExportDeclaration(std::string_view src, int64_t pos)
{
    // Nearest preceding `export` keyword followed by var/let/const.
    const size_t at = src.rfind("export", static_cast<size_t>(pos));
    if (at == std::string_view::npos)
        return false;
    size_t i = at + 6;
    while (i < src.size() && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r'))
        i++;
    for (std::string_view kw : {"var", "let", "const"})
        if (src.substr(i, kw.size()) == kw && i + kw.size() < src.size() &&
            !std::isalnum(static_cast<unsigned char>(src[i + kw.size()])))
            return true;
    return false;
}

struct CompareStats {
    int files = 0;
    int imports = 0;
    int exports = 0;
    int bothRejected = 0;
    int declarationDifferences = 0; // files where we find more names in export var/let/const
    QStringList mismatches;
};

/// Compares our result with es-module-lexer's JSON for one source; records mismatches.
void compareWithOracle(const QString &name, std::string_view src, const QJsonObject &o,
                       CompareStats &st)
{
    st.files++;
    const LexedModule m = lexModule(src);
    const QJsonValue err = o.value(QStringLiteral("error"));
    if (!err.isNull()) {
        if (m.ok)
            st.mismatches << QStringLiteral("%1: es-module-lexer rejects (%2) but we accept")
                                 .arg(name,
                                      err.toObject().value(QStringLiteral("message")).toString());
        else
            st.bothRejected++;
        return;
    }
    if (!m.ok) {
        st.mismatches << QStringLiteral("%1: we reject at %2:%3 (%4), es-module-lexer accepts")
                             .arg(name)
                             .arg(m.line)
                             .arg(m.column)
                             .arg(QString::fromStdString(m.error));
        return;
    }
    const QJsonArray imps = o.value(QStringLiteral("imports")).toArray();
    const qsizetype n = std::max<qsizetype>(imps.size(), static_cast<qsizetype>(m.imports.size()));
    for (qsizetype k = 0; k < n; k++) {
        if (k >= imps.size() || k >= static_cast<qsizetype>(m.imports.size())) {
            st.mismatches << QStringLiteral("%1: import #%2 only in %3 (ours %4, theirs %5)")
                                 .arg(name)
                                 .arg(k)
                                 .arg(k >= imps.size() ? QStringLiteral("ours")
                                                       : QStringLiteral("es-module-lexer"))
                                 .arg(m.imports.size())
                                 .arg(imps.size());
            if (k < static_cast<qsizetype>(m.imports.size()))
                st.mismatches.last() += QStringLiteral(" ours: s=%1 ss=%2 '%3'")
                                            .arg(m.imports[k].s)
                                            .arg(m.imports[k].ss)
                                            .arg(slice(src, m.imports[k].ss, m.imports[k].ss + 40));
            else
                st.mismatches.last() +=
                    QStringLiteral(" theirs: ") +
                    QString::fromUtf8(
                        QJsonDocument(imps[k].toObject()).toJson(QJsonDocument::Compact));
            return;
        }
        const ImportSpan &i = m.imports[static_cast<size_t>(k)];
        const QJsonObject t = imps[k].toObject();
        const int type = t.value(QStringLiteral("t")).toInt();
        ImportKind want = ImportKind::Static;
        if (type == 2 || type == 5 || type == 7)
            want = ImportKind::Dynamic;
        else if (type == 3)
            want = ImportKind::ImportMeta;
        else if (src.substr(static_cast<size_t>(t.value(QStringLiteral("ss")).toInteger()), 6) ==
                 "export")
            want = ImportKind::ExportFrom;
        const QJsonValue nv = t.value(QStringLiteral("n"));
        const bool nameOk =
            nv.isNull() ? !i.isLiteral
                        : (i.isLiteral && nv.toString() == QString::fromStdString(i.specifier));
        const bool same = i.kind == want && nameOk &&
                          i.s == t.value(QStringLiteral("s")).toInteger() &&
                          i.e == t.value(QStringLiteral("e")).toInteger() &&
                          i.ss == t.value(QStringLiteral("ss")).toInteger() &&
                          i.se == t.value(QStringLiteral("se")).toInteger() &&
                          i.d == t.value(QStringLiteral("d")).toInteger() &&
                          i.a == t.value(QStringLiteral("a")).toInteger();
        if (!same) {
            st.mismatches
                << QStringLiteral("%1: import #%2 differs: theirs %3 | ours kind=%4 "
                                  "n=%5 s=%6 e=%7 ss=%8 se=%9 d=%10 a=%11 text='%12'")
                       .arg(name)
                       .arg(k)
                       .arg(QString::fromUtf8(QJsonDocument(t).toJson(QJsonDocument::Compact)))
                       .arg(static_cast<int>(i.kind))
                       .arg(i.isLiteral ? QString::fromStdString(i.specifier)
                                        : QStringLiteral("null"))
                       .arg(i.s)
                       .arg(i.e)
                       .arg(i.ss)
                       .arg(i.se)
                       .arg(i.d)
                       .arg(i.a)
                       .arg(slice(src, i.ss,
                                  std::min<int64_t>(i.ss + 60, static_cast<int64_t>(src.size()))));
            return;
        }
        st.imports++;
    }

    // Exports: identical, except that es-module-lexer stops after the first declarator
    // with an initializer and mis-reads destructuring in `export var/let/const`.
    const QJsonArray exps = o.value(QStringLiteral("exports")).toArray();
    auto key = [](const QString &n, int64_t s, int64_t e, const QString &ln, int64_t ls,
                  int64_t le) {
        return QStringLiteral("%1@%2-%3<-%4@%5-%6").arg(n).arg(s).arg(e).arg(ln).arg(ls).arg(le);
    };
    QStringList theirs, ours;
    QList<int64_t> theirPos, ourPos;
    for (const QJsonValue &v : exps) {
        const QJsonObject x = v.toObject();
        theirs << key(
            x.value(QStringLiteral("n")).toString(), x.value(QStringLiteral("s")).toInteger(),
            x.value(QStringLiteral("e")).toInteger(), x.value(QStringLiteral("ln")).toString(),
            x.value(QStringLiteral("ls")).toInteger(), x.value(QStringLiteral("le")).toInteger());
        theirPos << x.value(QStringLiteral("s")).toInteger();
    }
    for (const ExportSpan &x : m.exports) {
        ours << key(QString::fromStdString(x.name), x.s, x.e, QString::fromStdString(x.localName),
                    x.ls, x.le);
        ourPos << x.s;
    }
    if (theirs == ours) {
        st.exports += static_cast<int>(ours.size());
        return;
    }
    bool explained = true;
    QString first;
    for (qsizetype k = 0; k < theirs.size(); k++)
        if (!ours.contains(theirs[k])) {
            if (!inExportDeclaration(src, theirPos[k]))
                explained = false;
            if (first.isEmpty())
                first = QStringLiteral("only theirs: ") + theirs[k];
        }
    for (qsizetype k = 0; k < ours.size(); k++)
        if (!theirs.contains(ours[k])) {
            if (!inExportDeclaration(src, ourPos[k]))
                explained = false;
            if (first.isEmpty())
                first = QStringLiteral("only ours: ") + ours[k];
        }
    if (first.isEmpty()) {
        explained = false;
        first = QStringLiteral("order differs");
    }
    if (explained) {
        st.declarationDifferences++;
        st.exports += static_cast<int>(ours.size());
        qInfo().noquote() << "declaration-list difference (documented):" << name << first;
    } else {
        st.mismatches << QStringLiteral("%1: exports differ, first: %2").arg(name, first);
    }
}

QStringList corpusDirs()
{
    const QString nm = QStringLiteral(SY_SOURCE_DIR "/examples/hello/node_modules/");
    return {nm + QStringLiteral("react"), nm + QStringLiteral("react-dom"),
            nm + QStringLiteral("react-server-dom-webpack"),
            QStringLiteral(SY_TOOLS_JS_DIR "/node_modules")};
}

} // namespace

class TestImportLexer : public QObject {
    Q_OBJECT
private slots:
    void cases_data();
    void cases();
    void errors_data();
    void errors();
    void positions();
    void casesAgainstOracle();
    void oracleCorpus();
    void oracleExtendedCorpus();
    void truncatedInputs();
    void rejectedLikeOracle();
};

struct Case {
    const char *name;
    const char *source;
    QStringList expected;
};

/// Hand-written cases: name, source, expected describe() output.
QList<Case> handCases()
{
    QList<Case> cases;
    auto row = [&](const char *name, const char *src, QStringList exp) {
        cases.append(Case{name, src, std::move(exp)});
    };

    // static imports
    row("default", "import a from './a.js';", {"S ./a.js | import a from './a.js'"});
    row("side effect", "import \"x\"\nimport 'y'", {"S x | import \"x\"", "S y | import 'y'"});
    row("named+ns", "import a, {b as c, default as d} from 'q'; import * as ns from \"n\"",
        {"S q | import a, {b as c, default as d} from 'q'", "S n | import * as ns from \"n\""});
    row("from named from", "import from from 'f'; import {from} from 'g'",
        {"S f | import from from 'f'", "S g | import {from} from 'g'"});
    row("escapes", "import '\\u0061\\x62\\u{63}\\n.js'",
        {"S abc\n.js | import '\\u0061\\x62\\u{63}\\n.js'"});
    row("attributes", "import j from './a.json' with { type: 'json' }; x",
        {"S ./a.json | import j from './a.json' with { type: 'json' } | a={ type: 'json' }"});
    row("assert", "import j from './a.json' assert { type: 'json' }",
        {"S ./a.json | import j from './a.json' assert { type: 'json' } | a={ type: 'json' }"});
    row("assert call on next line", "import './a'\nassert(x)", {"S ./a | import './a'"});
    row("multiline", "import {\n  a,\n  b, // c\n} from /* here */ 'm'",
        {"S m | import {\n  a,\n  b, // c\n} from /* here */ 'm'"});
    row("incomplete import is an error", "import {a} fr", {"ERR 1:1 malformed import statement"});
    row("source phase", "import source w from './x.wasm'",
        {"S ./x.wasm | import source w from './x.wasm'"});

    // dynamic imports
    row("dynamic literal", "const m = await import('./m.js');",
        {"I ./m.js | './m.js' | import('./m.js')"});
    row("dynamic spaces", "import ( \"./m\" )", {"I ./m | \"./m\" | import ( \"./m\" )"});
    row("dynamic expr", "import(base + '/x.js')",
        {"I ? | base + '/x.js' | import(base + '/x.js')"});
    row("dynamic string+expr", "import('./a' + b)", {"I ? | './a' + b | import('./a' + b)"});
    row("dynamic template", "import(`./${name}.js`)",
        {"I ? | `./${name}.js` | import(`./${name}.js`)"});
    row("dynamic options", "import('./a.json', { with: { type: 'json' } })",
        {"I ./a.json | './a.json' | import('./a.json', { with: { type: 'json' } }) | a={ with: { "
         "type: 'json' } })"});
    row("nested dynamic", "import(import('a'))",
        {"I ? | import('a') | import(import('a'))", "I a | 'a' | import('a')"});
    row("dynamic in function", "function f() { return import('./lazy') }",
        {"I ./lazy | './lazy' | import('./lazy')"});
    row("dynamic in template", "`${import('./t')}`", {"I ./t | './t' | import('./t')"});
    row("property import", "x.import('a'); y?.import('b'); z . import ('c')", {});
    row("method named import", "class A { import(a) { return 1 } }; o = { import() {} }", {});
    row("import as key", "o = { import: 1 }; x = o.import", {});
    row("spread dynamic", "f(...import('./s'))", {"I ./s | './s' | import('./s')"});

    // import.meta
    row("import.meta", "const u = import.meta.url; import.meta.hot?.accept()",
        {"M import.meta", "M import.meta"});
    row("import.meta spaced", "import /* c */ . meta", {"M import /* c */ . meta"});

    // exports
    row("export const list", "export const a = 1, b = 2;", {"E a=a <- a=a", "E b=b <- b=b"});
    row("export let ASI", "export let a = f(x)\nexport let b = [1, 2], c\nconst d = 3",
        {"E a=a <- a=a", "E b=b <- b=b", "E c=c <- c=c"});
    row("export destructuring",
        "export const { a, b: c, d = 1, ...e } = o, [f, , g = [1], ...h] = p",
        {"E a=a <- a=a", "E c=c <- c=c", "E d=d <- d=d", "E e=e <- e=e", "E f=f <- f=f",
         "E g=g <- g=g", "E h=h <- h=h"});
    row("export arrow", "export const f = async (x) => {\n  return x / 2\n}\nexport const g = 1",
        {"E f=f <- f=f", "E g=g <- g=g"});
    row("export var initializer with import", "export const m = import('./m'), n = import.meta.url",
        {"I ./m | './m' | import('./m')", "M import.meta", "E m=m <- m=m", "E n=n <- n=n"});
    row("export function",
        "export function f() {} export async function g() {} export function* h() {}",
        {"E f=f <- f=f", "E g=g <- g=g", "E h=h <- h=h"});
    row("export class", "export class C extends B {}", {"E C=C <- C=C"});
    row("export default expr", "export default { a: 1 }", {"E default=default"});
    row("export default function", "export default function foo() {}",
        {"E default=default <- foo=foo"});
    row("export default anon", "export default function () {}; export default class extends X {}",
        {"E default=default", "E default=default"});
    row("export default async", "export default async function g() {}",
        {"E default=default <- g=g"});
    row("export default class", "export default class Foo {}", {"E default=default <- Foo=Foo"});
    row("export list", "export { a, b as c, d as default, e as 'f g' }",
        {"E a=a <- a=a", "E c=c <- b=b", "E default=default <- d=d", "E f g='f g' <- e=e"});
    row("export from", "export { default } from './d'; export { a as b } from \"./e\"",
        {"X ./d | export { default } from './d'", "X ./e | export { a as b } from \"./e\"",
         "E default=default", "E b=b"});
    row("export star", "export * from 'z'; export * as ns from 'n'",
        {"X z | export * from 'z'", "X n | export * as ns from 'n'", "E ns=ns"});
    row("export from attrs", "export { x } from './x.json' with { type: 'json' }",
        {"X ./x.json | export { x } from './x.json' with { type: 'json' } | a={ type: 'json' }",
         "E x=x"});
    row("export property", "module.export = 1; x.export({})", {});

    // directives
    row("use client", "'use client';\nimport x from 'y'",
        {"D use client", "S y | import x from 'y'"});
    row("directives with comments",
        "#!/usr/bin/env node\n// c\n/* d */ \"use strict\"\n'use server'\nexport async function "
        "a() {}",
        {"D use strict", "D use server", "E a=a <- a=a"});
    row("not a directive", "'use client'.length; 'use server'", {});
    row("directive then expression", "'use client'\n+ 1", {});
    row("late string", "foo(); 'use client'", {});

    // regex vs division
    row("division", "a = b / c / d; import('x')", {"I x | 'x' | import('x')"});
    row("regex quote", "x = /'/; import('x')", {"I x | 'x' | import('x')"});
    row("regex after paren keyword", "if (a) /'/.test(b); import('q')",
        {"I q | 'q' | import('q')"});
    row("division after call", "f(a) / 2; g('x') / 1; import('q')", {"I q | 'q' | import('q')"});
    row("regex class", "x = /[/']/g; import('q')", {"I q | 'q' | import('q')"});
    row("regex after block", "{}\n/'/.test(x); import('q')", {"I q | 'q' | import('q')"});
    row("division after object", "x = {} / 1; y = '/'; import('q')", {"I q | 'q' | import('q')"});
    row("regex after return", "function f() { return /'/ } import('q')",
        {"I q | 'q' | import('q')"});
    row("division after property return", "a.return / 2 / 'x'; import('q')",
        {"I q | 'q' | import('q')"});
    row("regex after arrow", "f = x => /'/.test(x); import('q')", {"I q | 'q' | import('q')"});
    row("postfix", "a++ / 2 / 'x'; import('q')", {"I q | 'q' | import('q')"});
    row("regex after function body", "function f() {}\n/'/g.exec(s); import('q')",
        {"I q | 'q' | import('q')"});
    row("regex after class body", "class A {}\n/'/g.exec(s); import('q')",
        {"I q | 'q' | import('q')"});
    row("regex after typeof", "typeof /'/; import('q')", {"I q | 'q' | import('q')"});
    row("division after number", "x = 1./2; y = .5/2/'x'; import('q')",
        {"I q | 'q' | import('q')"});
    row("regex in template expr", "`${/`/.source}`; import('q')", {"I q | 'q' | import('q')"});
    row("division after template", "`a` / 2 / '`'; import('q')", {"I q | 'q' | import('q')"});

    // strings, templates, comments
    row("strings hide imports", "x; 'import(\"a\")'; \"import 'b'\"; `import('c')`", {});
    row("comments hide imports", "// import 'a'\n/* import('b') */", {});
    row("nested templates", "`a${`b${`c${import('d')}`}`}` + `${'}'}`",
        {"I d | 'd' | import('d')"});
    row("escaped backtick", "`\\`${import('e')}\\``", {"I e | 'e' | import('e')"});

    // JSX compiled by sucrase / esbuild
    row("sucrase jsx",
        "const _jsxFileName = \"/src/App.tsx\";import {jsxDEV as _jsxDEV} from "
        "\"react/jsx-dev-runtime\";\n"
        "export default function App() { return _jsxDEV('div', { children: [\"a/b\", /x/.test(s) "
        "&& 1] }, void 0, false, {fileName: _jsxFileName, lineNumber: 3}, this); }",
        {"S react/jsx-dev-runtime | import {jsxDEV as _jsxDEV} from \"react/jsx-dev-runtime\"",
         "E default=default <- App=App"});
    row("esbuild jsx",
        "import { jsx } from \"react/jsx-runtime\";\nfunction Page() {\n  return /* @__PURE__ */ "
        "jsx(\"a\", { href: \"/x\", children: \"1/2\" });\n}\nexport {\n  Page as default\n};",
        {"S react/jsx-runtime | import { jsx } from \"react/jsx-runtime\"",
         "E default=default <- Page=Page"});

    row("hashbang", "#!/usr/bin/env node\nimport 'a'", {"S a | import 'a'"});
    row("utf8", "const s = 'é'; import('ü/ö')", {"I ü/ö | 'ü/ö' | import('ü/ö')"});
    return cases;
}

void TestImportLexer::cases_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("expected");
    for (const Case &c : handCases())
        QTest::newRow(c.name) << QString::fromUtf8(c.source) << c.expected;
}

void TestImportLexer::cases()
{
    QFETCH(QString, source);
    QFETCH(QStringList, expected);
    const QByteArray utf8 = source.toUtf8();
    const QStringList got = describe(std::string_view(utf8.constData(), utf8.size()));
    if (got != expected) {
        qWarning().noquote() << "got:\n  " + got.join(QStringLiteral("\n  "));
        qWarning().noquote() << "expected:\n  " + expected.join(QStringLiteral("\n  "));
    }
    QCOMPARE(got, expected);
}

void TestImportLexer::errors_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("string") << QStringLiteral("import a from 'x';\nconst s = 'abc\n") << 29 << 2
                            << 11;
    QTest::newRow("template") << QStringLiteral("x;\n`abc ${d}") << 3 << 2 << 1;
    QTest::newRow("template subst") << QStringLiteral("`abc ${d") << 0 << 1 << 1;
    QTest::newRow("regex") << QStringLiteral("x = /abc\n/") << 4 << 1 << 5;
    QTest::newRow("comment") << QStringLiteral("a;\n  /* open") << 5 << 2 << 3;
    QTest::newRow("unclosed brace")
        << QStringLiteral("function f() {\n  if (a) {\n}") << 13 << 1 << 14;
    QTest::newRow("extra brace") << QStringLiteral("a }") << 2 << 1 << 3;
    QTest::newRow("mismatched") << QStringLiteral("f(a]") << 3 << 1 << 4;
    QTest::newRow("column in code points") << QStringLiteral("'é'; 'ü") << 6 << 1 << 6;
}

void TestImportLexer::errors()
{
    QFETCH(QString, source);
    QFETCH(int, offset);
    QFETCH(int, line);
    QFETCH(int, column);
    const QByteArray utf8 = source.toUtf8();
    const LexedModule m = lexModule(std::string_view(utf8.constData(), utf8.size()));
    QVERIFY(!m.ok);
    QVERIFY(!m.error.empty());
    QCOMPARE(m.errorOffset, offset);
    QCOMPARE(m.line, line);
    QCOMPARE(m.column, column);
}

void TestImportLexer::positions()
{
    const std::string_view src = "import a from 'x' with {t:1}; import('y', {}); import.meta";
    const LexedModule m = lexModule(src);
    QVERIFY(m.ok);
    QVERIFY(m.hasModuleSyntax);
    QCOMPARE(m.imports.size(), size_t(3));
    const ImportSpan &s = m.imports[0];
    QCOMPARE(s.d, -1);
    QCOMPARE(s.s, 15);
    QCOMPARE(s.e, 16);
    QCOMPARE(s.ss, 0);
    QCOMPARE(s.a, 23);
    QCOMPARE(s.se, 28);
    const ImportSpan &d = m.imports[1];
    QCOMPARE(d.ss, 30);
    QCOMPARE(d.d, 36);
    QCOMPARE(d.s, 37);
    QCOMPARE(d.e, 40);
    QCOMPARE(d.a, 42);
    QCOMPARE(d.se, 45);
    QCOMPARE(m.imports[2].d, -2);
    QVERIFY(!lexModule("import('x')").hasModuleSyntax);
    QVERIFY(lexModule("\"use client\"\nexport const a = 1").hasDirective("use client"));
    QVERIFY(!lexModule("\"use client\"\nexport const a = 1").hasDirective("use server"));
}

/// Every hand-written snippet also goes through es-module-lexer; positions must agree
/// except for the documented export-declaration differences.
void TestImportLexer::casesAgainstOracle()
{
    const QList<Case> cases = handCases();
    QJsonArray sources;
    for (const Case &c : cases)
        sources.append(QString::fromUtf8(c.source));
    const QList<QJsonObject> results = runOracle(
        {QStringLiteral("--stdin")}, QJsonDocument(sources).toJson(QJsonDocument::Compact));
    QCOMPARE(results.size(), cases.size());
    // Cases where es-module-lexer 1.7.0 is wrong and we are deliberately right.
    const QSet<QString> knownDifferences = {
        QStringLiteral("spread dynamic"),      // it skips `import` after any '.', even `...`
        QStringLiteral("export default anon"), // it reports local name "extends"
        QStringLiteral("regex after block"),   // it rejects a regex after a leading block
    };
    CompareStats st;
    for (qsizetype k = 0; k < cases.size(); k++) {
        if (knownDifferences.contains(QString::fromUtf8(cases[k].name)))
            continue;
        const std::string_view src = cases[k].source;
        compareWithOracle(QString::fromUtf8(cases[k].name), src, results[k], st);
    }
    qInfo().noquote() << QStringLiteral("hand cases vs es-module-lexer: %1 compared, %2 "
                                        "declaration differences, %3 mismatches")
                             .arg(st.files)
                             .arg(st.declarationDifferences)
                             .arg(st.mismatches.size());
    for (const QString &mm : std::as_const(st.mismatches))
        qWarning().noquote() << mm;
    QVERIFY(st.mismatches.isEmpty());
}

void TestImportLexer::oracleCorpus()
{
    const QList<QJsonObject> results = runOracle(corpusDirs());
    QVERIFY2(results.size() > 200, "oracle produced too few results");
    CompareStats st;
    for (const QJsonObject &o : results) {
        const QString file = o.value(QStringLiteral("file")).toString();
        const QByteArray src = readAll(file);
        compareWithOracle(file, std::string_view(src.constData(), src.size()), o, st);
    }
    qInfo().noquote() << QStringLiteral("oracle corpus: %1 files compared, %2 imports, %3 exports "
                                        "matched, %4 rejected by both, %5 documented declaration "
                                        "differences, %6 mismatches")
                             .arg(st.files)
                             .arg(st.imports)
                             .arg(st.exports)
                             .arg(st.bothRejected)
                             .arg(st.declarationDifferences)
                             .arg(st.mismatches.size());
    for (const QString &mm : std::as_const(st.mismatches).mid(0, 20))
        qWarning().noquote() << mm;
    QVERIFY(st.mismatches.isEmpty());
}

void TestImportLexer::oracleExtendedCorpus()
{
    // SY_LEX_EXTRA_CORPUS: more directories (':'-separated) to compare, e.g. /usr/lib/node_modules
    QStringList dirs{QStringLiteral(SY_SOURCE_DIR "/examples/hello/node_modules")};
    dirs += qEnvironmentVariable("SY_LEX_EXTRA_CORPUS").split(QLatin1Char(':'), Qt::SkipEmptyParts);
    const QList<QJsonObject> results = runOracle(dirs);
    if (results.isEmpty())
        QSKIP("no extended corpus");
    CompareStats st;
    for (const QJsonObject &o : results) {
        const QString file = o.value(QStringLiteral("file")).toString();
        const QByteArray src = readAll(file);
        compareWithOracle(file, std::string_view(src.constData(), src.size()), o, st);
    }
    qInfo().noquote() << QStringLiteral(
                             "extended corpus (all of examples/hello/node_modules + extra): %1 "
                             "files, %2 imports, %3 exports matched, %4 rejected by "
                             "both, %5 declaration differences, %6 mismatches")
                             .arg(st.files)
                             .arg(st.imports)
                             .arg(st.exports)
                             .arg(st.bothRejected)
                             .arg(st.declarationDifferences)
                             .arg(st.mismatches.size());
    for (const QString &mm : std::as_const(st.mismatches).mid(0, 20))
        qWarning().noquote() << mm;
    QVERIFY(st.mismatches.isEmpty());
}

/// Every prefix cut of real files must lex without crashing; errors stay in range.
void TestImportLexer::truncatedInputs()
{
    int lexed = 0, failed = 0;
    for (const QString &dir : corpusDirs()) {
        QDirIterator it(dir, {QStringLiteral("*.js"), QStringLiteral("*.mjs")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QByteArray src = readAll(it.next());
            const qsizetype step = std::max<qsizetype>(1, src.size() / 37);
            for (qsizetype cut = 0; cut < src.size(); cut += step) {
                const LexedModule m = lexModule(std::string_view(src.constData(), cut));
                lexed++;
                if (!m.ok) {
                    failed++;
                    QVERIFY(m.errorOffset >= 0 && m.errorOffset <= cut);
                    QVERIFY(m.line >= 1 && m.column >= 1);
                }
                for (const ImportSpan &i : m.imports)
                    QVERIFY(i.ss >= 0 && i.ss <= cut && i.se <= cut);
            }
        }
    }
    qInfo().noquote() << QStringLiteral("truncated inputs: %1 lexed, %2 reported an error")
                             .arg(lexed)
                             .arg(failed);
}

/// Malformed inputs (error cases and truncated real files): whenever es-module-lexer
/// rejects a source we must report an error too, and vice versa.
void TestImportLexer::rejectedLikeOracle()
{
    QList<QByteArray> sources;
    for (const char *e : {"const s = 'abc\n", "`abc ${d}", "x = /abc\n/", "a;\n /* open",
                          "function f() {\n if (a) {\n}", "a }", "f(a)) + 1"})
        sources << QByteArray(e);
    QStringList files;
    QDirIterator it(QStringLiteral(SY_TOOLS_JS_DIR "/node_modules/sucrase/dist/esm"),
                    {QStringLiteral("*.js")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext() && files.size() < 25)
        files << it.next();
    files.sort();
    for (const QString &f : std::as_const(files)) {
        const QByteArray src = readAll(f);
        for (int k = 1; k < 20; k++)
            sources << src.left(src.size() * k / 20);
    }
    QJsonArray arr;
    for (const QByteArray &s : std::as_const(sources))
        arr.append(QString::fromUtf8(s));
    const QList<QJsonObject> results =
        runOracle({QStringLiteral("--stdin")}, QJsonDocument(arr).toJson(QJsonDocument::Compact));
    QCOMPARE(results.size(), sources.size());
    int bothRejected = 0, bothAccepted = 0, stricter = 0;
    QStringList diffs;
    for (qsizetype k = 0; k < sources.size(); k++) {
        const QByteArray &s = sources[k];
        const LexedModule m = lexModule(std::string_view(s.constData(), s.size()));
        const bool theyReject = !results[k].value(QStringLiteral("error")).isNull();
        if (theyReject && !m.ok)
            bothRejected++;
        else if (!theyReject && m.ok)
            bothAccepted++;
        else if (!theyReject && (m.error == "unterminated comment" || m.error == "unclosed '['"))
            stricter++; // es-module-lexer ignores both (documented)
        else
            diffs << QStringLiteral("#%1 (%2 bytes, ends '%3'): es-module-lexer %4, ours %5")
                         .arg(k)
                         .arg(s.size())
                         .arg(QString::fromUtf8(s.right(30))
                                  .replace(QLatin1Char('\n'), QLatin1Char(' ')))
                         .arg(theyReject ? QStringLiteral("rejects") : QStringLiteral("accepts"))
                         .arg(m.ok ? QStringLiteral("accepts") : QString::fromStdString(m.error));
    }
    qInfo().noquote() << QStringLiteral("malformed inputs: %1 rejected by both, %2 accepted by "
                                        "both, %3 rejected only by us (unterminated comment or "
                                        "unclosed '['), %4 differ")
                             .arg(bothRejected)
                             .arg(bothAccepted)
                             .arg(stricter)
                             .arg(diffs.size());
    for (const QString &d : std::as_const(diffs))
        qWarning().noquote() << d;
    QVERIFY(diffs.isEmpty());
}

QTEST_GUILESS_MAIN(TestImportLexer)
#include "tst_import_lexer.moc"
