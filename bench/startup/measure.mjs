// Process start -> first HTML, peak RSS and cached-request time of a server
// process, measured from outside (spawn, poll, /proc/<pid>/status).
import { spawn } from "node:child_process";
import fs from "node:fs";

export function peakRssMiB(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const m = status.match(/VmHWM:\s+(\d+) kB/);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/// Starts `command args`, waits for its first line naming http://127.0.0.1:PORT,
/// then polls GET `path` until 200. Returns timings in ms and RSS in MiB.
export async function measureServer(command, args, { path = "/", cachedRuns = 30, env } = {}) {
  const t0 = performance.now();
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: env ?? process.env });
  let output = "";
  const origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no server URL in 120 s:\n" + output)), 120000);
    const onData = (d) => {
      output += d;
      const m = output.match(/(http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (c) => reject(new Error(`exited ${c}:\n${output}`)));
  });
  let firstHtmlMs = NaN;
  let html = "";
  for (;;) {
    const res = await fetch(origin + path).catch(() => null);
    if (res && res.status === 200) {
      html = await res.text();
      firstHtmlMs = performance.now() - t0;
      break;
    }
    if (performance.now() - t0 > 120000) throw new Error("no 200 in 120 s:\n" + output);
    await new Promise((r) => setTimeout(r, 5));
  }
  const times = [];
  for (let i = 0; i < cachedRuns; i++) {
    const s = performance.now();
    const res = await fetch(origin + path);
    await res.text();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const rss = peakRssMiB(child.pid);
  child.removeAllListeners("exit");
  await new Promise((resolve) => { child.on("exit", resolve); child.kill("SIGTERM"); });
  return { firstHtmlMs, cachedMedianMs: times[Math.floor(times.length / 2)], peakRssMiB: rss, htmlBytes: html.length };
}
