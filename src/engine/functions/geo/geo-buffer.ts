// Buffers on the sphere. A point buffer is a regular polygon circumscribing the circle of the radius: its edges
// stay outside the circle and its vertices at most `tolerance` beyond it (vertex count doubled from 8 until so).
import { add, cross, EARTH_R, normalize, scale, toLonLat, toVec, type LonLat, type Vec } from './geo-sphere.js';

/** Most vertices a circle gets (tolerance ≥ 1e-6 · radius needs at most ~2,300). */
const MAX_CIRCLE_VERTICES = 4096;

/** Tolerance in metres for a radius, or null when invalid (docs: default 10, ≥ 0.0001 % of the radius, < radius). */
export function bufferTolerance(t: unknown, radius: number): number | null {
  if (t === undefined) t = 10;
  const x = typeof t === 'bigint' ? Number(t) : t;
  if (typeof x !== 'number' || !Number.isFinite(x) || x < radius * 1e-6 || x <= 0) return null;
  return Math.min(x, radius * 0.999);
}

/** Tangent frame at c: unit vectors towards north and east (any frame at the poles). */
function frame(c: Vec): [Vec, Vec] {
  const e0 = cross([0, 0, 1], c);
  const east = Math.hypot(...e0) > 1e-12 ? normalize(e0) : ([0, 1, 0] as Vec);
  return [cross(c, east), east];
}

/** Counter-clockwise ring (open: no closing vertex) of unit vectors around c, circumscribing the circle of angular radius rho. */
export function circleRing(c: Vec, rho: number, tol: number): Vec[] {
  let n = 8;
  const vertexRadius = (k: number) => Math.atan(Math.tan(rho) / Math.cos(Math.PI / k));
  while (n < MAX_CIRCLE_VERTICES && vertexRadius(n) - rho > tol) n *= 2;
  const rv = vertexRadius(n), [north, east] = frame(c);
  const out: Vec[] = [];
  for (let k = 0; k < n; k++) {
    // counter-clockwise seen from above: bearing decreases from north through west
    const th = (-2 * Math.PI * k) / n;
    out.push(normalize(add(scale(c, Math.cos(rv)), scale(add(scale(north, Math.cos(th)), scale(east, Math.sin(th))), Math.sin(rv)))));
  }
  return out;
}

export const closeRing = (ring: Vec[]): number[][] => [...ring, ring[0]!].map((v) => { const p: LonLat = toLonLat(v); return [p[0], p[1]]; });

/** GeoJSON polygon of a point buffer, or null when the radius is not positive or reaches a quarter of the globe. */
export function pointBuffer(p: LonLat, radius: number, tolM: number): { type: string; coordinates: number[][][] } | null {
  const rho = radius / EARTH_R, tol = tolM / EARTH_R;
  if (!(rho > 0) || rho + tol >= Math.PI / 2) return null;
  return { type: 'Polygon', coordinates: [closeRing(circleRing(toVec(p), rho, tol))] };
}
