// Module mocking of `vi` (vi.mock, vi.doMock, vi.unmock, vi.doUnmock,
// vi.importActual, vi.importMock, vi.resetModules, vi.hoisted) as Vitest 4.1's
// VitestMocker does it, over Switchyard's module runner: @vitest/mocker's
// registry, manual-mock factories and automocker, and the runner's mocks
// (engine/js/moduleRunnerMocks.cpp) reached through
// globalThis[Symbol.for("switchyard.moduleRunner")] (realmSetup.js).
//
// How a mock takes effect: vi.mock/vi.unmock calls were hoisted above the
// file's imports (viMockHoist.js, the module pipeline of test isolates), so
// they run first. Each resolves its path as an import of the calling module
// (the first stack frame outside this harness) and registers the mock with
// the runner. From then on every module linked imports the mock instead of
// the module (the test file's imports, now `await import()`s, and whatever
// they import, the worker's own graph behind SELF included); modules already
// evaluated keep what they imported. A factory runs when a load first needs
// its exports (the runner reports the mock pending), an automock mocks the
// real module's exports deeply (@vitest/mocker's mockObject with
// @vitest/spy's createMockInstance), a __mocks__ file replaces the module.
//
// Seam: installModuleMocking(vi) adds these methods to the exported `vi`
// object (vi.js calls it once).
import {
  AutomockedModule,
  MockerRegistry,
  RedirectedModule,
  mockObject,
} from '@vitest/mocker';
import { createMockInstance } from '@vitest/spy';
import { assertTypes } from '@vitest/utils/helpers';

const kRunner = Symbol.for('switchyard.moduleRunner');
const ownFile = import.meta.url;

function runner() {
  const api = globalThis[kRunner];
  if (!api) {
    throw new Error("Module mocking needs Switchyard's module runner (a test isolate of `switchyard test`)");
  }
  return api;
}

const registry = new MockerRegistry();
const globalConstructors = { Object, Error, Function, RegExp, Symbol: globalThis.Symbol, Array, Map };

// The keys Vitest's factory-mock proxy lets through when a factory did not return them.
const filterPublicKeys = [
  '__esModule',
  Symbol.asyncIterator,
  Symbol.hasInstance,
  Symbol.isConcatSpreadable,
  Symbol.iterator,
  Symbol.match,
  Symbol.matchAll,
  Symbol.replace,
  Symbol.search,
  Symbol.split,
  Symbol.species,
  Symbol.toPrimitive,
  Symbol.toStringTag,
  Symbol.unscopables,
];

/** The module that called into `vi` (Vitest's getImporter): the first frame outside this harness. */
function getImporter() {
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  let sites = [];
  try {
    Error.stackTraceLimit = 20;
    Error.prepareStackTrace = (_, callSites) => callSites;
    const holder = {};
    Error.captureStackTrace(holder, getImporter);
    sites = Array.isArray(holder.stack) ? holder.stack : [];
  } finally {
    Error.prepareStackTrace = savedPrepare;
    Error.stackTraceLimit = savedLimit;
  }
  for (const site of sites) {
    const file = site.getFileName();
    if (file && file !== ownFile) return file;
  }
  return '';
}

