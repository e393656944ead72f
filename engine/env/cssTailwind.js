// Tailwind CSS v4 for the `css` tool (cssTool.js): a stylesheet compiled by
// the app's own @tailwindcss/node and built with the candidates
// @tailwindcss/oxide's Scanner finds, the way Tailwind's own integrations run
// them, in one of two flavors:
//   vite     as @tailwindcss/vite (no PostCSS config names Tailwind): built
//            when the compile found @apply, a JS plugin, theme() or
//            `@tailwind utilities`;
//   postcss  in the place of a PostCSS config's @tailwindcss/postcss (its
//            first plugin, with the options the config gave it): that
//            plugin's bail rule (no Tailwind at-rule, nothing to do), its
//            `base` and `transformAssetUrls` options and its polyfills.
// What is kept per stylesheet between calls, so that an edit costs little:
//   - the compiler: compiled again only when the input CSS or a file the
//     compile loaded (@plugin, @config) changed (as both integrations do);
//   - the Scanner and its candidates, while the compile's sources (@source,
//     source(...), the base) stay the same. When the caller reports the files
//     that changed since its previous call (`changes`), only those are read
//     again (scanFiles); a changed file the Scanner does not know (created,
//     or another file type) or another stylesheet (oxide keeps only the CSS
//     variables of .css files, which scanFiles does not do) rescans with
//     scan(), which reads again only files whose mtime moved. Without reports
//     every build rescans. Candidates accumulate, as in @tailwindcss/vite;
//   - the built CSS, reused when neither the compiler nor the candidates
//     changed;
//   - and for the common edit, a plain rule of the app's own at the end of
//     the stylesheet (`body { ... }` after `@import "tailwindcss"`), no
//     compile at all: the trailing style rules Tailwind passes through
//     untouched (no at-rule, var(), theme function, color-mix(), animation or
//     custom property inside) are not compiled; a marker rule stands in
//     their place and the build's copy of it is replaced with them, which
//     gives the bytes a compile of the whole stylesheet gives. An edit there
//     costs a string replacement instead of a compile (~3-20 ms and the
//     garbage of a design system).
'use strict';

const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const { fail, inRoot, importFrom } = require('./cssToolCommon.js');

// tailwindcss's Features and Polyfills flags
const Features = { AtApply: 1, JsPluginCompat: 4, ThemeFunction: 8, Utilities: 16 };
const Polyfills = { AtProperty: 1, All: 3 };

/// A stylesheet that may use Tailwind (the vite flavor compiles only these).
const TAILWIND_HINT = /@(?:tailwind|apply|theme|utility|variant|custom-variant|source|plugin|config|reference)\b|(?:--theme|--spacing|--alpha|\btheme)\(/;
/// @tailwindcss/postcss's quick bail: without one of these at-rules it leaves
/// the stylesheet alone.
const POSTCSS_AT_RULES = /@(?:import|reference|theme|variant|config|plugin|apply|tailwind)\b/;

// Switchyard keeps its pre-bundles in <app>/.switchyard (Vite keeps them in
// node_modules/.vite, which Tailwind never scans): Tailwind's Scanner must
// not read them as sources (react-dom's bundle alone is megabytes of
// spurious candidates). Every Scanner of this @tailwindcss/oxide excludes the
// folder below each of its bases, also the one @tailwindcss/postcss makes.
function excludeSwitchyardCache(oxide) {
  if (!oxide || oxide.Scanner.switchyardExcludesCache) return oxide;
  const Base = oxide.Scanner;
  class Scanner extends Base {
    constructor(options = {}) {
      const sources = options.sources || [];
      const bases = [...new Set(sources.filter((s) => !s.negated).map((s) => s.base))];
      super({ ...options, sources: [...sources, ...bases.map((base) => ({ base, pattern: '.switchyard/**', negated: true }))] });
    }
  }
  Scanner.switchyardExcludesCache = true;
  oxide.Scanner = Scanner;
  return oxide;
}

/// The app's @tailwindcss/oxide, patched (above); null when not installed.
function appOxide(root) {
  try {
    return excludeSwitchyardCache(createRequire(path.join(root, 'package.json'))('@tailwindcss/oxide'));
  } catch {
    return null;
  }
}

/// { node, oxide } as `from` (the app root, or the folder of the package
/// whose dependencies they are: @tailwindcss/postcss) resolves them; null when
/// @tailwindcss/node is not installed.
async function tailwindPackages(root, from) {
  let node;
  try {
    node = await importFrom(from)('@tailwindcss/node');
  } catch (error) {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && /'@tailwindcss\/node'/.test(error.message)) return null;
    throw fail(`cannot load @tailwindcss/node: ${error.message}`, { kind: 'plugin', plugin: '@tailwindcss/node' });
  }
  let oxide = appOxide(root);
  if (!oxide) {
    try {
      const req = createRequire(path.join(from, 'package.json'));
      oxide = excludeSwitchyardCache(createRequire(req.resolve('@tailwindcss/node'))('@tailwindcss/oxide'));
    } catch (error) {
      throw fail(`cannot load @tailwindcss/oxide (Tailwind's scanner; installed with @tailwindcss/vite): ${error.message}`,
        { kind: 'missing-plugin', plugin: '@tailwindcss/oxide' });
    }
  }
  return { node, oxide };
}

