// The /_test wire format (shared/testWire.js): what a test passes to a server
// action comes back as the same kind of value on the worker side.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeTestValue, encodeTestError, encodeTestValue } from "../shared/testWire.js";

const roundTrip = (value) => decodeTestValue(JSON.parse(JSON.stringify(encodeTestValue(value))));

test("plain JSON values pass unchanged", () => {
  assert.deepEqual(roundTrip({ a: [1, "two", true, null] }), { a: [1, "two", true, null] });
});

test("values JSON lacks are rebuilt", () => {
  const date = new Date("2026-11-22T08:00:00.000Z");
  const out = roundTrip([undefined, NaN, -Infinity, 12n, date, new Map([["k", new Set([1, 2])]])]);
  assert.equal(out.length, 6);
  assert.equal(out[0], undefined);
  assert.ok(Number.isNaN(out[1]));
  assert.equal(out[2], -Infinity);
  assert.equal(out[3], 12n);
  assert.ok(out[4] instanceof Date);
  assert.equal(out[4].toISOString(), date.toISOString());
  assert.ok(out[5] instanceof Map);
  assert.deepEqual([...out[5].get("k")], [1, 2]);
});

test("FormData is rebuilt with its text fields in order", () => {
  const form = new FormData();
  form.append("name", "Ada");
  form.append("tag", "a");
  form.append("tag", "b");
  const out = roundTrip(form);
  assert.ok(out instanceof FormData);
  assert.equal(out.get("name"), "Ada");
  assert.deepEqual(out.getAll("tag"), ["a", "b"]);
});

test("an object with $-keys is not mistaken for a tag", () => {
  assert.deepEqual(roundTrip({ $date: "not a tag" }), { $date: "not a tag" });
});

test("files and functions are refused with a clear error", () => {
  const form = new FormData();
  form.append("file", new Blob(["x"]), "x.txt");
  assert.throws(() => encodeTestValue(form), /holds a file/);
  assert.throws(() => encodeTestValue(() => 1), /function cannot cross/);
});

test("errors keep name, message, stack and status", () => {
  const error = Object.assign(new RangeError("too big"), { status: 422 });
  const out = encodeTestError(error);
  assert.equal(out.name, "RangeError");
  assert.equal(out.message, "too big");
  assert.match(out.stack, /RangeError: too big/);
  assert.equal(out.status, 422);
  assert.deepEqual(encodeTestError("plain"), { name: "Error", message: "plain", stack: "" });
});
