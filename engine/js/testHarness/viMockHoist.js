// Vitest's mock hoisting (the `vitest:mocks` transform) for the modules of
// test isolates: @vitest/mocker's own hoistMocks over an acorn AST, bundled
// by esbuild as one IIFE into the transform service's isolate
// (TransformService::hoistMocks). Defines
//   globalThis.__syHoistMocks(source, optionsJson) -> result object
// with options { filename } and result { ok, changed, code, warnings } or
// { ok: false, error, line, column }.
//
// What hoistMocks does (vitest 4.1): vi.mock/vi.unmock calls and
// `const x = vi.hoisted(...)` move to the top of the file, before every
// import; the file's static imports (except `vitest`'s) become
// `const __vi_import_N__ = await import("...")` after them and every use of
// an imported binding reads that namespace, so the mocks are registered
// before the modules they replace are loaded. vi.mock(import("./x")) becomes
// vi.mock("./x"). Errors (a hoisted call inside another, exporting a hoisted
// variable) are SyntaxErrors with Vitest's messages.
//
// Unlike Vite's pipeline we keep no source map between this step and V8, so
// the output keeps the line of everything after the hoisted statements: the
// text hoistMocks inserts has its newlines folded into the line it starts on
// (an import statement stays one line). Only the hoisted region itself (the
// imports and vi.mock calls at the top) is reordered.
import { parse } from "acorn";
import MagicString from "magic-string";
import { hoistMocks } from "@vitest/mocker/transforms";

/** Inserted text without line breaks: a trailing one becomes `;` (or a space after `;`/`}`). */
function onOneLine(content) {
  if (typeof content !== "string" || !content.includes("\n")) return content;
  const body = content.replace(/\n+$/, "");
  const ended = body.length !== content.length;
  const flat = body.replace(/\n/g, " ");
  if (!ended) return flat;
  return /[;}]\s*$/.test(flat) ? `${flat} ` : `${flat};`;
}

/** A MagicString whose insertions never add lines (moves keep them: they move the same text). */
class LineKeepingString extends MagicString {
  update(start, end, content, options) {
    return super.update(start, end, onOneLine(content), options);
  }
  overwrite(start, end, content, options) {
    return super.overwrite(start, end, onOneLine(content), options);
  }
  appendLeft(index, content) {
    return super.appendLeft(index, onOneLine(content));
  }
  prependRight(index, content) {
    return super.prependRight(index, onOneLine(content));
  }
}

const parseModule = (code) => parse(code, { ecmaVersion: "latest", sourceType: "module", allowHashBang: true });

/** 1-based line and column of `offset` in `code`. */
function lineColumn(code, offset) {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < code.length; i++) {
    if (code.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

globalThis.__syHoistMocks = function (source, optionsJson) {
  const { filename } = JSON.parse(optionsJson);
  let ast;
  try {
    ast = parseModule(source);
  } catch (e) {
    // hoistMocks logs and gives up on code it cannot parse; the module's own
    // evaluation reports the syntax error then.
    return { ok: true, changed: false, code: "" };
  }
  // The frame of Vitest's error points at the offending call: find it by the
  // position hoistMocks' SyntaxError carries in its code frame generator.
  let errorAt = -1;
  // hoistMocks warns about hoisted calls that are not at the top level.
  const warnings = [];
  const console = globalThis.console;
  globalThis.console = { ...console, warn: (...args) => warnings.push(args.join(" ")) };
  try {
    const s = hoistMocks(source, filename, () => ast, {
      magicString: () => new LineKeepingString(source),
      codeFrameGenerator(node) {
        errorAt = node.start;
        return "";
      },
    });
    if (!s) return { ok: true, changed: false, code: "", warnings };
    return { ok: true, changed: true, code: s.toString(), warnings };
  } catch (e) {
    const where = errorAt >= 0 ? lineColumn(source, errorAt) : { line: 0, column: 0 };
    return { ok: false, error: String((e && e.message) || e), line: where.line, column: where.column };
  } finally {
    globalThis.console = console;
  }
};
