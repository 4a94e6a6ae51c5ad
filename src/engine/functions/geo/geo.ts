// Geospatial kernels: great-circle distances on Kusto's sphere (radius 6,371,010 m, which reproduces the docs'
// figures), geohash encode/decode/neighbors, and point-in-polygon for GeoJSON (Multi)Polygons (lon/lat plane).
// Invalid coordinates (longitude outside [-180, 180], latitude outside [-90, 90]) give null.
import type { DynamicValue, Value } from '../../../kql/types/index.js';
import type { ScalarKernel } from '../kernel.js';
import { s2Cell, s2FromToken, s2Token } from './s2.js';
import { readPolygons } from './geo-geojson.js';
import { prepare } from './geo-polygon.js';
import { unionOf } from './geo-shape-ops.js';
import { toLonLat } from './geo-sphere.js';

const R = 6371010;
const rad = (d: number) => (d * Math.PI) / 180;
const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

function coord(lon: Value, lat: Value): [number, number] | null {
  if (lon === null || lat === null || lon === undefined || lat === undefined) return null;
  const x = Number(lon), y = Number(lat);
  if (!Number.isFinite(x) || !Number.isFinite(y) || x < -180 || x > 180 || y < -90 || y > 90) return null;
  return [x, y];
}

/** Central angle between two points, via unit vectors (stable for tiny and antipodal distances). */
function angle(a: [number, number], b: [number, number]): number {
  const v = ([lon, lat]: [number, number]) => [Math.cos(rad(lat)) * Math.cos(rad(lon)), Math.cos(rad(lat)) * Math.sin(rad(lon)), Math.sin(rad(lat))];
  const p = v(a), q = v(b);
  const c = [p[1]! * q[2]! - p[2]! * q[1]!, p[2]! * q[0]! - p[0]! * q[2]!, p[0]! * q[1]! - p[1]! * q[0]!];
  return Math.atan2(Math.hypot(c[0]!, c[1]!, c[2]!), p[0]! * q[0]! + p[1]! * q[1]! + p[2]! * q[2]!);
}

export function distance(a: [number, number], b: [number, number]): number {
  return R * angle(a, b);
}

export function geohashEncode(lon: number, lat: number, len: number): string {
  let [lo0, lo1, la0, la1] = [-180, 180, -90, 90];
  let out = '', bits = 0, ch = 0, even = true;
  while (out.length < len) {
    if (even) { const m = (lo0 + lo1) / 2; if (lon >= m) { ch = ch * 2 + 1; lo0 = m; } else { ch *= 2; lo1 = m; } }
    else { const m = (la0 + la1) / 2; if (lat >= m) { ch = ch * 2 + 1; la0 = m; } else { ch *= 2; la1 = m; } }
    even = !even;
    if (++bits === 5) { out += BASE32[ch]; bits = 0; ch = 0; }
  }
  return out;
}

/** [west, south, east, north] of a geohash cell, or null when invalid. */
export function geohashBounds(h: string): [number, number, number, number] | null {
  if (!h || h.length > 18) return null;
  let [lo0, lo1, la0, la1] = [-180, 180, -90, 90];
  let even = true;
  for (const c of h.toLowerCase()) {
    const v = BASE32.indexOf(c);
    if (v < 0) return null;
    for (let b = 4; b >= 0; b--) {
      const bit = (v >> b) & 1;
      if (even) { const m = (lo0 + lo1) / 2; if (bit) lo0 = m; else lo1 = m; }
      else { const m = (la0 + la1) / 2; if (bit) la0 = m; else la1 = m; }
      even = !even;
    }
  }
  return [lo0, la0, lo1, la1];
}

function neighbors(h: string): DynamicValue {
  const b = geohashBounds(h);
  if (!b) return null;
  const [w, s, e, n] = b;
  const dx = e - w, dy = n - s, cx = (w + e) / 2, cy = (s + n) / 2;
  const out: string[] = [];
  // in the order the docs' example lists them: SW, NW, SE, N, W, NE, E, S
  for (const [mx, my] of [[-1, -1], [-1, 1], [1, -1], [0, 1], [-1, 0], [1, 1], [1, 0], [0, -1]] as const) {
    const y = cy + my * dy;
    if (y > 90 || y < -90) continue;
    let x = cx + mx * dx;
    if (x > 180) x -= 360;
    if (x < -180) x += 360;
    out.push(geohashEncode(x, y, h.length));
  }
  return out;
}

