// The two live-loop measurements, the same for every server:
//   leafEdits: rewrite a file with a new unique marker, poll GET / back to
//     back until the HTML holds it; edit (write) -> first HTML with the marker.
//   newImportUnderLoad: 8 clients keep GET / (and the action's POST) busy;
//     one edit uncomments new bare imports; edit -> first GET / 200 showing
//     the module's markers; the load runs 2 s more; failed requests counted.
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { startLoad } from "../../tests/e2e/loadGenerator.mjs";
import { uncomment } from "./apps.mjs";

export function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return { n: 0, median: NaN, p90: NaN, min: NaN, max: NaN };
  const at = (p) => v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)];
  const median = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  return { n: v.length, median, p90: at(0.9), min: v[0], max: v.at(-1) };
}

/// `runs` edits of `file` (source from sourceOf(marker)); returns the ms of
/// each and the number of GET / made while waiting.
export async function leafEdits(origin, file, sourceOf, { runs = 15, warmups = 5, timeoutMs = 10000, pauseMs = 150 } = {}) {
  for (let i = 0; i < warmups; i++) await (await fetch(origin + "/")).text();
  // The floor: GET / with no edit (one render, no compile).
  const plain = [];
  for (let i = 0; i < 10; i++) {
    const s = performance.now();
    await (await fetch(origin + "/", { headers: { accept: "text/html" } })).text();
    plain.push(performance.now() - s);
  }
  const times = [];
  const failures = [];
  let polls = 0;
  for (let i = 0; i < runs; i++) {
    const marker = `edit-${i}-${process.pid}-${Date.now().toString(36)}`;
    const t0 = performance.now();
    fs.writeFileSync(file, sourceOf(marker));
    for (;;) {
      polls++;
      const res = await fetch(origin + "/", { headers: { accept: "text/html" } }).catch((e) => ({ status: 0, text: async () => String(e) }));
      const html = await res.text();
      if (res.status === 200 && html.includes(marker)) { times.push(performance.now() - t0); break; }
      if (performance.now() - t0 > timeoutMs) { failures.push(`run ${i}: no HTML with the marker in ${timeoutMs} ms (last: ${res.status} ${html.slice(0, 200)})`); break; }
    }
    await sleep(pauseMs); // let the watcher settle before the next write
  }
  return { ...stats(times), polls, failures, getMedianMs: stats(plain).median };
}

/// One edit (uncomment the @reopt lines of `file`) under load. `markers`: what
/// the page shows once the new deps are in. `load` options go to startLoad.
export async function newImportUnderLoad(origin, file, markers, loadOptions = {}, { beforeMs = 1000, afterMs = 2000, timeoutMs = 20000 } = {}) {
  const load = startLoad({ origin, clients: 8, maxDurationMs: 60000, maxRequests: 200000, requestTimeoutMs: 30000, ...loadOptions });
  let firstGoodMs = NaN;
  let error = null;
  let lines = 0;
  let summary = null;
  try {
    await sleep(beforeMs);
    const editAt = performance.now();
    lines = uncomment(file);
    try {
      const good = await load.waitFor(
        (r) => r.kind === "page" && r.ok && r.end > editAt && markers.every((m) => r.markers.includes(m)), timeoutMs);
      firstGoodMs = good.end - editAt;
    } catch (e) {
      error = e.message;
    }
    await sleep(afterMs);
  } finally {
    summary = await load.stop();
  }
  return { firstGoodMs, error, lines, summary };
}
