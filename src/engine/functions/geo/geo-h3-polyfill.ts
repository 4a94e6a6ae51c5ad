// Polygon → H3 cells for geo_polygon_to_h3cells. h3-js sizes its buffers from the polygon's bounding box and
// tests every candidate cell against every vertex, so a thin diagonal or very detailed polygon could make it
// allocate gigabytes or run for minutes. We refuse covers whose estimated size exceeds Kusto's 61,680-cell limit
// up front, and feed h3-js tiles (Sutherland–Hodgman clips) bounded in box size and work, else give null.
// A positive radius adds the cells whose centre lies within that many metres of the polygon's boundary.
import { cellToLatLng, getHexagonAreaAvg, getHexagonEdgeLengthAvg, gridDisk, latLngToCell, polygonToCells } from 'h3-js';
import type { Value } from '../../../kql/types/index.js';
import { checkKernelDeadline } from '../kernel.js';

export const MAX_CELLS = 61680;
/** Largest bounding-box cell estimate handed to h3-js in one call (keeps its allocation to a few MB). */
const TILE_CELLS = 50_000;
const MAX_TILES = 2048;
/** h3-js tests each candidate cell (inside or on the boundary) against every vertex: bound cells × vertices
 *  per call and per polygon (~26 ns each, so ~0.3 s and ~1.5 s). */
const TILE_WORK = 2_000_000;
const TOTAL_WORK = 60_000_000;
const MAX_SAMPLES = 40_000;
const MAX_PIECES = 200_000;
/** Bound on disk cells × boundary pieces measured for a buffer (~1 s). */
const BAND_WORK = 5_000_000;
/** Slack between the area-based estimate and the exact count: cell areas vary around the average. */
const SLACK = 2.5;
const R = 6371007.2;

type Pt = [number, number]; // [lon, lat]
type Ring = Pt[]; // closed: first === last
type Poly = Ring[]; // shell, then holes

const rad = (d: number) => (d * Math.PI) / 180;

function parseRing(r: unknown): Ring | null {
  if (!Array.isArray(r) || r.length < 4) return null;
  const out: Ring = [];
  for (const p of r) {
    if (!Array.isArray(p) || p.length < 2) return null;
    const [x, y] = p as unknown[];
    if (typeof x !== 'number' || typeof y !== 'number' || !(x >= -180 && x <= 180 && y >= -90 && y <= 90)) return null;
    out.push([x, y]);
  }
  const a = out[0]!, b = out[out.length - 1]!;
  // Kusto: the first and last vertices coincide, and at least three distinct vertices
  if (a[0] !== b[0] || a[1] !== b[1] || new Set(out.map((p) => `${p[0]},${p[1]}`)).size < 3) return null;
  return out;
}

function parsePoly(p: unknown): Poly | null {
  if (!Array.isArray(p) || p.length === 0) return null;
  const rings = p.map(parseRing);
  return rings.every((r): r is Ring => r !== null) ? rings : null;
}

/** Polygons of a GeoJSON Polygon / MultiPolygon, or null when it is not a valid one. */
export function parsePolygons(g: Value): Poly[] | null {
  if (!g || typeof g !== 'object' || Array.isArray(g)) return null;
  const o = g as { type?: unknown; coordinates?: unknown };
  if (o.type === 'Polygon') {
    const p = parsePoly(o.coordinates);
    return p ? [p] : null;
  }
  if (o.type === 'MultiPolygon' && Array.isArray(o.coordinates) && o.coordinates.length > 0) {
    const ps = o.coordinates.map(parsePoly);
    return ps.every((p): p is Poly => p !== null) ? ps : null;
  }
  return null;
}

/** An edge longer than 180° of longitude is taken the short way, across the antimeridian (as h3 does). */
function unwrap(poly: Poly): Poly {
  const crosses = poly.some((r) => r.some((p, i) => i > 0 && Math.abs(p[0] - r[i - 1]![0]) > 180));
  return crosses ? poly.map((r) => r.map(([x, y]): Pt => [x < 0 ? x + 360 : x, y])) : poly;
}

/** Area in m² with straight lon/lat edges (equal-area cylindrical projection). */
function ringArea(r: Ring): number {
  let s = 0;
  for (let i = 1; i < r.length; i++) s += rad(r[i]![0] - r[i - 1]![0]) * (Math.sin(rad(r[i - 1]![1])) + Math.sin(rad(r[i]![1]))) / 2;
  return Math.abs(s) * R * R;
}
const polyArea = (p: Poly) => Math.max(0, ringArea(p[0]!) - p.slice(1).reduce((s, h) => s + ringArea(h), 0));

