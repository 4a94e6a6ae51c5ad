import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Value } from '../../../kql/types/index.js';
import { kernels } from './geo-shapes.js';
import type { KernelContext } from '../kernel.js';
import { readLines } from './geo-geojson.js';
import { closest } from './geo-line-ops.js';
import { angle, EARTH_R, toVec } from './geo-sphere.js';

const ctx: KernelContext = { now: 0n, random: () => 0.5 };
function call(name: string, ...args: Value[]): Value {
  const k = kernels.find((x) => x.name === name);
  assert.ok(k, `kernel ${name}`);
  return k.make(args.map(() => 'dynamic'), args.map(() => undefined), ctx)(...args);
}
const line = (...c: number[][]) => ({ type: 'LineString', coordinates: c });
const poly = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });
type Geo = { type: string; coordinates: number[][][] };
/** Vertex set of a ring, ignoring the start vertex and the closing repeat, compared to 12 significant digits. */
const ringSet = (r: number[][]) => new Set(r.slice(0, -1).map((p) => `${p[0]!.toPrecision(12)},${p[1]!.toPrecision(12)}`));

test('geo_polygon_densify / geo_line_densify: doc examples, tolerance range, antimeridian', () => {
  const park = poly([[-73.958244, 40.800719], [-73.949146, 40.79695], [-73.973093, 40.764226], [-73.982062, 40.768159], [-73.958244, 40.800719]]);
  assert.deepEqual(call('geo_polygon_densify', park), park);
  assert.deepEqual(call('geo_polygon_densify', poly([[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]])),
    poly([[10, 10], [10.25, 10], [10.5, 10], [10.75, 10], [11, 10], [11, 11], [10.75, 11], [10.5, 11], [10.25, 11], [10, 11], [10, 10]]));
  assert.equal(call('geo_polygon_densify', poly([[10, 900], [11, 10], [11, 11], [10, 11], [10, 10]])), null);
  assert.equal(call('geo_polygon_densify', park, 0), null);
  assert.equal(call('geo_polygon_densify', park, 10001), null);
  assert.deepEqual(call('geo_line_densify', line([10, 10], [11, 10])), line([10, 10], [10.25, 10], [10.5, 10], [10.75, 10], [11, 10]));
  // preserve_crossing: the edge goes across the antimeridian instead of the long way round
  const across = call('geo_line_densify', line([179, 10], [-179, 10]), 1000, true) as Geo;
  assert.ok((across.coordinates as unknown as number[][]).every((p) => Math.abs(p[0]!) >= 179));
  const longWay = call('geo_line_densify', line([179, 10], [-179, 10]), 1000) as Geo;
  assert.ok((longWay.coordinates as unknown as number[][]).some((p) => Math.abs(p[0]!) < 1));
});

test('geo_line_simplify / geo_polygon_simplify: doc examples and nulls', () => {
  const l = line([-73.97033169865608, 40.789063020152824], [-73.97039607167244, 40.78897975920816], [-73.9704617857933, 40.78888837512432], [-73.97052884101868, 40.7887949601531],
    [-73.9706052839756, 40.788698498903564], [-73.97065222263336, 40.78862640672032], [-73.97072866559029, 40.78852791445617], [-73.97079303860664, 40.788434498977836]);
  assert.deepEqual(call('geo_line_simplify', l, 10), line([-73.97033169865608, 40.789063020152824], [-73.97079303860664, 40.788434498977836]));
  assert.equal(call('geo_line_simplify', line([1, 1])), null);
  assert.equal(call('geo_line_simplify', line([1, 1], [2, 2]), -1), null);
  assert.equal(call('geo_line_simplify', line([1.1, 1.1], [1.2, 1.2]), 100000), null);
  const p = poly([[-73.94885122776031, 40.79673476355657], [-73.94885927438736, 40.79692258628347], [-73.94887939095497, 40.79692055577034], [-73.9488673210144, 40.79693476936093],
    [-73.94888743758202, 40.79693476936093], [-73.9488834142685, 40.796959135509105], [-73.94890084862709, 40.79695304397289], [-73.94906312227248, 40.79710736271788],
    [-73.94923612475395, 40.7968708081794], [-73.94885122776031, 40.79673476355657]]);
  assert.deepEqual(call('geo_polygon_simplify', p), poly([[-73.948851227760315, 40.796734763556572], [-73.949063122272477, 40.797107362717881], [-73.949236124753952, 40.7968708081794], [-73.948851227760315, 40.796734763556572]]));
  assert.equal(call('geo_polygon_simplify', poly([[5, 48], [5, 48]])), null);
  assert.equal(call('geo_polygon_simplify', poly([[5, 48], [0, 50], [0, 47], [4, 47], [5, 48]]), -0.1), null);
  assert.equal(call('geo_polygon_simplify', poly([[5, 48], [0, 50], [0, 47], [4, 47], [5, 48]]), 1000000), null);
});

