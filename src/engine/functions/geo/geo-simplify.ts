// geo_line_simplify / geo_polygon_simplify: replace nearly straight chains of short edges by single geodesic edges
// (every dropped vertex stays within `tolerance` of the new edge), then merge vertices closer than `tolerance`.
// Chains are extended greedily with a cone of allowed directions from the chain's start (linear time).
import { angle, cross, dot, normalize, type Vec } from './geo-sphere.js';

/** An orthonormal tangent basis at s. */
function basis(s: Vec): [Vec, Vec] {
  const ax = Math.abs(s[0]), ay = Math.abs(s[1]), az = Math.abs(s[2]);
  const e: Vec = ax <= ay && ax <= az ? [1, 0, 0] : ay <= az ? [0, 1, 0] : [0, 0, 1];
  const u = normalize(cross(s, e));
  return [u, cross(s, u)];
}

const wrapPi = (x: number) => x - 2 * Math.PI * Math.round(x / (2 * Math.PI));

/** Indices of the vertices kept by greedy chain simplification of an open path (first and last always kept). */
export function simplifyChain(v: Vec[], tol: number): number[] {
  const out = [0];
  let s = 0;
  while (s < v.length - 1) {
    const src = v[s]!, [u, w] = basis(src);
    const az = (p: Vec) => Math.atan2(dot(p, w), dot(p, u));
    let ref: number | null = null, lo = -Infinity, hi = Infinity, best = s + 1;
    for (let j = s + 1; j < v.length; j++) {
      const d = angle(src, v[j]!);
      const a = ref === null ? 0 : wrapPi(az(v[j]!) - ref);
      // the edge s→j must pass within tol of every vertex between them; edges stay under 90° so they are unambiguous
      if (j > s + 1 && (d > Math.PI / 2 || (d > tol && (a < lo || a > hi)))) break;
      best = j;
      if (d > tol) {
        if (ref === null) ref = az(v[j]!);
        const half = Math.asin(Math.min(1, Math.sin(tol) / Math.sin(Math.min(d, Math.PI - 1e-15))));
        const c = wrapPi(az(v[j]!) - ref);
        lo = Math.max(lo, c - half);
        hi = Math.min(hi, c + half);
        if (lo > hi) break;
      }
    }
    out.push(best);
    s = best;
  }
  return out;
}

/** Drops kept vertices closer than tol to the previously kept one (keeping the path's last vertex). */
function mergeClose(v: Vec[], idx: number[], tol: number): number[] {
  const out: number[] = [];
  for (const i of idx) {
    const prev = out[out.length - 1];
    if (prev === undefined || angle(v[prev]!, v[i]!) >= tol) out.push(i);
    else if (i === idx[idx.length - 1] && out.length > 1) out[out.length - 1] = i;
  }
  return out;
}

/** Kept vertex indices of a line, or null when it collapses to a point. */
export function simplifyLine(v: Vec[], tol: number): number[] | null {
  const kept = mergeClose(v, simplifyChain(v, tol), tol);
  return kept.length >= 2 ? kept : null;
}

/** Kept vertex indices of an open ring (vertex 0 always kept), or null when it collapses. */
export function simplifyRing(v: Vec[], tol: number): number[] | null {
  let kept = mergeClose([...v, v[0]!], simplifyChain([...v, v[0]!], tol), tol);
  kept = kept.slice(0, -1);
  return kept.length >= 3 ? kept : null;
}

/** Tolerance in metres → radians, or null outside [0, 7,800,000) m. */
export function simplifyTolerance(t: unknown, radius: number): number | null {
  if (t === undefined) return 10 / radius;
  const x = typeof t === 'bigint' ? Number(t) : t;
  return typeof x === 'number' && x >= 0 && x < 7_800_000 ? x / radius : null;
}
