// Measures along geodesic lines (S2 polyline semantics): point at a length fraction, fraction of the closest point,
// closest point, and the length-weighted centroid. Lines come from geo-geojson's readLines.
import type { Path } from './geo-geojson.js';
import { add, angle, dot, norm, pointOnArc, projectOnArc, scale, sub, toLonLat, type LonLat, type Vec } from './geo-sphere.js';

const edgeLengths = (v: Vec[]) => v.slice(1).map((p, i) => angle(v[i]!, p));

/** The point at `fraction` (0..1) of the line's length. */
export function interpolate(line: Path, fraction: number): LonLat {
  if (fraction <= 0) return line.ll[0]!;
  const lens = edgeLengths(line.v);
  let target = fraction * lens.reduce((s, x) => s + x, 0);
  for (let i = 0; i < lens.length; i++) {
    if (target < lens[i]!) return toLonLat(pointOnArc(line.v[i]!, line.v[i + 1]!, target));
    target -= lens[i]!;
  }
  return line.ll[line.ll.length - 1]!;
}

interface Closest { line: number; edge: number; p: Vec; ll: LonLat | null; dist: number }

/** The closest point to x over all edges (first one on ties); `ll` is set when it is an input vertex. */
export function closest(lines: Path[], x: Vec): Closest {
  let best: Closest = { line: 0, edge: 0, p: lines[0]!.v[0]!, ll: lines[0]!.ll[0]!, dist: Infinity };
  lines.forEach((l, li) => {
    for (let i = 1; i < l.v.length; i++) {
      const { p, end } = projectOnArc(x, l.v[i - 1]!, l.v[i]!);
      const d = angle(x, p);
      if (d < best.dist) best = { line: li, edge: i - 1, p, ll: end < 0 ? null : l.ll[i - 1 + end]!, dist: d };
    }
  });
  return best;
}

/** Fraction of the line's length from its start to the point closest to x (S2 Polyline UnInterpolate). */
export function locate(line: Path, x: Vec): number {
  const c = closest([line], x);
  const lens = edgeLengths(line.v);
  const total = lens.reduce((s, l) => s + l, 0);
  if (total === 0) return 0;
  const upTo = lens.slice(0, c.edge).reduce((s, l) => s + l, 0) + angle(line.v[c.edge]!, c.p);
  return Math.min(1, upTo / total);
}

/** ∫ x ds over the lines: each edge contributes (a+b)·tan(θ/2), a vector of length 2·sin(θ/2) (S2 TrueCentroid). */
export function lineCentroid(lines: Path[]): LonLat {
  let m: Vec = [0, 0, 0];
  for (const l of lines) for (let i = 1; i < l.v.length; i++) {
    const a = l.v[i - 1]!, b = l.v[i]!, s = add(a, b), d = sub(a, b), cos2 = dot(s, s);
    if (cos2 > 0) m = add(m, scale(s, Math.sqrt(dot(d, d) / cos2)));
  }
  return norm(m) > 0 ? toLonLat(m) : lines[0]!.ll[0]!;
}
