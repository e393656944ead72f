// What Vite's client types (vite/client) declare for stylesheet imports.
declare module "*.module.css" {
  const classes: { readonly [name: string]: string };
  export default classes;
}
declare module "*.css?inline" {
  const css: string;
  export default css;
}
declare module "*.css";
