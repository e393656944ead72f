// rwsdk's modules and directive transforms, named for people, on a copy of
// examples/starter (rwsdk 1.7.3 from npm) whose vite.config passes
// redwood({ forceClientPaths, forceServerPaths }):
//  - `switchyard graph` prints the bridge, the lookups and the state module
//    with their role and the name rwsdk gives them, and each directive module
//    with the transform it got (text and --json);
//  - `switchyard inspect` prints the directive transform per environment,
//    and which option forced it;
//  - under `switchyard serve`, a component matched by forceClientPaths (no
//    "use client" in it) is a client reference in the page's RSC payload and
//    is listed by the use-client lookup the browser loads; a function matched
//    by forceServerPaths is a server reference stub in the browser.
// Usage: node frameworkModules.test.mjs <switchyard binary> <examples/starter dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { startServe, createSuite, assert } from "./serveHarness.mjs";

const [switchyard, starterDir] = process.argv.slice(2);
const appDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-framework-modules-"));
for (const f of fs.readdirSync(starterDir)) {
  if (["node_modules", ".switchyard", ".wrangler", "dist"].includes(f)) continue;
  fs.cpSync(path.join(starterDir, f), path.join(appDir, f), { recursive: true });
}
fs.symlinkSync(path.join(starterDir, "node_modules"), path.join(appDir, "node_modules"));
fs.writeFileSync(
  path.join(appDir, "vite.config.mts"),
  `import { defineConfig } from "vite";
import { redwood } from "rwsdk/vite";
import { cloudflare } from "@cloudflare/vite-plugin";

export default defineConfig({
  plugins: [
    cloudflare({ viteEnvironment: { name: "worker" } }),
    redwood({
      forceClientPaths: ["src/app/forced/**/*.tsx"],
      forceServerPaths: ["src/app/forced/*Actions.ts"],
    }),
  ],
});
`,
);
fs.mkdirSync(path.join(appDir, "src/app/forced"), { recursive: true });
// No directive in either file.
fs.writeFileSync(
  path.join(appDir, "src/app/forced/Badge.tsx"),
  `import { useState } from "react";
import { pinBadge } from "./badgeActions";

export function Badge({ text }: { text: string }) {
  const [pinned, setPinned] = useState(false);
  return (
    <button id="forced-badge" onClick={async () => setPinned((await pinBadge(1)).pinned === 1)}>
      {pinned ? "pinned" : text}
    </button>
  );
}
`,
);
fs.writeFileSync(
  path.join(appDir, "src/app/forced/badgeActions.ts"),
  `export async function pinBadge(id: number) {
  return { pinned: id };
}
`,
);
const home = path.join(appDir, "src/app/pages/Home.tsx");
fs.writeFileSync(
  home,
  fs
    .readFileSync(home, "utf8")
    .replace(`import { listNotes } from "@/db";`, `import { listNotes } from "@/db";\nimport { Badge } from "@/app/forced/Badge";`)
    .replace(`<NoteCount />`, `<NoteCount />\n      <Badge text="forced badge" />`),
);
const run = (...args) => spawnSync(switchyard, args, { encoding: "utf8", timeout: 120000 });
const file = (rel) => fs.realpathSync(path.join(appDir, rel));

const suite = createSuite();

await suite.check("graph --env worker names rwsdk's bridge, lookups and state, and each directive transform", async () => {
  const r = run("graph", appDir, "--env", "worker");
  assert(r.status === 0, `graph exited ${r.status}: ${r.stderr}`);
  const line = (pattern) => r.stdout.split("\n").find((l) => pattern.test(l)) ?? "";
  assert(/\[SSR bridge: rwsdk\/__ssr_bridge\]/.test(line(/deps_ssr\/rwsdk___ssr_bridge\.js/)), r.stdout);
  assert(/\[server lookup: virtual:use-server-lookup\.js\]/.test(line(/^  virtual:use-server-lookup\.js/)), r.stdout);
  assert(/\[client lookup: virtual:use-client-lookup\.js\]/.test(line(/ssr:virtual:use-client-lookup\.js/)), r.stdout);
  assert(/\[request state \(pinned\): rwsdk\/__state\]/.test(line(/rwsdk\/dist\/runtime\/state\.js/)), r.stdout);
  assert(/\[use client\] \[client reference stubs\]/.test(line(/^  \/.*components\/LikeButton\.tsx /)), r.stdout);
  assert(/\[server reference registration\]/.test(line(/^  \/.*pages\/notes\/functions\.ts /)), r.stdout);
  assert(/\[client reference stubs \(forceClientPaths\)\]/.test(line(/^  \/.*forced\/Badge\.tsx/)), r.stdout);
  assert(!/\[use client\]/.test(line(/^  \/.*forced\/Badge\.tsx/)), "the forced file has no directive of its own");
  assert(!/\]$/.test(line(/src\/worker\.tsx/)), "an ordinary module got a role or transform: " + line(/src\/worker\.tsx/));

  const json = JSON.parse(run("graph", appDir, "--env", "worker", "--json").stdout);
  const bridge = json.modules.find((m) => m.role === "ssr-bridge");
  assert(bridge && bridge.displayName === "rwsdk/__ssr_bridge" && bridge.id.startsWith("virtual:switchyard:ssr:"), JSON.stringify(bridge));
  const badge = json.modules.find((m) => m.id === file("src/app/forced/Badge.tsx"));
  assert(badge.directiveTransform === "client-references" && badge.directiveTransformReason === "forceClientPaths", JSON.stringify(badge));
});

