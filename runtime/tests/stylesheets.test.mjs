// Unit tests of the server's stylesheet links (runtime/worker/stylesheets.js):
// `node --test runtime/tests`.
import { test } from "node:test";
import assert from "node:assert/strict";

const { insertIntoHead, linkedStylesheets, stylesheetLinksHtml } = await import("../worker/stylesheets.js");

test("links carry the served URL and the module id, escaped", () => {
  assert.equal(
    stylesheetLinksHtml([{ href: "/src/a.css", id: "/abs/a.css" }, { href: '/src/"b".css', id: "/abs/<b>&.css" }]),
    '<link rel="stylesheet" href="/src/a.css" data-vite-dev-id="/abs/a.css">' +
      '<link rel="stylesheet" href="/src/&quot;b&quot;.css" data-vite-dev-id="/abs/&lt;b&gt;&amp;.css">',
  );
  assert.equal(stylesheetLinksHtml([]), "");
});

test("links go at the end of <head>, else before <body>, else first", () => {
  const links = "<link>";
  assert.equal(insertIntoHead("<html><head><title>x</title></HEAD><body>", links), "<html><head><title>x</title><link></HEAD><body>");
  assert.equal(insertIntoHead("<html><body class=a>", links), "<html><link><body class=a>");
  assert.equal(insertIntoHead("<div>", links), "<link><div>");
  assert.equal(insertIntoHead("<html><head></head>", ""), "<html><head></head>");
});

test("the engine is asked with the render's client references; no engine, no links", () => {
  const saved = globalThis.__SWITCHYARD__;
  try {
    globalThis.__SWITCHYARD__ = undefined;
    assert.deepEqual(linkedStylesheets(new Set(["/src/A.tsx"])), []);
    let asked;
    globalThis.__SWITCHYARD__ = { stylesheets: (ids) => ((asked = ids), [{ href: "/src/a.css", id: "/abs/a.css" }]) };
    assert.deepEqual(linkedStylesheets(new Set(["/src/A.tsx", "/src/B.tsx"])), [{ href: "/src/a.css", id: "/abs/a.css" }]);
    assert.deepEqual(asked, ["/src/A.tsx", "/src/B.tsx"]);
  } finally {
    globalThis.__SWITCHYARD__ = saved;
  }
});
