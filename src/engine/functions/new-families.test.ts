import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scalarKernel, aggregateKernel, type KernelContext } from './index.js';
import { extractKv } from './kv-text.js';
import type { ScalarType, Value } from '../../kql/types/index.js';

const ctx: KernelContext = { now: 0n, random: () => 0.5 };
const call = (name: string, types: ScalarType[], ...args: Value[]) => scalarKernel(name)!.make(types, args.map(() => undefined), ctx)(...args);
const aggregate = (name: string, types: ScalarType[], rows: Value[][]) => {
  const s = aggregateKernel(name)!.make(types, types.map(() => undefined), ctx)();
  for (const r of rows) s.add(...r);
  return s.result();
};

test('series_*: element-wise, scalar broadcast, null for missing elements', () => {
  assert.deepEqual(call('series_add', ['dynamic', 'dynamic'], [1, 2, 4], [4, 2]), [5, 4, null]);
  assert.deepEqual(call('series_greater', ['dynamic', 'dynamic'], [1, 2, 4], [4, 2, 1]), [false, false, true]);
  assert.equal(call('series_dot_product', ['dynamic', 'long'], [1, 2, 4], 2n), 14);
  assert.deepEqual(call('series_fill_forward', ['dynamic'], [null, 1, null, 3, null]), [null, 1, 1, 3, 3]);
  assert.deepEqual(call('series_fill_linear', ['dynamic'], [1, null, 3]), [1, 2, 3]);
  assert.deepEqual(call('series_iir', ['dynamic', 'dynamic', 'dynamic'], [1, 2, 3], [1], [1, -1]), [1, 3, 6]);
});

test('hll and tdigest sketches are exact and mergeable', () => {
  const h1 = aggregate('hll', ['long'], [[1n], [2n], [2n], [null]]);
  const h2 = aggregate('hll', ['long'], [[2n], [3n]]);
  assert.equal(call('dcount_hll', ['dynamic'], h1), 2n);
  assert.equal(call('dcount_hll', ['dynamic'], call('hll_merge', ['dynamic', 'dynamic'], h1, h2)), 3n);
  const t = aggregate('tdigest', ['real', 'long'], [[1, 1n], [2, 2n]]);
  assert.equal(call('percentile_tdigest', ['dynamic', 'long'], t, 50n), 2);
  assert.equal(call('rank_tdigest', ['dynamic', 'long'], t, 1n), 1);
});

test('parse-kv text extraction: delimiters, greedy, quotes, best effort', () => {
  const s = 'name=John Doe phone=555 5555';
  assert.deepEqual([...extractKv(s, [], { pairDelimiter: ' ', kvDelimiter: '=' })], [['name', 'John'], ['phone', '555']]);
  assert.deepEqual([...extractKv(s, [], { pairDelimiter: ' ', kvDelimiter: '=', greedy: true })], [['name', 'John Doe'], ['phone', '555 5555']]);
  assert.equal(extractKv('a="x y" b=1', [], { pairDelimiter: ' ', kvDelimiter: '=', quote: '"' }).get('a'), 'x y');
  assert.equal(extractKv('[INFO] Id:42, Text: hi', ['Id', 'Text'], {}).get('Id'), '42');
  assert.equal(extractKv('k1: v1; k2: v2', [], { regex: '(\\w+): (\\w+)' }).get('k2'), 'v2');
});

test('around and parse_csv', () => {
  assert.equal(call('around', ['long', 'long', 'long'], 5n, 7n, 2n), true);
  assert.equal(call('around', ['long', 'long', 'long'], 4n, 7n, 2n), false);
  assert.deepEqual(call('parse_csv', ['string'], 'a,"b,c","say ""hi"""'), ['a', 'b,c', 'say "hi"']);
});
