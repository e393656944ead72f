// Entry bundled (esbuild, IIFE) into the transform service's refresh isolate:
// exposes globalThis.__syReactRefresh(source, optionsJson) -> result object.
//
// React Fast Refresh's registration transform is react-refresh's own Babel
// plugin (react-refresh/babel), run here over @babel/parser + @babel/traverse +
// @babel/generator without @babel/core: its config loading (files, presets,
// browserslist) is not needed and would cost start-up. The input is a client
// module after sucrase (plain ESM JavaScript, JSX already compiled), so the
// parser needs no syntax plugins; `retainLines` keeps every statement on its
// line, so the sucrase source map stays right line by line.
import { parse } from "@babel/parser";
import traverseModule, { NodePath } from "@babel/traverse";
import generateModule from "@babel/generator";
import * as types from "@babel/types";
import reactRefreshBabel from "react-refresh/babel";

const traverse = traverseModule.default ?? traverseModule;
const generate = generateModule.default ?? generateModule;

// The plugin as @babel/core would instantiate it; emitFullSignatures keeps
// hook signatures as text (the hashed form needs node:crypto).
const plugin = reactRefreshBabel({ types }, { skipEnvCheck: true, emitFullSignatures: true });
const visitor = traverse.visitors.explode(plugin.visitor);

// What react-refresh/babel emits when it found something to register or sign.
const REFRESH_CALL = /\$RefreshReg\$\(|\$RefreshSig\$\(/;

globalThis.__syReactRefresh = function (source, optionsJson) {
  const o = JSON.parse(optionsJson);
  try {
    const ast = parse(source, {
      sourceType: "module",
      sourceFilename: o.filename,
      allowReturnOutsideFunction: false,
      errorRecovery: false,
    });
    // The hub @babel/core's File gives every path (the plugin reads the file's
    // comments for `// @refresh reset`).
    const hub = {
      file: { ast, opts: { filename: o.filename } },
      getCode: () => source,
      getScope: () => program.scope,
      addHelper() {
        throw new Error("react-refresh/babel asked for a Babel helper");
      },
      buildError: (node, message, ErrorClass = SyntaxError) => new ErrorClass(message),
    };
    const program = NodePath.get({ hub, parentPath: null, parent: ast, container: ast, key: "program" }).setContext();
    traverse(ast, visitor, program.scope, {});
    const code = generate(ast, { retainLines: true, comments: true }, source).code;
    const refreshed = REFRESH_CALL.test(code);
    return { ok: true, refreshed, code: refreshed ? code : "" };
  } catch (e) {
    const loc = e && e.loc;
    return {
      ok: false,
      error: String((e && e.message) || e),
      line: loc ? loc.line : 0,
      column: loc ? loc.column + 1 : 0,
    };
  }
};
