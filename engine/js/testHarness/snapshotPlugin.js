// The snapshot matchers, as Vitest 4.1's chai plugin defines them (it lives in
// the `vitest` package, not in @vitest/snapshot): toMatchSnapshot (and chai's
// matchSnapshot), toMatchInlineSnapshot, toMatchFileSnapshot,
// toThrowErrorMatchingSnapshot, toThrowErrorMatchingInlineSnapshot and
// expect.addSnapshotSerializer, over the realm's SnapshotClient (snapshot.js).
//
// Inline snapshots find their call site from the stack: the matcher function
// is named __INLINE_SNAPSHOT_OFFSET_3__, which @vitest/snapshot reads as "the
// test file's frame is 3 frames further" (wrapAssertion's function, chai's
// method wrapper, the caller). The bundle is minified, so the name is set as
// the function's `name` property, which V8 shows in stack frames; the same is
// done for @vitest/expect's .resolves/.rejects getters (__VITEST_RESOLVES__,
// __VITEST_REJECTS__: "3 frames further"), which minification renamed too.
import * as chai from 'chai';
import { addSerializer, stripSnapshotIndentation } from '@vitest/snapshot';
import { createAssertionMessage, recordAsyncExpect, wrapAssertion } from '@vitest/expect';
import { activeSnapshotFile, activeSnapshotState, getSnapshotClient } from './snapshot.js';

/** The names from the file down to the test, without the file (Vitest's getNames(test).slice(1)). */
function testNameOf(test) {
  if (test.file && 'suite' in test) {
    const names = [test.name];
    for (let s = test.suite; s && s !== test.file; s = s.suite) if (s.name) names.unshift(s.name);
    return names.join(' > ');
  }
  return test.fullTestName ?? test.fullName ?? test.name;
}

/** `fn` with the name stack frames show for it (minification renames functions). */
function named(name, fn) {
  Object.defineProperty(fn, 'name', { value: name, configurable: true });
  return fn;
}

// Before expect.js installs @vitest/expect's matchers (this module is
// evaluated first): name the .resolves/.rejects getters as @vitest/snapshot
// looks for them.
if (typeof EventTarget === 'function' && chai.util.events instanceof EventTarget) {
  chai.util.events.addEventListener('addProperty', (event) => {
    if (event.name === 'resolves' && typeof event.fn === 'function') named('__VITEST_RESOLVES__', event.fn);
    if (event.name === 'rejects' && typeof event.fn === 'function') named('__VITEST_REJECTS__', event.fn);
  });
}

function testNames(test) {
  return {
    filepath: (test.file && test.file.filepath) || activeSnapshotFile(),
    name: testNameOf(test),
    testId: test.id,
  };
}

function assertionName(chai, assertion) {
  const name = chai.util.flag(assertion, '_name');
  if (!name) throw new Error('Assertion name is not set.');
  return name;
}

function testOf(chai, assertion) {
  const test = chai.util.flag(assertion, 'vitest-test');
  if (!test) throw new Error(`'${assertionName(chai, assertion)}' cannot be used without test context`);
  return test;
}

function validate(chai, assertion) {
  if (chai.util.flag(assertion, 'negate')) throw new Error(`${assertionName(chai, assertion)} cannot be used with "not"`);
}

/** The thrown value of `received` (a function), or `received` itself after .rejects. */
function thrownBy(received, promise) {
  if (typeof received !== 'function') {
    if (!promise) throw new Error(`expected must be a function, received ${typeof received}`);
    return received;
  }
  try {
    received();
  } catch (e) {
    return e;
  }
  throw new Error("snapshot function didn't throw");
}

function normalizeArguments(propertiesOrHint, hint) {
  if (typeof propertiesOrHint === 'string') return { hint: propertiesOrHint };
  return { properties: propertiesOrHint, hint };
}

function normalizeInlineArguments(propertiesOrInlineSnapshot, inlineSnapshotOrHint, hint) {
  if (typeof propertiesOrInlineSnapshot === 'string') {
    return { inlineSnapshot: stripSnapshotIndentation(propertiesOrInlineSnapshot), hint: inlineSnapshotOrHint };
  }
  return {
    properties: propertiesOrInlineSnapshot,
    inlineSnapshot: inlineSnapshotOrHint ? stripSnapshotIndentation(inlineSnapshotOrHint) : undefined,
    hint,
  };
}