/** Vitest's normalizeModuleId for a path that does not resolve. */
function normalizeModuleId(raw) {
  return raw
    .replace(/^\/@fs\//, '/')
    .replace(/^node:/, '')
    .replace(/^\/+/, '/')
    .replace(/^file:\//, '/');
}

/** `raw` resolved as `importer` imports it: { id, redirect, interop } (an unresolved path keeps its text). */
function resolve(raw, importer) {
  const r = runner().resolve(raw, importer);
  if (r.ok) return r;
  return { ok: false, id: normalizeModuleId(raw), file: '', external: true, interop: false, redirect: '' };
}

function mockType(factoryOrOptions) {
  if (!factoryOrOptions) return 'automock';
  if (typeof factoryOrOptions === 'function') return 'manual';
  return factoryOrOptions.spy ? 'autospy' : 'automock';
}

/** Registers the mock of `raw` (Vitest's queueMock + mockPath; resolution here is synchronous). */
function mockPath(raw, importer, factoryOrOptions) {
  const type = mockType(factoryOrOptions);
  const { id, redirect, interop } = resolve(raw, importer);
  if (type === 'manual') {
    const factory = () => factoryOrOptions(() => importActual(raw, importer));
    registry.register('manual', raw, id, id, factory);
    runner().mock(id, '', interop);
  } else if (type === 'autospy') {
    registry.register('autospy', raw, id, id);
    runner().mock(id, '', interop);
  } else if (redirect) {
    registry.register('redirect', raw, id, id, redirect);
    runner().mock(id, redirect, interop);
  } else {
    registry.register('automock', raw, id, id);
    runner().mock(id, '', interop);
  }
}

function unmockPath(raw, importer) {
  const { id } = resolve(raw, importer);
  registry.deleteById(id);
  registry.delete(id);
  runner().unmock(id);
}

// The mocks whose exports are being made in this async context (a factory
// that imports its own module, directly or not, gets the original).
const Storage = globalThis.AsyncLocalStorage;
const making = Storage ? new Storage() : null;
let makingFallback = new Set();
const currentlyMaking = () => (making ? making.getStore() || new Set() : makingFallback);
const inProgress = new Map(); // id -> Promise of its exports

function moduleObject() {
  const exports = Object.create(null);
  Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module', configurable: true, writable: true });
  return exports;
}

/** Deep mock of a module's exports (Vitest's mockObject with the spy module's createMockInstance). */
function automock(actual, type, into = moduleObject()) {
  return mockObject({ globalConstructors, createMockInstance, type }, actual, into);
}

/** The exports of the mock `id` (runs its factory, or automocks the real module) and hands them to the runner. */
function makeMock(id) {
  if (inProgress.has(id)) return inProgress.get(id);
  const mock = registry.getById(id);
  const chain = new Set(currentlyMaking());
  chain.add(id);
  const work = async () => {
    if (!mock) {
      runner().unmock(id); // removed meanwhile: the real module
      return;
    }
    let exports;
    if (mock.type === 'manual') {
      exports = await mock.resolve();
    } else {
      const actual = await load(id, '', { actual: true });
      exports = automock(actual, mock.type);
    }
    runner().setMockExports(id, exports);
  };
  const run = making
    ? () => making.run(chain, work)
    : async () => {
        const saved = makingFallback;
        makingFallback = chain;
        try {
          return await work();
        } finally {
          makingFallback = saved;
        }
      };
  const promise = run().finally(() => inProgress.delete(id));
  inProgress.set(id, promise);
  return promise;
}

/** Vitest's proxy over a factory's module: reading an export the factory did not return throws. */
function factoryModule(exports, mock) {
  return new Proxy(exports, {
    get(target, prop) {
      const value = target[prop];
      if (prop === 'then') {
        if (target instanceof Promise) return target.then.bind(target);
      } else if (!(prop in target)) {
        if (filterPublicKeys.includes(prop)) return undefined;
        throw missingExportError(String(prop), mock.raw);
      }
      return value;
    },
  });
}

function missingExportError(name, raw) {
  const error = new Error(
    `[vitest] No "${name}" export is defined on the "${raw}" mock. Did you forget to return it from "vi.mock"?\n` +
      'If you need to partially mock a module, you can use "importOriginal" helper inside:\n',
  );
  error.codeFrame = `vi.mock(import("${raw}"), async (importOriginal) => {
  const actual = await importOriginal()
  return {
    ...actual,
    // your mocked methods
  }
})`;
  return error;
}

/** A static import of a name a factory mock lacks fails to link: Vitest's message instead of V8's. */
function linkError(error) {
  const m = /The requested module '([^']*)' does not provide an export named '([^']*)'/.exec(
    error && typeof error.message === 'string' ? error.message : '',
  );
  const mock = m && registry.getById(m[1]);
  if (!mock || mock.type !== 'manual') return error;
  const better = missingExportError(m[2], mock.raw);
  better.cause = error;
  return better;
}

/** Loads `id` through the runner, giving pending mocks their exports first. */
async function load(id, importerId, { actual = false, wrapFactory = false } = {}) {
  for (;;) {
    let loaded;
    try {
      loaded = runner().load(id, importerId, actual, [...currentlyMaking()]);
    } catch (error) {
      throw linkError(error);
    }
    if (loaded.length > 2) {
      for (const pendingId of loaded[2]) await makeMock(pendingId);
      continue;
    }
    const [evaluation, namespace] = loaded;
    try {
      await evaluation;
    } finally {
      runner().refresh();
    }
    if (wrapFactory && !actual) {
      const mock = registry.getById(id);
      if (mock && mock.type === 'manual') return factoryModule(namespace, mock);
    }
    return namespace;
  }
}

let hookInstalled = false;
/** import() goes through load() once the file registered a mock (before, the runner's own path is used). */
function ensureImportHook() {
  if (hookInstalled) return;
  hookInstalled = true;
  runner().setImportHook((id, importerId) => load(id, importerId, { wrapFactory: true }));
}

/** vi.importActual(path): the real module, even when mocked (its own imports stay mocked). */
function importActual(raw, importer) {
  const { id } = resolve(raw, importer);
  return load(id, importer, { actual: true });
}

/** vi.importMock(path): the module as vi.mock(path) would make it (a new automock when it is not mocked). */
async function importMock(raw, importer) {
  const { id, redirect } = resolve(raw, importer);
  let mock = registry.getById(id);
  if (!mock) mock = redirect ? new RedirectedModule(raw, id, raw, redirect) : new AutomockedModule(raw, id, raw);
  if (mock.type === 'automock' || mock.type === 'autospy') {
    const actual = await load(id, importer, { actual: true });
    return automock(actual, mock.type, Object.create(Object.prototype));
  }
  if (mock.type === 'manual') return factoryModule(await mock.resolve(), mock);
  return load(mock.redirect, importer);
}

/** Adds module mocking to `vi` (the seam vi.js calls). */
export function installModuleMocking(vi) {
  Object.assign(vi, {
    hoisted(factory) {
      assertTypes(factory, '"vi.hoisted" factory', ['function']);
      return factory();
    },
    mock(path, factory) {
      if (typeof path !== 'string') throw new TypeError(`vi.mock() expects a string path, but received a ${typeof path}`);
      mockPath(path, getImporter(), factory);
      ensureImportHook();
    },
    unmock(path) {
      if (typeof path !== 'string') throw new TypeError(`vi.unmock() expects a string path, but received a ${typeof path}`);
      unmockPath(path, getImporter());
      ensureImportHook();
    },
    doMock(path, factory) {
      if (typeof path !== 'string') throw new TypeError(`vi.doMock() expects a string path, but received a ${typeof path}`);
      const importer = getImporter();
      mockPath(path, importer, factory);
      ensureImportHook();
      const handle = {};
      if (Symbol.dispose) handle[Symbol.dispose] = () => unmockPath(path, importer);
      return handle;
    },
    doUnmock(path) {
      if (typeof path !== 'string') throw new TypeError(`vi.doUnmock() expects a string path, but received a ${typeof path}`);
      unmockPath(path, getImporter());
      ensureImportHook();
    },
    async importActual(path) {
      return importActual(path, getImporter());
    },
    async importMock(path) {
      ensureImportHook();
      return importMock(path, getImporter());
    },
    mockObject(value, options) {
      return mockObject({ globalConstructors, createMockInstance, type: options && options.spy ? 'autospy' : 'automock' }, { value }).value;
    },
    resetModules() {
      runner().resetModules();
      return vi;
    },
  });
  return vi;
}
