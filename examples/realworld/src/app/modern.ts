// Modern JavaScript the way a Workers app writes it today: the ES2023-ES2025
// built-ins and syntax workerd runs (plus what it ships of ES2026: explicit
// resource management, Error.isError, Math.sumPrecise, Uint8Array base64),
// and TC39 decorators as TypeScript 5 compiles them (no experimentalDecorators).
// The page lists each check (ModernFeatures.tsx) and tests/modern.test.ts
// asserts them. Not here because neither V8 10.2 nor a transform can give
// them: the RegExp `v` flag and modifiers, duplicate named groups,
// Float16Array, resizable ArrayBuffers.
import editions from "./editions.json" with { type: "json" };

export type FeatureCheck = { feature: string; value: string; expected: string };

// --- Decorators (TC39 2023) -------------------------------------------------

const registry: string[] = [];

function registered<T extends new (...args: any[]) => object>(
  target: T,
  context: ClassDecoratorContext<T>,
) {
  context.addInitializer(() => registry.push(String(context.name)));
  return target;
}

function memoized<This, Args extends unknown[], R>(
  method: (this: This, ...args: Args) => R,
  _context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => R>,
) {
  const caches = new WeakMap<object, Map<string, R>>(); // per instance
  return function (this: This, ...args: Args): R {
    const self = this as object;
    const cache = caches.get(self) ?? caches.set(self, new Map()).get(self)!;
    const key = JSON.stringify(args);
    if (!cache.has(key)) cache.set(key, method.call(this, ...args));
    return cache.get(key)!;
  };
}

function clamped(min: number, max: number) {
  return function <This>(
    _target: ClassAccessorDecoratorTarget<This, number>,
    _context: ClassAccessorDecoratorContext<This, number>,
  ): ClassAccessorDecoratorResult<This, number> {
    return { set(this: This, v: number) { _target.set.call(this, Math.min(max, Math.max(min, v))); } };
  };
}

@registered
class PriceList {
  calls = 0;
  @clamped(0, 100) accessor discount = 0;

  @memoized
  total(...prices: number[]): number {
    this.calls++;
    return prices.reduce((a, b) => a + b, 0) * (1 - this.discount / 100);
  }
}

// --- Explicit resource management ------------------------------------------

function resource(name: string, log: string[]): Disposable {
  log.push(`open ${name}`);
  return { [Symbol.dispose]: () => log.push(`close ${name}`) };
}

function usingBlock(): string {
  const log: string[] = [];
  {
    using a = resource("a", log);
    using b = resource("b", log);
    log.push("work");
  }
  return log.join(", ");
}

async function awaitUsingBlock(): Promise<string> {
  const log: string[] = [];
  {
    await using connection = {
      async [Symbol.asyncDispose]() {
        await null;
        log.push("closed");
      },
    };
    log.push("query");
  }
  return log.join(", ");
}

function disposableStack(): string {
  const log: string[] = [];
  const stack = new DisposableStack();
  stack.defer(() => log.push("second"));
  stack.use(resource("file", log));
  stack.dispose();
  return `${log.join(", ")}; disposed ${stack.disposed}`;
}

function suppressedError(): string {
  try {
    using failing = { [Symbol.dispose]: () => { throw new Error("in dispose"); } };
    throw new Error("in body");
  } catch (e) {
    const s = e as SuppressedError;
    return `${s.name}: ${(s.error as Error).message} / ${(s.suppressed as Error).message}`;
  }
}

// --- The report ---------------------------------------------------------------

