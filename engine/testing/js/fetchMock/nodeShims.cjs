// The few Node.js built-ins undici's MockAgent code touches, for the test
// isolate (which has none): bundled into fetchMock by bundleFetchMock.mjs at
// build time. Each does just what those modules use; anything else throws.
'use strict';

class BufferShim extends Uint8Array {
  static from(value, encoding) {
    if (typeof value === 'string') {
      if (encoding === 'latin1' || encoding === 'binary') {
        const out = new BufferShim(value.length);
        for (let i = 0; i < value.length; ++i) out[i] = value.charCodeAt(i) & 0xff;
        return out;
      }
      if (encoding === 'base64') return BufferShim.from(atob(value), 'latin1');
      const bytes = new TextEncoder().encode(value);
      return new BufferShim(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    if (value instanceof ArrayBuffer) return new BufferShim(value.slice(0));
    if (ArrayBuffer.isView(value)) {
      const out = new BufferShim(value.byteLength);
      out.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      return out;
    }
    if (Array.isArray(value)) return new BufferShim(value);
    throw new TypeError('Buffer.from: unsupported value');
  }
  static isBuffer(value) {
    return value instanceof BufferShim;
  }
  static concat(list) {
    const out = new BufferShim(list.reduce((n, b) => n + b.byteLength, 0));
    let at = 0;
    for (const b of list) {
      out.set(b, at);
      at += b.byteLength;
    }
    return out;
  }
  static byteLength(value) {
    return typeof value === 'string' ? new TextEncoder().encode(value).byteLength : value.byteLength;
  }
  toString(encoding) {
    if (encoding === 'latin1' || encoding === 'binary') return String.fromCharCode(...this);
    return new TextDecoder().decode(this);
  }
}

class EventEmitter {
  on(name, listener) {
    ((this._events ??= new Map()).get(name) || this._events.set(name, []).get(name)).push(listener);
    return this;
  }
  addListener(name, listener) {
    return this.on(name, listener);
  }
  once(name, listener) {
    const wrapped = (...args) => {
      this.off(name, wrapped);
      listener.apply(this, args);
    };
    return this.on(name, wrapped);
  }
  off(name, listener) {
    const list = this._events?.get(name);
    if (list) list.splice(list.indexOf(listener) >>> 0, 1);
    return this;
  }
  removeListener(name, listener) {
    return this.off(name, listener);
  }
  removeAllListeners(name) {
    if (name === undefined) this._events?.clear();
    else this._events?.delete(name);
    return this;
  }
  emit(name, ...args) {
    const list = this._events?.get(name);
    if (!list || list.length === 0) {
      if (name === 'error') throw args[0];
      return false;
    }
    for (const listener of [...list]) listener.apply(this, args);
    return true;
  }
  listenerCount(name) {
    return this._events?.get(name)?.length ?? 0;
  }
}

function assert(value, message) {
  if (!value) throw new Error(message || 'Assertion failed');
}
assert.ok = assert;
assert.strictEqual = (a, b, message) => assert(Object.is(a, b), message || `Expected ${String(a)} to equal ${String(b)}`);
assert.fail = (message) => {
  throw new Error(message || 'Failed');
};

// console.table's layout as Node draws it (box characters, centred cells,
// strings quoted), which undici's PendingInterceptorsFormatter reads back.
function renderCell(value) {
  if (typeof value === 'string') return `'${value}'`;
  if (value === Infinity) return 'Infinity';
  return String(value);
}
function table(rows) {
  const columns = ['(index)'];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const body = rows.map((row, i) => columns.map((c, j) => (j === 0 ? String(i) : c in row ? renderCell(row[c]) : '')));
  const widths = columns.map((c, j) => Math.max(c.length, ...body.map((r) => [...r[j]].length)) + 2);
  const centre = (text, width) => {
    const left = Math.floor((width - [...text].length) / 2);
    return ' '.repeat(left) + text + ' '.repeat(width - [...text].length - left);
  };
  const line = (l, m, r) => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
  const row = (cells) => '│' + cells.map((c, j) => centre(c, widths[j])).join('│') + '│';
  return [line('┌', '┬', '┐'), row(columns), line('├', '┼', '┤'), ...body.map(row), line('└', '┴', '┘')].join('\n') + '\n';
}
class Console {
  constructor({ stdout }) {
    this.stdout = stdout;
  }
  table(rows) {
    this.stdout.write(table(rows));
  }
}
class Transform {
  constructor() {
    this.text = '';
  }
  write(text) {
    this.text += text;
  }
  read() {
    const text = this.text;
    this.text = '';
    return text;
  }
}

const unsupported = (name) => () => {
  throw new Error(`${name} is not available to fetchMock in a test isolate`);
};

// node:querystring's stringify, as MockAgent builds an interceptor's path with it: an
// array value repeats its key (key=a&key=b), a value that is not a string, finite
// number, bigint or boolean is empty, and escaping is encodeURIComponent's.
function querystringStringify(query) {
  if (query === null || typeof query !== 'object') return '';
  const text = (v) => (typeof v === 'string' ? v
    : (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'bigint' || typeof v === 'boolean' ? String(v) : '');
  const parts = [];
  for (const key of Object.keys(query)) {
    const name = `${encodeURIComponent(text(key))}=`;
    const value = query[key];
    for (const item of Array.isArray(value) ? value : [value]) parts.push(name + encodeURIComponent(text(item)));
  }
  return parts.join('&');
}

module.exports = {
  Buffer: BufferShim,
  process: { versions: { node: '18.20.0', icu: '72.1' }, env: {}, platform: 'linux', emitWarning() {} },
  events: Object.assign(EventEmitter, { EventEmitter }),
  assert,
  buffer: { Buffer: BufferShim, Blob: globalThis.Blob, kStringMaxLength: 2 ** 29 - 24 },
  util: {
    promisify: (fn) => (...args) => new Promise((resolve, reject) =>
      fn(...args, (error, value) => (error ? reject(error) : resolve(value)))),
    types: { isPromise: (v) => v instanceof Promise },
    inspect: (v) => String(v),
  },
  http: { IncomingMessage: class IncomingMessage {}, STATUS_CODES: null /* set by the bundler */ },
  stream: {
    Transform,
    Readable: class Readable {},
    isDestroyed: () => false,
    isDisturbed: () => false,
    finished: unsupported('stream.finished'),
  },
  console: { Console },
  net: { isIP: (host) => (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) ? 4 : host.includes(':') ? 6 : 0) },
  querystring: { stringify: querystringStringify },
};
