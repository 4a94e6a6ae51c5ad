import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPentagons, polygonToCells } from 'h3-js';
import type { ScalarType, Value } from '../../../kql/types/index.js';
import { kernels } from './geo-h3.js';

const ctx = { now: 0n, random: () => 0 };
function call(name: string, ...args: Value[]): Value {
  const k = kernels.find((x) => x.name === name);
  assert.ok(k, `kernel ${name}`);
  const types = args.map((a): ScalarType => (typeof a === 'string' ? 'string' : typeof a === 'bigint' ? 'long' : typeof a === 'number' ? 'real' : 'dynamic'));
  return k.make(types, args.map(() => undefined), ctx)(...args);
}
const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≉ ${b}`);
const poly = (...ring: number[][]) => ({ type: 'Polygon', coordinates: [ring] });
const cells = (v: Value) => v as string[];

test('geo_point_to_h3cell: doc examples, default resolution, invalid input gives ""', () => {
  assert.equal(call('geo_point_to_h3cell', -74.04450446039874, 40.689250859314974, 6n), '862a1072fffffff');
  assert.equal(call('geo_point_to_h3cell', -73.956683, 40.807907, 5), '852a100bfffffff');
  assert.equal(call('geo_point_to_h3cell', -73.916869, 40.818314, 5), '852a100bfffffff');
  assert.equal(call('geo_point_to_h3cell', -73.989148, 40.743273, 5), '852a1073fffffff');
  assert.equal(call('geo_h3cell_level', call('geo_point_to_h3cell', -74.04450446039874, 40.689250859314974)), 6);
  for (const bad of [[1, 1, null], [1, 1, 16], [1, 1, -1], [1, 1, 2.5], [181, 1, 6], [1, -91, 6], [null, 1, 6], [NaN, 1, 6]] as Value[][])
    assert.equal(call('geo_point_to_h3cell', ...bad), '', JSON.stringify(bad));
});

test('geo_h3cell_level', () => {
  assert.equal(call('geo_h3cell_level', '862a1072fffffff'), 6);
  assert.equal(call('geo_h3cell_level', call('geo_point_to_h3cell', 1, 1, 10)), 10);
  assert.equal(call('geo_h3cell_level', '862A1072FFFFFFF'), 6);
  for (const bad of ['abc', '1', '', '862a1072fffffff0', '0x862a1072ffff', null, 5])
    assert.equal(call('geo_h3cell_level', bad as Value), null, String(bad));
});

test('geo_h3cell_to_central_point and geo_h3cell_to_polygon give [lon, lat] GeoJSON', () => {
  const p = call('geo_h3cell_to_central_point', '862a1072fffffff') as { type: string; coordinates: number[] };
  assert.equal(p.type, 'Point');
  near(p.coordinates[0]!, -74.016008479792447);
  near(p.coordinates[1]!, 40.7041679083504);
  assert.equal(call('geo_h3cell_to_central_point', '1'), null);
  const g = call('geo_h3cell_to_polygon', '862a1072fffffff') as { type: string; coordinates: number[][][] };
  assert.equal(g.type, 'Polygon');
  const ring = g.coordinates[0]!;
  const doc = [[-74.0022744646159, 40.735376026215022], [-74.046908029686236, 40.727986222489115], [-74.060610712223664, 40.696775140349033],
    [-74.029724408156682, 40.672970047595463], [-73.985140983708192, 40.680349049267583], [-73.971393761028622, 40.71154393543933], [-74.0022744646159, 40.735376026215022]];
  assert.equal(ring.length, doc.length);
  ring.forEach((pt, i) => { near(pt[0]!, doc[i]![0]!); near(pt[1]!, doc[i]![1]!); });
  assert.deepEqual(ring[0], ring[ring.length - 1]);
  assert.equal(call('geo_h3cell_to_polygon', 'abc'), null);
});

test('geo_h3cell_children: default next level, explicit level, limits', () => {
  assert.deepEqual(call('geo_h3cell_children', '862a1072fffffff'),
    ['872a10728ffffff', '872a10729ffffff', '872a1072affffff', '872a1072bffffff', '872a1072cffffff', '872a1072dffffff', '872a1072effffff']);
  assert.equal(cells(call('geo_h3cell_children', '862a1072fffffff', 9)).length, 343);
  assert.equal(cells(call('geo_h3cell_children', '862a1072fffffff', 11n)).length, 16807);
  assert.deepEqual(call('geo_h3cell_children', '862a1072fffffff', 6), ['862a1072fffffff']);
  assert.equal(cells(call('geo_h3cell_children', getPentagons(3)[0]!)).length, 6);
  assert.equal(call('geo_h3cell_children', 'abc'), null);
  assert.equal(call('geo_h3cell_children', '862a1072fffffff', 12), null); // more than 5 levels down
  assert.equal(call('geo_h3cell_children', '8001fffffffffff', 15), null); // billions of cells: refused, not computed
  assert.equal(call('geo_h3cell_children', '862a1072fffffff', 5), null); // coarser than the cell
  assert.equal(call('geo_h3cell_children', '862a1072fffffff', null), null);
  assert.equal(call('geo_h3cell_children', call('geo_point_to_h3cell', 1, 1, 15)), null); // no level 16
});

test('geo_h3cell_parent: default previous level, explicit level, invalid gives ""', () => {
  assert.equal(call('geo_h3cell_parent', '862a1072fffffff'), '852a1073fffffff');
  assert.equal(call('geo_h3cell_parent', '862a1072fffffff', 1), '812a3ffffffffff');
  assert.equal(call('geo_h3cell_level', call('geo_h3cell_parent', call('geo_point_to_h3cell', 1, 1, 10))), 9);
  assert.equal(call('geo_h3cell_level', call('geo_h3cell_parent', call('geo_point_to_h3cell', 1, 1, 10), 3)), 3);
  assert.equal(call('geo_h3cell_parent', '862a1072fffffff', 6), '862a1072fffffff');
  for (const [t, r] of [['123', undefined], ['862a1072fffffff', 100], ['862a1072fffffff', 15], ['862a1072fffffff', 7], ['8001fffffffffff', undefined], ['862a1072fffffff', null]] as [Value, Value | undefined][])
    assert.equal(r === undefined ? call('geo_h3cell_parent', t) : call('geo_h3cell_parent', t, r), '', `${String(t)} ${String(r)}`);
});

test('geo_h3cell_neighbors and geo_h3cell_rings: doc examples and limits', () => {
  assert.deepEqual(call('geo_h3cell_neighbors', '862a1072fffffff'),
    ['862a10727ffffff', '862a10707ffffff', '862a1070fffffff', '862a10777ffffff', '862a100dfffffff', '862a100d7ffffff']);
  assert.equal(cells(call('geo_h3cell_neighbors', getPentagons(5)[0]!)).length, 5);
  assert.equal(call('geo_h3cell_neighbors', 'abc'), null);
  assert.deepEqual(call('geo_h3cell_rings', '861f8894fffffff', 2), [
    ['861f8894fffffff'],
    ['861f88947ffffff', '861f8895fffffff', '861f88867ffffff', '861f8d497ffffff', '861f8d4b7ffffff', '861f8896fffffff'],
    ['861f88967ffffff', '861f88977ffffff', '861f88957ffffff', '861f8882fffffff', '861f88877ffffff', '861f88847ffffff',
      '861f8886fffffff', '861f8d49fffffff', '861f8d487ffffff', '861f8d4a7ffffff', '861f8d59fffffff', '861f8d597ffffff'],
  ]);
  assert.deepEqual(call('geo_h3cell_rings', '861f8894fffffff', 0), [['861f8894fffffff']]);
  const far = call('geo_h3cell_rings', '861f8894fffffff', 142n) as string[][];
  assert.equal(far.length, 143);
  assert.equal(far.flat().length, 1 + 3 * 142 * 143);
  for (const d of [150, 143, -1, null, 1.5]) assert.equal(call('geo_h3cell_rings', '861f8894fffffff', d), null, String(d));
  assert.equal(call('geo_h3cell_rings', 'abc', 1), null);
});

const madrid = poly([-3.659, 40.553], [-3.913, 40.409], [-3.729, 40.273], [-3.524, 40.44], [-3.659, 40.553]);

test('geo_polygon_to_h3cells: centroid containment, holes, multipolygons', () => {
  const six = cells(call('geo_polygon_to_h3cells', madrid));
  assert.deepEqual(six, polygonToCells(madrid.coordinates, 6, true).sort());
  assert.ok(six.length > 5 && six.every((c) => call('geo_h3cell_level', c) === 6));
  const square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], hole = [[0.25, 0.25], [0.75, 0.25], [0.75, 0.75], [0.25, 0.75], [0.25, 0.25]];
  const holed = cells(call('geo_polygon_to_h3cells', { type: 'Polygon', coordinates: [square, hole] }, 7));
  assert.deepEqual(holed, polygonToCells([square, hole], 7, true).sort());
  const multi = cells(call('geo_polygon_to_h3cells', { type: 'MultiPolygon', coordinates: [madrid.coordinates, [square]] }, 5));
  assert.equal(multi.length, new Set([...polygonToCells(madrid.coordinates, 5, true), ...polygonToCells([square], 5, true)]).size);
});

test('geo_polygon_to_h3cells: tiled and antimeridian covers equal the direct h3 cover', () => {
  const band = [[0, 0], [2, 2], [2, 2.05], [0, 0.05], [0, 0]]; // bounding box far larger than the band
  assert.deepEqual(call('geo_polygon_to_h3cells', poly(...band), 8), polygonToCells([band], 8, true).sort());
  const am = [[179, -1], [-179, -1], [-179, 1], [179, 1], [179, -1]];
  const got = cells(call('geo_polygon_to_h3cells', poly(...am), 6));
  assert.deepEqual(got, polygonToCells([am], 6, true).sort());
  assert.ok(got.length > 1000 && got.length < 2000); // ~49,000 km² / 36 km²: the 2° strip across the antimeridian, not the other 358°
});

test('geo_polygon_to_h3cells: radius buffers the polygon', () => {
  const base = cells(call('geo_polygon_to_h3cells', madrid, 9));
  const buffered = cells(call('geo_polygon_to_h3cells', madrid, 9, 1000));
  assert.ok(base.every((c) => buffered.includes(c)));
  const outside = call('geo_point_to_h3cell', -3.913 - 0.006, 40.409, 9) as string; // ~500 m west of the western vertex
  assert.ok(!base.includes(outside) && buffered.includes(outside));
  assert.ok(!cells(call('geo_polygon_to_h3cells', madrid, 9, 100)).includes(outside));
  assert.deepEqual(call('geo_polygon_to_h3cells', madrid, 9, 0), base);
});

test('geo_polygon_to_h3cells: invalid input and the 61,680-cell limit give null, quickly', () => {
  for (const bad of [
    poly([0, 0], [1, 1]), // doc example: too few vertices
    poly([0, 0], [1, 0], [1, 1], [0, 1]), // not closed
    poly([0, 0], [200, 0], [1, 1], [0, 0]), // longitude out of range
    poly([0, 0], [1, 1], [0, 0], [1, 1], [0, 0]), // fewer than 3 distinct vertices
    { type: 'Point', coordinates: [1, 1] }, null, 'POLYGON((0 0, 1 0, 1 1, 0 0))',
  ] as Value[]) assert.equal(call('geo_polygon_to_h3cells', bad), null, JSON.stringify(bad));
  for (const [res, radius] of [[16, 0], [-1, 0], [null, 0], [6, -1], [6, null]] as Value[][])
    assert.equal(call('geo_polygon_to_h3cells', madrid, res, radius), null);
  const t = Date.now();
  assert.equal(call('geo_polygon_to_h3cells', madrid, 11), null); // ~ 220k cells
  assert.equal(call('geo_polygon_to_h3cells', poly([-179, -80], [0, -80], [179, -80], [179, 80], [0, 80], [-179, 80], [-179, -80]), 15), null);
  assert.equal(call('geo_polygon_to_h3cells', poly([0, 0], [10, 10.0001], [10, 10], [0, 0]), 15), null); // thin sliver
  assert.equal(call('geo_polygon_to_h3cells', madrid, 15, 1e7), null);
  assert.equal(call('geo_polygon_to_h3cells', poly([0, 0], [10, 10.0000001], [10, 10], [0, 0]), 15, 0.001), null);
  assert.ok(Date.now() - t < 5000, 'limits are enforced before the work');
});

test('geo_polygon_to_h3cells: a constant polygon is covered once per call site', () => {
  const k = kernels.find((x) => x.name === 'geo_polygon_to_h3cells')!;
  const f = k.make(['dynamic', 'int'], [madrid, 7], ctx);
  const a = f(madrid, 7), b = f(madrid, 7);
  assert.equal(a, b);
  assert.deepEqual(a, polygonToCells(madrid.coordinates, 7, true).sort());
});

test('every geo-h3 signature has exactly one kernel and vice versa', async () => {
  const { signatures } = await import('../../../kql/semantics/functions/geo-h3.js');
  assert.deepEqual(kernels.map((k) => k.name).sort(), signatures.map((s) => s.name).sort());
});

test('geo_polygon_to_h3cells: the buffer follows straight lon/lat edges, not great circles', () => {
  const strip = poly([0, 60], [40, 60], [40, 61], [0, 61], [0, 60]); // the geodesic 0°→40° at 60°N bows ~2.5° north
  const got = cells(call('geo_polygon_to_h3cells', strip, 6, 20000));
  assert.ok(got.includes(call('geo_point_to_h3cell', 20, 59.88, 6) as string)); // ~13 km south of the edge
  assert.ok(!got.includes(call('geo_point_to_h3cell', 20, 59.5, 6) as string)); // ~55 km south
});
