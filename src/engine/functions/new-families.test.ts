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

test('unit conversions and beta distribution', () => {
  const near = (a: Value, b: number) => assert.ok(Math.abs((a as number) - b) < 1e-9 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
  near(call('convert_mass', ['real', 'string', 'string'], 1.2, 'Kilogram', 'Pound'), 2.64554714621853);
  near(call('convert_temperature', ['real', 'string', 'string'], 1.2, 'Kelvin', 'DegreeCelsius'), -271.95);
  assert.equal(call('convert_length', ['real', 'string', 'string'], 1, 'Meter', 'Parsnip'), null);
  near(call('beta_pdf', ['real', 'real', 'real'], 0.5, 10, 20), 0.746176019310951);
  near(call('beta_inv', ['real', 'real', 'real'], 0.1, 10, 20), 0.226415022388749);
  near(call('beta_cdf', ['real', 'real', 'real'], call('beta_inv', ['real', 'real', 'real'], 0.3, 2, 5), 2, 5), 0.3);
  assert.equal(call('beta_inv', ['real', 'real', 'real'], 1.5, 10, 20), null);
});

test('geohash cells: polygon, centre and neighbours', () => {
  assert.deepEqual(call('geo_geohash_to_polygon', ['string'], 'dr5ru'), { type: 'Polygon', coordinates: [[[-74.00390625, 40.7373046875], [-73.9599609375, 40.7373046875], [-73.9599609375, 40.78125], [-74.00390625, 40.78125], [-74.00390625, 40.7373046875]]] });
  assert.deepEqual(call('geo_geohash_to_central_point', ['string'], 'sunny'), { type: 'Point', coordinates: [42.47314453125, 23.70849609375] });
  assert.deepEqual(call('geo_geohash_neighbors', ['string'], 'sunny'), ['sunnt', 'sunpj', 'sunnx', 'sunpn', 'sunnv', 'sunpp', 'sunnz', 'sunnw']);
  assert.equal(call('geo_geohash_to_central_point', ['string'], 'a'), null);
});

test('s2 cells: tokens from the docs, round trip, invalid tokens', () => {
  assert.equal(call('geo_point_to_s2cell', ['real', 'real', 'long'], -80.195829, 25.802215, 8n), '88d9b');
  assert.equal(call('geo_point_to_s2cell', ['real', 'real', 'long'], 1, 1, 35n), '');
  const leaf = call('geo_point_to_s2cell', ['real', 'real', 'long'], -73.9855, 40.758, 30n) as string;
  const c = call('geo_s2cell_to_central_point', ['string'], leaf) as { coordinates: number[] };
  assert.ok(Math.abs(c.coordinates[0]! + 73.9855) < 1e-6 && Math.abs(c.coordinates[1]! - 40.758) < 1e-6);
  assert.equal(call('geo_s2cell_to_central_point', ['string'], 'a'), null);
});

test('buildschema merges per-key types, arrays and alternatives', () => {
  const s = aggregate('buildschema', ['dynamic'], [[{ x: 1, y: 3.5 }], [{ x: 'v', z: [1, 2] }], [{ y: { w: 'a' }, z: ['s'] }]]);
  assert.deepEqual(s, { x: ['long', 'string'], y: ['double', { w: 'string' }], z: { '`indexer`': ['long', 'string'] } });
  assert.equal(aggregate('buildschema', ['dynamic'], []), null);
});
