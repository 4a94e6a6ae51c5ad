// Boolean intersection tests between lines and polygons on the sphere (geodesic edges). Touching counts as
// intersecting; a shape lying wholly inside a polygon intersects it.
import type { Path } from './geo-geojson.js';
import { forEachPair, pathEdges, type Edge } from './geo-edges.js';
import { anyContains, polyContains, type Poly } from './geo-polygon.js';
import { arcsIntersect } from './geo-sphere.js';

const lineEdges = (lines: Path[]): Edge[] => lines.flatMap((l, i) => pathEdges(l.v, false, i));
const polyEdges = (poly: Poly): Edge[] => poly.flatMap((r, i) => pathEdges(r.v, true, i));

const edgesMeet = (A: Edge[], B: Edge[]) => forEachPair(A, B, (e, f) => arcsIntersect(e.a, e.b, f.a, f.b));

export function linesIntersect(l1: Path[], l2: Path[]): boolean {
  return edgesMeet(lineEdges(l1), lineEdges(l2));
}

export function lineIntersectsPolygons(lines: Path[], polys: Poly[]): boolean {
  // without a boundary contact, each line lies wholly inside or outside: its first vertex decides
  if (lines.some((l) => anyContains(polys, l.v[0]!))) return true;
  return edgesMeet(lineEdges(lines), polys.flatMap(polyEdges));
}

export function polygonsIntersect(p1: Poly[], p2: Poly[]): boolean {
  for (const a of p1) for (const b of p2) {
    if (polyContains(b, a[0]!.v[0]!) || polyContains(a, b[0]!.v[0]!)) return true;
  }
  return edgesMeet(p1.flatMap(polyEdges), p2.flatMap(polyEdges));
}

/** Whether any two parts of a MultiPolygon touch or overlap: one edge sweep, then containment for boxes that meet. */
export function partsOverlap(parts: Poly[]): boolean {
  const edges = parts.map(polyEdges).map((es, i) => es.map((e) => ({ ...e, tag: i })));
  const all = edges.flat();
  if (forEachPair(all, all, (e, f) => e.tag < f.tag && arcsIntersect(e.a, e.b, f.a, f.b))) return true;
  const box = edges.map((es) => es.reduce((b, e) => [b[0].map((x, k) => Math.min(x, e.lo[k]!)), b[1].map((x, k) => Math.max(x, e.hi[k]!))], [[Infinity, Infinity, Infinity], [-Infinity, -Infinity, -Infinity]]));
  const meet = (i: number, j: number) => box[i]![0].every((x, k) => x <= box[j]![1][k]! && box[j]![0][k]! <= box[i]![1][k]!);
  for (let i = 0; i < parts.length; i++) for (let j = 0; j < parts.length; j++) {
    if (i !== j && meet(i, j) && polyContains(parts[j]!, parts[i]![0]!.v[0]!)) return true;
  }
  return false;
}