await suite.check("graph --env client names the Vite preamble, React Refresh and the Vite client", async () => {
  const json = JSON.parse(run("graph", appDir, "--env", "client", "--json").stdout);
  const roles = Object.fromEntries(json.modules.filter((m) => m.role).map((m) => [m.displayName, m.role]));
  assert(roles["virtual:vite-preamble"] === "vite-preamble", JSON.stringify(roles));
  assert(roles["/@react-refresh"] === "react-refresh", JSON.stringify(roles));
  assert(roles["/@vite/client"] === "vite-client", JSON.stringify(roles));
  assert(roles["virtual:use-client-lookup.js"] === "client-lookup", JSON.stringify(roles));
});

await suite.check("inspect prints the directive transform per environment, and what forced it", async () => {
  const expect = [
    ["src/app/components/LikeButton.tsx", "worker", "client reference stubs"],
    ["src/app/components/LikeButton.tsx", "ssr", "SSR module"],
    ["src/app/components/LikeButton.tsx", "client", "client module"],
    ["src/app/pages/notes/functions.ts", "worker", "server reference registration"],
    ["src/app/pages/notes/functions.ts", "client", "server reference stubs"],
    ["src/app/pages/Home.tsx", "worker", "none"],
    ["src/app/forced/Badge.tsx", "worker", "client reference stubs (forceClientPaths)"],
    ["src/app/forced/badgeActions.ts", "ssr", "server reference stubs (forceServerPaths)"],
  ];
  for (const [rel, env, transform] of expect) {
    const r = run("inspect", path.join(appDir, rel), "--env", env);
    assert(r.status === 0, `inspect ${rel} exited ${r.status}: ${r.stderr}`);
    assert(r.stdout.includes(`\n  directive transform ${transform}\n`), `${rel} (${env}):\n${r.stdout}`);
  }
  const j = JSON.parse(run("inspect", path.join(appDir, "src/app/forced/badgeActions.ts"), "--env", "worker", "--json").stdout);
  assert(j.directiveTransform === "server-registration" && j.directiveTransformReason === "forceServerPaths", JSON.stringify(j.directiveTransform));
  assert(j.code.includes("registerServerReference"), j.code);
});

const server = await startServe(switchyard, appDir);
try {
  await suite.check("serve: the forced client component is a client reference, the forced function a server reference", async () => {
    assert(!server.output().includes("forceClientPaths"), "a warning names forceClientPaths:\n" + server.output());
    const html = await (await fetch(server.origin + "/")).text();
    assert(html.includes("forced badge"), "the page lacks the forced component's SSR output");
    // The RSC payload names it as a client module (rwsdk's reference id).
    assert(html.includes("/src/app/forced/Badge.tsx"), "the RSC payload has no client reference to Badge.tsx");
    const lookup = await (await fetch(server.origin + "/@id/virtual:use-client-lookup.js")).text();
    assert(lookup.includes('"/src/app/forced/Badge.tsx"'), lookup);
    const stub = await (await fetch(server.origin + "/src/app/forced/badgeActions.ts")).text();
    assert(stub.includes("createServerReference") && !stub.includes("pinned: id"), stub);
  });
} finally {
  await server.stop();
  fs.rmSync(appDir, { recursive: true, force: true });
}
process.exit(suite.finish());
