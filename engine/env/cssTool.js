// The `css` tool of the tool host (engine/js/toolHost.h), called by
// engine/env/cssProcessor.cpp after it inlined @imports and rebased url()s.
// Runs, like Vite's vite:css plugin after postcss-import:
//   1. the project's PostCSS config (postcss-load-config, plugins resolved
//      from the app), or else Tailwind CSS v4 natively the way @tailwindcss/vite
//      does (@tailwindcss/node compile() + @tailwindcss/oxide Scanner), or else
//      a PostCSS parse (syntax errors as Vite reports them);
//   2. lightningcss: CSS modules (hashed names + exports) and syntax lowering
//      (nesting) for the browsers Vite targets.
// Functions take and return JSON; errors are thrown as Errors with
// { kind, file, line, column, plugin, configFile } fields.
'use strict';

const fs = require('fs');
const path = require('path');
const Module = require('module');
const { createRequire } = Module;

const postcss = require('postcss');
const lightningcss = require('lightningcss');

// import() as if written in a file of `dir`: ES module resolution (the
// "import" condition) from there. Tailwind 4's CommonJS builds require() the
// ES-only magic-string, which Node 18 (libnode) cannot do; their ES builds
// load fine.
const importers = new Map();
function importFrom(dir) {
  let f = importers.get(dir);
  if (!f) {
    const filename = path.join(dir, '.switchyard-import.cjs'); // never written
    const m = new Module(filename, null);
    m.filename = filename;
    m.paths = Module._nodeModulePaths(dir);
    m._compile('module.exports = (specifier) => import(specifier);', filename);
    f = m.exports;
    importers.set(dir, f);
  }
  return f;
}

// postcss-load-config loads a plugin named in a config object with
// createRequire(config).resolve(name) (the CommonJS entry) + import(). We give
// it ES module resolution from the config's folder instead (above); the
// config file itself (an absolute path) still goes through its own loader.
const reqPath = require.resolve('postcss-load-config/src/req.js');
const originalReq = require(reqPath);
require.cache[reqPath].exports = async function req(name, rootFile) {
  if (path.isAbsolute(name) && /\.[mc]?ts$/.test(name)) return importTypeScript(name);
  if (path.isAbsolute(name) || !rootFile) return originalReq(name, rootFile);
  const mod = await importFrom(path.dirname(rootFile))(name);
  return mod.default;
};

// A TypeScript config (postcss.config.ts/.mts/.cts): Node 18 cannot import
// it, and postcss-load-config's fallbacks (tsx, jiti) are not tools of ours.
// Like Vite with vite.config.ts: the types are stripped (sucrase) into a
// temporary file next to it, which is imported (so its own imports resolve
// from the config's folder) and removed.
async function importTypeScript(file) {
  const sucrase = require('sucrase');
  const source = fs.readFileSync(file, 'utf8');
  const { code } = sucrase.transform(source, { transforms: ['typescript'], filePath: file });
  const commonjs = file.endsWith('.cts') ||
    (/\bmodule\.exports\b|\bexports\.\w+\s*=/.test(code) && !/^\s*(import|export)\b/m.test(code));
  const tmp = `${file}.timestamp-${Date.now()}-${Math.random().toString(16).slice(2, 8)}.${commonjs ? 'cjs' : 'mjs'}`;
  fs.writeFileSync(tmp, code);
  try {
    const mod = await import(require('url').pathToFileURL(tmp).href);
    return mod.default;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
const postcssrc = require('postcss-load-config');

// Vite 7's default build.cssTarget ('baseline-widely-available': chrome107,
// edge107, firefox104, safari16), with Chrome lowered to 102: the Chromium of
// Qt WebEngine, which shows the dashboard's preview. Both lack CSS nesting.
const targets = { chrome: 102 << 16, edge: 107 << 16, firefox: 104 << 16, safari: 16 << 16 };

const projects = new Map(); // root -> { postcss: Promise<config|null>, tailwind: Map }

function project(root) {
  let p = projects.get(root);
  if (!p) {
    p = { postcss: null, tailwind: new Map() };
    projects.set(root, p);
  }
  return p;
}

function fail(message, fields) {
  const e = new Error(message);
  Object.assign(e, fields);
  return e;
}

// Runs `fn` with process.cwd() answering `root`: plugins read it as their
// base (@tailwindcss/postcss: `opts.base ?? process.cwd()`), as they would in
// a Vite process started in the app. Calls are serialized (below), so no
// other call sees the override.
async function inRoot(root, fn) {
  const realCwd = process.cwd;
  process.cwd = () => root;
  try {
    return await fn();
  } finally {
    process.cwd = realCwd;
  }
}

// A plugin that is not installed: postcss-load-config says "Loading PostCSS
// Plugin failed: Cannot find module 'x'", an ES config that imports it says
// "Cannot find package 'x' imported from ...".
function missingPlugin(error, configFile) {
  const text = String(error && error.message);
  const m = /Cannot find (?:module|package) '([^']+)'/.exec(text);
  if (!m) return null;
  let name = m[1];
  if (name.startsWith('/') || name.startsWith('.')) return null;
  const parts = name.split('/');
  name = name.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const base = path.basename(configFile || 'the PostCSS config');
  // only a package the config itself names (not one a plugin failed to find)
  let named = true;
  try {
    named = new RegExp(`['"\`]${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"\`/]`)
      .test(fs.readFileSync(configFile, 'utf8'));
  } catch {}
  if (!named) return null;
  return fail(
    `PostCSS plugin '${name}' named in ${base} is not installed: ` +
      `install it in the app (npm install -D ${name}) or remove it from ${base}`,
    { kind: 'missing-plugin', plugin: name, file: configFile || '', configFile: configFile || '' },
  );
}

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

