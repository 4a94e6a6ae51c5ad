// Validating readers of GeoJSON (dynamic) shapes for the geo-shapes kernels, following the docs' constraints:
// valid lon/lat ranges, lines with ≥ 2 points, closed rings with ≥ 4 entries and ≥ 3 distinct vertices,
// edges shorter than 180°. Anything else reads as null (the kernels then return null).
import type { Value } from '../../../kql/types/index.js';
import { angle, toVec, type LonLat, type Vec } from './geo-sphere.js';

/** Inputs larger than this many vertices are refused (null) so one row cannot stall the engine. */
export const MAX_VERTICES = 1_000_000;

export interface Path { ll: LonLat[]; v: Vec[] }

function num(x: unknown): number | null {
  if (typeof x === 'number') return Number.isFinite(x) ? x : null;
  if (typeof x === 'bigint') return Number(x);
  return null;
}

/** A scalar (longitude, latitude) argument pair, or null when missing or out of range. */
export function argPoint(lon: Value, lat: Value): LonLat | null {
  const x = num(lon), y = num(lat);
  if (x === null || y === null || x < -180 || x > 180 || y < -90 || y > 90) return null;
  return [x, y];
}

export function readPosition(p: unknown): LonLat | null {
  if (!Array.isArray(p) || p.length < 2) return null;
  return argPoint(p[0] as Value, p[1] as Value);
}

function obj(g: Value): { type?: unknown; coordinates?: unknown } | null {
  return g && typeof g === 'object' && !Array.isArray(g) ? (g as { type?: unknown; coordinates?: unknown }) : null;
}

/** An edge of 180° has no unique geodesic: such paths are invalid. */
const hasAntipodalEdge = (v: Vec[]) => v.some((p, i) => i > 0 && angle(v[i - 1]!, p) >= Math.PI - 1e-12);

function readPath(coords: unknown, min: number): Path | null {
  if (!Array.isArray(coords) || coords.length < min || coords.length > MAX_VERTICES) return null;
  const ll: LonLat[] = [];
  for (const c of coords) {
    const p = readPosition(c);
    if (!p) return null;
    ll.push(p);
  }
  const v = ll.map(toVec);
  return hasAntipodalEdge(v) ? null : { ll, v };
}

/** The lines of a LineString (one) or, when `multi`, a MultiLineString (one or more). */
export function readLines(g: Value, multi: boolean): Path[] | null {
  const o = obj(g);
  if (!o) return null;
  if (o.type === 'LineString') {
    const p = readPath(o.coordinates, 2);
    return p ? [p] : null;
  }
  if (!multi || o.type !== 'MultiLineString' || !Array.isArray(o.coordinates) || o.coordinates.length === 0) return null;
  const out: Path[] = [];
  for (const line of o.coordinates) {
    const p = readPath(line, 2);
    if (!p) return null;
    out.push(p);
  }
  return out;
}

/** An open ring (closing vertex and repeated consecutive vertices dropped), or null when invalid. */
function readRing(coords: unknown): Path | null {
  const p = readPath(coords, 4);
  if (!p) return null;
  const first = p.ll[0]!, last = p.ll[p.ll.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) return null;
  const ll: LonLat[] = [], v: Vec[] = [];
  for (let i = 0; i < p.ll.length - 1; i++) {
    const q = p.ll[i]!, prev = ll[ll.length - 1];
    if (prev && prev[0] === q[0] && prev[1] === q[1]) continue;
    ll.push(q);
    v.push(p.v[i]!);
  }
  if (new Set(ll.map((q) => `${q[0]},${q[1]}`)).size < 3) return null;
  return { ll, v };
}

/** Polygons (outer ring first, then holes) of a Polygon or MultiPolygon. */
export function readPolygons(g: Value): Path[][] | null {
  const o = obj(g);
  if (!o || !Array.isArray(o.coordinates)) return null;
  const polys = o.type === 'Polygon' ? [o.coordinates] : o.type === 'MultiPolygon' ? o.coordinates : null;
  if (!polys || polys.length === 0) return null;
  const out: Path[][] = [];
  let total = 0;
  for (const poly of polys) {
    if (!Array.isArray(poly) || poly.length === 0) return null;
    const rings: Path[] = [];
    for (const r of poly) {
      const ring = readRing(r);
      if (!ring) return null;
      total += ring.v.length;
      if (total > MAX_VERTICES) return null;
      rings.push(ring);
    }
    out.push(rings);
  }
  return out;
}

export const point = (p: LonLat) => ({ type: 'Point', coordinates: [p[0], p[1]] });

/** The polygons of each GeoJSON (Multi)Polygon of an array, or null when one is invalid or they hold more than
 *  MAX_VERTICES vertices together. */
export function readPolygonArray(arr: Value): Path[][][] | null {
  if (!Array.isArray(arr) || arr.length === 0) return null;
  const out: Path[][][] = [];
  let total = 0;
  for (const g of arr) {
    const p = readPolygons(g);
    if (!p) return null;
    total += p.reduce((s, poly) => s + poly.reduce((t, r) => t + r.v.length, 0), 0);
    if (total > MAX_VERTICES) return null;
    out.push(p);
  }
  return out;
}
