// `switchyard journal` on a journal written by the library's journal_writer
// helper: JSON output filtered by kind and time, the table, bad input.
// Usage: node journalCli.test.mjs <switchyard binary> <journal_writer binary>
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const [switchyard, writer] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sy-journal-cli-"));
const file = path.join(dir, "events.db");
const run = (bin, ...args) => spawnSync(bin, args, { encoding: "utf8", timeout: 30000 });
let passed = 0, failed = 0;
const check = (name, fn) => {
  try { fn(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
};
const assert = (cond, msg) => { if (!cond) throw new Error(msg); };

// 40 events: i % 4 == 0 are optimizer-run (ids 4, 8, ..., 40), time 1e6 + 10 i.
const w = run(writer, file, "40");
assert(w.status === 0, `journal_writer: ${w.stderr}`);

check("--json --kind optimizer-run", () => {
  const r = run(switchyard, "journal", file, "--json", "--kind", "optimizer-run");
  assert(r.status === 0, `exit ${r.status}: ${r.stderr}`);
  const events = JSON.parse(r.stdout);
  assert(Array.isArray(events) && events.length === 10, `got ${events.length}`);
  events.forEach((e, n) => {
    const i = 4 * (n + 1);
    assert(e.id === i && e.kind === "optimizer-run", JSON.stringify(e));
    assert(e.timeMs === 1000000 + 10 * i, `timeMs ${e.timeMs}`);
    assert(e.environment === ["client", "ssr", "worker"][i % 3], e.environment);
    assert(e.generation === Math.floor(i / 10) && e.summary === `event ${i}`, JSON.stringify(e));
    assert(typeof e.data === "object" && e.data.trigger === "discovery", JSON.stringify(e.data));
    assert(e.data.oldBrowserHash === `h${i}` && e.data.newBrowserHash === `h${i + 1}`, JSON.stringify(e.data));
    assert(e.data.depsAdded[0] === "is-odd" && e.data.outcome === "ok", JSON.stringify(e.data));
  });
});

check("--kind list, --since/--until window, --limit", () => {
  const r = run(switchyard, "journal", file, "--json", "--kind", "hmr,request",
                "--since", "1000100", "--until", "1000200", "--limit", "3");
  assert(r.status === 0, `exit ${r.status}: ${r.stderr}`);
  const events = JSON.parse(r.stdout);
  assert(JSON.stringify(events.map((e) => e.id)) === "[10,11,14]", JSON.stringify(events.map((e) => e.id)));
  const all = JSON.parse(run(switchyard, "journal", file, "--json").stdout);
  assert(all.length === 40 && all[39].id === 40, `all: ${all.length}`);
  const env = JSON.parse(run(switchyard, "journal", file, "--json", "--env", "ssr", "--after", "30").stdout);
  assert(JSON.stringify(env.map((e) => e.id)) === "[31,34,37,40]", JSON.stringify(env.map((e) => e.id)));
});

check("table output", () => {
  const r = run(switchyard, "journal", file, "--kind", "optimizer-run", "--limit", "2");
  assert(r.status === 0, `exit ${r.status}: ${r.stderr}`);
  const lines = r.stdout.trim().split("\n");
  assert(lines[0].includes("KIND") && lines[0].includes("SUMMARY"), lines[0]);
  assert(lines.length === 4 && lines[1].includes("optimizer-run") && lines[1].includes("event 4"), r.stdout);
  assert(lines[3] === "(2 events)", lines[3]);
});

check("--help", () => {
  const r = run(switchyard, "journal", "--help");
  assert(r.status === 0 && r.stdout.includes("--kind") && r.stdout.includes("--json"), r.stdout);
});

check("bad input exits non-zero with a message", () => {
  const missing = run(switchyard, "journal", path.join(dir, "missing.db"));
  assert(missing.status === 1 && missing.stderr.includes("no such file"), `missing: ${missing.status} ${missing.stderr}`);
  const corrupt = path.join(dir, "corrupt.db");
  fs.writeFileSync(corrupt, "not a database\n".repeat(500));
  const c = run(switchyard, "journal", corrupt, "--json");
  assert(c.status === 1 && c.stderr.includes("not a database") && c.stdout === "", `corrupt: ${c.status} ${c.stderr}`);
  for (const args of [[], ["--limit", "x", file], ["--since", "yesterday", file], ["--bogus", file], [file, file]]) {
    const r = run(switchyard, "journal", ...args);
    assert(r.status === 2 && r.stderr.startsWith("switchyard journal:"), `${args.join(" ")}: ${r.status} ${r.stderr}`);
  }
});

fs.rmSync(dir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