function mtimeOf(f) {
  try {
    return fs.statSync(f).mtimeMs;
  } catch {
    return -1;
  }
}
function changedSince(mtimes) {
  for (const [f, t] of mtimes) if (mtimeOf(f) !== t) return true;
  return false;
}

// A style rule Tailwind passes through as it is: nothing Tailwind reads
// (at-rules, its functions, var()s whose theme variables it keeps, keyframes
// it keeps for animations, color-mix() it polyfills, custom properties).
const NOT_PLAIN_VALUE = /var\(|theme\(|--spacing\(|--alpha\(|color-mix\(/i;
function isPlain(node) {
  if (node.type === 'comment') return !node.text.startsWith('!'); // Tailwind hoists /*! */
  if (node.type !== 'rule') return false;
  let plain = true;
  node.walk((n) => {
    if (n.type === 'atrule' || (n.type === 'comment' && n.text.startsWith('!'))) plain = false;
    else if (n.type === 'decl' && (n.prop.startsWith('--') || /^animation/i.test(n.prop) || NOT_PLAIN_VALUE.test(n.value)))
      plain = false;
    return plain ? undefined : false;
  });
  return plain;
}

const TAIL_MARKER = '.switchyard-plain-tail{color:red}';
const TAIL_MARKER_BUILT = /\.switchyard-plain-tail \{\s*color: red;\s*\}\n?/g;

/// `css` (parsed as `ast`, a PostCSS root) as { compiled, tail }: what
/// Tailwind compiles (the marker in place of the plain trailing rules) and
/// those rules' text; tail null when there are none (or nothing before them).
function splitPlainTail(css, ast) {
  const nodes = ast ? ast.nodes : [];
  let k = nodes.length;
  while (k > 0 && isPlain(nodes[k - 1])) --k;
  const at = k < nodes.length && k > 0 ? nodes[k].source?.start?.offset : undefined;
  if (typeof at !== 'number') return { compiled: css, tail: null };
  return { compiled: `${css.slice(0, at)}\n${TAIL_MARKER}\n`, tail: css.slice(at) };
}

function flavorKey(flavor) {
  return flavor.kind === 'postcss' ? `postcss:${flavor.base}:${flavor.transformAssetUrls}` : 'vite';
}

/// Files the caller saw change since its previous call: every stylesheet's
/// Scanner of project `p` reads them on its next build.
function noteChanges(p, files) {
  for (const entry of p.tailwind.values()) {
    if (!entry.scanner) continue;
    for (const f of files) entry.pending.add(f);
    if (entry.pending.size > 5000) entry.session = null; // too many: rescan
  }
}

function scanAll(entry, session) {
  for (const c of entry.scanner.scan()) entry.candidates.add(c);
  entry.files = new Set(entry.scanner.files);
  entry.globs = entry.scanner.globs.map((g) => g.base).filter(Boolean);
  entry.pending.clear();
  entry.session = session;
}

function isBelow(file, dirs) {
  return dirs.some((d) => file.startsWith(d.endsWith('/') ? d : d + '/'));
}

// Brings entry.candidates up to date (see the file comment).
function updateCandidates(entry, { session, changes, inputs }) {
  if (!entry.scanner) return;
  if (!Array.isArray(changes) || entry.session !== session || !entry.files) {
    scanAll(entry, session);
    return;
  }
  if (entry.pending.size === 0) return;
  const changed = [...entry.pending];
  entry.pending.clear();
  const own = new Set(inputs || []);
  const known = [];
  for (const f of changed) {
    const stylesheet = /\.css$/i.test(f);
    // this stylesheet and the files it inlined: compiled, and build() keeps
    // the theme variables its own rules use
    if (stylesheet && own.has(f)) continue;
    if (!stylesheet && entry.files.has(f)) known.push(f);
    else if (isBelow(f, entry.globs)) {
      scanAll(entry, session);
      return;
    }
  }
  if (known.length === 0) return;
  const found = entry.scanner.scanFiles(known.map((file) => ({ file, extension: path.extname(file).slice(1) })));
  for (const c of found) entry.candidates.add(c);
}

/// Tailwind over `css` (stylesheet `file`, @imports inlined; `ast` its
/// PostCSS parse) in `flavor` ({ kind: 'vite' } or { kind: 'postcss', base,
/// transformAssetUrls, packagesFrom }); returns { css, compiled } (compiled:
/// whether this call compiled), or null when Tailwind has nothing to do with
/// this stylesheet. Adds the files the result depends on to `deps`. `call`:
/// { session, changes, inputs } (see the file comment).
async function runTailwind(p, root, file, css, ast, deps, flavor, call) {
  if (flavor.kind === 'postcss' && !POSTCSS_AT_RULES.test(css.replace(/\/\*[\s\S]*?\*\//g, ''))) return null;
  const split = p.wholeCompile ? { compiled: css, tail: null } : splitPlainTail(css, ast);
  const out = await build(p, root, file, split.compiled, deps, flavor, call);
  if (out === null || split.tail === null) return out;
  let found = 0;
  const spliced = out.css.replace(TAIL_MARKER_BUILT, () => (++found, split.tail));
  if (found === 1) return { ...out, css: spliced };
  // this Tailwind prints the marker otherwise: compile the whole stylesheet
  p.wholeCompile = true;
  return runTailwind(p, root, file, css, ast, deps, flavor, call);
}

async function build(p, root, file, css, deps, flavor, call) {
  const key = flavorKey(flavor);
  let entry = p.tailwind.get(file);
  const compiled = !entry || entry.key !== key || entry.css !== css || changedSince(entry.mtimes);
  if (compiled) {
    const from = flavor.packagesFrom || root;
    if (!p.tailwindPackages.has(from)) p.tailwindPackages.set(from, await tailwindPackages(root, from));
    const tw = p.tailwindPackages.get(from);
    if (!tw) {
      if (/@tailwind\b/.test(css))
        throw fail(`${path.basename(file)} uses Tailwind CSS, but neither a PostCSS config naming ` +
          `@tailwindcss/postcss nor @tailwindcss/node (installed with @tailwindcss/vite) was found: ` +
          `install @tailwindcss/vite (npm install -D tailwindcss @tailwindcss/vite) or add ` +
          `@tailwindcss/postcss to postcss.config.mjs`, { kind: 'missing-plugin', plugin: '@tailwindcss/vite', file });
      p.tailwind.set(file, { key, css, compiler: null, mtimes: new Map() });
      return null;
    }
    const compileDeps = new Set();
    const options = {
      base: path.dirname(file), from: file, shouldRewriteUrls: flavor.transformAssetUrls !== false,
      onDependency: (d) => compileDeps.add(d),
    };
    if (flavor.kind === 'postcss')
      options.polyfills = file.endsWith('.module.css') ? Polyfills.All ^ Polyfills.AtProperty : Polyfills.All;
    let compiler;
    try {
      compiler = await inRoot(root, () => tw.node.compile(css, options));
    } catch (error) {
      throw fail(`Tailwind CSS: ${error.message}`, { kind: 'plugin', plugin: 'tailwindcss', file });
    }
    const mtimes = new Map([...compileDeps].map((f) => [f, mtimeOf(f)]));
    const builds = flavor.kind === 'postcss' ? compiler.features !== 0
      : (compiler.features & (Features.AtApply | Features.JsPluginCompat | Features.ThemeFunction | Features.Utilities)) !== 0;
    if (!builds) {
      p.tailwind.set(file, { key, css, compiler: null, mtimes });
      return null;
    }
    let sources;
    if (compiler.root === 'none') sources = [];
    else if (compiler.root === null) sources = [{ base: flavor.base || root, pattern: '**/*', negated: false }];
    else sources = [{ ...compiler.root, negated: false }];
    sources.push(...compiler.sources);
    const sourcesKey = JSON.stringify(sources);
    const next = { key, css, compiler, compileDeps, mtimes, sourcesKey, built: null, builtSize: -1 };
    if (entry && entry.scanner && entry.sourcesKey === sourcesKey && entry.tw === tw) {
      for (const k of ['tw', 'scanner', 'candidates', 'files', 'globs', 'pending', 'session']) next[k] = entry[k];
    } else {
      Object.assign(next, {
        tw, scanner: compiler.features & Features.Utilities ? new tw.oxide.Scanner({ sources }) : null,
        candidates: new Set(), files: null, globs: [], pending: new Set(), session: null,
      });
    }
    entry = next;
    p.tailwind.set(file, entry);
  }
  if (!entry.compiler) return null;
  updateCandidates(entry, call);
  for (const d of entry.compileDeps) deps.add(d);
  if (entry.scanner) {
    for (const f of entry.files) deps.add(f);
    // the folders it scans: a file created below one may add candidates
    // (@tailwindcss/postcss reports them as dir-dependency messages)
    for (const g of entry.globs) deps.add(g);
  }
  if (entry.built === null || entry.builtSize !== entry.candidates.size) {
    try {
      entry.built = entry.compiler.build([...entry.candidates]);
    } catch (error) {
      throw fail(`Tailwind CSS: ${error.message}`, { kind: 'plugin', plugin: 'tailwindcss', file });
    }
    entry.builtSize = entry.candidates.size;
  }
  return { css: entry.built, compiled };
}

module.exports = { TAILWIND_HINT, appOxide, noteChanges, runTailwind };