test('geo_union_lines_array: shared edges merge into one line', () => {
  const a = line([-73.95683884620665, 40.80502891480884], [-73.95633727312088, 40.8057171711177], [-73.95489156246185, 40.80510200431311]);
  const b = line([-73.95633727312088, 40.8057171711177], [-73.95489156246185, 40.80510200431311], [-73.95537436008453, 40.804413741624515]);
  const u = call('geo_union_lines_array', [a, b, line([-73.95633727312088, 40.8057171711177], [-73.95489156246185, 40.80510200431311])]) as Geo;
  assert.equal(u.type, 'LineString');
  assert.deepEqual(u.coordinates, [[-73.956838846206651, 40.805028914808844], [-73.95633727312088, 40.8057171711177], [-73.95489156246185, 40.80510200431311], [-73.955374360084534, 40.804413741624522]]);
  assert.equal(call('geo_union_lines_array', [a, line([1, 1])]), null);
  assert.equal((call('geo_union_lines_array', [line([0, 0], [1, 0]), line([5, 5], [6, 6])]) as Geo).type, 'MultiLineString');
});

test('geo_polygon_to_s2cells / geo_line_to_s2cells: counts, limits, coverage', () => {
  const tri = poly([[0, 0], [0, 50], [100, 50], [0, 0]]);
  assert.equal((call('geo_polygon_to_s2cells', tri, 5) as string[]).length, 286);
  assert.equal(call('geo_polygon_to_s2cells', tri, 30), null);
  assert.equal(call('geo_polygon_to_s2cells', tri, 31), null);
  const street = line([-0.1399656708283601, 51.50190802248855], [-0.14088438832752104, 51.50012082761452]);
  assert.deepEqual(call('geo_line_to_s2cells', street, 14), ['487604d9']);
  const wide = call('geo_line_to_s2cells', street, 14, 500) as string[];
  assert.ok(wide.includes('487604db'), 'the cell of a station 452 m away is covered');
  assert.equal(call('geo_line_to_s2cells', { type: 'LineString', coordinates: [[[0, 0], [0, 0]]] }), null);
});

test('geo_intersection_line_with_polygon: doc examples', () => {
  const tri = poly([[-73.9712905883789, 40.78580561168767], [-73.98004531860352, 40.775276834803655], [-73.97000312805176, 40.77852663535664], [-73.9712905883789, 40.78580561168767]]);
  const r = call('geo_intersection_line_with_polygon', line([-73.985195, 40.788275], [-73.974552, 40.779761]), tri) as Geo;
  assert.equal(r.type, 'LineString');
  assert.ok(Math.abs(r.coordinates[0]![0] as unknown as number - -73.975611956578192) < 1e-12);
  const holed = poly([[-90.263, 36.738], [-102.041, 45.274], [-109.335, 36.527], [-90.263, 36.738]], [[-100.393, 41.705], [-103.139, 38.925], [-97.558, 39.113], [-100.393, 41.705]]);
  assert.deepEqual(call('geo_intersection_line_with_polygon', line([-110.522, 39.198], [-91.428, 40.88]), holed), {
    type: 'MultiLineString',
    coordinates: [[[-106.89353655881905, 39.769226209776306], [-101.74448553679453, 40.373506008712525]], [[-99.136499431328858, 40.589336512699994], [-95.284527737311791, 40.799060242246348]]],
  });
  assert.deepEqual(call('geo_intersection_line_with_polygon', line([1, 1], [2, 2]), tri), { type: 'GeometryCollection', geometries: [] });
});

test('geo_union_polygons_array / geo_intersection_2polygons: doc examples', () => {
  const p1 = poly([[-73.9495, 40.7969], [-73.95807, 40.80068], [-73.98201, 40.76825], [-73.97317, 40.76455], [-73.9495, 40.7969]]);
  const p2 = poly([[-73.94622, 40.79249], [-73.96888, 40.79282], [-73.9577, 40.7789], [-73.94622, 40.79249]]);
  const u = call('geo_union_polygons_array', [p1, p2]) as Geo;
  assert.equal(u.type, 'Polygon');
  assert.deepEqual(ringSet(u.coordinates[0]!), ringSet([[-73.9495, 40.7969], [-73.95807, 40.80068], [-73.9639277517478, 40.792748258673875], [-73.96888, 40.792819999999992], [-73.9662719791645, 40.7895734224338],
    [-73.98201, 40.76825], [-73.97317, 40.76455], [-73.960302383706178, 40.782140794645024], [-73.9577, 40.7789], [-73.94622, 40.79249], [-73.9526593223173, 40.792584227716468], [-73.9495, 40.7969]]));
  assert.equal(call('geo_union_polygons_array', [p1, poly([[-73.94622, 40.79249]])]), null);
  const t1 = poly([[2, 45], [0, 45], [1, 44], [2, 45]]);
  assert.deepEqual(call('geo_intersection_2polygons', t1, poly([[3, 44], [2, 45], [2, 43], [3, 44]])), { type: 'Point', coordinates: [2, 45] });
  assert.deepEqual(call('geo_intersection_2polygons', t1, poly([[3, 44], [3, 45], [2, 43], [3, 44]])), { type: 'GeometryCollection', geometries: [] });
  const multi = { type: 'MultiPolygon', coordinates: [[[[3, 44], [2, 45], [2, 43], [3, 44]]], [[[1.192, 45.265], [1.005, 44.943], [1.356, 44.937], [1.192, 45.265]]]] };
  const gc = call('geo_intersection_2polygons', t1, multi) as { type: string; geometries: Geo[] };
  assert.equal(gc.type, 'GeometryCollection');
  assert.deepEqual(gc.geometries[0], { type: 'Point', coordinates: [2, 45] });
  assert.deepEqual(ringSet(gc.geometries[1]!.coordinates[0]!), ringSet([[1.3227075526410679, 45.003909145068739], [1.0404565374899824, 45.004356403066552], [1.005, 44.943], [1.356, 44.937], [0, 0]]));
  assert.equal(call('geo_intersection_2polygons', { type: 'Polygon' }, p1), null);
});

