// Oracle for tst_import_lexer: prints es-module-lexer's parse result as JSON lines.
//
//   node oracle.mjs <lexer.js> <file-or-dir>...   one line per .js/.mjs file (dirs recursive)
//   node oracle.mjs <lexer.js> --stdin            stdin: JSON array of sources; one line each
//
// Each line: {"file", "imports":[{n,s,e,ss,se,d,a,t}], "exports":[{n,s,e,ln,ls,le}],
// "hasModuleSyntax", "error":null|{"message","idx"}}. Positions are converted from
// UTF-16 indices to UTF-8 byte offsets so they compare with the C++ lexer's.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [lexerPath, ...args] = process.argv.slice(2);
const { init, parse } = await import(pathToFileURL(lexerPath).href);
await init;

function byteMapper(source) {
    if (!/[^\x00-\x7f]/.test(source)) return (i) => i;
    const map = new Int32Array(source.length + 1);
    let b = 0;
    for (let i = 0; i < source.length; i++) {
        map[i] = b;
        const c = source.charCodeAt(i);
        if (c < 0x80) b += 1;
        else if (c < 0x800) b += 2;
        else if (c >= 0xd800 && c <= 0xdbff && i + 1 < source.length &&
                 (source.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
            map[i + 1] = b + 2; // middle of a pair (never a token boundary)
            b += 4;
            i++;
        } else b += 3;
    }
    map[source.length] = b;
    return (i) => (i < 0 ? i : map[i]);
}

function lex(source) {
    const B = byteMapper(source);
    try {
        const [imports, exports, , hasModuleSyntax] = parse(source);
        return {
            imports: imports.map((i) => ({
                n: i.n === undefined ? null : i.n, t: i.t, s: B(i.s), e: B(i.e), ss: B(i.ss),
                se: B(i.se), d: i.d >= 0 ? B(i.d) : i.d, a: B(i.a),
            })),
            exports: exports.map((x) => ({
                n: x.n, s: B(x.s), e: B(x.e), ln: x.ln === undefined ? null : x.ln,
                ls: B(x.ls), le: B(x.le),
            })),
            hasModuleSyntax, error: null,
        };
    } catch (err) {
        return { imports: [], exports: [], hasModuleSyntax: false,
                 error: { message: String(err.message), idx: err.idx === undefined ? -1 : B(err.idx) } };
    }
}

function collect(p, out) {
    const st = statSync(p);
    if (st.isDirectory()) {
        for (const name of readdirSync(p).sort()) collect(join(p, name), out);
    } else if (p.endsWith('.js') || p.endsWith('.mjs')) {
        out.push(p);
    }
}

const lines = [];
if (args[0] === '--stdin') {
    const sources = JSON.parse(readFileSync(0, 'utf8'));
    for (const src of sources) lines.push(JSON.stringify({ file: null, ...lex(src) }));
} else {
    const files = [];
    for (const a of args) collect(a, files);
    for (const f of files) lines.push(JSON.stringify({ file: f, ...lex(readFileSync(f, 'utf8')) }));
}
process.stdout.write(lines.join('\n') + '\n');