function appOxide(root) {
  try {
    return excludeSwitchyardCache(createRequire(path.join(root, 'package.json'))('@tailwindcss/oxide'));
  } catch {
    return null; // not installed: nothing to patch
  }
}

async function loadPostcssConfig(root) {
  appOxide(root); // before @tailwindcss/postcss imports it
  try {
    const config = await inRoot(root, () => postcssrc({ env: process.env.NODE_ENV || 'development' }, root, { stopDir: root }));
    const plugins = config.plugins || [];
    // postcss() calls plugin creators marked `postcss: true` (e.g.
    // @tailwindcss/postcss, which reads process.cwd() as its base then): once
    const processor = await inRoot(root, () => postcss(plugins));
    // @tailwindcss/postcss flattens into plugins named "tailwindcss" (as
    // Tailwind 3's PostCSS plugin was named): either means Tailwind runs here
    const namesTailwind = [...plugins, ...processor.plugins].some(
      (p) => p && ['@tailwindcss/postcss', 'tailwindcss'].includes(p.postcssPlugin));
    return { file: config.file, plugins, options: config.options || {}, processor, namesTailwind };
  } catch (error) {
    if (/No PostCSS Config found/.test(String(error && error.message))) return null;
    const file = /\(@([^)]+)\)\s*$/.exec(String(error.message));
    const configFile = file ? file[1] : findConfigFile(root);
    throw missingPlugin(error, configFile) ||
      fail(`cannot load the PostCSS config ${configFile || ''}: ${error.message}`, {
        kind: 'config', file: configFile || '', configFile: configFile || '',
      });
  }
}

function findConfigFile(root) {
  for (const name of ['postcss.config.js', 'postcss.config.cjs', 'postcss.config.mjs',
    'postcss.config.ts', 'postcss.config.mts', 'postcss.config.cts', '.postcssrc',
    '.postcssrc.json', '.postcssrc.js', '.postcssrc.cjs', '.postcssrc.mjs']) {
    const f = path.join(root, name);
    if (fs.existsSync(f)) return f;
  }
  return '';
}

function postcssConfig(root) {
  const p = project(root);
  if (!p.postcss) {
    p.postcss = loadPostcssConfig(root);
    p.postcss.catch(() => { p.postcss = null; }); // a failed load is retried next time
  }
  return p.postcss;
}

function syntaxError(error, extra) {
  return fail(error.reason || error.message, {
    kind: 'syntax', file: error.file || error.input?.file || '', line: error.line || 0,
    column: error.column || 0, plugin: error.plugin || '', ...extra,
  });
}

