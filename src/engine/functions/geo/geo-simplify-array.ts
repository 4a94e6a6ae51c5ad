// geo_simplify_polygons_array: simplify many polygons so that borders they share stay shared. All rings form one
// edge graph; vertices where borders fork (degree ≠ 2) are anchors; every chain between anchors is simplified once
// (in a canonical direction) and rings are rebuilt from the simplified chains. Result: the polygons as a MultiPolygon.
import type { DynamicValue, Value } from '../../../kql/types/index.js';
import { readPolygonArray, type Path } from './geo-geojson.js';
import { simplifyChain } from './geo-simplify.js';
import { angle, type LonLat, type Vec } from './geo-sphere.js';

const keyOf = (p: LonLat) => `${p[0]},${p[1]}`;

export function simplifyPolygonsArray(arr: Value, tol: number): DynamicValue {
  const parts = readPolygonArray(arr);
  if (!parts) return null;
  const polys: Path[][] = parts.flat();
  // neighbours of every vertex over all rings
  const nbrs = new Map<string, Set<string>>();
  const link = (a: string, b: string) => { if (!nbrs.has(a)) nbrs.set(a, new Set()); nbrs.get(a)!.add(b); };
  for (const r of polys.flat()) r.ll.forEach((p, i) => { const q = r.ll[(i + 1) % r.ll.length]!; link(keyOf(p), keyOf(q)); link(keyOf(q), keyOf(p)); });
  const anchor = (k: string) => nbrs.get(k)!.size !== 2;

  const cache = new Map<string, LonLat[]>();
  /** Simplified chain (anchors at both ends kept), computed once per undirected chain. */
  const chain = (ll: LonLat[], v: Vec[]): LonLat[] => {
    const keys = ll.map(keyOf), fwd = keys.join(';'), rev = [...keys].reverse().join(';');
    const canonFwd = fwd <= rev, canon = canonFwd ? fwd : rev;
    let out = cache.get(canon);
    if (!out) {
      const [cll, cv] = canonFwd ? [ll, v] : [[...ll].reverse(), [...v].reverse()];
      const kept = simplifyChain(cv, tol).filter((i, n, all) => n === 0 || n === all.length - 1 || angle(cv[i]!, cv[all[n - 1]!]!) >= tol);
      out = kept.map((i) => cll[i]!);
      cache.set(canon, out);
    }
    return canonFwd ? out : [...out].reverse();
  };

  const result: number[][][][] = [];
  for (const poly of polys) {
    const rings: number[][][] = [];
    for (const [ri, r] of poly.entries()) {
      const n = r.ll.length;
      const starts = r.ll.map((p, i) => (anchor(keyOf(p)) ? i : -1)).filter((i) => i >= 0);
      const cuts = starts.length ? starts : [0];
      const ring: LonLat[] = [];
      cuts.forEach((s, c) => {
        const e = c + 1 < cuts.length ? cuts[c + 1]! : cuts[0]! + n;
        const idx = Array.from({ length: e - s + 1 }, (_, k) => (s + k) % n);
        ring.push(...chain(idx.map((i) => r.ll[i]!), idx.map((i) => r.v[i]!)).slice(0, -1));
      });
      if (new Set(ring.map(keyOf)).size < 3) {
        if (ri === 0) break;
        continue;
      }
      rings.push([...ring, ring[0]!].map((p) => [p[0], p[1]]));
    }
    if (rings.length) result.push(rings);
  }
  if (result.length === 0) return null;
  return result.length === 1 ? { type: 'Polygon', coordinates: result[0]! } : { type: 'MultiPolygon', coordinates: result };
}
