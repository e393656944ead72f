// The live loop serves what is on disk (issue 9, section 6): after an edit,
// the HTML the server sends for GET / is rendered from the new code, in every
// environment: a "use client" component (rendered by the ssr twin under the
// SSR bridge, loaded through the use-client lookup), a server component, a
// plain module imported by both, a module imported only under the SSR bridge,
// and a "use server" action (loaded through the use-server lookup).
// It reads what the server sent, never a browser's DOM (React re-renders on
// the client and hides a stale server render).
//
// Each edit replaces the file by a rename (one watcher event) and waits until
// the journal shows that the update it caused has finished (its HMR message
// is the update's last step); the very next GET / must show the change.
// Usage: node liveLoop.test.mjs <switchyard binary> <examples/hello dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServe, createSuite, assert, atomicWriter, readJournal, afterHmrUpdate, copyApp } from "./serveHarness.mjs";

const [switchyard, helloDir] = process.argv.slice(2).map((p) => path.resolve(p));
const appDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-liveloop-"));
copyApp(helloDir, appDir, { linkModules: false });
fs.symlinkSync(path.join(helloDir, "node_modules"), path.join(appDir, "node_modules"));
const journalFile = appDir + ".journal.sqlite";

const file = (rel) => path.join(appDir, rel);
const writeAtomically = atomicWriter(appDir);
const edit = (rel, from, to) => {
  const text = fs.readFileSync(file(rel), "utf8");
  assert(text.includes(from), `${rel} has no ${from}`);
  writeAtomically(rel, text.replace(from, to));
};

// The fixture: a plain module imported by a server component and a client
// component, and a module only the client component imports (so in the worker
// isolate it exists only under the SSR bridge).
fs.writeFileSync(file("src/app/shared.ts"), 'export const sharedLabel = "shared-one";\n');
fs.writeFileSync(file("src/app/components/bridgeOnly.ts"), 'export const bridgeLabel = "bridge-one";\n');
edit("src/app/pages/Home.tsx", 'import { Counter } from "@/app/components/Counter";',
  'import { Counter } from "@/app/components/Counter";\nimport { sharedLabel } from "../shared";');
edit("src/app/pages/Home.tsx", "<h1>Hello from Switchyard</h1>",
  '<h1>Hello from Switchyard</h1>\n      <p id="shared-server">{sharedLabel}</p>');
edit("src/app/components/Counter.tsx", 'import { greet } from "../actions";',
  'import { greet } from "../actions";\nimport { sharedLabel } from "../shared";\nimport { bridgeLabel } from "./bridgeOnly";');
edit("src/app/components/Counter.tsx", '<p id="action-result">{message}</p>',
  '<p id="action-result">{message}</p>\n      <p id="shared-client">{sharedLabel}</p>\n      <p id="bridge-only">{bridgeLabel}</p>');

const journal = (kind) => readJournal(switchyard, journalFile, kind);
const afterUpdate = (change) => afterHmrUpdate(switchyard, journalFile, change);
const html = async () => {
  const res = await fetch(server.origin + "/");
  const body = await res.text();
  assert(res.status === 200, `GET / ${res.status}: ${body.slice(0, 1500)}`);
  return body;
};
const text = (body, id) => {
  const m = body.match(new RegExp(`id="${id}"[^>]*>([^<]*)<`));
  return m ? m[1] : null;
};

