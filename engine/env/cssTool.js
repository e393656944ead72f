// The `css` tool of the tool host (engine/js/toolHost.h), called by
// engine/env/cssProcessor.cpp after it inlined @imports and rebased url()s.
// Runs, like Vite's vite:css plugin after postcss-import:
//   1. Tailwind CSS v4 (cssTailwind.js) the way @tailwindcss/vite runs it,
//      or in the place of the PostCSS config's @tailwindcss/postcss the way
//      that plugin runs it; then the project's PostCSS config
//      (postcss-load-config, plugins resolved from the app); a PostCSS parse
//      first when no PostCSS plugin runs (syntax errors as Vite reports them);
//   2. lightningcss: CSS modules (hashed names + exports) and syntax lowering
//      (nesting) for the browsers Vite targets.
// Functions take and return JSON; errors are thrown as Errors with
// { kind, file, line, column, plugin, configFile } fields. Bundled with
// cssTailwind.js and cssToolCommon.js into one tool source
// (engine/env/CMakeLists.txt).
'use strict';

const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const postcss = require('postcss');
const lightningcss = require('lightningcss');
const { fail, inRoot, importFrom } = require('./cssToolCommon.js');
const { TAILWIND_HINT, appOxide, noteChanges, runTailwind } = require('./cssTailwind.js');

// postcss-load-config loads a plugin named in a config object with
// createRequire(config).resolve(name) (the CommonJS entry) + import(). We give
// it ES module resolution from the config's folder instead (above); the
// config file itself (an absolute path) still goes through its own loader.
// @tailwindcss/postcss comes back wrapped, so that the options the config
// gives it can be read (below).
const reqPath = require.resolve('postcss-load-config/src/req.js');
const originalReq = require(reqPath);
require.cache[reqPath].exports = async function req(name, rootFile) {
  if (path.isAbsolute(name) && /\.[mc]?ts$/.test(name)) return importTypeScript(name);
  if (path.isAbsolute(name) || !rootFile) return originalReq(name, rootFile);
  const mod = await importFrom(path.dirname(rootFile))(name);
  return name === '@tailwindcss/postcss' ? recordingOptions(mod.default) : mod.default;
};

// @tailwindcss/postcss's creator (named by a config object, so its options are
// known) and the plugins it made -> their options.
const tailwindPostcssOptions = new WeakMap();
function recordingOptions(creator) {
  if (typeof creator !== 'function') return creator;
  const wrapped = function (options) {
    const plugin = creator(options);
    if (plugin && typeof plugin === 'object') tailwindPostcssOptions.set(plugin, options || {});
    return plugin;
  };
  wrapped.postcss = creator.postcss;
  tailwindPostcssOptions.set(wrapped, {});
  return wrapped;
}

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

// root -> { postcss: Promise<config|null>, tailwind: Map (cssTailwind.js),
// tailwindPackages: Map }
const projects = new Map();

function project(root) {
  let p = projects.get(root);
  if (!p) {
    p = { postcss: null, tailwind: new Map(), tailwindPackages: new Map() };
    projects.set(root, p);
  }
  return p;
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
    const options = config.options || {};
    return { file: config.file, plugins, options, processor, namesTailwind,
      ...(await tailwindInPlaceOfPlugin(root, plugins, options)) };
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

// @tailwindcss/postcss first in the config (Tailwind's PostCSS guide:
// `plugins: { "@tailwindcss/postcss": {} }`): cssTailwind.js runs Tailwind in
// its place, the way the plugin does (its options: base, transformAssetUrls)
// but keeping the compiler, Scanner and candidates across edits (the plugin
// starts all three afresh whenever the stylesheet changed: ~3x the work per
// edit), then the config's other plugins run. Not when its options ask for
// `optimize` (production), when the config sets a parser or syntax, or when
// the config imported the plugin itself (its options unknown): PostCSS runs
// it then.
async function tailwindInPlaceOfPlugin(root, plugins, options) {
  const tw = plugins.length > 0 ? tailwindPostcssOptions.get(plugins[0]) : undefined;
  if (!tw || options.parser || options.syntax || options.stringifier) return {};
  if (tw.optimize ?? process.env.NODE_ENV === 'production') return {};
  let packagesFrom;
  try {
    // its own dependencies (@tailwindcss/node, @tailwindcss/oxide), as it finds them
    packagesFrom = path.dirname(createRequire(path.join(root, 'package.json')).resolve('@tailwindcss/postcss'));
  } catch {
    return {};
  }
  return {
    tailwind: { kind: 'postcss', base: tw.base ?? root, transformAssetUrls: tw.transformAssetUrls ?? true, packagesFrom },
    rest: await inRoot(root, () => postcss(plugins.slice(1))),
  };
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
  /// { root, file, css, cssModule, session, tailwindVite, changes, inputs } ->
  /// { css, exports, dependencies, warnings, postcssConfig, via,
  /// tailwindCompiled (whether Tailwind compiled the stylesheet again) }.
  /// `session`: the caller (one per CssProcessor); `changes`: the files it saw
  /// change since its previous call, or null when it does not watch;
  /// `inputs`: the stylesheets inlined into `css` (cssTailwind.js).
  process(args) {
    return serialized(async () => {
      const { root, file, cssModule } = args;
      const p = project(root);
      if (Array.isArray(args.changes)) noteChanges(p, args.changes);
      let css = args.css;
      const deps = new Set();
      const config = await postcssConfig(root);
      if (config) deps.add(config.file);
      // Tailwind in the place of the config's @tailwindcss/postcss, or else
      // natively (as @tailwindcss/vite, which runs before Vite's PostCSS)
      // unless the PostCSS config has @tailwindcss/postcss elsewhere, or the
      // app's vite.config was read without tailwindcss() (`tailwindVite`
      // false: Vite runs no Tailwind then; null: no config, the engine runs it)
      let flavor = null;
      if (config && config.tailwind) flavor = config.tailwind;
      else if (!(config && config.namesTailwind) && args.tailwindVite !== false && TAILWIND_HINT.test(css))
        flavor = { kind: 'vite' };
      const postcssPlugins = config ? (config.tailwind ? config.rest : config.processor).plugins.length : 0;
      let ast = null;
      if (postcssPlugins === 0 || flavor) {
        try {
          ast = postcss.parse(css, { from: file }); // syntax errors as Vite's PostCSS reports them
        } catch (error) {
          if (error && error.name === 'CssSyntaxError') throw syntaxError(error);
          throw error;
        }
      }
      const via = [];
      let compiled = false;
      if (flavor) {
        const call = { session: args.session, changes: args.changes, inputs: args.inputs };
        const built = await runTailwind(p, root, file, css, ast, deps, flavor, call);
        if (built !== null) {
          css = built.css;
          compiled = built.compiled;
          if (flavor.kind === 'vite') via.push('tailwind');
        }
      }
      if (config && (config.tailwind || postcssPlugins > 0)) {
        if (postcssPlugins > 0)
          css = await runPostcss(config.tailwind ? { ...config, processor: config.rest } : config, css, file, deps);
        via.push('postcss');
      }
      const out = runLightningcss(root, file, css, cssModule);
      deps.delete(file);
      return { ...out, dependencies: [...deps], postcssConfig: config ? config.file : '', via: via.join('+') || 'none',
        tailwindCompiled: compiled };
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
