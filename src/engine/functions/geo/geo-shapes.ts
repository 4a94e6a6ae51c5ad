// Kernels of the geo-shapes geospatial functions (WKT, predicates, intersections, unions, buffers, centroids,
// densify/simplify, S2 coverings and neighbours). Shapes are read and validated by geo-geojson (invalid → null);
// the geometry lives in the geo-*.ts helpers beside this file (geo-sphere is the vector math they share).
import type { Value } from '../../../kql/types/index.js';
import { KernelError, type ScalarKernel } from '../kernel.js';
import { argPoint, point, readLines, readPolygons } from './geo-geojson.js';
import { closest, interpolate, lineCentroid, locate } from './geo-line-ops.js';
import { lineIntersectsPolygons, linesIntersect, partsOverlap, polygonsIntersect } from './geo-intersects.js';
import { intersectLines } from './geo-line-intersection.js';
import { anyContains, closestOnBoundary, polyMoment, prepare, type Poly } from './geo-polygon.js';
import { add, EARTH_R, norm, toLonLat, toVec, type LonLat, type Vec } from './geo-sphere.js';
import { wktToGeoJson } from './geo-wkt.js';
import { simplifyLine, simplifyRing, simplifyTolerance } from './geo-simplify.js';
import { unionLines } from './geo-union-lines.js';
import { simplifyPolygonsArray } from './geo-simplify-array.js';
import { coverLines, coverPolygons } from './geo-s2cover.js';
import { clipLines } from './geo-clip-line.js';
import { bandPolys, bufferJson, intersect2Polygons, unionOf, unionPolygonsArray } from './geo-shape-ops.js';
import { bufferTolerance, pointBuffer } from './geo-buffer.js';
import { densifyPath, densifyTolerance, PointBudget } from './geo-densify.js';
import { s2Neighbors } from './s2.js';

const k = (name: string, f: (...a: Value[]) => Value): ScalarKernel => ({ name, make: () => f });
const polys = (g: Value): Poly[] | null => { const p = readPolygons(g); return p && prepare(p); };
type Coords = [number, number][];
/** Positions of a shape already validated by readLines/readPolygons (numbers, possibly bigint). */
const positions = (c: unknown): Coords => (c as unknown[][]).map((p) => [Number(p[0]), Number(p[1])]);
const pos = (p: LonLat): number[] => [p[0], p[1]];
const radius = (r: Value): number | null => { const x = typeof r === 'bigint' ? Number(r) : r; return typeof x === 'number' && x > 0 && Number.isFinite(x) ? x : null; };
const level = (l: Value): number | null => {
  const n = l === undefined ? 11 : typeof l === 'bigint' ? Number(l) : l;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 30 ? n : null;
};
const fraction = (x: Value): number | null => { const f = typeof x === 'bigint' ? Number(x) : x; return typeof f === 'number' && f >= 0 && f <= 1 ? f : null; };

