// A .wasm import in the worker is a compiled WebAssembly.Module (wrangler's
// CompiledWasm module rule; vite/client declares the module without a type).
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
