import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Value } from '../../../kql/types/index.js';
import { kernels } from './geo-shapes.js';
import { KernelError, type KernelContext } from '../kernel.js';

const ctx: KernelContext = { now: 0n, random: () => 0.5 };
function call(name: string, ...args: Value[]): Value {
  const k = kernels.find((x) => x.name === name);
  assert.ok(k, `kernel ${name}`);
  return k.make(args.map(() => 'dynamic'), args.map(() => undefined), ctx)(...args);
}
const near = (a: number, b: number, rel = 1e-12) => assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${a} ≈ ${b}`);
function nearPoint(g: Value, lon: number, lat: number, rel = 1e-12): void {
  const c = (g as { type: string; coordinates: number[] });
  assert.equal(c.type, 'Point');
  near(c.coordinates[0]!, lon, rel);
  near(c.coordinates[1]!, lat, rel);
}
const line = (...c: number[][]) => ({ type: 'LineString', coordinates: c });
const poly = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });
const centralPark = poly([[-73.9495, 40.7969], [-73.95807266235352, 40.80068603561921], [-73.98201942443848, 40.76825672305777], [-73.97317886352539, 40.76455136505513], [-73.9495, 40.7969]]);
const parkLine = line([-73.95807266235352, 40.800426144169315], [-73.94966125488281, 40.79691751000055], [-73.97317886352539, 40.764486356930334], [-73.98210525512695, 40.76786669510221], [-73.96004676818848, 40.7980870753293]);

test('geo_from_wkt: every geometry type of the docs', () => {
  assert.deepEqual(call('geo_from_wkt', 'POINT (1 2)'), { type: 'Point', coordinates: [1, 2] });
  assert.deepEqual(call('geo_from_wkt', 'LINESTRING (1 2, 3 4)'), line([1, 2], [3, 4]));
  assert.deepEqual(call('geo_from_wkt', 'POLYGON ((0 0, 2 0, 2 2, 0 0))'), poly([[0, 0], [2, 0], [2, 2], [0, 0]]));
  assert.deepEqual(call('geo_from_wkt', 'MULTIPOINT (1 1, 2 2, 3 3)'), { type: 'MultiPoint', coordinates: [[1, 1], [2, 2], [3, 3]] });
  assert.deepEqual(call('geo_from_wkt', 'multipoint ((1 1), (2 2))'), { type: 'MultiPoint', coordinates: [[1, 1], [2, 2]] });
  assert.deepEqual(call('geo_from_wkt', 'MULTILINESTRING ((1 1, 2 2, 3 3), (4 4, 5 5))'), { type: 'MultiLineString', coordinates: [[[1, 1], [2, 2], [3, 3]], [[4, 4], [5, 5]]] });
  assert.deepEqual(call('geo_from_wkt', 'MULTIPOLYGON (((0 0, 2 0, 2 2, 0 0)),((10 10, 12 10, 12 12, 10 10)))'),
    { type: 'MultiPolygon', coordinates: [[[[0, 0], [2, 0], [2, 2], [0, 0]]], [[[10, 10], [12, 10], [12, 12], [10, 10]]]] });
  assert.deepEqual(call('geo_from_wkt', 'GEOMETRYCOLLECTION (POINT (1 1),LINESTRING (2 2, 3 3, 4 4),POLYGON ((10 10, 12 10, 12 12, 10 10)))'), {
    type: 'GeometryCollection',
    geometries: [{ type: 'Point', coordinates: [1, 1] }, line([2, 2], [3, 3], [4, 4]), poly([[10, 10], [12, 10], [12, 12], [10, 10]])],
  });
  assert.deepEqual(call('geo_from_wkt', 'POINT(-1.5e1 .5)'), { type: 'Point', coordinates: [-15, 0.5] });
});

test('geo_from_wkt: invalid or unsupported text gives null', () => {
  for (const s of ['LINESTRING', 'POINT (1)', 'POINT (1 2 3)', 'POINT Z (1 2 3)', 'LINESTRING (1 2)', 'POLYGON ((0 0, 1 0, 1 1, 0 1))',
    'POINT (200 0)', 'POINT (1 2) x', 'CIRCLE (1 2)', 'POINT EMPTY', '', 'POINT (1 2', 'POINT (1 2))']) {
    assert.equal(call('geo_from_wkt', s), null, s);
  }
  assert.equal(call('geo_from_wkt', null), null);
  assert.deepEqual(call('geo_from_wkt', 'GEOMETRYCOLLECTION EMPTY'), { type: 'GeometryCollection', geometries: [] });
  // deep nesting is refused, not a stack overflow
  assert.equal(call('geo_from_wkt', 'GEOMETRYCOLLECTION ('.repeat(5000) + 'POINT (1 1)' + ')'.repeat(5000)), null);
});

test('geo_line_interpolate_point: doc examples and bad input', () => {
  const l = line([-73.95796, 40.80042], [-73.97317, 40.764486]);
  nearPoint(call('geo_line_interpolate_point', l, 0.25), -73.961764043218281, 40.791436687257232);
  nearPoint(call('geo_line_interpolate_point', parkLine, 0.9), -73.96556545832799, (call('geo_line_interpolate_point', parkLine, 0.9) as { coordinates: number[] }).coordinates[1]!);
  near((call('geo_line_interpolate_point', parkLine, 0.9) as { coordinates: number[] }).coordinates[0]!, -73.96556545832799);
  assert.deepEqual(call('geo_line_interpolate_point', l, 0), { type: 'Point', coordinates: [-73.95796, 40.80042] });
  assert.deepEqual(call('geo_line_interpolate_point', l, 1), { type: 'Point', coordinates: [-73.97317, 40.764486] });
  assert.equal(call('geo_line_interpolate_point', line([1, 1]), 0.5), null);
  assert.equal(call('geo_line_interpolate_point', l, 1.5), null);
  assert.equal(call('geo_line_interpolate_point', l, null), null);
  assert.equal(call('geo_line_interpolate_point', line([0, 0], [180, 0]), 0.5), null);
});

test('geo_line_locate_point: doc example, nulls, spheroid refused', () => {
  const l = line([-73.95796, 40.80042], [-73.97317, 40.764486]);
  near(call('geo_line_locate_point', l, -73.965, 40.792) as number, 0.25560135100307552, 1e-9);
  assert.equal(call('geo_line_locate_point', l, -73.95796, 40.80042), 0);
  assert.equal(call('geo_line_locate_point', l, -74, 40), 1);
  assert.equal(call('geo_line_locate_point', line([1, 1]), 1, 1), null);
  assert.equal(call('geo_line_locate_point', l, 500, 1), null);
  assert.throws(() => call('geo_line_locate_point', l, 1, 1, true), KernelError);
});

test('geo_closest_point_on_line / _on_polygon: doc examples', () => {
  const vegas = line([-115.115385, 36.229195], [-115.136995, 36.200366], [-115.140252, 36.19247], [-115.143558, 36.188523], [-115.144076, 36.181954],
    [-115.154662, 36.174483], [-115.166431, 36.176388], [-115.183289, 36.175007], [-115.192612, 36.176736], [-115.202485, 36.173439], [-115.225355, 36.174365]);
  assert.deepEqual(call('geo_closest_point_on_line', -115.199625, 36.210419, vegas), { type: 'Point', coordinates: [-115.192612, 36.176736] });
  assert.equal(call('geo_closest_point_on_line', 1, 1, { type: 'LineString' }), null);
  nearPoint(call('geo_closest_point_on_polygon', -73.9839, 40.7705, centralPark), -73.981205580153926, 40.769359452843211, 1e-15);
  assert.deepEqual(call('geo_closest_point_on_polygon', -73.965, 40.785, centralPark), { type: 'Point', coordinates: [-73.965, 40.785] });
  assert.equal(call('geo_closest_point_on_polygon', 500, 1, poly([[0, 0], [10, 10], [10, 1], [0, 0]])), null);
  assert.equal(call('geo_closest_point_on_polygon', 1, 1, poly([[0, 0], [10, 10], [10, 10], [0, 0]])), null);
});

test('geo_line_centroid / geo_polygon_centroid: doc examples', () => {
  nearPoint(call('geo_line_centroid', line([-73.95796, 40.80042], [-73.97317, 40.764486])), -73.965567057230942, 40.782453249627416);
  near((call('geo_line_centroid', parkLine) as { coordinates: number[] }).coordinates[0]!, -73.9660675626837);
  assert.equal(call('geo_line_centroid', line([1, 1])), null);
  // the S2 triangle-fan centroid reproduces Kusto's printed digits exactly
  assert.deepEqual(call('geo_polygon_centroid', centralPark), { type: 'Point', coordinates: [-73.965735689907618, 40.782550538057812] });
  assert.equal(call('geo_polygon_centroid', poly([[0, 0], [10, 10], [10, 10], [0, 0]])), null);
  // ring orientation does not matter: the smaller region is meant
  const rev = poly([...centralPark.coordinates[0]!].reverse());
  nearPoint(call('geo_polygon_centroid', rev), -73.965735689907618, 40.782550538057812, 1e-12);
  // a hole pulls the centroid away from it
  const square = poly([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]);
  const holed = poly([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]], [[1.2, 1.2], [1.2, 1.8], [1.8, 1.8], [1.8, 1.2], [1.2, 1.2]]);
  const c0 = (call('geo_polygon_centroid', square) as { coordinates: number[] }).coordinates, c1 = (call('geo_polygon_centroid', holed) as { coordinates: number[] }).coordinates;
  assert.ok(c1[0]! < c0[0]! && c1[1]! < c0[1]!);
});

test('geo_intersects_*: doc examples and invalid shapes', () => {
  const l1 = line([-73.978929, 40.785155], [-73.980903, 40.782621]), l2 = line([-73.985195, 40.788275], [-73.974552, 40.779761]);
  assert.equal(call('geo_intersects_2lines', l1, l2), true);
  assert.equal(call('geo_intersects_2lines', line([1, 1], [2, 2]), line([3, 3], [4, 4])), false);
  assert.equal(call('geo_intersects_2lines', line([0, 0], [2, 0]), line([1, 0], [1, 1])), true, 'touching counts');
  assert.equal(call('geo_intersects_2lines', line([-73.985195, 40.788275]), centralPark), null);
  const p1 = poly([[-73.9630937576294, 40.77498840732385], [-73.963565826416, 40.774383111780914], [-73.96205306053162, 40.773745311181585], [-73.96160781383514, 40.7743912365898], [-73.9630937576294, 40.77498840732385]]);
  const p2 = poly([[-73.96213352680206, 40.775045280447145], [-73.9631313085556, 40.774578106920345], [-73.96207988262177, 40.77416780398293], [-73.96213352680206, 40.775045280447145]]);
  assert.equal(call('geo_intersects_2polygons', p1, p2), true);
  assert.equal(call('geo_intersects_2polygons', p1, poly([[0, 0], [1, 0], [1, 1], [0, 0]])), false);
  assert.equal(call('geo_intersects_2polygons', { type: 'Polygon' }, centralPark), null);
  const inner = poly([[-73.97, 40.78], [-73.968, 40.78], [-73.968, 40.782], [-73.97, 40.78]]);
  assert.equal(call('geo_intersects_2polygons', inner, centralPark), true, 'containment counts');
  const tri = poly([[-73.9712905883789, 40.78580561168767], [-73.98004531860352, 40.775276834803655], [-73.97000312805176, 40.77852663535664], [-73.9712905883789, 40.78580561168767]]);
  assert.equal(call('geo_intersects_line_with_polygon', l2, tri), true);
  assert.equal(call('geo_intersects_line_with_polygon', line([1, 1], [2, 2]), tri), false);
  assert.equal(call('geo_intersects_line_with_polygon', line([-73.97, 40.785], [-73.968, 40.784]), centralPark), true, 'line inside');
});

test('geo_intersection_2lines: point, shared stretch, nothing', () => {
  const l1 = line([-73.978929, 40.785155], [-73.980903, 40.782621]), l2 = line([-73.985195, 40.788275], [-73.974552, 40.779761]);
  assert.deepEqual(call('geo_intersection_2lines', l1, l2), { type: 'Point', coordinates: [-73.979837116670978, 40.783989289772165] });
  assert.deepEqual(call('geo_intersection_2lines', l1, l1), l1);
  assert.deepEqual(call('geo_intersection_2lines', line([1, 1], [2, 2]), line([3, 3], [4, 4])), { type: 'GeometryCollection', geometries: [] });
  assert.equal(call('geo_intersection_2lines', line([1, 1], [2, 2]), line([3, 3])), null);
  const r = call('geo_intersection_2lines', line([0, 0], [0, 2]), line([-1, 1], [1, 1], [1, 0.5], [-1, 0.5])) as { type: string; coordinates: number[][] };
  assert.equal(r.type, 'MultiPoint');
  assert.equal(r.coordinates.length, 2);
});

test('geo_s2cell_neighbors: the 8 same-level cells, null on bad tokens', () => {
  const n = call('geo_s2cell_neighbors', '89c259') as string[];
  assert.deepEqual([...n].sort(), ['89c251', '89c257', '89c25b', '89c25d', '89c25f', '89c2f5', '89c2f7', '89c2f9']);
  assert.equal(call('geo_s2cell_neighbors', 'a'), null);
  assert.equal(call('geo_s2cell_neighbors', null), null);
  // a face cell has neighbours on the four adjacent faces
  assert.equal(new Set(call('geo_s2cell_neighbors', '1') as string[]).size, 4);
});

test('every geo-shapes signature has a kernel and vice versa; argument kinds are checked', async () => {
  const { signatures } = await import('../../../kql/semantics/functions/geo-shapes.js');
  assert.deepEqual(signatures.map((s) => s.name).sort(), kernels.map((x) => x.name).sort());
  const sig = (n: string) => signatures.find((s) => s.name === n)!;
  assert.equal(sig('geo_line_locate_point').returns(['dynamic', 'real', 'real'], []), 'real');
  assert.deepEqual(sig('geo_line_locate_point').returns(['dynamic', 'string', 'real'], []), { error: 'argument 2 must be a number' });
  assert.equal(sig('geo_from_wkt').returns(['string'], []), 'dynamic');
  assert.deepEqual(sig('geo_from_wkt').returns(['long'], []), { error: 'argument 1 must be a string' });
  assert.equal(sig('geo_intersects_2lines').returns(['dynamic', 'dynamic'], []), 'bool');
});

test('no geo-shapes kernel crashes on hostile values (only null, a value, or a KernelError)', () => {
  const hostile: Value[] = [null, 0, -1, 1e308, NaN, Infinity, 5n, '', 'POINT', true, [], {}, { type: 'Polygon', coordinates: 5 },
    { type: 'LineString', coordinates: [[1, 2], [1, 2]] }, { type: 'Polygon', coordinates: [[[0, 0], [0, 0], [0, 0], [0, 0]]] },
    { type: 'MultiPolygon', coordinates: [[]] }, { type: 'LineString', coordinates: [[0, 0], [180, 0]] }, [{ type: 'Polygon' }],
    { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }, { type: 'LineString', coordinates: [['1', '2'], [3, 4]] }];
  for (const k of kernels) {
    const f = k.make([], [], ctx);
    for (const a of hostile) for (const b of hostile) {
      try {
        f(a, b, 1, 1);
        f(1, 1, a, b);
      } catch (e) {
        assert.ok(e instanceof KernelError, `${k.name}(${String(a)}, ${String(b)}): ${(e as Error).stack}`);
      }
    }
  }
});
