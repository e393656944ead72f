// Build-time stand-in for the Node builtin `util` that @sinonjs/fake-timers
// requires when globalThis.process exists: no util.promisify.custom on fake timers.
module.exports = {};
