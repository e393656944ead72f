// Cloudflare's KVNamespace (env.KV) in the worker realm. Compiled by
// workerIsolate.cpp as the body of
//   function (call) { ... }
// where call(binding, op, argsJson, bytes?) is the native bridge to the
// isolate's BindingHost (synchronous; returns [json, ArrayBuffer | undefined]
// or throws the Error / TypeError Cloudflare would). Returns the class.
//
// Validation and storage live natively (engine/storage/kvNamespaceStore): key
// names, expiration rules, size limits, list pagination. This file does what
// workerd does in the realm: value types in and out, Promises, bulk get.
'use strict';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const MAX_BULK_KEYS = 100;
const VALUE_TYPES = new Set(['text', 'json', 'arrayBuffer', 'stream']);
const PUT_TYPE_ERROR =
  'KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values.';

// get(key, "json") or get(key, { type, cacheTtl }) -> { type, cacheTtl }
function readOptions(options) {
  if (options === undefined || options === null) return { type: 'text' };
  if (typeof options === 'string') return { type: options };
  return { type: options.type === undefined ? 'text' : String(options.type), cacheTtl: options.cacheTtl };
}

function unknownType() {
  return new TypeError(
    'Unknown response type. Possible types are "text", "arrayBuffer", "json", and "stream".');
}

function convert(bytes, type) {
  switch (type) {
    case 'text': return decoder.decode(bytes);
    case 'json': return JSON.parse(decoder.decode(bytes));
    case 'arrayBuffer': return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    case 'stream':
      return new ReadableStream({
        type: 'bytes',
        start(controller) {
          if (bytes.byteLength > 0) controller.enqueue(bytes);
          controller.close();
        },
      });
  }
  throw unknownType();
}

// A put() value as bytes; streams are read to the end first (as workerd pumps them).
async function valueBytes(value) {
  if (typeof value === 'string') return encoder.encode(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return encoder.encode(String(value)); // workerd coerces primitives to strings
  }
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ReadableStream) {
    const chunks = [];
    let total = 0;
    const reader = value.getReader();
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      let bytes;
      if (typeof chunk === 'string') bytes = encoder.encode(chunk);
      else if (chunk instanceof ArrayBuffer) bytes = new Uint8Array(chunk);
      else if (ArrayBuffer.isView(chunk)) bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      else throw new TypeError('KV put() stream chunks must be ArrayBuffers or ArrayBufferViews.');
      chunks.push(bytes);
      total += bytes.byteLength;
    }
    const all = new Uint8Array(total);
    let offset = 0;
    for (const c of chunks) { all.set(c, offset); offset += c.byteLength; }
    return all;
  }
  throw new TypeError(PUT_TYPE_ERROR);
}

// An option the native side reads as an integer (or reports as invalid).
function integerOption(value) {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'number' ? value : String(value);
}

class KVNamespace {
  #name;

  constructor(name) {
    this.#name = name;
  }

  // [found, value bytes, metadata JSON text or null]
  #read(key, options) {
    const [json, buffer] = call(this.#name, 'get', JSON.stringify({
      key: String(key),
      type: options.type,
      cacheTtl: integerOption(options.cacheTtl),
    }));
    const result = JSON.parse(json);
    if (!result.found) return { found: false };
    return { found: true, bytes: new Uint8Array(buffer ?? new ArrayBuffer(0)), metadata: result.metadata ?? null };
  }

  async #bulk(keys, options, withMetadata) {
    if (keys.length > MAX_BULK_KEYS) {
      throw new Error(`KV GET_BULK failed: 400 You can request a maximum of ${MAX_BULK_KEYS} keys`);
    }
    if (options.type === 'stream' || options.type === 'arrayBuffer') {
      throw new Error(`KV GET_BULK failed: 400 "${options.type}" is not a valid type. Use "json" or "text"`);
    }
    if (!VALUE_TYPES.has(options.type)) throw unknownType();
    const map = new Map();
    for (const key of keys) {
      const r = this.#read(key, options);
      const value = r.found ? convert(r.bytes, options.type) : null;
      map.set(String(key), withMetadata ? { value, metadata: r.found ? r.metadata : null } : value);
    }
    return map;
  }

  async get(key, options) {
    const opts = readOptions(options);
    if (Array.isArray(key)) return this.#bulk(key, opts, false);
    const r = this.#read(key, opts);
    return r.found ? convert(r.bytes, opts.type) : null;
  }

  async getWithMetadata(key, options) {
    const opts = readOptions(options);
    if (Array.isArray(key)) return this.#bulk(key, opts, true);
    const r = this.#read(key, opts);
    if (!r.found) return { value: null, metadata: null, cacheStatus: null };
    return { value: convert(r.bytes, opts.type), metadata: r.metadata, cacheStatus: null };
  }

  async put(key, value, options) {
    const name = String(key);
    const bytes = await valueBytes(value);
    const args = { key: name };
    if (options !== undefined && options !== null) {
      const expiration = integerOption(options.expiration);
      const expirationTtl = integerOption(options.expirationTtl);
      if (expiration !== undefined) args.expiration = expiration;
      if (expirationTtl !== undefined) args.expirationTtl = expirationTtl;
      if (options.metadata !== undefined && options.metadata !== null) {
        args.metadata = JSON.stringify(options.metadata);
      }
    }
    call(this.#name, 'put', JSON.stringify(args), bytes);
  }

  async delete(key) {
    call(this.#name, 'delete', JSON.stringify({ key: String(key) }));
  }

  async list(options) {
    const args = {};
    if (options !== undefined && options !== null) {
      if (options.prefix !== undefined && options.prefix !== null) args.prefix = String(options.prefix);
      if (options.limit !== undefined && options.limit !== null) args.limit = integerOption(options.limit);
      if (options.cursor !== undefined && options.cursor !== null) args.cursor = String(options.cursor);
    }
    const [json] = call(this.#name, 'list', JSON.stringify(args));
    return JSON.parse(json);
  }

  get [Symbol.toStringTag]() {
    return 'KvNamespace';
  }
}

return KVNamespace;
