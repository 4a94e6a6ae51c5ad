import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScalarType } from '../../types/index.js';
import { signatures } from './dynamic.js';

const returns = (name: string, types: ScalarType[]) => {
  const s = signatures.find((x) => x.name === name || x.aliases?.includes(name));
  assert.ok(s, name);
  assert.ok(types.length >= s.minArgs && types.length <= s.maxArgs, `${name} arity`);
  return s.returns(types, types.map(() => undefined));
};
const isError = (r: unknown) => typeof r === 'object' && r !== null && 'error' in r;

test('result types as Microsoft\'s analyzer gives them', () => {
  assert.equal(returns('todynamic', ['string']), 'dynamic');
  assert.equal(returns('parse_json', ['dynamic']), 'dynamic');
  assert.equal(returns('array_length', ['dynamic']), 'long');
  assert.equal(returns('array_sum', ['dynamic']), 'real');
  assert.equal(returns('array_index_of', ['dynamic', 'string']), 'long');
  assert.equal(returns('set_has_element', ['dynamic', 'datetime']), 'bool');
  assert.equal(returns('bag_has_key', ['dynamic', 'string']), 'bool');
  assert.equal(returns('strcat_array', ['dynamic', 'string']), 'string');
  assert.equal(returns('jaccard_index', ['dynamic', 'dynamic']), 'dynamic');
  assert.equal(returns('pack', ['string', 'int', 'string', 'dynamic']), 'dynamic');
  assert.equal(returns('array_sort_asc', ['dynamic', 'dynamic', 'bool']), 'dynamic');
  assert.equal(returns('range', ['datetime', 'datetime', 'timespan']), 'dynamic');
  assert.equal(returns('range', ['long', 'real']), 'dynamic');
  assert.equal(returns('repeat', ['string', 'long']), 'dynamic');
});

test('argument errors', () => {
  assert.ok(isError(returns('todynamic', ['int'])));
  assert.ok(isError(returns('array_length', ['string'])));
  assert.ok(isError(returns('bag_has_key', ['dynamic', 'long'])));
  assert.ok(isError(returns('bag_pack', ['string', 'int', 'string'])));
  assert.ok(isError(returns('array_slice', ['dynamic', 'string', 'long'])));
  assert.ok(isError(returns('range', ['datetime', 'long'])));
  assert.ok(isError(returns('range', ['datetime', 'datetime', 'long'])));
  assert.ok(isError(returns('set_union', ['dynamic', 'string'])));
});
