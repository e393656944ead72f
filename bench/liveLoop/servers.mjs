// Server processes of the benchmark: started, waited for (first line naming
// http://127.0.0.1:PORT), and stopped; stopAllServers() kills whatever is
// still running (called on exit, also on errors and signals).
import { spawn } from "node:child_process";

const running = new Set();

export async function startServer(command, args, { timeoutMs = 120000 } = {}) {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.on("exit", () => running.delete(child));
  let output = "";
  const onData = (d) => (output += d.toString());
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const origin = await new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const m = output.match(/(http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearInterval(timer); clearTimeout(limit); resolve(m[1]); }
    }, 5);
    const limit = setTimeout(() => { clearInterval(timer); reject(new Error(`no server URL in ${timeoutMs} ms:\n${output}`)); }, timeoutMs);
    child.on("error", (e) => { clearInterval(timer); clearTimeout(limit); running.delete(child); reject(e); });
    child.on("exit", (code) => { clearInterval(timer); clearTimeout(limit); reject(new Error(`${command} exited with ${code}:\n${output}`)); });
  });
  return {
    origin,
    pid: child.pid,
    output: () => output,
    stop: () => stopChild(child),
  };
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => { clearTimeout(hard); resolve(); });
    child.kill("SIGTERM");
  });
}

export async function stopAllServers() {
  await Promise.all([...running].map(stopChild));
}

/// Synchronous last resort (process "exit" handler): SIGKILL what is left.
export function killAllServersNow() {
  for (const c of running) { try { c.kill("SIGKILL"); } catch { /* gone */ } }
}

/// GET `path` until 200 (the server warms: first compile, deps optimized).
export async function waitForOk(origin, path = "/", timeoutMs = 120000) {
  const t0 = performance.now();
  for (;;) {
    const res = await fetch(origin + path).catch(() => null);
    const body = res ? await res.text() : "";
    if (res && res.status === 200) return body;
    if (performance.now() - t0 > timeoutMs) throw new Error(`no 200 from ${origin}${path} in ${timeoutMs} ms: ${res ? res.status : "network error"} ${body.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
