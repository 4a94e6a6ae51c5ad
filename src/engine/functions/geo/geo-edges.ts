// Candidate edge pairs for the two-shape geo kernels: each geodesic edge gets a conservative 3-D box (its chord's
// box grown by the arc's bulge), and a sweep along x visits only pairs whose boxes overlap. A work budget turns
// adversarial inputs into a KernelError instead of a hang.
import { checkKernelDeadline, KernelError } from '../kernel.js';
import { angle, type Vec } from './geo-sphere.js';

export interface Edge { a: Vec; b: Vec; lo: Vec; hi: Vec; tag: number; idx: number }

const MAX_PAIR_CHECKS = 50_000_000;

export function makeEdge(a: Vec, b: Vec, tag = 0, idx = 0): Edge {
  // an arc of angle θ bulges at most 1 − cos(θ/2) beyond its chord; 1e-12 covers rounding
  const g = 1 - Math.cos(angle(a, b) / 2) + 1e-12;
  const lo: Vec = [Math.min(a[0], b[0]) - g, Math.min(a[1], b[1]) - g, Math.min(a[2], b[2]) - g];
  const hi: Vec = [Math.max(a[0], b[0]) + g, Math.max(a[1], b[1]) + g, Math.max(a[2], b[2]) + g];
  return { a, b, lo, hi, tag, idx };
}

/** Edges of open paths (consecutive vertices) or closed rings (also last → first). */
export function pathEdges(v: Vec[], closed: boolean, tag = 0): Edge[] {
  const out: Edge[] = [];
  for (let i = 1; i < v.length; i++) out.push(makeEdge(v[i - 1]!, v[i]!, tag, i - 1));
  if (closed && v.length > 2) out.push(makeEdge(v[v.length - 1]!, v[0]!, tag, v.length - 1));
  return out;
}

const overlaps = (p: Edge, q: Edge) =>
  p.lo[1] <= q.hi[1] && q.lo[1] <= p.hi[1] && p.lo[2] <= q.hi[2] && q.lo[2] <= p.hi[2];

/** Calls visit(e1, e2) for every pair (e1 from A, e2 from B) whose boxes overlap; stops when visit returns true. */
export function forEachPair(A: Edge[], B: Edge[], visit: (e1: Edge, e2: Edge) => boolean | void): boolean {
  const events = [...A.map((e) => ({ e, fromA: true })), ...B.map((e) => ({ e, fromA: false }))].sort((p, q) => p.e.lo[0] - q.e.lo[0]);
  let activeA: Edge[] = [], activeB: Edge[] = [];
  let checks = 0, steps = 0;
  for (const { e, fromA } of events) {
    const x = e.lo[0];
    // drop edges that end before this one starts along x
    if (fromA) activeB = activeB.filter((f) => f.hi[0] >= x); else activeA = activeA.filter((f) => f.hi[0] >= x);
    const active = fromA ? activeB : activeA;
    checks += active.length;
    if (checks > MAX_PAIR_CHECKS) throw new KernelError('KQL3011', 'geospatial shapes are too complex to intersect');
    if (++steps % 4096 === 0) checkKernelDeadline();
    for (const f of active) {
      if (!overlaps(e, f)) continue;
      if (fromA ? visit(e, f) : visit(f, e)) return true;
    }
    (fromA ? activeA : activeB).push(e);
  }
  return false;
}
