// workerd's node:fs: a virtual file system, never this machine's disk. memfs
// (a maintained implementation of Node's fs API over an in-memory volume) holds
// it; the folders are workerd's: /bundle (the Worker's own files, read-only in
// workerd; empty here), /tmp (writable, starts empty) and /dev (null). One
// volume per isolate, shared by node:fs, node:fs/promises and pre-bundles'
// require("fs"). Bundled at build time (CommonJS, the isolate's public
// built-ins as its require) and evaluated on first import.
const { Volume, createFsFromVolume } = require("memfs");

const volume = new Volume();
for (const folder of ["/bundle", "/tmp", "/dev"]) volume.mkdirSync(folder, { recursive: true });
volume.writeFileSync("/dev/null", "");

const fs = createFsFromVolume(volume);
module.exports = { fs, promises: fs.promises };
