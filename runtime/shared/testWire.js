// The wire format of the /_test route (worker/testRoute.js) and of
// cloudflare:test's callServerAction: JSON with tagged values for what JSON
// lacks, so action arguments are rebuilt as the values the test passed
// (FormData, Date, Map, Set, BigInt, undefined, NaN/Infinity) and results
// come back the same way.
//   undefined -> {"$undefined":true}   NaN/±Infinity -> {"$number":"NaN"}
//   bigint -> {"$bigint":"12"}         Date -> {"$date":"<ISO>"}
//   FormData -> {"$formData":[[name, text], ...]} (text fields only)
//   Map -> {"$map":[[k, v], ...]}       Set -> {"$set":[v, ...]}
//   plain object -> {"$object":{...}}   array -> [...]

export function encodeTestValue(value) {
  if (value === undefined) return { $undefined: true };
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : { $number: String(value) };
  if (typeof value === "bigint") return { $bigint: value.toString() };
  if (value instanceof Date) return { $date: value.toISOString() };
  if (typeof FormData !== "undefined" && value instanceof FormData) {
    const entries = [];
    for (const [name, entry] of value.entries()) {
      if (typeof entry !== "string") throw new TypeError(`FormData field "${name}" holds a file; only text fields can be sent`);
      entries.push([name, entry]);
    }
    return { $formData: entries };
  }
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [encodeTestValue(k), encodeTestValue(v)]) };
  if (value instanceof Set) return { $set: [...value].map(encodeTestValue) };
  if (Array.isArray(value)) return value.map(encodeTestValue);
  if (typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = encodeTestValue(v);
    return { $object: out };
  }
  throw new TypeError(`a ${typeof value} cannot cross the /_test route`);
}

export function decodeTestValue(value) {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(decodeTestValue);
  if ("$undefined" in value) return undefined;
  if ("$number" in value) return Number(value.$number);
  if ("$bigint" in value) return BigInt(value.$bigint);
  if ("$date" in value) return new Date(value.$date);
  if ("$formData" in value) {
    const form = new FormData();
    for (const [name, text] of value.$formData) form.append(name, text);
    return form;
  }
  if ("$map" in value) return new Map(value.$map.map(([k, v]) => [decodeTestValue(k), decodeTestValue(v)]));
  if ("$set" in value) return new Set(value.$set.map(decodeTestValue));
  if ("$object" in value) {
    const out = {};
    for (const [k, v] of Object.entries(value.$object)) out[k] = decodeTestValue(v);
    return out;
  }
  throw new TypeError(`unknown tagged value ${JSON.stringify(Object.keys(value))}`);
}

/// An error as the /_test route sends it: { name, message, stack, status? }.
export function encodeTestError(error) {
  if (error && typeof error === "object") {
    const out = { name: String(error.name || "Error"), message: String(error.message ?? error), stack: String(error.stack || "") };
    if (Number.isInteger(error.status)) out.status = error.status;
    return out;
  }
  return { name: "Error", message: String(error), stack: "" };
}