export const kernels: ScalarKernel[] = [
  k('geo_from_wkt', (s) => (typeof s === 'string' ? wktToGeoJson(s) : null)),
  k('geo_intersects_2lines', (a, b) => {
    const l1 = readLines(a, true), l2 = readLines(b, true);
    return l1 && l2 ? linesIntersect(l1, l2) : null;
  }),
  k('geo_intersects_2polygons', (a, b) => {
    const p1 = polys(a), p2 = polys(b);
    return p1 && p2 ? polygonsIntersect(p1, p2) : null;
  }),
  k('geo_intersects_line_with_polygon', (a, b) => {
    const l = readLines(a, true), p = polys(b);
    return l && p ? lineIntersectsPolygons(l, p) : null;
  }),
  k('geo_intersection_2lines', (a, b) => {
    const l1 = readLines(a, true), l2 = readLines(b, true);
    return l1 && l2 ? intersectLines(l1, l2) : null;
  }),
  k('geo_line_interpolate_point', (g, f) => {
    const l = readLines(g, false), t = fraction(f);
    return l && t !== null ? point(interpolate(l[0]!, t)) : null;
  }),
  k('geo_line_locate_point', (g, lon, lat, spheroid) => {
    if (spheroid === true) throw new KernelError('KQL3014', 'geo_line_locate_point: use_spheroid=true is not supported (sphere only)');
    const l = readLines(g, false), p = argPoint(lon, lat);
    return l && p ? locate(l[0]!, toVec(p)) : null;
  }),
  k('geo_closest_point_on_line', (lon, lat, g) => {
    const p = argPoint(lon, lat), l = readLines(g, true);
    if (!p || !l) return null;
    const c = closest(l, toVec(p));
    return point(c.ll ?? toLonLat(c.p));
  }),
  k('geo_closest_point_on_polygon', (lon, lat, g) => {
    const p = argPoint(lon, lat), ps = polys(g);
    if (!p || !ps) return null;
    const v = toVec(p);
    return point(anyContains(ps, v) ? p : toLonLat(closestOnBoundary(ps, v)));
  }),
  k('geo_line_centroid', (g) => {
    const l = readLines(g, true);
    return l ? point(lineCentroid(l)) : null;
  }),
  k('geo_polygon_centroid', (g) => {
    const ps = polys(g);
    if (!ps) return null;
    // a MultiPolygon's centroid is its union's: overlapping parts count once
    const parts = ps.length > 1 && partsOverlap(ps) ? prepare(unionOf(ps).map((p) => p.map((v) => ({ ll: [], v })))) : ps;
    const m = parts.reduce((s: Vec, poly) => add(s, polyMoment(poly)), [0, 0, 0]);
    return norm(m) > 0 ? point(toLonLat(m)) : null;
  }),
  k('geo_line_densify', (g, t, x) => {
    const l = readLines(g, true), tol = densifyTolerance(t);
    if (!l || tol === null || (x !== undefined && typeof x !== 'boolean')) return null;
    const o = g as { type: string; coordinates: unknown[] }, b = new PointBudget();
    const one = (c: unknown) => densifyPath(positions(c), tol, x === true, b);
    return { type: o.type, coordinates: o.type === 'LineString' ? one(o.coordinates) : o.coordinates.map(one) };
  }),
  k('geo_polygon_densify', (g, t, x) => {
    const tol = densifyTolerance(t);
    if (!readPolygons(g) || tol === null || (x !== undefined && typeof x !== 'boolean')) return null;
    const o = g as { type: string; coordinates: unknown[][] }, b = new PointBudget();
    const poly = (rings: unknown[]) => rings.map((r) => densifyPath(positions(r), tol, x === true, b));
    return { type: o.type, coordinates: o.type === 'Polygon' ? poly(o.coordinates) : o.coordinates.map((p) => poly(p as unknown[])) };
  }),
  k('geo_line_simplify', (g, t) => {
    const l = readLines(g, true), tol = simplifyTolerance(t, EARTH_R);
    if (!l || tol === null) return null;
    const out = l.map((p) => simplifyLine(p.v, tol)?.map((i) => pos(p.ll[i]!))).filter((x) => x !== undefined);
    if (out.length === 0) return null;
    return out.length === 1 ? { type: 'LineString', coordinates: out[0]! } : { type: 'MultiLineString', coordinates: out };
  }),
  k('geo_polygon_simplify', (g, t) => {
    const ps = readPolygons(g), tol = simplifyTolerance(t, EARTH_R);
    if (!ps || tol === null) return null;
    const out: number[][][][] = [];
    for (const [shell, ...holes] of ps) {
      const ring = (r: typeof shell) => { const kept = simplifyRing(r!.v, tol); return kept && [...kept, kept[0]!].map((i) => pos(r!.ll[i]!)); };
      const s0 = ring(shell);
      if (s0) out.push([s0, ...holes.map(ring).filter((h) => h !== null)]);
    }
    if (out.length === 0) return null;
    return out.length === 1 ? { type: 'Polygon', coordinates: out[0]! } : { type: 'MultiPolygon', coordinates: out };
  }),
  k('geo_union_lines_array', unionLines),
  k('geo_polygon_to_s2cells', (g, lvl) => {
    const ps = polys(g), n = level(lvl);
    return ps && n !== null ? coverPolygons(ps, n) : null;
  }),
  k('geo_intersection_line_with_polygon', (a, b) => {
    const l = readLines(a, true), p = polys(b);
    return l && p ? clipLines(l, p) : null;
  }),
  k('geo_union_polygons_array', unionPolygonsArray),
  k('geo_intersection_2polygons', (a, b) => {
    const p1 = polys(a), p2 = polys(b);
    return p1 && p2 ? intersect2Polygons(p1, p2) : null;
  }),
  k('geo_point_buffer', (lon, lat, r, t) => {
    const p = argPoint(lon, lat), rad = radius(r), tol = rad === null ? null : bufferTolerance(t, rad);
    return p && rad !== null && tol !== null ? pointBuffer(p, rad, tol) : null;
  }),
  k('geo_line_buffer', (g, r, t) => {
    const l = readLines(g, true), rad = radius(r), tol = rad === null ? null : bufferTolerance(t, rad);
    if (!l || rad === null || tol === null || rad / EARTH_R >= Math.PI / 4) return null;
    return bufferJson(l.map((p) => ({ v: p.v, closed: false })), [], rad / EARTH_R, tol / EARTH_R);
  }),
  k('geo_polygon_buffer', (g, r, t) => {
    const ps = polys(g), rad = radius(r), tol = rad === null ? null : bufferTolerance(t, rad);
    if (!ps || rad === null || tol === null || rad / EARTH_R >= Math.PI / 4) return null;
    return bufferJson(ps.flatMap((p) => p.map((ring) => ({ v: ring.v, closed: true }))), ps.map((p) => [p]), rad / EARTH_R, tol / EARTH_R);
  }),
  k('geo_line_to_s2cells', (g, lvl, r) => {
    const l = readLines(g, true), n = level(lvl), rad = r === undefined || r === null ? 0 : typeof r === 'bigint' ? Number(r) : r;
    if (!l || n === null || typeof rad !== 'number' || !(rad >= 0) || rad / EARTH_R >= Math.PI / 4) return null;
    if (rad === 0) return coverLines(l.map((p) => p.v), n);
    // with a radius, cover the line's buffer (circumscribed within 1 % of the radius, at most 10 m)
    const tol = Math.min(10, rad * 0.01) / EARTH_R;
    const buf = unionOf(bandPolys(l.map((p) => p.v), rad / EARTH_R, tol));
    return coverPolygons(prepare(buf.map((p) => p.map((v) => ({ ll: [], v })))), n);
  }),
  k('geo_simplify_polygons_array', (a, t) => {
    const tol = simplifyTolerance(t, EARTH_R);
    return tol === null ? null : simplifyPolygonsArray(a, tol);
  }),
  k('geo_s2cell_neighbors', (t) => (typeof t === 'string' ? s2Neighbors(t) : null)),
];
