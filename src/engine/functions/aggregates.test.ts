import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAggregate } from './test-helpers.js';
import type { DynamicValue, ScalarType, Value } from '../../kql/types/index.js';
import { aggregateKernels, compareForArgMax } from './aggregates.js';

const run = (name: string, types: ScalarType[], rows: Value[][], consts: (Value | undefined)[] = []): Value => runAggregate(aggregateKernels, name, types, rows, consts);
const col = (...xs: Value[]) => xs.map((x) => [x]);
const names = ['John', 'Paul', 'George', 'Ringo'];
const births = [9n, 18n, 25n, 7n];

test('empty input defaults (summarize docs)', () => {
  assert.equal(run('count', [], []), 0n);
  assert.equal(run('count', ['long'], []), 0n);
  assert.equal(run('countif', ['bool'], []), 0n);
  assert.equal(run('dcount', ['long'], []), 0n);
  assert.equal(run('dcountif', ['long', 'bool'], []), 0n);
  assert.equal(run('sum', ['long'], []), 0n);
  assert.equal(run('sumif', ['long', 'bool'], []), 0n);
  assert.equal(run('sum', ['real'], []), 0);
  assert.ok(Number.isNaN(run('avg', ['long'], [])));
  assert.equal(run('avg', ['timespan'], []), null);
  assert.equal(run('max', ['long'], []), null);
  assert.equal(run('min', ['long'], []), null);
  assert.equal(run('take_any', ['long'], []), null);
  assert.deepEqual(run('make_set', ['long'], []), []);
  assert.deepEqual(run('make_list', ['long'], []), []);
  assert.deepEqual(run('make_bag', ['dynamic'], []), {});
});

test('count, countif (doc example), dcount and count_distinct', () => {
  assert.equal(run('count', [], [[], [], []]), 3n);
  assert.equal(run('count', ['long'], col(1n, null, 3n)), 2n);
  assert.equal(run('countif', ['bool'], names.map((n) => [n.length > 4])), 2n);
  assert.equal(run('countif', ['bool'], col(true, null, false)), 1n);
  assert.equal(run('dcount', ['string'], col('a', 'b', 'a', 'c')), 3n);
  assert.equal(run('dcount', ['long'], col(1n, 1n, null, 2n)), 2n);
  assert.equal(run('dcount', ['dynamic'], col({ a: 1, b: 2 }, { b: 2, a: 1 }, [1])), 2n);
  assert.equal(run('dcountif', ['long', 'bool'], [[1n, true], [2n, false], [3n, true], [1n, true]]), 2n);
  assert.equal(run('count_distinct', ['real'], col(1.5, 1.5, Number.NaN, Number.NaN)), 2n);
  assert.equal(run('count_distinctif', ['string', 'bool'], [['a', true], ['b', null]]), 1n);
});

test('sum / sumif / avg: nulls ignored, exact long sums that wrap at 64 bits', () => {
  assert.equal(run('sumif', ['long', 'bool'], names.map((n, i) => [births[i]!, n.length > 4])), 32n);
  assert.equal(run('sum', ['real'], col(null, 5, 5, 5)), 15);
  assert.equal(run('avg', ['real'], col(null, 5, 5, 5)), 5);
  assert.equal(run('sum', ['int'], col(1, 2, null)), 3n);
  assert.equal(run('sum', ['long'], col(9007199254740993n, 2n)), 9007199254740995n);
  assert.equal(run('sum', ['long'], col(9223372036854775807n, 1n)), -9223372036854775808n);
  assert.equal(run('sum', ['timespan'], col(10n, 20n)), 30n);
  assert.equal(run('avg', ['long'], col(1n, 2n)), 1.5);
  assert.equal(run('avg', ['int'], col(1, 2, 4)), 7 / 3);
  assert.equal(run('avg', ['timespan'], col(10n, 21n)), 15n);
  assert.equal(run('avgif', ['real', 'bool'], [[1, true], [100, false], [3, true]]), 2);
});

test('min / max / minif / maxif over each orderable type', () => {
  assert.equal(run('max', ['long'], col(3n, null, 7n, -1n)), 7n);
  assert.equal(run('min', ['long'], col(3n, null, 7n, -1n)), -1n);
  assert.equal(run('max', ['string'], col('apple', 'Banana', 'cherry')), 'cherry');
  assert.equal(run('min', ['string'], col('apple', 'Banana', 'cherry')), 'Banana');
  assert.equal(run('max', ['real'], col(Number.NaN, 1.5, -2)), 1.5);
  assert.equal(run('min', ['bool'], col(true, false)), false);
  assert.equal(run('max', ['datetime'], col(5n, 100n, 7n)), 100n);
  assert.equal(run('minif', ['int', 'bool'], [[5, true], [1, false], [3, true]]), 3);
  assert.equal(run('maxif', ['int', 'bool'], [[5, false], [1, true], [3, true]]), 3);
});