test('geo_polygon_centroid of an overlapping MultiPolygon is its union\'s', () => {
  const mp = { type: 'MultiPolygon', coordinates: [[[[-73.9495, 40.7969], [-73.95807266235352, 40.80068603561921], [-73.98201942443848, 40.76825672305777], [-73.97317886352539, 40.76455136505513], [-73.9495, 40.7969]]],
    [[[-73.94262313842773, 40.775991804565585], [-73.98107528686523, 40.791849155467695], [-73.99600982666016, 40.77092185281977], [-73.96150588989258, 40.75609977566361], [-73.94262313842773, 40.775991804565585]]]] };
  const c = (call('geo_polygon_centroid', mp) as { coordinates: number[] }).coordinates;
  assert.ok(Math.abs(c[0]! - -73.968569587829577) < 1e-11 && Math.abs(c[1]! - 40.776310752555119) < 1e-11, `${c}`);
});

test('buffers: vertices within [radius, radius + tolerance], nulls', () => {
  const b = call('geo_point_buffer', -115.1745008278, 36.1497251277, 20000) as Geo;
  const c = toVec([-115.1745008278, 36.1497251277]);
  for (const p of b.coordinates[0]!) {
    const d = angle(c, toVec(p as [number, number])) * EARTH_R;
    assert.ok(d >= 20000 - 1e-6 && d <= 20010 + 1e-6, `${d}`);
  }
  assert.equal(call('geo_point_buffer', 200, 1, 0.1), null);
  assert.equal(call('geo_point_buffer', 10, 10, -1), null);
  const l = line([-80.66634997047466, 24.894526340592122], [-80.67373241820246, 24.890808090321286]);
  const lb = call('geo_line_buffer', l, 4, 0.1) as Geo;
  assert.equal(lb.type, 'Polygon');
  const path = readLines(l, false)!;
  for (const p of lb.coordinates[0]!) {
    const d = closest(path, toVec(p as [number, number])).dist * EARTH_R;
    assert.ok(d >= 4 - 1e-6 && d <= 4.1 + 1e-6, `${d}`);
  }
  assert.equal(call('geo_line_buffer', line([0, 0], [1, 1]), 0), null);
  const pb = call('geo_polygon_buffer', poly([[139.813757, 35.719666], [139.72558, 35.71813], [139.727471, 35.653231], [139.818721, 35.657264], [139.813757, 35.719666]]), 10000) as Geo;
  assert.equal(pb.type, 'Polygon');
  assert.equal(pb.coordinates.length, 1, 'no holes');
  assert.equal(call('geo_polygon_buffer', { type: 'p' }, 1), null);
  assert.equal(call('geo_polygon_buffer', poly([[10, 10], [0, 10], [0, 0], [10, 10]]), 0), null);
});

test('geo_simplify_polygons_array: shared borders stay shared, nulls', () => {
  const a = poly([[0, 0], [1, 0], [1, 0.3], [1.0001, 0.5], [1, 0.7], [1, 1], [0, 1], [0, 0]]);
  const b = poly([[1, 0], [2, 0], [2, 1], [1, 1], [1, 0.7], [1.0001, 0.5], [1, 0.3], [1, 0]]);
  const r = call('geo_simplify_polygons_array', [a, b], 100) as { type: string; coordinates: number[][][][] };
  assert.equal(r.type, 'MultiPolygon');
  const border = (ring: number[][]) => ring.filter((p) => Math.abs(p[0]! - 1) < 0.001).map((p) => p.join(',')).sort();
  assert.deepEqual(border(r.coordinates[0]![0]!.slice(0, -1)), border(r.coordinates[1]![0]!.slice(0, -1)));
  assert.ok(!border(r.coordinates[0]![0]!).includes('1.0001,0.5'), 'the 11 m bump is simplified away on both sides');
  const park = poly([[-73.9495, 40.7969], [-73.95807, 40.80068], [-73.98201, 40.76825], [-73.97317, 40.76455], [-73.9495, 40.7969]]);
  assert.equal(call('geo_simplify_polygons_array', [park, poly([[-73.94622, 40.79249]])]), null);
  assert.equal(call('geo_simplify_polygons_array', [park], -1), null);
  assert.equal(call('geo_simplify_polygons_array', [park], 10000), null);
});
