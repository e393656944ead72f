// lightningcss vs esbuild's CSS loader on the same inputs: ms per file and
// whether CSS modules (composes, :global) and nesting come out right, with
// names an ssr and a client environment would agree on.
// Run: node bench/css/transformers.mjs   (uses tools/js/node_modules)
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const tools = path.resolve(here, '../../tools/js');
const require = createRequire(path.join(tools, 'package.json'));
const lightningcss = require('lightningcss');
const esbuild = require('esbuild');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-css-bench-'));
const files = {
  'Button.module.css': `.button { color: red; &:hover { color: blue } & .icon { width: 1em } }
.primary { composes: button; composes: shared from "./shared.module.css"; background: navy }
:global(.dark) .button { color: white }
.plain { margin: 0 }
`,
  'shared.module.css': '.shared { padding: 4px }\n',
  'plain.css': `.card { color: red; & .title { font-weight: 700 } &:hover { color: blue } }
@media (min-width: 600px) { .card { padding: 2rem } }
`,
};
for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
// a big real stylesheet: Tailwind's preflight + theme, 20 copies
const tw = path.resolve(here, '../../examples/realworld/node_modules/tailwindcss');
const big = fs.existsSync(tw)
  ? (fs.readFileSync(path.join(tw, 'preflight.css'), 'utf8') + fs.readFileSync(path.join(tw, 'theme.css'), 'utf8')).repeat(20)
  : files['plain.css'].repeat(2000);
fs.writeFileSync(path.join(dir, 'big.css'), big);

const targets = { chrome: 102 << 16, edge: 107 << 16, firefox: 104 << 16, safari: 16 << 16 };
const lc = (name, module) => {
  const out = lightningcss.transform({
    filename: name, code: fs.readFileSync(path.join(dir, name)), targets, errorRecovery: true,
    cssModules: module ? { pattern: '_[local]_[hash]', dashedIdents: false } : false,
  });
  return { css: out.code.toString(), exports: out.exports };
};
// esbuild gives a CSS module's class map only to the JS that imports it: a
// bundle of `export * from "./x.module.css"` (what Vite would need per module)
const es = async (name, module) => {
  if (!module) {
    const r = await esbuild.transform(fs.readFileSync(path.join(dir, name), 'utf8'),
      { loader: 'css', target: ['chrome102', 'edge107', 'firefox104', 'safari16'] });
    return { css: r.code };
  }
  const r = await esbuild.build({
    stdin: { contents: `export * as m from "./${name}";`, resolveDir: dir, loader: 'js' },
    bundle: true, write: false, format: 'esm', outdir: dir, logLevel: 'silent',
    target: ['chrome102', 'edge107', 'firefox104', 'safari16'],
  });
  const css = r.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  const js = r.outputFiles.find((f) => f.path.endsWith('.js')).text;
  return { css, js };
};

async function time(fn, n) {
  for (let i = 0; i < 5; i++) await fn(); // warm
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - t0) / n;
}

const rows = [];
for (const [name, module, n] of [['plain.css', false, 300], ['Button.module.css', true, 300], ['big.css', false, 20]]) {
  rows.push({
    file: name, bytes: fs.statSync(path.join(dir, name)).size,
    lightningcss_ms: +(await time(() => lc(name, module), n)).toFixed(3),
    esbuild_ms: +(await time(() => es(name, module), n)).toFixed(3),
  });
}
console.table(rows);

const l = lc('Button.module.css', true);
const e = await es('Button.module.css', true);
const lcNames = Object.fromEntries(Object.entries(l.exports).map(([k, v]) =>
  [k, [v.name, ...v.composes.map((c) => (c.type === 'dependency' ? `${c.name} from ${c.specifier}` : c.name))].join(' ')]));
console.log('lightningcss exports:', lcNames);
console.log('lightningcss nesting lowered:', !/&/.test(l.css), '| :global kept:', /\.dark\s+\._button_/.test(l.css));
console.log('esbuild bundle JS (class map):\n' + e.js.split('\n').filter((x) => /:|=/.test(x)).slice(0, 12).join('\n'));
console.log('esbuild nesting lowered:', !/&/.test(e.css), '| :global kept:', /\.dark\s+\./.test(e.css));
// stability: the same file bundled from another entry (another environment)
const e2 = await esbuild.build({
  stdin: { contents: `import "./plain.css"; export * as m from "./Button.module.css";`, resolveDir: dir, loader: 'js' },
  bundle: true, write: false, format: 'esm', outdir: dir, logLevel: 'silent',
});
const names = (js) => [...js.matchAll(/"?(\w+)"?: \(\) => (\w+)|(\w+) = "([^"]+)"/g)].map((m) => m[4]).filter(Boolean).join(' ');
console.log('esbuild names, entry A:', names(e.js));
console.log('esbuild names, entry B:', names(e2.outputFiles.find((f) => f.path.endsWith('.js')).text));
fs.rmSync(dir, { recursive: true, force: true });