test('make_list / make_list_if / make_list_with_nulls: doc examples', () => {
  const shapes = ['triangle', 'square', 'rectangle', 'pentagon', 'hexagon', 'heptagon', 'octagon', 'nonagon', 'decagon'];
  assert.deepEqual(run('make_list', ['string'], col(...shapes)), shapes);
  assert.deepEqual(run('make_list_if', ['string', 'bool'], names.map((n) => [n, n.length > 4])), ['George', 'Ringo']);
  assert.deepEqual(run('make_list_with_nulls', ['int'], col(null, 4, 4, 5, 6, 7, 8, 9, 10)), [null, 4, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(run('make_list', ['int'], col(null, 4, 4)), [4, 4]);
  assert.deepEqual(run('make_list', ['dynamic'], col({ name: 'triangle', sideCount: 3 }, [1, 2])), [{ name: 'triangle', sideCount: 3 }, [1, 2]]);
  assert.deepEqual(run('make_list', ['long', 'long'], col(1n, 2n, 3n).map((r) => [...r, 2n]), [undefined, 2n]), [1, 2]);
  assert.deepEqual(run('make_list', ['datetime'], col(0n)), ['1970-01-01T00:00:00.0000000Z']);
});

test('make_set / make_set_if: distinct, first-seen order, arrays flattened (doc examples)', () => {
  assert.deepEqual(run('make_set_if', ['string', 'bool'], names.map((n) => [n, n.length > 4])), ['George', 'Ringo']);
  assert.deepEqual(run('make_set', ['real'], col(null, 5, 5)), [5]);
  assert.deepEqual(run('make_set', ['int'], col(1, 5, 7, 5)), [1, 5, 7]);
  assert.deepEqual(run('make_set', ['dynamic'], col(['A1', 'A2', 'A3'], ['A2', 'C1'], ['C2', 'A3'], ['C2', 'A1'])), ['A1', 'A2', 'A3', 'C1', 'C2']);
  assert.deepEqual(run('make_set', ['string', 'long'], col('a', 'b', 'c').map((r) => [...r, 2n]), [undefined, 2n]), ['a', 'b']);
});

test('make_bag / make_bag_if: doc examples; non-bags skipped; first value of a key kept', () => {
  const rows: DynamicValue[] = [{ prop01: 'val_a' }, { prop02: 'val_b' }, { prop03: 'val_c' }];
  assert.deepEqual(run('make_bag', ['dynamic'], col(...rows)), { prop01: 'val_a', prop02: 'val_b', prop03: 'val_c' });
  assert.deepEqual(run('make_bag_if', ['dynamic', 'bool'], rows.map((r, i) => [r, i !== 1])), { prop01: 'val_a', prop03: 'val_c' });
  assert.deepEqual(run('make_bag', ['dynamic'], col({ a: 1 }, [1], 'x', null, { a: 2, b: 3 })), { a: 1, b: 3 });
});

test('take_any / any / take_anyif', () => {
  assert.equal(run('take_any', ['long'], col(null, 4n, 5n)), 4n);
  assert.equal(run('take_any', ['string'], col('', 'x')), 'x');
  assert.equal(run('take_any', ['string'], col('', '')), '');
  assert.equal(run('any', ['long'], col(null, null)), null);
  assert.equal(run('take_anyif', ['long', 'bool'], [[1n, false], [2n, true]]), 2n);
  assert.deepEqual(run('take_any', ['long', 'string'], [[null, 'a'], [3n, 'b']]), [3n, 'b']);
});

test('compareForArgMax: nulls and NaN lowest, values by type', () => {
  assert.ok(compareForArgMax(null, 1n, 'long') < 0);
  assert.ok(compareForArgMax(1n, null, 'long') > 0);
  assert.equal(compareForArgMax(null, null, 'long'), 0);
  assert.ok(compareForArgMax(Number.NaN, -1e300, 'real') < 0);
  assert.ok(compareForArgMax(2n, 10n, 'long') < 0);
  assert.ok(compareForArgMax('b', 'a', 'string') > 0);
  assert.ok(compareForArgMax(true, false, 'bool') > 0);
  assert.ok(compareForArgMax(3, 2, 'dynamic') > 0);
});
