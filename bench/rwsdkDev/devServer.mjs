// A dev server process of the benchmark, measured from outside: spawned in a
// process group of its own, its URL read from its output (Vite prints
// http://localhost:PORT/, Switchyard http://127.0.0.1:PORT), GET / polled from
// the spawn until the page's HTML arrives, the summed VmRSS of the process and
// all its descendants (workerd included) sampled every 50 ms, and the whole
// group stopped (SIGTERM, then SIGKILL after 5 s).
import { spawn } from "node:child_process";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { treeRssKiB } from "../testRuns/processTree.mjs";

const running = new Set();

/// A TCP port that was free a moment ago (for servers that need one named).
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/// Starts `command args` in `cwd`; resolves once GET `path` answers 200 with
/// HTML containing `readyText`. firstHtmlMs: spawn -> that response, ms.
/// Rejects (after stopping the process) on exit or after timeoutMs.
export async function startDevServer({ command, args, cwd, env = process.env, readyText, path = "/", timeoutMs = 180000 }) {
  const t0 = performance.now();
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const server = {
    child,
    pid: child.pid,
    origin: null,
    firstHtmlMs: NaN,
    peakKiB: 0,
    log: "",
    exited: null,
  };
  running.add(server);
  child.stdout.on("data", (d) => (server.log += d));
  child.stderr.on("data", (d) => (server.log += d));
  child.on("exit", (code, signal) => {
    server.exited = { code, signal };
    running.delete(server);
  });
  const sampler = setInterval(() => {
    server.peakKiB = Math.max(server.peakKiB, treeRssKiB(child.pid));
  }, 50);
  server.sampler = sampler;
  server.stop = () => stopServer(server);
  server.resetPeak = () => (server.peakKiB = treeRssKiB(child.pid));
  server.peakRssMiB = () => server.peakKiB / 1024;

  try {
    for (;;) {
      if (server.exited) throw new Error(`exited (${server.exited.code ?? server.exited.signal}) before its first page`);
      if (performance.now() - t0 > timeoutMs) throw new Error(`no page in ${timeoutMs} ms`);
      if (!server.origin) {
        const m = server.log.replace(/\x1b\[[0-9;]*m/g, "").match(/https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+/);
        if (m) server.origin = m[0];
        else { await sleep(5); continue; }
      }
      const res = await fetch(server.origin + path, { headers: { accept: "text/html" }, signal: AbortSignal.timeout(30000) }).catch(() => null);
      const body = res ? await res.text().catch(() => "") : "";
      if (res && res.status === 200 && body.includes(readyText)) {
        server.firstHtmlMs = performance.now() - t0;
        server.firstHtml = body;
        return server;
      }
      if (res && res.status !== 200) server.lastStatus = `${res.status} ${body.slice(0, 300)}`;
      await sleep(10);
    }
  } catch (e) {
    await stopServer(server);
    const tail = server.log.split("\n").slice(-25).join("\n");
    throw new Error(`${e.message}${server.lastStatus ? `; last answer: ${server.lastStatus}` : ""}\n--- output ---\n${tail}`);
  }
}

export function stopServer(server) {
  clearInterval(server.sampler);
  if (server.exited) return Promise.resolve();
  return new Promise((resolve) => {
    const group = -server.pid;
    const hard = setTimeout(() => {
      try { process.kill(group, "SIGKILL"); } catch { /* gone */ }
    }, 5000);
    server.child.once("exit", () => {
      clearTimeout(hard);
      // workerd children may outlive the parent for a moment: end the group.
      try { process.kill(group, "SIGKILL"); } catch { /* gone */ }
      resolve();
    });
    try { process.kill(group, "SIGTERM"); } catch { resolve(); }
  });
}

export async function stopAllServers() {
  await Promise.all([...running].map(stopServer));
}

/// Synchronous last resort (process "exit"): SIGKILL every group still running.
export function killAllServersNow() {
  for (const s of running) {
    try { process.kill(-s.pid, "SIGKILL"); } catch { /* gone */ }
  }
}
