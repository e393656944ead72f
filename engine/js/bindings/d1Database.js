// Cloudflare's D1Database (env.DB) in the worker realm. Compiled by
// workerIsolate.cpp as the body of
//   function (call) { ... }
// where call(binding, op, argsJson) is the native bridge to the isolate's
// BindingHost (synchronous; returns [json] or throws). Returns the class.
//
// Shapes follow workerd's D1 binding (cloudflare/internal/d1-api.ts): bind()
// checks value types (booleans -> 1/0, ArrayBuffer/views -> arrays of bytes),
// results arrive as {columns, rows} and become objects, errors are
// `D1_ERROR: <sqlite message>` with the bare message as `cause`. SQL runs
// natively (engine/storage/d1DatabaseStore): batch() in one transaction, exec()
// line by line.
'use strict';

// Re-throws a native failure the way workerd does: message with its D1_* prefix,
// `cause` holding the message without it.
function rethrow(e) {
  const message = e && typeof e.message === 'string' ? e.message : String(e);
  const inner = message.replace(/^D1_[A-Z_]+: /, '');
  throw new Error(message, { cause: new Error(inner) });
}

function invoke(binding, op, args) {
  try {
    return JSON.parse(call(binding, op, JSON.stringify(args))[0]);
  } catch (e) {
    rethrow(e);
  }
}

// {columns, rows, meta} -> D1Result {success, meta, results: [{column: value}]}
function toResult(answer) {
  const { columns, rows } = answer;
  const results = rows.map((row) => Object.fromEntries(row.map((cell, i) => [columns[i], cell])));
  return { success: true, meta: answer.meta, results };
}

function bindValue(value) {
  const type = typeof value;
  if (type === 'number' || type === 'string') return value;
  if (type === 'boolean') return value ? 1 : 0;
  if (type === 'object') {
    if (value === null) return null;
    if (Array.isArray(value) && value.every((b) => typeof b === 'number' && b >= 0 && b < 256)) return value;
    if (value instanceof ArrayBuffer) return Array.from(new Uint8Array(value));
    if (ArrayBuffer.isView(value)) {
      return Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    }
  }
  const detail = `Type '${type}' not supported for value '${String(value)}'`;
  throw new Error(`D1_TYPE_ERROR: ${detail}`, { cause: new Error(detail) });
}

// Which binding prepared a statement (batch() refuses another database's).
const bindingOf = new WeakMap();

class D1PreparedStatement {
  #binding;

  constructor(binding, statement, params) {
    this.#binding = binding;
    bindingOf.set(this, binding);
    this.statement = statement;
    this.params = params || [];
  }

  bind(...values) {
    return new D1PreparedStatement(this.#binding, this.statement, values.map(bindValue));
  }

  #query() {
    return invoke(this.#binding, 'query', { sql: this.statement, params: this.params });
  }

  async first(columnName) {
    const { results } = toResult(this.#query());
    if (results.length === 0) return null;
    const row = results[0];
    if (columnName === undefined) return row;
    if (row[columnName] === undefined) {
      throw new Error(`D1_COLUMN_NOTFOUND: Column not found (${columnName})`, {
        cause: new Error('Column not found'),
      });
    }
    return row[columnName];
  }

  async all() {
    return toResult(this.#query());
  }

  // run() answers like all() (results included), as D1's documentation says.
  async run() {
    return toResult(this.#query());
  }

  async raw(options) {
    const answer = this.#query();
    return options && options.columnNames ? [answer.columns, ...answer.rows] : answer.rows;
  }
}

class D1DatabaseSession {
  #database;

  constructor(database) {
    this.#database = database;
  }

  prepare(query) {
    return this.#database.prepare(query);
  }

  batch(statements) {
    return this.#database.batch(statements);
  }

  // One local database: there are no replicas, so no bookmark is ever needed.
  getBookmark() {
    return null;
  }
}

class D1Database {
  #name;

  constructor(name) {
    this.#name = name;
  }

  prepare(query) {
    return new D1PreparedStatement(this.#name, String(query), []);
  }

  async batch(statements) {
    if (!Array.isArray(statements)) {
      throw new TypeError('D1Database.batch() takes an array of D1PreparedStatement objects.');
    }
    const list = statements.map((s) => {
      if (!(s instanceof D1PreparedStatement)) {
        throw new TypeError('D1Database.batch() takes an array of D1PreparedStatement objects.');
      }
      if (bindingOf.get(s) !== this.#name) {
        throw new TypeError('D1Database.batch(): every statement must be prepared on this database.');
      }
      return { sql: s.statement, params: s.params };
    });
    return invoke(this.#name, 'batch', { statements: list }).map(toResult);
  }

  async exec(query) {
    return invoke(this.#name, 'exec', { sql: String(query) });
  }

  withSession(_constraintOrBookmark) {
    return new D1DatabaseSession(this);
  }

  async dump() {
    throw new Error('D1_DUMP_ERROR: dump() is deprecated and only worked with alpha databases',
      { cause: new Error('dump() is deprecated') });
  }

  get [Symbol.toStringTag]() {
    return 'D1Database';
  }
}

return D1Database;
