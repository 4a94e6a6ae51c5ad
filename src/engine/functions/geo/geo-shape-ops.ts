// Kernels' bodies for the polygon overlay functions: union of polygon arrays, intersection of two polygons, and
// line / point / polygon buffers (unions of circles and edge bands), all on the sphere via geo-overlay.
import type { DynamicValue, Value } from '../../../kql/types/index.js';
import { KernelError } from '../kernel.js';
import { readPolygonArray, type Path } from './geo-geojson.js';
import { circleRing } from './geo-buffer.js';
import { overlay, ringCoords, type OverlayResult } from './geo-overlay.js';
import { prepare, type Poly } from './geo-polygon.js';
import { angle, cross, normalize, scale, add, toLonLat, type Vec } from './geo-sphere.js';

export function polygonsJson(polys: Vec[][][]): DynamicValue {
  const coords = polys.map((p) => p.map(ringCoords));
  return coords.length === 1 ? { type: 'Polygon', coordinates: coords[0]! } : { type: 'MultiPolygon', coordinates: coords };
}

const pt = (v: Vec) => { const p = toLonLat(v); return [p[0], p[1]]; };

/** Chains of touching segments joined end to start. */
function chain(segs: Vec[][]): Vec[][] {
  const out: Vec[][] = [];
  for (const [a, b] of segs) {
    const last = out[out.length - 1];
    if (last && angle(last[last.length - 1]!, a!) === 0) last.push(b!);
    else out.push([a!, b!]);
  }
  return out;
}

/** GeoJSON of an overlay: one geometry kind alone, several in a GeometryCollection (points, lines, polygons). */
export function overlayJson(r: OverlayResult): DynamicValue {
  const parts: DynamicValue[] = [];
  if (r.points.length) parts.push(r.points.length === 1 ? { type: 'Point', coordinates: pt(r.points[0]!) } : { type: 'MultiPoint', coordinates: r.points.map(pt) });
  const lines = chain(r.lines).map((l) => l.map(pt));
  if (lines.length) parts.push(lines.length === 1 ? { type: 'LineString', coordinates: lines[0]! } : { type: 'MultiLineString', coordinates: lines });
  if (r.polygons.length) parts.push(polygonsJson(r.polygons));
  return parts.length === 1 ? parts[0]! : { type: 'GeometryCollection', geometries: parts };
}

export function unionPolygonsArray(arr: Value): DynamicValue {
  const parts = readPolygonArray(arr);
  return parts ? overlayJson(overlay(parts.map(prepare), 'union')) : null;
}

/** Union of polygons given as one operand each (a MultiPolygon's parts may overlap). */
export const unionOf = (polys: Poly[]): Vec[][][] => overlay(polys.map((p) => [p]), 'union').polygons;

export function intersect2Polygons(a: Poly[], b: Poly[]): DynamicValue {
  return overlayJson(overlay([a, b], 'intersection'));
}

/** Most vertices the circles and edge bands of one buffer may have before the overlay (else KernelError). */
const MAX_BUFFER_VERTICES = 400_000;

/** Operands whose union is the band within `rho` of a path: vertex circles and a quad per edge piece. */
export function bandOperands(v: Vec[], closed: boolean, rho: number, tol: number, budget = { left: MAX_BUFFER_VERTICES }): Poly[][] {
  const ops: Poly[][] = [];
  const spend = (n: number) => {
    budget.left -= n;
    if (budget.left < 0) throw new KernelError('KQL3011', 'buffer would need too many vertices: use a larger tolerance or a smaller radius');
  };
  const ring = (r: Vec[]): Poly[] => prepare([[{ ll: [], v: r } as Path]]);
  for (const c of v) { const r = circleRing(c, rho, tol); spend(r.length); ops.push(ring(r)); }
  const n = v.length;
  for (let i = 0; i < (closed ? n : n - 1); i++) {
    const a = v[i]!, b = v[(i + 1) % n]!, len = angle(a, b);
    if (len === 0) continue;
    const nrm = normalize(cross(a, b));
    // pieces short enough that a geodesic between offset points stays outside the band
    let k = 1;
    const off = (m: number) => Math.atan(Math.tan(rho) / Math.cos(len / (2 * m)));
    while (off(k) - rho > tol && k < 1 << 16) k *= 2;
    spend(4 * k);
    const rv = off(k);
    const at = (t: number) => normalize(add(scale(a, Math.sin((1 - t) * len)), scale(b, Math.sin(t * len))));
    for (let j = 0; j < k; j++) {
      const p = at(j / k), q = at((j + 1) / k);
      const side = (x: Vec, s: number) => normalize(add(scale(x, Math.cos(rv)), scale(nrm, s * Math.sin(rv))));
      ops.push(ring([side(p, -1), side(q, -1), side(q, 1), side(p, 1)]));
    }
  }
  return ops;
}


/** The buffer of `radius` metres around paths (and, for polygons, the polygons themselves). */
export function bufferJson(paths: { v: Vec[]; closed: boolean }[], base: Poly[][], rho: number, tol: number): DynamicValue {
  const budget = { left: MAX_BUFFER_VERTICES };
  const ops = [...base, ...paths.flatMap((p) => bandOperands(p.v, p.closed, rho, tol, budget))];
  return polygonsJson(overlay(ops, 'union').polygons);
}

/** The band operands of several paths, flattened to polygons (for unionOf). */
export const bandPolys = (paths: Vec[][], rho: number, tol: number): Poly[] => {
  const budget = { left: MAX_BUFFER_VERTICES };
  return paths.flatMap((v) => bandOperands(v, false, rho, tol, budget)).flat();
};