type Ring = [number, number][];
function polygons(g: Value): Ring[][] | null {
  if (!g || typeof g !== 'object' || Array.isArray(g)) return null;
  const o = g as { type?: unknown; coordinates?: unknown };
  const ok = (r: unknown): r is Ring => Array.isArray(r) && r.length >= 4 && r.every((p) => Array.isArray(p) && p.length >= 2 && p.every((x) => typeof x === 'number'));
  if (o.type === 'Polygon' && Array.isArray(o.coordinates) && o.coordinates.every(ok)) return [o.coordinates as Ring[]];
  if (o.type === 'MultiPolygon' && Array.isArray(o.coordinates) && o.coordinates.every((p) => Array.isArray(p) && p.every(ok))) return o.coordinates as Ring[][];
  return null;
}

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!, [xj, yj] = ring[j]!;
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A ring must enclose an area: at least three distinct vertices. */
const degenerate = (r: Ring) => new Set(r.map((p) => `${p[0]},${p[1]}`)).size < 3;

type Vec = [number, number, number];
const unit = ([lon, lat]: [number, number]): Vec => [Math.cos(rad(lat)) * Math.cos(rad(lon)), Math.cos(rad(lat)) * Math.sin(rad(lon)), Math.sin(rad(lat))];
const dot = (a: Vec, b: Vec) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

/** Initial bearing from a to b, clockwise from north, in [0, 2π). */
function azimuth(a: [number, number], b: [number, number]): number {
  const y = Math.sin(rad(b[0] - a[0])) * Math.cos(rad(b[1]));
  const x = Math.cos(rad(a[1])) * Math.sin(rad(b[1])) - Math.sin(rad(a[1])) * Math.cos(rad(b[1])) * Math.cos(rad(b[0] - a[0]));
  const t = Math.atan2(y, x);
  return t < 0 ? t + 2 * Math.PI : t;
}

/** Area of a ring on the sphere: fan of spherical triangles (signed excess), in m². */
function ringArea(ring: Ring): number {
  const p = ring.slice(0, -1).map((q) => unit([q[0], q[1]]));
  let e = 0;
  for (let i = 1; i + 1 < p.length; i++) e += 2 * Math.atan2(dot(p[0]!, cross(p[i]!, p[i + 1]!)), 1 + dot(p[0]!, p[i]!) + dot(p[i]!, p[i + 1]!) + dot(p[i + 1]!, p[0]!));
  return Math.abs(e) * R * R;
}

const ringLength = (ring: Ring) => ring.slice(1).reduce((s, q, i) => s + distance(ring[i]!, q), 0);

/** Distance from point p to the great-circle segment a–b. */
function segmentDistance(p: [number, number], a: [number, number], b: [number, number]): number {
  const P = unit(p), A = unit(a), B = unit(b);
  const n = cross(A, B);
  const nl = Math.hypot(...n);
  if (nl > 1e-15) {
    const nn: Vec = [n[0] / nl, n[1] / nl, n[2] / nl];
    const s = dot(P, nn);
    const proj: Vec = [P[0] - s * nn[0], P[1] - s * nn[1], P[2] - s * nn[2]];
    // the foot of the perpendicular lies on the segment when it is between A and B
    if (dot(cross(A, proj), nn) >= 0 && dot(cross(proj, B), nn) >= 0) return R * Math.asin(Math.min(1, Math.abs(s)));
  }
  return Math.min(distance(p, a), distance(p, b));
}

function lineCoords(g: Value): [number, number][][] | null {
  if (!g || typeof g !== 'object' || Array.isArray(g)) return null;
  const o = g as { type?: unknown; coordinates?: unknown };
  const lines = o.type === 'LineString' ? [o.coordinates] : o.type === 'MultiLineString' && Array.isArray(o.coordinates) ? o.coordinates : null;
  if (!lines) return null;
  const out: [number, number][][] = [];
  for (const line of lines) {
    if (!Array.isArray(line) || line.length < 2) return null;
    const pts = line.map((pt) => (Array.isArray(pt) ? coord(pt[0] as Value, pt[1] as Value) : null));
    if (pts.some((pt) => !pt)) return null;
    out.push(pts as [number, number][]);
  }
  return out;
}

function validPolygons(g: Value): Ring[][] | null {
  const polys = polygons(g);
  return polys && !polys.some((poly) => poly.some(degenerate)) ? polys : null;
}

/** The polygons of g with the parts of a MultiPolygon unioned first (overlapping parts count once, as in Kusto). */
function dissolved(g: Value): Ring[][] | null {
  const polys = validPolygons(g);
  if (!polys || polys.length < 2) return polys;
  const parts = readPolygons(g);
  if (!parts) return null;
  const closed = (ring: Vec[]): Ring => { const r = ring.map(toLonLat); return [...r, r[0]!]; };
  return unionOf(prepare(parts)).map((poly) => poly.map(closed));
}

const k = (name: string, f: (...a: Value[]) => Value): ScalarKernel => ({ name, make: () => f });

