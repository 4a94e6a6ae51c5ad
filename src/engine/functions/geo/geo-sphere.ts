// Unit-sphere vector math for the geo-shapes kernels: points as unit vectors, great-circle arcs (geodesic edges,
// as the S2 library treats them), interpolation, projection onto an arc, and arc crossing tests.
export type LonLat = [number, number];
export type Vec = [number, number, number];

/** Kusto's sphere radius in metres (reproduces the docs' distances). */
export const EARTH_R = 6371010;
const D2R = Math.PI / 180, R2D = 180 / Math.PI;

// conversions follow the S2 library's operation order so results agree with Kusto's to the last bit where possible
export function toVec([lon, lat]: LonLat): Vec {
  const phi = lat * D2R, theta = lon * D2R, c = Math.cos(phi);
  return [Math.cos(theta) * c, Math.sin(theta) * c, Math.sin(phi)];
}

/** [lon, lat] in degrees of a (not necessarily unit) vector. */
export function toLonLat(v: Vec): LonLat {
  return [Math.atan2(v[1], v[0]) * R2D, Math.atan2(v[2], Math.sqrt(v[0] * v[0] + v[1] * v[1])) * R2D];
}

export const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
export const add = (a: Vec, b: Vec): Vec => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const scale = (a: Vec, s: number): Vec => [a[0] * s, a[1] * s, a[2] * s];
export const norm = (a: Vec): number => Math.hypot(a[0], a[1], a[2]);

export function normalize(a: Vec): Vec {
  const n = norm(a);
  return n > 0 ? scale(a, 1 / n) : [0, 0, 0];
}

/** Angle between two unit vectors in radians (stable for tiny and near-antipodal angles). */
export const angle = (a: Vec, b: Vec): number => Math.atan2(norm(cross(a, b)), dot(a, b));

/** A unit vector perpendicular to both a and b, stable when a and b are nearly equal (uses (b+a)×(b−a) = 2 a×b). */
export function robustNormal(a: Vec, b: Vec): Vec {
  return normalize(cross(add(b, a), sub(b, a)));
}

/** The point `dist` radians from a along the great circle towards b (S2 InterpolateAtDistance). */
export function pointOnArc(a: Vec, b: Vec, dist: number): Vec {
  const tangent = cross(cross(add(b, a), sub(b, a)), a);
  return normalize(add(scale(a, Math.cos(dist)), scale(tangent, Math.sin(dist) / norm(tangent))));
}

/** The point of arc a–b closest to x, and whether it is an endpoint (0 = a, 1 = b) or interior (-1) (S2 Project). */
export function projectOnArc(x: Vec, a: Vec, b: Vec): { p: Vec; end: number } {
  const n = cross(add(b, a), sub(b, a)), nn = dot(n, n);
  if (nn > 0) {
    const q = sub(x, scale(n, dot(x, n) / nn));
    // the foot of the perpendicular lies on the arc when it is between a and b
    if (dot(cross(q, n), a) > 0 && dot(cross(n, q), b) > 0) return { p: scale(q, 1 / norm(q)), end: -1 };
  }
  return dot(sub(x, a), sub(x, a)) <= dot(sub(x, b), sub(x, b)) ? { p: a, end: 0 } : { p: b, end: 1 };
}

/** Signed turn orientation of c relative to the directed great circle a→b: > 0 left, < 0 right. */
export const side = (a: Vec, b: Vec, c: Vec): number => dot(cross(a, b), c);

/** True when arcs a–b and c–d cross at a point interior to both (S2's "simple crossing"). */
export function arcsCross(a: Vec, b: Vec, c: Vec, d: Vec): boolean {
  const ab = cross(a, b);
  const acb = -dot(ab, c), bda = dot(ab, d);
  if (acb * bda <= 0) return false;
  const cd = cross(c, d);
  const cbd = -dot(cd, b), dac = dot(cd, a);
  return acb * cbd > 0 && acb * dac > 0;
}

/** Tolerance (radians, about 6 µm on Earth) within which a point counts as lying on an arc. */
export const ON_ARC_EPS = 1e-12;

/** True when x lies on arc a–b (within ON_ARC_EPS). */
export function onArc(x: Vec, a: Vec, b: Vec): boolean {
  return angle(x, projectOnArc(x, a, b).p) <= ON_ARC_EPS;
}

/** True when the two arcs share at least one point (crossing or touching). */
export function arcsIntersect(a: Vec, b: Vec, c: Vec, d: Vec): boolean {
  return arcsCross(a, b, c, d) || onArc(a, c, d) || onArc(b, c, d) || onArc(c, a, b) || onArc(d, a, b);
}

const EPS = Number.EPSILON, ROUND = EPS / 2, MAX_INTERSECTION_ERR = 8 * EPS;

/** Signed distance of x from the plane of a0–a1 (scaled by |aNorm|) measured from the nearer endpoint, with its error bound. */
function projection(x: Vec, aNorm: Vec, aNormLen: number, a0: Vec, a1: Vec): [number, number] {
  const x0 = sub(x, a0), x1 = sub(x, a1), d0 = dot(x0, x0), d1 = dot(x1, x1);
  const lt = (p: Vec, q: Vec) => p[0] < q[0] || (p[0] === q[0] && (p[1] < q[1] || (p[1] === q[1] && p[2] < q[2])));
  const use0 = d0 < d1 || (d0 === d1 && lt(x0, x1));
  const dist = Math.sqrt(use0 ? d0 : d1), r = dot(use0 ? x0 : x1, aNorm);
  return [r, (((3.5 + 2 * Math.sqrt(3)) * aNormLen + 32 * Math.sqrt(3) * EPS) * dist + 1.5 * Math.abs(r)) * ROUND];
}

/** S2's stable edge intersection (longer edge first), or null when its error bound is too large. */
function stableIntersection(a0: Vec, a1: Vec, b0: Vec, b1: Vec): Vec | null {
  const la = dot(sub(a1, a0), sub(a1, a0)), lb = dot(sub(b1, b0), sub(b1, b0));
  if (la < lb) [a0, a1, b0, b1] = [b0, b1, a0, a1];
  const aNorm = cross(sub(a0, a1), add(a0, a1)), aNormLen = norm(aNorm), bLen = norm(sub(b1, b0));
  const [d0, e0] = projection(b0, aNorm, aNormLen, a0, a1), [d1, e1] = projection(b1, aNorm, aNormLen, a0, a1);
  const distSum = Math.abs(d0 - d1), errSum = e0 + e1;
  if (distSum <= errSum) return null;
  const x = sub(scale(b0, d1), scale(b1, d0));
  const err = (bLen * Math.abs(d0 * e1 - d1 * e0)) / (distSum - errSum) + 2 * distSum * EPS;
  const xl2 = dot(x, x);
  if (xl2 < Number.MIN_VALUE) return null;
  const xl = Math.sqrt(xl2);
  if (err > (MAX_INTERSECTION_ERR - ROUND) * xl) return null;
  return scale(x, 1 / xl);
}

/** The crossing point of two arcs known to cross (S2 GetIntersection; the sign chosen to lie on the arcs). */
export function crossingPoint(a: Vec, b: Vec, c: Vec, d: Vec): Vec {
  const x = stableIntersection(a, b, c, d) ?? normalize(cross(robustNormal(a, b), robustNormal(c, d)));
  return dot(x, add(add(a, b), add(c, d))) >= 0 ? x : scale(x, -1);
}
