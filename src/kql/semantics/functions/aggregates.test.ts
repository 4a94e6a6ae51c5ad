import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScalarType } from '../../types/index.js';
import { aggregateSignatures } from './aggregates.js';

const sig = (name: string) => {
  const s = aggregateSignatures.find((x) => x.name === name || x.aliases?.includes(name));
  assert.ok(s, name);
  return s;
};
const returns = (name: string, types: ScalarType[]) => sig(name).returns(types, types.map(() => undefined));
const isError = (r: unknown) => typeof r === 'object' && r !== null && 'error' in r;

test('result types as Microsoft\'s analyzer gives them', () => {
  assert.equal(returns('count', []), 'long');
  assert.equal(returns('sum', ['int']), 'long');
  assert.equal(returns('sum', ['real']), 'real');
  assert.equal(returns('sum', ['timespan']), 'timespan');
  assert.equal(returns('avg', ['int']), 'real');
  assert.equal(returns('avg', ['timespan']), 'timespan');
  assert.equal(returns('min', ['string']), 'string');
  assert.equal(returns('max', ['datetime']), 'datetime');
  assert.equal(returns('stdev', ['int']), 'real');
  assert.equal(returns('variancep', ['timespan']), 'real');
  assert.equal(returns('percentile', ['int', 'long']), 'long');
  assert.equal(returns('percentile', ['real', 'long']), 'real');
  assert.equal(returns('percentile', ['string', 'long']), 'string');
  assert.equal(returns('binary_all_and', ['int']), 'int');
  assert.equal(returns('make_set', ['string', 'long']), 'dynamic');
  assert.equal(returns('take_any', ['guid']), 'guid');
  assert.equal(returns('dcountif', ['string', 'bool', 'long']), 'long');
});

test('argument errors', () => {
  assert.ok(isError(returns('sum', ['bool'])));
  assert.ok(isError(returns('max', ['dynamic'])));
  assert.ok(isError(returns('countif', ['int'])));
  assert.ok(isError(returns('minif', ['string', 'int'])));
  assert.ok(isError(returns('make_bag', ['string'])));
});

test('column-name prefixes (kql-semantics §3.5)', () => {
  assert.equal(sig('count').prefix, 'count');
  assert.equal(sig('make_set').prefix, 'set');
  assert.equal(sig('make_set_if').prefix, 'set');
  assert.equal(sig('makelist').prefix, 'list');
  assert.equal(sig('make_bag_if').prefix, 'bag');
  assert.equal(sig('percentile').prefix, 'percentile');
  assert.equal(sig('take_any').special, 'take_any');
  assert.equal(sig('percentiles').special, 'percentiles');
});