export const kernels: ScalarKernel[] = [
  k('geo_distance_2points', (a, b, c, d) => { const p = coord(a, b), q = coord(c, d); return p && q ? distance(p, q) : null; }),
  k('geo_point_in_circle', (a, b, c, d, r) => {
    const p = coord(a, b), q = coord(c, d);
    if (!p || !q || r === null || r === undefined || !(Number(r) >= 0)) return null;
    return distance(p, q) <= Number(r);
  }),
  k('geo_point_to_geohash', (a, b, acc) => {
    const p = coord(a, b);
    const n = acc === undefined ? 5 : acc === null ? NaN : Number(acc);
    return p && n >= 1 && n <= 18 ? geohashEncode(p[0], p[1], Math.trunc(n)) : '';
  }),
  k('geo_point_to_s2cell', (a, b, lvl) => {
    const p = coord(a, b);
    const n = lvl === undefined ? 11 : lvl === null ? NaN : Number(lvl);
    return p && n >= 0 && n <= 30 ? s2Token(p[0], p[1], Math.trunc(n)) : '';
  }),
  k('geo_s2cell_to_central_point', (t) => {
    const id = typeof t === 'string' ? s2FromToken(t) : null;
    return id === null ? null : { type: 'Point', coordinates: s2Cell(id).center };
  }),
  k('geo_s2cell_to_polygon', (t) => {
    const id = typeof t === 'string' ? s2FromToken(t) : null;
    if (id === null) return null;
    const c = s2Cell(id).corners;
    return { type: 'Polygon', coordinates: [[...c, c[0]!]] };
  }),
  k('geo_geohash_to_central_point', (h) => {
    const b = typeof h === 'string' ? geohashBounds(h) : null;
    return b ? { type: 'Point', coordinates: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] } : null;
  }),
  k('geo_geohash_to_polygon', (h) => {
    const b = typeof h === 'string' ? geohashBounds(h) : null;
    if (!b) return null;
    const [w, s, e, n] = b;
    return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
  }),
  k('geo_geohash_neighbors', (h) => (typeof h === 'string' ? neighbors(h) : null)),
  k('geo_point_in_polygon', (a, b, g) => {
    const p = coord(a, b), polys = polygons(g);
    if (!p || !polys || polys.some((poly) => poly.some(degenerate))) return null;
    return polys.some(([outer, ...holes]) => inRing(p[0], p[1], outer!) && !holes.some((hole) => inRing(p[0], p[1], hole)));
  }),
  k('geo_line_length', (g) => {
    const lines = lineCoords(g);
    return lines ? lines.reduce((s, l) => s + ringLength(l), 0) : null;
  }),
  k('geo_azimuth', (a, b, c, d) => {
    const p = coord(a, b), q = coord(c, d);
    return p && q && (p[0] !== q[0] || p[1] !== q[1]) ? azimuth(p, q) : null;
  }),
  k('geo_angle', (a, b, c, d, e, f) => {
    const p1 = coord(a, b), p2 = coord(c, d), p3 = coord(e, f);
    if (!p1 || !p2 || !p3 || distance(p1, p2) === 0 || distance(p2, p3) === 0) return null;
    const t = azimuth(p2, p3) - azimuth(p2, p1);
    return ((t % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  }),
  k('geo_polygon_area', (g) => {
    const polys = dissolved(g);
    return polys ? polys.reduce((s, [outer, ...holes]) => s + ringArea(outer!) - holes.reduce((h, r) => h + ringArea(r), 0), 0) : null;
  }),
  k('geo_polygon_perimeter', (g) => {
    const polys = dissolved(g);
    return polys ? polys.reduce((s, poly) => s + poly.reduce((t, r) => t + ringLength(r), 0), 0) : null;
  }),
  k('geo_distance_point_to_line', (a, b, g) => {
    const p = coord(a, b), lines = lineCoords(g);
    if (!p || !lines) return null;
    let best = Infinity;
    for (const l of lines) for (let i = 1; i < l.length; i++) best = Math.min(best, segmentDistance(p, l[i - 1]!, l[i]!));
    return best;
  }),
  k('geo_distance_point_to_polygon', (a, b, g) => {
    const p = coord(a, b), polys = validPolygons(g);
    if (!p || !polys) return null;
    if (polys.some(([outer, ...holes]) => inRing(p[0], p[1], outer!) && !holes.some((h) => inRing(p[0], p[1], h)))) return 0;
    let best = Infinity;
    for (const poly of polys) for (const ring of poly) for (let i = 1; i < ring.length; i++) best = Math.min(best, segmentDistance(p, ring[i - 1]!, ring[i]!));
    return best;
  }),
];
