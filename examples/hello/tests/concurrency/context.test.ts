// Seed 004's "ConcurrentContext": the request context (AsyncLocalStorage
// behind requestInfo) stays with its own request across awaits while 100
// calls from 10 clients interleave in one isolate.
import { callServerAction } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { registerVisitor, whoAmI } from "../../src/app/visitors/actions";

const clients: { name: string; token: string }[] = [];

beforeAll(async () => {
  for (let i = 0; i < 10; i++) {
    const name = `client-${i}`;
    const { token } = await callServerAction(registerVisitor, [name]);
    clients.push({ name, token });
  }
}, 30_000);

// Each test makes 10-100 calls through rwsdk's whole request pipeline: more than
// a short --test-timeout allows under load.
describe("request context under concurrency", { timeout: 30_000 }, () => {
  it("keeps each caller's context in 100 concurrent calls from 10 clients", async () => {
    const calls = [];
    for (let round = 0; round < 10; round++) {
      for (const client of clients) {
        const nonce = `${client.name}/${round}`;
        calls.push(
          // rwsdk sends an action to the page's own URL (here "/", which the router knows).
          callServerAction(whoAmI, [nonce], { headers: { "x-visitor-token": client.token }, url: `http://localhost/?as=${client.name}` }).then(
            (answer) => ({ client, nonce, answer }),
          ),
        );
      }
    }
    const results = await Promise.all(calls);
    expect(results).toHaveLength(100);
    const mismatches = results.filter(
      ({ client, nonce, answer }) =>
        answer.before !== client.name || answer.after !== client.name || answer.nonce !== nonce || answer.path !== "/",
    );
    expect(mismatches).toEqual([]);
  });

  it("keeps the context of 10 concurrent calls from the same client", async () => {
    const client = clients[3];
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => callServerAction(whoAmI, [`same-${i}`], { headers: { cookie: `visitor=${client.token}` } })),
    );
    expect(answers.map((a) => a.after)).toEqual(Array(10).fill(client.name));
    expect(answers.map((a) => a.nonce)).toEqual(Array.from({ length: 10 }, (_, i) => `same-${i}`));
  });

  it("refuses a call without a visitor", async () => {
    await expect(callServerAction(whoAmI, ["anonymous"])).rejects.toMatchObject({ status: 401 });
  });
});
