import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScalarType, Value } from '../../kql/types/index.js';
import { parseDatetime } from '../../kql/types/index.js';
import { kernels, widenValue } from './logic.js';
import { parseJsonValue } from './dynamic-compare.js';
import type { KernelContext } from './kernel.js';

const ctx: KernelContext = { now: 0n, random: () => 0.5 };
function call(name: string, types: ScalarType[], ...args: Value[]): Value {
  const k = kernels.find((x) => x.name === name);
  assert.ok(k, `kernel ${name}`);
  return k.make(types, args.map(() => undefined), ctx)(...args);
}

test('iff: branches, null condition takes the else branch, result type widening', () => {
  assert.equal(call('iff', ['bool', 'string', 'string'], true, 'a', 'b'), 'a');
  assert.equal(call('iff', ['bool', 'string', 'string'], false, 'a', 'b'), 'b');
  assert.equal(call('iff', ['bool', 'string', 'string'], null, 'a', 'b'), 'b');
  assert.equal(call('iff', ['bool', 'int', 'long'], true, 1, 2n), 1n);
  assert.equal(call('iff', ['bool', 'long', 'real'], true, 1n, 2.5), 1);
  assert.equal(call('iff', ['bool', 'real', 'real'], true, null, 5), null);
  // dynamic yields to the other branch's type
  assert.equal(call('iff', ['bool', 'dynamic', 'int'], true, 7, 1), 7);
  assert.equal(call('iff', ['bool', 'dynamic', 'int'], true, 'x', 1), null);
  // unrelated types give dynamic
  const t = parseDatetime('2020-01-01')!;
  assert.equal(call('iff', ['bool', 'datetime', 'string'], true, t, 'x'), '2020-01-01T00:00:00.0000000Z');
});

test('case: first true predicate wins, else value otherwise', () => {
  const types: ScalarType[] = ['bool', 'string', 'bool', 'string', 'string'];
  assert.equal(call('case', types, false, 'a', true, 'b', 'c'), 'b');
  assert.equal(call('case', types, true, 'a', true, 'b', 'c'), 'a');
  assert.equal(call('case', types, null, 'a', false, 'b', 'c'), 'c');
  assert.equal(call('case', ['bool', 'int', 'bool', 'long', 'real'], true, 1, false, 2n, 3.5), 1);
  assert.equal(call('case', ['bool', 'int', 'long'], false, 1, 2n), 2n);
});

test('coalesce: first non-null, first non-empty string (doc example)', () => {
  assert.equal(call('coalesce', ['long', 'long', 'long'], null, 42n, 33n), 42n);
  assert.equal(call('coalesce', ['long', 'long'], null, null), null);
  assert.equal(call('coalesce', ['string', 'string', 'string'], '', 'x', 'y'), 'x');
  assert.equal(call('coalesce', ['string', 'string'], '', ''), '');
  assert.equal(call('coalesce', ['int', 'long'], 5, 1n), 5n);
  assert.equal(call('coalesce', ['int', 'real'], null, 2.5), 2.5);
  assert.deepEqual(call('coalesce', ['dynamic', 'dynamic'], null, { a: 1 }), { a: 1 });
});

test('isempty / isnotempty: doc table', () => {
  assert.equal(call('isempty', ['string'], ''), true);
  assert.equal(call('isempty', ['string'], 'x'), false);
  assert.equal(call('isempty', ['dynamic'], parseJsonValue('', 'string')), true);
  assert.equal(call('isempty', ['dynamic'], parseJsonValue('[]', 'string')), false);
  assert.equal(call('isempty', ['dynamic'], parseJsonValue('{}', 'string')), false);
  assert.equal(call('isempty', ['long'], null), true);
  assert.equal(call('isempty', ['long'], 0n), false);
  assert.equal(call('isnotempty', ['string'], 'x'), true);
  assert.equal(call('isnotempty', ['int'], null), false);
});

test('isnull / isnotnull: strings are never null', () => {
  assert.equal(call('isnull', ['string'], ''), false);
  assert.equal(call('isnotnull', ['string'], ''), true);
  assert.equal(call('isnull', ['long'], null), true);
  assert.equal(call('isnull', ['real'], Number.NaN), false);
  assert.equal(call('isnotnull', ['datetime'], 0n), true);
  assert.equal(call('isnull', ['dynamic'], null), true);
  assert.equal(call('isnull', ['dynamic'], ''), false);
});

test('not: null stays null', () => {
  assert.equal(call('not', ['bool'], true), false);
  assert.equal(call('not', ['bool'], false), true);
  assert.equal(call('not', ['bool'], null), null);
});

test('gettype: doc table', () => {
  assert.equal(call('gettype', ['string'], 'a'), 'string');
  assert.equal(call('gettype', ['long'], 111n), 'long');
  assert.equal(call('gettype', ['bool'], true), 'bool');
  assert.equal(call('gettype', ['datetime'], 0n), 'datetime');
  assert.equal(call('gettype', ['timespan'], 10000000n), 'timespan');
  assert.equal(call('gettype', ['dynamic'], parseJsonValue('1', 'string')), 'int');
  assert.equal(call('gettype', ['dynamic'], parseJsonValue(' "abc" ', 'string')), 'string');
  assert.equal(call('gettype', ['dynamic'], parseJsonValue(' {"abc":1} ', 'string')), 'dictionary');
  assert.equal(call('gettype', ['dynamic'], parseJsonValue(' [1, 2, 3] ', 'string')), 'array');
  assert.equal(call('gettype', ['real'], 123.45), 'real');
  assert.equal(call('gettype', ['guid'], '12e8b78d-55b4-46ae-b068-26d7a0080254'), 'guid');
  assert.equal(call('gettype', ['dynamic'], parseJsonValue('', 'string')), 'null');
});

test('widenValue: widening and dynamic round trips', () => {
  assert.equal(widenValue(3, 'int', 'long'), 3n);
  assert.equal(widenValue(3n, 'long', 'real'), 3);
  assert.equal(widenValue(3n, 'long', 'dynamic'), 3);
  assert.equal(widenValue('5', 'dynamic', 'long'), 5n);
  assert.equal(widenValue(null, 'int', 'string'), '');
  assert.equal(widenValue(undefined, 'int', 'int'), null);
});

test('every logic signature has a kernel and vice versa', async () => {
  const { signatures } = await import('../../kql/semantics/functions/logic.js');
  assert.deepEqual(signatures.map((s) => s.name).sort(), kernels.map((k) => k.name).sort());
});
