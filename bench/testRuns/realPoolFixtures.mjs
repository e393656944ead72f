// Opt-in: runs tests/fixtures/workers-vitest under the real Workers Vitest pool
// (Vitest + @cloudflare/vitest-pool-workers + workerd) and under
// `switchyard test`, and prints whether both runners agree, test by test.
//
//   node bench/testRuns/realPoolFixtures.mjs build/app/switchyard \
//        [--plugin-peer DIR] [--classic-peer DIR] [--only classic|plugin] [--require-peers]
//
// The plugin fixture (pool 0.10+ API) needs a folder whose node_modules has
// vitest 4 and @cloudflare/vitest-pool-workers 0.23 (default:
// bench/testRuns/peer, which testRunBench.mjs installs); the classic fixture
// (pool 0.5-0.9 API) needs vitest 3.2 and @cloudflare/vitest-pool-workers
// 0.8.x (--classic-peer; default: bench/testRuns/peer-classic). scripts/setup.sh
// installs both peers; ctest's e2e_real_pool_agreement runs this with
// --require-peers. A fixture whose peer is missing is skipped with a note
// (with --require-peers that fails the run, and so does a test that did not
// pass under both). Exit code 1 when the runners disagree on any test.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const args = process.argv.slice(2);
if (!args[0] || args[0] === "--help") {
  console.log(fs.readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").slice(0, 16).join("\n"));
  process.exit(args[0] ? 0 : 2);
}
const switchyard = path.resolve(args[0]);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? path.resolve(args[i + 1]) : fallback;
};
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
const fixtures = [
  { name: "classic", peer: option("--classic-peer", path.join(here, "peer-classic")), env: {} },
  { name: "plugin", peer: option("--plugin-peer", path.join(here, "peer")), env: { CLOUDFLARE_ENV: "staging" } },
].filter((f) => !only || f.name === only);

// "file > suites > test" -> passed | failed | skipped, from Vitest's JSON shape.
function statuses(report, root) {
  const out = {};
  for (const file of report.testResults) {
    const rel = path.relative(root, file.name);
    if (file.assertionResults.length === 0) out[rel] = `file ${file.status}`;
    for (const t of file.assertionResults) out[[rel, ...t.ancestorTitles, t.title].join(" > ")] = t.status;
  }
  return out;
}

function readReport(r, outFile, what) {
  try {
    return JSON.parse(outFile ? fs.readFileSync(outFile, "utf8") : r.stdout);
  } catch {
    console.log(`  ${what}: no JSON report (exit ${r.status})\n${(r.stderr || "").slice(-3000)}\n${(r.stdout || "").slice(-1500)}`);
    return null;
  }
}

let disagreements = 0;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-real-pool-"));
try {
  for (const fixture of fixtures) {
    console.log(`${fixture.name}:`);
    const vitestBin = fixture.peer && path.join(fixture.peer, "node_modules/vitest/vitest.mjs");
    if (!vitestBin || !fs.existsSync(vitestBin)) {
      console.log(`  skipped: no vitest in ${fixture.peer ?? "(no peer given)"}/node_modules`);
      if (args.includes("--require-peers")) ++disagreements;
      continue;
    }
    const app = path.join(work, fixture.name);
    fs.cpSync(path.join(repo, "tests/fixtures/workers-vitest", fixture.name), app, { recursive: true });
    fs.symlinkSync(path.join(fixture.peer, "node_modules"), path.join(app, "node_modules"));
    const env = { ...process.env, ...fixture.env, CI: "1" };
    if (!("CLOUDFLARE_ENV" in fixture.env)) delete env.CLOUDFLARE_ENV;

    const t0 = Date.now();
    const outFile = path.join(work, `${fixture.name}-vitest.json`);
    const real = spawnSync(process.execPath, [vitestBin, "run", "--reporter=json", `--outputFile=${outFile}`],
      { cwd: app, env, encoding: "utf8", timeout: 300000 });
    const realMs = Date.now() - t0;
    const t1 = Date.now();
    const ours = spawnSync(switchyard, ["test", app, "--reporter", "json"], { env, encoding: "utf8", timeout: 300000 });
    const oursMs = Date.now() - t1;
    const realReport = readReport(real, fs.existsSync(outFile) ? outFile : null, "the real pool");
    const oursReport = readReport(ours, null, "switchyard test");
    if (!realReport || !oursReport) {
      disagreements++;
      continue;
    }
    const a = statuses(realReport, app);
    const b = statuses(oursReport, app);
    const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const name of names) {
      const same = a[name] === b[name];
      if (!same) disagreements++;
      // In ctest every test of the fixtures must pass, not only agree.
      else if (args.includes("--require-peers") && a[name] !== "passed") disagreements++;
      console.log(`  ${same ? "agree   " : "DISAGREE"} ${name}: real pool ${a[name] ?? "-"}, switchyard ${b[name] ?? "-"}`);
    }
    console.log(`  wall time: real pool ${realMs} ms, switchyard test ${oursMs} ms (exit ${real.status} / ${ours.status})`);
    if (a && Object.values(a).some((s) => s !== "passed"))
      for (const file of realReport.testResults)
        for (const t of file.assertionResults.filter((t) => t.status === "failed"))
          console.log(`    real pool: ${t.fullName}: ${t.failureMessages.join(" ").slice(0, 400)}`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
console.log(disagreements === 0 ? "both runners agree" : `${disagreements} disagreement(s)`);
process.exit(disagreements === 0 ? 0 : 1);