type Vec = [number, number, number];
const unit = ([lon, lat]: Pt): Vec => [Math.cos(rad(lat)) * Math.cos(rad(lon)), Math.cos(rad(lat)) * Math.sin(rad(lon)), Math.sin(rad(lat))];
const dot = (a: Vec, b: Vec) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const arc = (a: Vec, b: Vec) => Math.atan2(Math.hypot(...cross(a, b)), dot(a, b));

/** Great-circle distance (m) from p to the segment a–b. */
function segmentDistance(p: Vec, a: Vec, b: Vec): number {
  const n = cross(a, b), nl = Math.hypot(...n);
  if (nl > 1e-15) {
    const s = dot(p, n) / nl;
    const q: Vec = [p[0] - (s * n[0]) / nl, p[1] - (s * n[1]) / nl, p[2] - (s * n[2]) / nl];
    if (dot(cross(a, q), n) >= 0 && dot(cross(q, b), n) >= 0) return R * Math.asin(Math.min(1, Math.abs(s)));
  }
  return R * Math.min(arc(p, a), arc(p, b));
}

const perimeter = (p: Poly) => p.reduce((s, r) => s + r.slice(1).reduce((t, q, i) => t + R * arc(unit(r[i]!), unit(q)), 0), 0);

function clipRing(r: Ring, w: number, s: number, e: number, n: number): Ring | null {
  const cutX = (a: Pt, b: Pt, x: number): Pt => [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
  const cutY = (a: Pt, b: Pt, y: number): Pt => [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];
  const planes: [(p: Pt) => boolean, (a: Pt, b: Pt) => Pt][] = [
    [(p) => p[0] >= w, (a, b) => cutX(a, b, w)], [(p) => p[0] <= e, (a, b) => cutX(a, b, e)],
    [(p) => p[1] >= s, (a, b) => cutY(a, b, s)], [(p) => p[1] <= n, (a, b) => cutY(a, b, n)],
  ];
  let pts = r.slice(0, -1);
  for (const [inside, cut] of planes) {
    const out: Pt[] = [];
    pts.forEach((cur, i) => {
      const prev = pts[(i + pts.length - 1) % pts.length]!;
      if (inside(cur)) {
        if (!inside(prev)) out.push(cut(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(cut(prev, cur));
    });
    pts = out;
  }
  return pts.length < 3 ? null : [...pts, pts[0]!];
}

interface Fill { readonly res: number; readonly avg: number; readonly edge: number; readonly out: Set<string>; tiles: number; work: number }

/** Adds the cells of a (possibly unwrapped) polygon clipped to [w,e]×[s,n]; false when over a limit. */
function fillTile(poly: Poly, w: number, s: number, e: number, n: number, f: Fill): boolean {
  const est = (R * R * rad(e - w) * Math.abs(Math.sin(rad(n)) - Math.sin(rad(s)))) / f.avg;
  const work = (polyArea(poly) / f.avg + perimeter(poly) / f.edge) * poly.reduce((v, r) => v + r.length, 0);
  if (est <= TILE_CELLS && work <= TILE_WORK && e - w <= 180 && (w >= 180 || e <= 180)) {
    if ((f.work += work) > TOTAL_WORK) return false; // too detailed a boundary for this resolution
    checkKernelDeadline();
    const shift = w >= 180 ? -360 : 0;
    const rings = poly.map((r) => r.map(([x, y]) => [x + shift, y]));
    try {
      for (const c of polygonToCells(rings, f.res, true)) f.out.add(c);
    } catch {
      return false; // h3 refused (allocation): treat as over the limit
    }
    return f.out.size <= MAX_CELLS;
  }
  if (++f.tiles > MAX_TILES) return false;
  const wide = w < 180 && e > 180 ? 180 : e - w > 180 || rad(e - w) * Math.cos(rad((s + n) / 2)) >= rad(n - s) ? (w + e) / 2 : null;
  const halves: [number, number, number, number][] = wide !== null ? [[w, s, wide, n], [wide, s, e, n]] : [[w, s, e, (s + n) / 2], [w, (s + n) / 2, e, n]];
  for (const [hw, hs, he, hn] of halves) {
    const shell = clipRing(poly[0]!, hw, hs, he, hn);
    if (!shell || ringArea(shell) === 0) continue;
    const holes = poly.slice(1).map((h) => clipRing(h, hw, hs, he, hn)).filter((h): h is Ring => h !== null);
    if (!fillTile([shell, ...holes], hw, hs, he, hn, f)) return false;
  }
  return true;
}

/** Splits edges into ≤ 0.1° pieces so great-circle distances to a piece match the straight lon/lat edge (~1 m). */
function densify(r: Ring): Ring {
  const out: Ring = [r[0]!];
  for (let i = 1; i < r.length; i++) {
    const [x0, y0] = r[i - 1]!, [x1, y1] = r[i]!;
    const n = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) / 0.1));
    for (let j = 1; j <= n; j++) out.push([x0 + ((x1 - x0) * j) / n, y0 + ((y1 - y0) * j) / n]);
  }
  return out;
}

/** A ring to walk along: its vertices, their unit vectors and cumulative arc length (m). */
interface Walk { readonly ring: Ring; readonly pts: Vec[]; readonly at: number[] }

function walk(ring: Ring): Walk {
  const pts = ring.map(unit), at = [0];
  for (let i = 1; i < pts.length; i++) at.push(at[i - 1]! + R * arc(pts[i - 1]!, pts[i]!));
  return { ring, pts, at };
}

interface Band { readonly step: number; readonly k: number; readonly walks: Walk[] }

/** Sampling plan for the buffer band, or null when the boundary is too long or detailed for this resolution. */
function bandPlan(polys: readonly Poly[], radius: number, res: number): Band | null {
  const pieces = polys.flat().reduce((n, r) => n + r.slice(1).reduce((m, q, i) => m + Math.max(Math.abs(q[0] - r[i]![0]), Math.abs(q[1] - r[i]![1])) / 0.1 + 1, 0), 0);
  if (pieces > MAX_PIECES) return null;
  const walks = polys.flat().map((r) => walk(densify(r)));
  const edge = getHexagonEdgeLengthAvg(res, 'm');
  const step = Math.max(edge, radius / 2);
  // a disk around a sample reaches every centre within radius of the boundary stretch nearest that sample
  const k = Math.ceil((radius + step / 2 + 2 * edge) / (1.4 * edge));
  const samples = walks.reduce((n, w) => n + Math.ceil(w.at[w.at.length - 1]! / step) + 1, 0);
  const work = (3 * k * (k + 1) + 1) * (samples + 3 * walks.reduce((n, w) => n + w.pts.length, 0));
  return samples > MAX_SAMPLES || work > BAND_WORK ? null : { step, k, walks };
}

/** Adds cells whose centre is within `radius` m of the boundary: walk each ring in steps, search a disk around
 *  each sample and measure against the boundary pieces within half a step of it. */
function buffer(radius: number, band: Band, f: Fill): boolean {
  for (const { ring, pts, at } of band.walks) {
    const total = at[at.length - 1]!, last = pts.length - 2;
    const n = Math.max(1, Math.ceil(total / band.step)), half = total / n / 2 + 1;
    let seg = 0, lo = 0, hi = 0;
    for (let j = 0; j <= n; j++) {
      const s = (total * j) / n;
      while (seg < last && at[seg + 1]! < s) seg++;
      while (lo < last && at[lo + 1]! < s - half) lo++;
      while (hi <= last && at[hi]! <= s + half) hi++;
      const len = at[seg + 1]! - at[seg]!, t = len > 0 ? (s - at[seg]!) / len : 0;
      const a = ring[seg]!, b = ring[seg + 1]!;
      const x = a[0] + (b[0] - a[0]) * t, y = a[1] + (b[1] - a[1]) * t;
      for (const c of gridDisk(latLngToCell(y, x > 180 ? x - 360 : x, f.res), band.k)) {
        if (f.out.has(c)) continue;
        const [lat, lon] = cellToLatLng(c);
        const p = unit([lon, lat]);
        for (let q = lo; q < hi; q++) {
          if (segmentDistance(p, pts[q]!, pts[q + 1]!) <= radius) {
            f.out.add(c);
            break;
          }
        }
      }
      if (f.out.size > MAX_CELLS) return false;
    }
  }
  return true;
}

/** Sorted tokens of the cells covering the polygons (centre inside, or within radius m), or null over the limit. */
export function polygonToH3Cells(polygons: readonly Poly[], res: number, radius: number): string[] | null {
  const polys = polygons.map(unwrap);
  const avg = getHexagonAreaAvg(res, 'm2');
  const area = polys.reduce((s, p) => s + polyArea(p) + (radius > 0 ? perimeter(p) * radius + Math.PI * radius * radius : 0), 0);
  if (area / avg > SLACK * MAX_CELLS) return null;
  const band = radius > 0 ? bandPlan(polys, radius, res) : undefined;
  if (band === null) return null;
  const f: Fill = { res, avg, edge: getHexagonEdgeLengthAvg(res, 'm'), out: new Set(), tiles: 0, work: 0 };
  for (const p of polys) if (!fillTile(p, ...bounds(p), f)) return null;
  if (band && !buffer(radius, band, f)) return null;
  return [...f.out].sort();
}

function bounds(p: Poly): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of p[0]!) [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
  return [w, s, e, n];
}
