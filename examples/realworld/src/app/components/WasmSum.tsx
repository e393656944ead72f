import addModule from "../wasm/add.wasm";

// Server component: the worker imports add.wasm as a WebAssembly.Module
// (wrangler's CompiledWasm rule) and instantiates it per render.
export function WasmSum({ a, b }: { a: number; b: number }) {
  const { exports } = new WebAssembly.Instance(addModule);
  const add = exports.add as (a: number, b: number) => number;
  return (
    <p id="wasm-sum">
      {a} + {b} = {add(a, b)} (computed by add.wasm)
    </p>
  );
}