async function runPostcss(config, css, file, deps) {
  let result;
  try {
    result = await inRoot(path.dirname(config.file), () => config.processor.process(css, {
      ...config.options, from: file, to: file, map: false,
    }));
  } catch (error) {
    if (error && error.name === 'CssSyntaxError') throw syntaxError(error, { configFile: config.file });
    throw missingPlugin(error, config.file) ||
      fail(`PostCSS${error.plugin ? ` plugin ${error.plugin}` : ''} failed: ${error.message}`,
        { kind: 'plugin', plugin: error.plugin || '', file, configFile: config.file });
  }
  for (const m of result.messages) {
    if (m.type === 'dependency' && m.file) deps.add(m.file);
    else if (m.type === 'dir-dependency' && m.dir) deps.add(m.dir);
  }
  return result.css;
}

// ---- Tailwind CSS v4 without PostCSS, as @tailwindcss/vite does ----------

const TAILWIND_HINT = /@(?:tailwind|apply|theme|utility|variant|custom-variant|source|plugin|config|reference)\b|(?:--theme|--spacing|--alpha|\btheme)\(/;

async function tailwindPackages(root) {
  const req = createRequire(path.join(root, 'package.json'));
  let node;
  try {
    node = await importFrom(root)('@tailwindcss/node');
  } catch (error) {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && /'@tailwindcss\/node'/.test(error.message)) return null;
    throw fail(`cannot load @tailwindcss/node: ${error.message}`, { kind: 'plugin', plugin: '@tailwindcss/node' });
  }
  let oxide = appOxide(root);
  if (!oxide) {
    try {
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
function mtimesOf(files) {
  return new Map([...files].map((f) => [f, mtimeOf(f)]));
}
function changedSince(mtimes) {
  for (const [f, t] of mtimes || []) if (mtimeOf(f) !== t) return true;
  return false;
}

async function runTailwind(root, file, css, deps) {
  const p = project(root);
  let entry = p.tailwind.get(file);
  // @tailwindcss/vite compiles again when the input or a file the compile
  // loaded (@plugin, @config, their imports) changed
  if (!entry || entry.css !== css || changedSince(entry.mtimes)) {
    if (p.tailwindPackages === undefined) p.tailwindPackages = await tailwindPackages(root);
    const tw = p.tailwindPackages;
    if (!tw) {
      if (/@tailwind\b/.test(css))
        throw fail(`${path.basename(file)} uses Tailwind CSS, but neither a PostCSS config naming ` +
          `@tailwindcss/postcss nor @tailwindcss/node (installed with @tailwindcss/vite) was found: ` +
          `install @tailwindcss/vite (npm install -D tailwindcss @tailwindcss/vite) or add ` +
          `@tailwindcss/postcss to postcss.config.mjs`, { kind: 'missing-plugin', plugin: '@tailwindcss/vite', file });
      return null;
    }
    const compileDeps = new Set();
    let compiler;
    try {
      compiler = await inRoot(root, () => tw.node.compile(css, {
        base: path.dirname(file), from: file, shouldRewriteUrls: true,
        onDependency: (d) => compileDeps.add(d),
      }));
    } catch (error) {
      throw fail(`Tailwind CSS: ${error.message}`, { kind: 'plugin', plugin: 'tailwindcss', file });
    }
    // Features.AtApply | JsPluginCompat | ThemeFunction | Utilities
    if (!(compiler.features & (1 | 4 | 8 | 16))) {
      p.tailwind.set(file, { css, compiler: null });
      return null;
    }
    let scanner = null;
    if (compiler.features & 16) {
      let sources;
      if (compiler.root === 'none') sources = [];
      else if (compiler.root === null) sources = [{ base: root, pattern: '**/*', negated: false }];
      else sources = [{ ...compiler.root, negated: false }];
      sources.push(...compiler.sources);
      scanner = new tw.oxide.Scanner({ sources });
    }
    entry = { css, compiler, scanner, compileDeps, mtimes: mtimesOf(compileDeps) };
    p.tailwind.set(file, entry);
  }
  if (!entry.compiler) return null;
  for (const d of entry.compileDeps) deps.add(d);
  let candidates = [];
  if (entry.scanner) {
    candidates = entry.scanner.scan();
    for (const f of entry.scanner.files) deps.add(f);
    // the folders it scans: a file created below one may add candidates
    // (@tailwindcss/postcss reports them as dir-dependency messages)
    for (const g of entry.scanner.globs) if (g.base) deps.add(g.base);
  }
  try {
    return entry.compiler.build(candidates);
  } catch (error) {
    throw fail(`Tailwind CSS: ${error.message}`, { kind: 'plugin', plugin: 'tailwindcss', file });
  }
}

// ---- lightningcss ---------------------------------------------------------

// ICSS `:export { name: value }` blocks of a CSS module (postcss-modules,
// Vite's default, exports their values; lightningcss would leave them in the
// CSS): taken out, their values exported as they are written. The block
// becomes a comment of as many lines, so later positions stay right.
function takeIcssExports(css, file) {
  const values = {};
  if (!/:export\b/.test(css)) return { css, values };
  const root = postcss.parse(css, { from: file });
  root.each((node) => {
    if (node.type !== 'rule' || node.selector.trim() !== ':export') return;
    node.each((d) => {
      if (d.type === 'decl') values[d.prop] = d.value;
    });
    const lines = node.toString().split('\n').length - 1;
    node.replaceWith(postcss.comment({ text: ':export' + '\n'.repeat(lines) }));
  });
  return { css: root.toString(), values };
}

function runLightningcss(root, file, css, cssModule) {
  let icss = { values: {} };
  if (cssModule) {
    icss = takeIcssExports(css, file);
    css = icss.css;
  }
  let out;
  try {
    out = lightningcss.transform({
      // the hash of CSS module names comes from this path: relative to the
      // app, so every environment and process names a class alike
      filename: path.relative(root, file) || path.basename(file),
      code: Buffer.from(css),
      cssModules: cssModule ? { pattern: '_[local]_[hash]', dashedIdents: false } : false,
      targets,
      errorRecovery: true,
      sourceMap: false,
    });
  } catch (error) {
    throw fail(error.message, {
      kind: 'syntax', file, line: error.loc ? error.loc.line : 0, column: error.loc ? error.loc.column : 0,
      plugin: 'lightningcss',
    });
  }
  const exports = {};
  for (const [key, value] of Object.entries(icss.values)) exports[key] = { name: value, composes: [] };
  if (out.exports) {
    for (const [local, e] of Object.entries(out.exports)) {
      exports[local] = {
        name: e.name,
        composes: (e.composes || []).map((c) => ({ type: c.type, name: c.name, specifier: c.specifier || '' })),
      };
    }
  }
  return {
    css: out.code.toString(),
    exports,
    warnings: (out.warnings || []).map((w) => ({ message: w.message, line: w.loc?.line || 0, column: w.loc?.column || 0 })),
  };
}

// ---- entry points ---------------------------------------------------------

let queue = Promise.resolve();
function serialized(fn) {
  const run = queue.then(fn, fn);
  queue = run.catch(() => {});
  return run;
}

module.exports = {
  /// { root, file, css, cssModule } -> { css, exports, dependencies, warnings, postcssConfig, tailwind }
  process(args) {
    return serialized(async () => {
      const { root, file, cssModule } = args;
      let css = args.css;
      const deps = new Set();
      const config = await postcssConfig(root);
      if (config) deps.add(config.file);
      const postcssRuns = config && config.plugins.length > 0;
      // Tailwind natively (as @tailwindcss/vite, which runs before Vite's
      // PostCSS) unless the PostCSS config has @tailwindcss/postcss
      const tailwindNatively = !(config && config.namesTailwind) && TAILWIND_HINT.test(css);
      if (!postcssRuns || tailwindNatively) {
        try {
          postcss.parse(css, { from: file }); // syntax errors as Vite's PostCSS reports them
        } catch (error) {
          if (error && error.name === 'CssSyntaxError') throw syntaxError(error);
          throw error;
        }
      }
      const via = [];
      if (tailwindNatively) {
        const built = await runTailwind(root, file, css, deps);
        if (built !== null) {
          css = built;
          via.push('tailwind');
        }
      }
      if (postcssRuns) {
        css = await runPostcss(config, css, file, deps);
        via.push('postcss');
      }
      const out = runLightningcss(root, file, css, cssModule);
      deps.delete(file);
      return { ...out, dependencies: [...deps], postcssConfig: config ? config.file : '', via: via.join('+') || 'none' };
    });
  },

  /// { root }: loads the PostCSS config (and its plugins) of `root` ahead of
  /// the first process(); a failure is left for process() to report.
  preload({ root }) {
    return serialized(async () => {
      try {
        await postcssConfig(root);
      } catch {}
      return true;
    });
  },

  /// { root }: forgets the PostCSS config and Tailwind compilers of `root`.
  reload({ root }) {
    projects.delete(root);
    return true;
  },
};
