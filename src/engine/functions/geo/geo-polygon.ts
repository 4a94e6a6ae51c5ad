// Spherical polygons for the geo-shapes kernels: each ring bounds the smaller of the two regions it splits the
// sphere into (the docs' rule), point containment by winding angle, boundary distance, and area-weighted centroids.
import type { Path } from './geo-geojson.js';
import { add, angle, cross, dot, normalize, projectOnArc, sub, type Vec } from './geo-sphere.js';

export interface Ring extends Path { leftSmall: boolean }
export type Poly = Ring[];

/** Sum of the signed turning angles at the vertices (left turns positive). */
function turning(v: Vec[]): number {
  let t = 0;
  for (let i = 0; i < v.length; i++) {
    const a = v[(i + v.length - 1) % v.length]!, b = v[i]!, c = v[(i + 1) % v.length]!;
    const n1 = cross(a, b), n2 = cross(b, c);
    t += Math.atan2(dot(b, cross(n1, n2)), dot(n1, n2));
  }
  return t;
}

export function prepare(polys: Path[][]): Poly[] {
  // Gauss–Bonnet: the left region has area 2π − turning, so it is the smaller one when turning > 0
  return polys.map((rings) => rings.map((r) => ({ ...r, leftSmall: turning(r.v) > 0 })));
}

/** Area in steradians of the smaller region of each ring: shells minus holes. */
export function polysArea(polys: Poly[]): number {
  return polys.reduce((s, p) => s + p.reduce((t, r, i) => t + (i === 0 ? 1 : -1) * (2 * Math.PI - Math.abs(turning(r.v))), 0), 0);
}

/** Signed angle swept around p by the ring (±2π when the ring separates p from its antipode, else 0). */
function winding(p: Vec, v: Vec[]): number {
  let w = 0;
  for (let i = 0; i < v.length; i++) {
    const a = v[i]!, b = v[(i + 1) % v.length]!;
    w += Math.atan2(dot(p, cross(a, b)), dot(a, b) - dot(a, p) * dot(b, p));
  }
  return w;
}

export function ringContains(r: Ring, p: Vec): boolean {
  const w = winding(p, r.v);
  // |w| ≈ 0: p and −p lie on the same side, which can only be the larger region
  if (Math.abs(w) < Math.PI) return false;
  return w > 0 === r.leftSmall;
}

export function polyContains(poly: Poly, p: Vec): boolean {
  return ringContains(poly[0]!, p) && !poly.slice(1).some((h) => ringContains(h, p));
}

export const anyContains = (polys: Poly[], p: Vec) => polys.some((poly) => polyContains(poly, p));

/** Edges of a ring as [from, to] vertex index pairs (the ring is open; the last edge closes it). */
export function* ringEdges(r: Path): Generator<[Vec, Vec]> {
  for (let i = 0; i < r.v.length; i++) yield [r.v[i]!, r.v[(i + 1) % r.v.length]!];
}

/** Closest boundary point of the polygons to p. */
export function closestOnBoundary(polys: Poly[], p: Vec): Vec {
  let best: Vec = p, bestD = Infinity;
  for (const poly of polys) for (const r of poly) for (const [a, b] of ringEdges(r)) {
    const q = projectOnArc(p, a, b).p, d = angle(p, q);
    if (d < bestD) { bestD = d; best = q; }
  }
  return best;
}

/** ∫ x dA over a spherical triangle, scaled by ½ (S2 TrueCentroid, with its operation order so results match Kusto's). */
function triangleMoment(a: Vec, b: Vec, c: Vec): Vec {
  const ta = angle(b, c), tb = angle(c, a), tc = angle(a, b);
  const ra = ta === 0 ? 1 : ta / Math.sin(ta), rb = tb === 0 ? 1 : tb / Math.sin(tb), rc = tc === 0 ? 1 : tc / Math.sin(tc);
  const x: Vec = [a[0], b[0] - a[0], c[0] - a[0]], y: Vec = [a[1], b[1] - a[1], c[1] - a[1]], z: Vec = [a[2], b[2] - a[2], c[2] - a[2]];
  const r: Vec = [ra, rb - ra, rc - ra];
  return [0.5 * dot(cross(y, z), r), 0.5 * dot(cross(z, x), r), 0.5 * dot(cross(x, y), r)];
}

const MAX_STABLE = Math.PI - 1e-5;

/** ∫ x dA over the region left of a closed vertex loop: a triangle fan from vertex 0, moving the fan's origin
 *  whenever an edge from it would approach 180° (S2 Loop GetSurfaceIntegral). */
function loopMoment(v: Vec[]): Vec {
  let sum: Vec = [0, 0, 0], origin = v[0]!;
  const acc = (t: Vec) => { sum = add(sum, t); };
  for (let i = 1; i + 1 < v.length; i++) {
    if (angle(v[i + 1]!, origin) > MAX_STABLE) {
      const old = origin;
      if (origin === v[0]) origin = normalize(cross(add(v[i]!, v[0]!), sub(v[i]!, v[0]!)));
      else if (angle(v[i]!, v[0]!) < MAX_STABLE) origin = v[0]!;
      else { origin = cross(v[0]!, old); acc(triangleMoment(v[0]!, old, origin)); }
      acc(triangleMoment(old, v[i]!, origin));
    }
    acc(triangleMoment(origin, v[i]!, v[i + 1]!));
  }
  if (origin !== v[0]) acc(triangleMoment(origin, v[v.length - 1]!, v[0]!));
  return sum;
}

/** ∫ x dA over a polygon: shells counter-clockwise around their (smaller) region, holes clockwise, all summed. */
export function polyMoment(poly: Poly): Vec {
  let m: Vec = [0, 0, 0];
  poly.forEach((r, i) => {
    const wantLeft = i === 0;
    m = add(m, loopMoment(r.leftSmall === wantLeft ? r.v : [...r.v].reverse()));
  });
  return m;
}
