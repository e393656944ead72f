// Types of non-JavaScript imports, as vite/client and wrangler's types declare them.
declare module "*.svg" {
  const url: string;
  export default url;
}
declare module "*?raw" {
  const text: string;
  export default text;
}
declare module "*?url" {
  const url: string;
  export default url;
}
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
