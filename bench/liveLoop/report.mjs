// Prints the live-loop figures: per-measurement details, then one table
// (metric | switchyard | vite 7 | target). Figures only, never pass/fail.
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");

function leafCell(r) {
  if (!r) return "not measured";
  if (!r.n) return `no update (${r.failures.length} timeouts)`;
  return `${fmt(r.median)} (p90 ${fmt(r.p90)}, min ${fmt(r.min)})${r.failures.length ? `, ${r.failures.length} timeouts` : ""}`;
}
function importCell(r) {
  if (!r) return "not measured";
  return Number.isFinite(r.firstGoodMs) ? fmt(r.firstGoodMs) : `none in 20 s`;
}
function failedCell(r) {
  if (!r || !r.summary) return "not measured";
  return `${r.summary.failed} of ${r.summary.total}`;
}

function details(label, r) {
  if (!r) return;
  if ("median" in r) {
    console.log(`${label}: ${r.n} edits, median ${fmt(r.median)} ms, p90 ${fmt(r.p90)} ms, min ${fmt(r.min)} ms, max ${fmt(r.max)} ms, ${r.polls} GET / polls; GET / without an edit: median ${fmt(r.getMedianMs)} ms`);
    for (const f of r.failures.slice(0, 3)) console.log(`    ${f}`);
    return;
  }
  const s = r.summary;
  console.log(`${label}: ${r.lines} lines uncommented, edit -> first good GET / ${Number.isFinite(r.firstGoodMs) ? `${fmt(r.firstGoodMs)} ms` : `never (${r.error})`}; ` +
    `${s.total} requests in ${fmt(s.durationMs / 1000)} s, failed ${s.failed} (non-200 ${s.non200}, network errors ${s.networkErrors}, ` +
    `stale pre-bundle bodies ${s.prebundleStale + s.outdatedDep}, null-read bodies ${s.nullRead})`);
  for (const [kind, k] of Object.entries(s.byKind)) {
    console.log(`    ${kind}: ${k.count} requests, ${k.failed} failed, p50 ${fmt(k.p50)} ms, p95 ${fmt(k.p95)} ms, max ${fmt(k.max)} ms, statuses ${JSON.stringify(k.statuses)}`);
  }
  const seen = new Set();
  for (const f of s.firstFailures) {
    const text = `${f.method} ${f.path} ${f.error || f.status}: ${String(f.snippet || "").split("\n")[0].slice(0, 160)}`;
    if (seen.has(text)) continue;
    seen.add(text);
    console.log(`    first failures: at ${f.at} ms ${text}`);
    if (seen.size >= 2) break;
  }
}

export function printReport({ results, notes, runs, viteVersion, cores, date }) {
  const vite = viteVersion ? `vite ${viteVersion}` : "vite 7";
  console.log(`\nLive-loop benchmark (${cores} cores, ${date})`);
  console.log(`--- 1. edit of a leaf server component -> first HTML with the new marker (${runs} edits, GET / polled back to back)`);
  details("switchyard (examples/hello, src/app/pages/Home.tsx <h1>)", results.leaf.switchyard);
  details(`${vite} SSR (page -> leaf component, renderToString through ssrLoadModule)`, results.leaf.vite);
  console.log("--- 2. new bare import (is-odd, is-even, is-number) mid-session, 8 clients of load; edit -> first GET / 200 with the markers, load kept 2 s more");
  details("switchyard plain module (worker env), load GET / + action POST", results.plain.switchyard);
  details("switchyard \"use client\" module (ssr + client envs), load GET / + action POST + GET of the module and its deps", results.client.switchyard);
  details(`${vite} plain module (ssr pre-bundling), load GET /`, results.plain.vite);
  details(`${vite} "use client"-like module (ssr + client envs), load GET / + GET of the module`, results.client.vite);

  const rows = [
    ["leaf edit -> updated HTML, ms median (p90, min)", leafCell(results.leaf.switchyard), leafCell(results.leaf.vite), "< 15 ms"],
    ["new import, plain module -> first good GET /, ms", importCell(results.plain.switchyard), importCell(results.plain.vite), "< 300 ms"],
    ["  failed requests during it (of total)", failedCell(results.plain.switchyard), failedCell(results.plain.vite), "0"],
    ["new import, \"use client\" module -> first good GET /, ms", importCell(results.client.switchyard), importCell(results.client.vite), "< 300 ms"],
    ["  failed requests during it (of total)", failedCell(results.client.switchyard), failedCell(results.client.vite), "0"],
  ];
  const head = ["metric", "switchyard", `${vite} (SSR peer)`, "target"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join(" | ");
  console.log(`\n${line(head)}\n${widths.map((w) => "-".repeat(w)).join("-|-")}`);
  for (const r of rows) console.log(line(r));
  console.log(`(${cores} cores, ${date}, Node ${process.version})`);
  console.log("Notes: Vite's SSR has no React Server Components: its pages are renderToString of a plain component tree, " +
    "the \"use client\" directive is inert there, and there is no server action (its load is GET / only, plus GETs of the " +
    "component's browser module in the second import case). The Vite import cases pre-bundle SSR deps like a worker would " +
    "(ssr.noExternal: true, environments.ssr.optimizeDeps with discovery, pages through a module runner of the ssr environment). " +
    "Failed = non-200, network errors, or bodies with \"new version of the pre-bundle\" / ERR_OUTDATED_OPTIMIZED_DEP / " +
    "\"Cannot read properties of null\".");
  for (const n of notes) console.log(`Note: ${n}`);
}
