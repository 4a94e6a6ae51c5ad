// geo_line_densify / geo_polygon_densify: turn planar (lon/lat straight-line) edges into chains of geodesic edges.
// Each planar edge is bisected at its lon/lat midpoint while that midpoint lies farther than `tolerance` metres
// from the geodesic between the sub-edge's ends (adaptive, hence the docs' "non-uniform" points).
import { KernelError } from '../kernel.js';
import { angle, EARTH_R, projectOnArc, toVec, type LonLat } from './geo-sphere.js';

/** The docs' cap on the points of a densified shape. */
export const MAX_DENSIFIED_POINTS = 10_485_760;

/** Tolerance in metres, or null when outside the supported [0.1, 10000]. */
export function densifyTolerance(t: unknown): number | null {
  if (t === undefined) return 10;
  const x = typeof t === 'bigint' ? Number(t) : t;
  return typeof x === 'number' && x >= 0.1 && x <= 10000 ? x : null;
}

const deviation = (a: LonLat, b: LonLat, m: LonLat) => {
  const M = toVec(m);
  return angle(M, projectOnArc(M, toVec(a), toVec(b)).p) * EARTH_R;
};

/** Counts emitted points across a whole shape so a single call cannot exceed the cap. */
export class PointBudget {
  used = 0;
  take(n: number): void {
    this.used += n;
    if (this.used > MAX_DENSIFIED_POINTS) throw new KernelError('KQL3011', `densified shape would exceed ${MAX_DENSIFIED_POINTS} points`);
  }
}

/** Densified copy of a path (given as GeoJSON positions). With `crossing`, an edge spanning more than 180° of
 *  longitude is taken across the antimeridian instead of the long way round. */
export function densifyPath(path: LonLat[], tol: number, crossing: boolean, budget: PointBudget): number[][] {
  const out: number[][] = [[path[0]![0], path[0]![1]]];
  budget.take(1);
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!;
    const b: LonLat = [...path[i]!];
    if (crossing && Math.abs(b[0] - a[0]) > 180) b[0] += b[0] < a[0] ? 360 : -360;
    // depth-first bisection, emitting points in order along the edge
    const stack: [LonLat, LonLat][] = [[a, b]];
    while (stack.length) {
      const [p, q] = stack.pop()!;
      const m: LonLat = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
      const wrap = (x: LonLat): LonLat => [x[0] > 180 ? x[0] - 360 : x[0] < -180 ? x[0] + 360 : x[0], x[1]];
      if (angle(toVec(wrap(p)), toVec(wrap(q))) > 1e-12 && deviation(wrap(p), wrap(q), wrap(m)) > tol) {
        stack.push([m, q], [p, m]);
        continue;
      }
      const w = q === b ? path[i]! : wrap(q);
      out.push([w[0], w[1]]);
      budget.take(1);
    }
  }
  return out;
}
