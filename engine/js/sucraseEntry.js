// Entry bundled (esbuild, IIFE) into the transform service's isolate: exposes
// globalThis.__syTransform(source, optionsJson) -> result object.
import { transform } from "sucrase";

globalThis.__syTransform = function (source, optionsJson) {
  const o = JSON.parse(optionsJson);
  const transforms = o.typescript ? ["typescript"] : [];
  if (o.jsx) transforms.push("jsx");
  try {
    const r = transform(source, {
      transforms,
      jsxRuntime: "automatic",
      production: !o.jsxDev,
      jsxImportSource: o.jsxImportSource,
      filePath: o.filename,
      disableESTransforms: true,
      sourceMapOptions: o.sourceMap ? { compiledFilename: o.filename } : undefined,
    });
    let map = "";
    if (r.sourceMap) {
      r.sourceMap.sources = [o.filename];
      r.sourceMap.sourcesContent = [source];
      map = JSON.stringify(r.sourceMap);
    }
    return { ok: true, code: r.code, map };
  } catch (e) {
    const loc = e && e.loc;
    return {
      ok: false,
      error: String((e && e.message) || e),
      line: loc ? loc.line : 0,
      column: loc ? loc.column : 0,
    };
  }
};
