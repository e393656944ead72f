// Seed 004's "ConcurrentSession": 10 clients' KV-backed sessions stay
// isolated while their writes interleave.
import { callServerAction, env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { readSession, registerVisitor, rememberInSession } from "../../src/app/visitors/actions";

const clients: { name: string; token: string }[] = [];
const as = (client: { token: string }) => ({ headers: { "x-visitor-token": client.token } });

beforeAll(async () => {
  const registered = await Promise.all(
    Array.from({ length: 10 }, (_, i) => callServerAction(registerVisitor, [`session-client-${i}`])),
  );
  registered.forEach((r, i) => clients.push({ name: `session-client-${i}`, token: r.token }));
}, 30_000);

// Each test makes 10-100 calls through rwsdk's whole request pipeline: more than
// a short --test-timeout allows under load.
describe("sessions under concurrency", { timeout: 30_000 }, () => {
  it("keeps 10 clients' sessions isolated while they write at once", async () => {
    await Promise.all(
      clients.map((client, i) => callServerAction(rememberInSession, ["color", `color-${i}`], as(client))),
    );
    const sessions = await Promise.all(clients.map((client) => callServerAction(readSession, [], as(client))));
    sessions.forEach((session, i) => expect(session).toEqual({ color: `color-${i}` }));
  });

  it("keeps every client's own writes across sequential keys", async () => {
    await Promise.all(
      clients.map(async (client, i) => {
        for (const key of ["a", "b", "c"]) await callServerAction(rememberInSession, [key, `${key}${i}`], as(client));
      }),
    );
    const sessions = await Promise.all(clients.map((client) => callServerAction(readSession, [], as(client))));
    sessions.forEach((session, i) => expect(session).toMatchObject({ a: `a${i}`, b: `b${i}`, c: `c${i}` }));
    const { keys } = await env.SESSIONS.list({ prefix: "session:" });
    expect(keys).toHaveLength(10);
  });
});
