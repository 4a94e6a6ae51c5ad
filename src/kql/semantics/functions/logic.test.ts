import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScalarType } from '../../types/index.js';
import { signatures, branchType, strictCommonType, caseValueIndexes } from './logic.js';

const returns = (name: string, types: ScalarType[]) => {
  const s = signatures.find((x) => x.name === name || x.aliases?.includes(name));
  assert.ok(s, name);
  return s.returns(types, types.map(() => undefined));
};

test('iff/iif result types follow Microsoft\'s analyzer', () => {
  assert.equal(returns('iff', ['bool', 'int', 'long']), 'long');
  assert.equal(returns('iif', ['bool', 'int', 'real']), 'real');
  assert.equal(returns('iff', ['bool', 'string', 'string']), 'string');
  assert.equal(returns('iff', ['bool', 'dynamic', 'int']), 'int');
  assert.equal(returns('iff', ['bool', 'dynamic', 'string']), 'string');
  assert.equal(returns('iff', ['bool', 'datetime', 'timespan']), 'dynamic');
  assert.equal(returns('iff', ['bool', 'string', 'int']), 'dynamic');
  assert.deepEqual(returns('iff', ['int', 'long', 'long']), { error: 'argument 1 must be a bool' });
});

test('case and coalesce result types', () => {
  assert.equal(returns('case', ['bool', 'int', 'bool', 'long', 'real']), 'real');
  assert.equal(returns('case', ['bool', 'string', 'string']), 'string');
  assert.equal(returns('case', ['bool', 'string', 'int']), 'dynamic');
  assert.ok(typeof returns('case', ['bool', 'string']) === 'object');
  assert.ok(typeof returns('case', ['long', 'string', 'string']) === 'object');
  assert.equal(returns('coalesce', ['int', 'long']), 'long');
  assert.equal(returns('coalesce', ['int', 'int']), 'int');
  assert.equal(returns('coalesce', ['datetime', 'datetime', 'datetime']), 'datetime');
  assert.ok(typeof returns('coalesce', ['string', 'int']) === 'object');
  assert.ok(typeof returns('coalesce', ['dynamic', 'long']) === 'object');
});

test('null tests, not and gettype', () => {
  for (const n of ['isempty', 'isnotempty', 'isnull', 'isnotnull']) assert.equal(returns(n, ['string']), 'bool');
  assert.equal(returns('not', ['bool']), 'bool');
  assert.ok(typeof returns('not', ['int']) === 'object');
  assert.equal(returns('gettype', ['dynamic']), 'string');
});

test('helpers', () => {
  assert.equal(branchType('long', 'decimal'), 'real');
  assert.equal(strictCommonType(['int', 'long', 'real']), 'real');
  assert.equal(strictCommonType(['guid', 'string']), undefined);
  assert.deepEqual(caseValueIndexes(5), [1, 3, 4]);
});
