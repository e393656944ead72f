// Node built-ins that @babel/traverse/@babel/generator import for features the
// transform isolate never uses (config files, hashing): any use throws.
function unavailable(name) {
  return () => {
    throw new Error(`${name} is not available in the transform isolate`);
  };
}
module.exports = new Proxy(
  {},
  { get: (target, key) => (key === "__esModule" ? false : key === "default" ? module.exports : unavailable(String(key))) },
);