/** Each feature's result next to what workerd gives. */
export async function modernFeatures(): Promise<FeatureCheck[]> {
  const checks: Array<[string, () => unknown, string]> = [
    // ES2023
    ["Array.prototype.toSorted", () => { const a = [3, 1, 2]; return `${a.toSorted()} ${a}`; }, "1,2,3 3,1,2"],
    ["Array.prototype.toReversed", () => [1, 2, 3].toReversed().join(), "3,2,1"],
    ["Array.prototype.toSpliced", () => ["a", "b", "c"].toSpliced(1, 1, "x", "y").join(""), "axyc"],
    ["Array.prototype.with", () => [1, 2, 3].with(-1, 9).join(), "1,2,9"],
    ["Array.prototype.findLast", () => [1, 2, 3, 4].findLast((n) => n % 2 === 1), "3"],
    ["TypedArray.prototype.toSorted", () => new Int16Array([5, -1, 3]).toSorted().join(), "-1,3,5"],
    // ES2024
    ["Promise.withResolvers", async () => {
      const { promise, resolve } = Promise.withResolvers<string>();
      setTimeout(() => resolve("resolved"), 0);
      return promise;
    }, "resolved"],
    ["Object.groupBy", () => JSON.stringify(Object.groupBy(["apple", "avocado", "beet"], (s) => s[0])), '{"a":["apple","avocado"],"b":["beet"]}'],
    ["Map.groupBy", () => Map.groupBy([1, 2, 3, 4], (n) => (n % 2 ? "odd" : "even")).get("even")?.join(), "2,4"],
    ["String.prototype.isWellFormed", () => `${"ok".isWellFormed()} ${"\uD800".isWellFormed()}`, "true false"],
    ["String.prototype.toWellFormed", () => "a\uD800".toWellFormed().codePointAt(1), "65533"],
    ["ArrayBuffer.prototype.transfer", () => {
      const buffer = new Uint8Array([1, 2, 3]).buffer;
      const moved = buffer.transfer(2);
      return `${buffer.detached} ${new Uint8Array(moved).join()}`;
    }, "true 1,2"],
    // ES2025
    ["Promise.try", () => Promise.try(() => { throw new Error("sync throw"); }).catch((e: Error) => e.message), "sync throw"],
    ["Set.prototype.union", () => [...new Set(["a", "b"]).union(new Set(["b", "c"]))].join(), "a,b,c"],
    ["Set.prototype.intersection", () => [...new Set([1, 2, 3]).intersection(new Set([2, 3, 4]))].join(), "2,3"],
    ["Set.prototype.difference", () => [...new Set([1, 2, 3]).difference(new Set([2]))].join(), "1,3"],
    ["Set.prototype.isSubsetOf", () => new Set([1]).isSubsetOf(new Set([1, 2])), "true"],
    ["Iterator helpers", () => {
      function* naturals() { for (let n = 1; ; n++) yield n; }
      return naturals().filter((n) => n % 3 === 0).map((n) => n * n).take(3).toArray().join();
    }, "9,36,81"],
    ["Iterator.from", () => Iterator.from({ next: () => ({ done: true, value: undefined }) }).toArray().length, "0"],
    ["RegExp.escape", () => new RegExp(RegExp.escape("1.5$")).test("costs 1.5$"), "true"],
    ["Math.f16round", () => Math.f16round(5.0000001), "5"],
    ["import attributes (JSON module)", () => editions.editions.join(), "ES2023,ES2024,ES2025"],
    ["import() with attributes", async () => {
      const json = await import("./editions.json", { with: { type: "json" } });
      return json.default.latest;
    }, "ES2025"],
    // ES2026 and explicit resource management (workerd ships them)
    ["Array.fromAsync", async () => (await Array.fromAsync([Promise.resolve(1), 2])).join(), "1,2"],
    ["Error.isError", () => `${Error.isError(new RangeError("x"))} ${Error.isError({ message: "x" })}`, "true false"],
    ["Math.sumPrecise", () => Math.sumPrecise([1e20, 0.1, -1e20]), "0.1"],
    ["Uint8Array base64/hex", () => `${new TextEncoder().encode("hi").toBase64()} ${Uint8Array.fromHex("cafe").join()}`, "aGk= 202,254"],
    ["using", usingBlock, "open a, open b, work, close b, close a"],
    ["await using", awaitUsingBlock, "query, closed"],
    ["DisposableStack", disposableStack, "open file, close file, second; disposed true"],
    ["SuppressedError", suppressedError, "SuppressedError: in dispose / in body"],
    // Decorators
    ["class decorator", () => registry.join(), "PriceList"],
    ["method decorator", () => {
      const list = new PriceList();
      list.total(10, 20);
      list.total(10, 20);
      return `${list.total(10, 20)} computed ${list.calls}x`;
    }, "30 computed 1x"],
    ["accessor decorator", () => {
      const list = new PriceList();
      list.discount = 250;
      return list.discount;
    }, "100"],
  ];
  const out: FeatureCheck[] = [];
  for (const [feature, run, expected] of checks) {
    let value: string;
    try {
      value = String(await run());
    } catch (e) {
      value = `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
    }
    out.push({ feature, value, expected });
  }
  return out;
}