function checkedNames(chai, assertion) {
  const names = testNames(testOf(chai, assertion));
  if (!names.filepath || !activeSnapshotFile()) {
    throw new Error(`${assertionName(chai, assertion)}() needs the snapshot state of a test file: Switchyard keeps it in test isolates (switchyard test)`);
  }
  return names;
}

function matchSnapshot(chai, options) {
  const { assertion } = options;
  validate(chai, assertion);
  const name = assertionName(chai, assertion);
  return getSnapshotClient().match({
    received: options.received,
    properties: options.properties,
    message: options.hint,
    isInline: options.isInline,
    inlineSnapshot: options.inlineSnapshot,
    assertionName: name,
    error: chai.util.flag(assertion, 'error'),
    ...checkedNames(chai, assertion),
  });
}

async function matchFileSnapshot(chai, options) {
  const { assertion } = options;
  validate(chai, assertion);
  const names = checkedNames(chai, assertion);
  const state = getSnapshotClient().getSnapshotState(names.filepath);
  const file = await state.environment.resolveRawPath(names.filepath, options.filepath);
  const content = await state.environment.readSnapshotFile(file);
  return getSnapshotClient().match({
    received: options.received,
    message: options.hint,
    rawSnapshot: { file, content: content ?? undefined },
    ...names,
  });
}

function assertResult(chai, assertion, result) {
  if (result.pass) return;
  const custom = chai.util.flag(assertion, 'message');
  const state = activeSnapshotState();
  throw Object.assign(new Error((custom ? `${custom}: ` : '') + result.message()), {
    actual: result.actual,
    expected: result.expected,
    diffOptions: { expand: state ? state.expand : false },
  });
}

/** chai.use() plugin: the snapshot matchers on chai.Assertion and expect.addSnapshotSerializer. */
export function SnapshotPlugin(chai, utils) {
  for (const key of ['matchSnapshot', 'toMatchSnapshot']) {
    utils.addMethod(chai.Assertion.prototype, key, wrapAssertion(utils, key, function (propertiesOrHint, hint) {
      return assertResult(chai, this, matchSnapshot(chai, {
        assertion: this,
        received: utils.flag(this, 'object'),
        ...normalizeArguments(propertiesOrHint, hint),
      }));
    }));
  }
  utils.addMethod(chai.Assertion.prototype, 'toMatchFileSnapshot', function (filepath, hint) {
    utils.flag(this, '_name', 'toMatchFileSnapshot');
    validate(chai, this);
    const promise = matchFileSnapshot(chai, {
      assertion: this,
      received: utils.flag(this, 'object'),
      filepath,
      hint,
    }).then((result) => assertResult(chai, this, result));
    return recordAsyncExpect(testOf(chai, this), promise, createAssertionMessage(utils, this, true), new Error('resolves'), utils.flag(this, 'soft'));
  });
  utils.addMethod(chai.Assertion.prototype, 'toMatchInlineSnapshot', wrapAssertion(utils, 'toMatchInlineSnapshot', named('__INLINE_SNAPSHOT_OFFSET_3__', function (propertiesOrInlineSnapshot, inlineSnapshotOrHint, hint) {
    return assertResult(chai, this, matchSnapshot(chai, {
      assertion: this,
      received: utils.flag(this, 'object'),
      isInline: true,
      ...normalizeInlineArguments(propertiesOrInlineSnapshot, inlineSnapshotOrHint, hint),
    }));
  })));
  utils.addMethod(chai.Assertion.prototype, 'toThrowErrorMatchingSnapshot', wrapAssertion(utils, 'toThrowErrorMatchingSnapshot', function (propertiesOrHint, hint) {
    validate(chai, this);
    return assertResult(chai, this, matchSnapshot(chai, {
      assertion: this,
      received: thrownBy(utils.flag(this, 'object'), utils.flag(this, 'promise')),
      ...normalizeArguments(propertiesOrHint, hint),
    }));
  }));
  utils.addMethod(chai.Assertion.prototype, 'toThrowErrorMatchingInlineSnapshot', wrapAssertion(utils, 'toThrowErrorMatchingInlineSnapshot', named('__INLINE_SNAPSHOT_OFFSET_3__', function (inlineSnapshotOrHint, hint) {
    validate(chai, this);
    return assertResult(chai, this, matchSnapshot(chai, {
      assertion: this,
      received: thrownBy(utils.flag(this, 'object'), utils.flag(this, 'promise')),
      isInline: true,
      ...normalizeInlineArguments(undefined, inlineSnapshotOrHint, hint),
    }));
  })));
  utils.addMethod(chai.expect, 'addSnapshotSerializer', addSerializer);
}
