// Writes src/app/wasm/add.wasm: the smallest real WebAssembly module with one
// export, add(a: i32, b: i32) -> i32, assembled by hand (no toolchain needed).
// The WAT it encodes:
//   (module (func (export "add") (param i32 i32) (result i32)
//     local.get 0 local.get 1 i32.add))
// Run: node scripts/make-add-wasm.mjs (checks the module with node's V8).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const bytes = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, // type section: (i32, i32) -> i32
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00, // export section: "add" = function 0
  0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b, // code: local.get 0, local.get 1, i32.add, end
]);

const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
if (instance.exports.add(2, 40) !== 42) throw new Error("add.wasm does not add");
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "../src/app/wasm/add.wasm");
fs.writeFileSync(out, bytes);
console.log(`wrote ${out} (${bytes.length} bytes)`);