const suite = createSuite();
const figures = [];
const server = await startServe(switchyard, appDir, ["--journal", journalFile]);
try {
  await suite.check("before any edit: GET / server-renders the fixture", async () => {
    const body = await html();
    assert(text(body, "increment").trim() === "Increment", `button: ${text(body, "increment")}`);
    assert(text(body, "shared-server") === "shared-one", "server component's shared label");
    assert(text(body, "shared-client") === "shared-one", "client component's shared label");
    assert(text(body, "bridge-only") === "bridge-one", "bridge-only label");
  });

  // A "use client" component twice: the first edit must not leave the second stale.
  for (const [from, to] of [["Increment", "Add one"], ["Add one", "Add two"]]) {
    await suite.check(`editing a "use client" component: the next GET / server-renders "${to}"`, async () => {
      const ms = await afterUpdate(() => edit("src/app/components/Counter.tsx", `>\n        ${from}\n`, `>\n        ${to}\n`));
      const body = await html();
      assert(text(body, "increment")?.trim() === to, `server HTML has button "${text(body, "increment")?.trim()}"`);
      figures.push([`"use client" component -> new server HTML`, ms]);
    });
  }

  await suite.check("editing a server component: the next GET / has the change", async () => {
    const ms = await afterUpdate(() => edit("src/app/pages/Home.tsx", "Hello from Switchyard", "Hello, edited live"));
    const body = await html();
    assert(body.includes("<h1>Hello, edited live</h1>"), "server HTML has the old heading");
    figures.push(["server component -> new server HTML", ms]);
  });

  await suite.check("editing a module both a server and a client component import: both parts of the HTML change", async () => {
    const ms = await afterUpdate(() => writeAtomically("src/app/shared.ts", 'export const sharedLabel = "shared-two";\n'));
    const body = await html();
    assert(text(body, "shared-server") === "shared-two", `server component part: ${text(body, "shared-server")}`);
    assert(text(body, "shared-client") === "shared-two", `client component part (SSR): ${text(body, "shared-client")}`);
    figures.push(["shared module -> new server HTML", ms]);
  });

  await suite.check("editing a module imported only under the SSR bridge: the next GET / has the change", async () => {
    const ms = await afterUpdate(() => writeAtomically("src/app/components/bridgeOnly.ts", 'export const bridgeLabel = "bridge-two";\n'));
    const body = await html();
    assert(text(body, "bridge-only") === "bridge-two", `bridge-only label: ${text(body, "bridge-only")}`);
    figures.push(["module under the SSR bridge -> new server HTML", ms]);
  });

  await suite.check('editing a "use server" action: the next call runs the new code', async () => {
    const call = async () => {
      // rwsdk's action request: the id in the query, the arguments as React's
      // encodeReply sends plain values (JSON).
      const res = await fetch(server.origin + "/?__rsc&__rsc_action_id=" + encodeURIComponent("/src/app/actions.ts#greet"), {
        method: "POST",
        headers: { accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin: server.origin },
        body: JSON.stringify(["Switchyard", 1]),
      });
      const body = await res.text();
      assert(res.status === 200, `action ${res.status}: ${body.slice(0, 800)}`);
      return body;
    };
    const before = await call();
    const source = fs.readFileSync(file("src/app/actions.ts"), "utf8");
    const m = source.match(/`([^`$]*)\$\{/);
    assert(m && m[1].length > 0, `src/app/actions.ts: no template literal to edit:\n${source}`);
    assert(!before.includes("EDITED "), "the action's answer already has the marker");
    await afterUpdate(() => edit("src/app/actions.ts", "`" + m[1], "`EDITED " + m[1]));
    const after = await call();
    assert(after.includes("EDITED "), `the action ran its old code: ${after.slice(0, 400)}`);
  });

  await suite.check("the server journaled no stale references", async () => {
    const stale = journal("stale-reference");
    assert(stale.length === 0, JSON.stringify(stale).slice(0, 1500));
  });
} finally {
  const code = await server.stop();
  if (suite && code !== 0 && code !== null && code !== 143) console.log(`serve exited with ${code}`);
  for (const [what, ms] of figures) console.log(`  ${what}: edit -> update done in ${ms} ms`);
  fs.rmSync(appDir, { recursive: true, force: true });
  for (const f of [journalFile, journalFile + "-wal", journalFile + "-shm"]) fs.rmSync(f, { force: true });
}
process.exit(suite.finish());
