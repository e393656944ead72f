// Runs a command and measures it from outside: wall time and the peak of the
// summed RSS of the process and all its descendants (workerd children
// included), sampled from /proc every 20 ms.
import { spawn } from "node:child_process";
import fs from "node:fs";

function childrenOf() {
  const parents = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!parents.has(ppid)) parents.set(ppid, []);
      parents.get(ppid).push(Number(entry));
    } catch {}
  }
  return parents;
}

export function treeRssKiB(pid) {
  const parents = childrenOf();
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      const m = fs.readFileSync(`/proc/${p}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
      if (m) total += Number(m[1]);
    } catch {}
    for (const c of parents.get(p) ?? []) stack.push(c);
  }
  return total;
}

// `sampleRss: false` runs it without the sampler: each sample reads /proc
// (~1.3 ms of CPU every 20 ms), which a 2-core machine takes from the
// measured run, so wall times come from runs without it.
export function measureCommand(command, args, { sampleRss = true, ...options } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    let peakKiB = 0;
    const timer = sampleRss
      ? setInterval(() => {
          peakKiB = Math.max(peakKiB, treeRssKiB(child.pid));
        }, 20)
      : undefined;
    child.on("exit", (code) => {
      clearInterval(timer);
      resolve({ code, wallMs: performance.now() - t0, peakRssMiB: sampleRss ? peakKiB / 1024 : undefined, stdout, stderr });
    });
  });
}
