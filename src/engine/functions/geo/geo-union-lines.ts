// geo_union_lines_array: the union of (multi)lines as a graph of distinct geodesic edges (shared vertices merged,
// repeated edges kept once, in either direction), re-assembled into maximal chains that stop where lines branch.
// Vertices are output after the lon/lat → unit vector → lon/lat round trip, as Kusto's S2-based union does.
import type { Value } from '../../../kql/types/index.js';
import { MAX_VERTICES, readLines } from './geo-geojson.js';
import { toLonLat, type LonLat } from './geo-sphere.js';

export function unionLines(arr: Value): Value {
  if (!Array.isArray(arr) || arr.length === 0) return null;
  const ids = new Map<string, number>(), verts: LonLat[] = [];
  const adj: number[][] = [], edges = new Set<string>(), order: [number, number][] = [];
  let total = 0;
  for (const g of arr) {
    const lines = readLines(g, true);
    if (!lines) return null;
    for (const l of lines) {
      total += l.v.length;
      if (total > MAX_VERTICES) return null;
      let prev = -1;
      for (const v of l.v) {
        const ll = toLonLat(v), key = `${ll[0]},${ll[1]}`;
        let id = ids.get(key);
        if (id === undefined) { id = verts.length; ids.set(key, id); verts.push(ll); adj.push([]); }
        const ek = prev < id ? `${prev},${id}` : `${id},${prev}`;
        if (prev >= 0 && prev !== id && !edges.has(ek)) {
          edges.add(ek);
          adj[prev]!.push(id);
          adj[id]!.push(prev);
          order.push([prev, id]);
        }
        prev = id;
      }
    }
  }
  const used = new Set<string>();
  const key = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);
  const walk = (a: number, b: number): number[] => {
    const chain = [a, b];
    used.add(key(a, b));
    for (let cur = b; adj[cur]!.length === 2;) {
      const next = adj[cur]!.find((n) => !used.has(key(cur, n)));
      if (next === undefined) break;
      used.add(key(cur, next));
      chain.push(next);
      cur = next;
    }
    return chain;
  };
  const chains: number[][] = [];
  // chains start at ends and branch points first, then what is left are closed cycles
  for (const pass of [true, false]) {
    for (const [a, b] of order) {
      if (used.has(key(a, b))) continue;
      if (pass && adj[a]!.length === 2 && adj[b]!.length !== 2) chains.push(walk(b, a));
      else if (!pass || adj[a]!.length !== 2) chains.push(walk(a, b));
    }
  }
  if (chains.length === 0) return null;
  const coords = chains.map((c) => c.map((i) => [verts[i]![0], verts[i]![1]]));
  return coords.length === 1 ? { type: 'LineString', coordinates: coords[0]! } : { type: 'MultiLineString', coordinates: coords };
}
