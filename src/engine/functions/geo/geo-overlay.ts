// Boolean overlay (union / intersection) of spherical polygons. The shapes are mapped by a gnomonic projection,
// which turns geodesic edges into straight segments, so the overlay is a planar edge arrangement: split every edge
// where edges meet, keep the pieces on the result's boundary, and link them into rings (interior on the left).
// New vertices are computed on the sphere (S2-style edge intersection), so results do not depend on the projection.
import { KernelError } from '../kernel.js';
import { forEachPair, makeEdge, type Edge } from './geo-edges.js';
import type { Poly } from './geo-polygon.js';
import { BoxGrid, RingIndex, type P2 } from './geo-planar-index.js';
import { add, arcsCross, crossingPoint, cross, dot, normalize, toLonLat, type Vec } from './geo-sphere.js';

interface Vert { p: P2; v: Vec }
interface SubEdge { from: number; to: number; op: number }
/** An operand: one or more polygons, rings oriented with the interior on the left. */
interface Operand { index: RingIndex; id: number }

const EPS = 1e-12;

class Plane {
  readonly c: Vec; readonly e1: Vec; readonly e2: Vec;
  constructor(points: Vec[]) {
    const sum = points.reduce((s, p) => add(s, p), [0, 0, 0] as Vec);
    this.c = normalize(sum);
    // the gnomonic projection only works for shapes well inside the hemisphere around their centre
    if (points.some((p) => dot(p, this.c) < 0.02)) throw new KernelError('KQL3014', 'geospatial overlay of shapes spanning more than a hemisphere is not supported');
    const ax: Vec = Math.abs(this.c[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0];
    this.e1 = normalize(cross(ax, this.c));
    this.e2 = cross(this.c, this.e1);
  }
  project(v: Vec): P2 { const d = dot(v, this.c); return [dot(v, this.e1) / d, dot(v, this.e2) / d]; }
}

const cross2 = (a: P2, b: P2) => a[0] * b[1] - a[1] * b[0];
const minus = (a: P2, b: P2): P2 => [a[0] - b[0], a[1] - b[1]];

/** Vertices merged when closer than EPS (grid hashing with neighbour lookup). */
class VertexSet {
  readonly list: Vert[] = [];
  private readonly grid = new Map<string, number[]>();
  id(p: P2, v: Vec): number {
    const gx = Math.round(p[0] / (EPS * 16)), gy = Math.round(p[1] / (EPS * 16));
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      for (const i of this.grid.get(`${gx + dx},${gy + dy}`) ?? []) {
        const q = this.list[i]!.p;
        if (Math.abs(q[0] - p[0]) <= EPS && Math.abs(q[1] - p[1]) <= EPS) return i;
      }
    }
    const k = `${gx},${gy}`, cell = this.grid.get(k);
    if (cell) cell.push(this.list.length); else this.grid.set(k, [this.list.length]);
    this.list.push({ p, v });
    return this.list.length - 1;
  }
}

export interface OverlayResult { polygons: Vec[][][]; lines: Vec[][]; points: Vec[] }

/** Union of all operands (mode 'union'), or the intersection of exactly two (mode 'intersection'). */
export function overlay(operands: Poly[][], mode: 'union' | 'intersection'): OverlayResult {
  const plane = new Plane(operands.flatMap((o) => o.flatMap((p) => p.flatMap((r) => r.v))));
  const vs = new VertexSet();
  // 1. input edges, rings oriented: shells counter-clockwise around their smaller region, holes clockwise
  const edges: { a: number; b: number; op: number; e: Edge }[] = [];
  const ops: Operand[] = operands.map((o, opi) => {
    const rings = o.flatMap((poly) => poly.map((r, i) => {
      const seq = r.leftSmall === (i === 0) ? r.v : [...r.v].reverse();
      return seq.map((v) => vs.id(plane.project(v), v));
    }));
    for (const r of rings) r.forEach((a, i) => {
      const b = r[(i + 1) % r.length]!;
      if (a !== b) edges.push({ a, b, op: opi, e: makeEdge(vs.list[a]!.v, vs.list[b]!.v, opi, edges.length) });
    });
    return { index: new RingIndex(rings.map((r) => r.map((i) => vs.list[i]!.p))), id: opi };
  });
  const grid = new BoxGrid(ops.map((o) => ({ lo: o.index.lo, hi: o.index.hi, item: o })));
  // 2. split points along each edge (parameter t in [0, 1] → vertex)
  const splits: { t: number; id: number }[][] = edges.map((e) => [{ t: 0, id: e.a }, { t: 1, id: e.b }]);
  const param = (ei: number, id: number) => {
    const e = edges[ei]!, a = vs.list[e.a]!.p, b = vs.list[e.b]!.p, d = minus(b, a), q = minus(vs.list[id]!.p, a);
    return (d[0] * q[0] + d[1] * q[1]) / (d[0] * d[0] + d[1] * d[1]);
  };
  const onSeg = (id: number, ei: number) => {
    const e = edges[ei]!;
    if (id === e.a || id === e.b) return false;
    const a = vs.list[e.a]!.p, b = vs.list[e.b]!.p, p = vs.list[id]!.p, d = minus(b, a);
    const t = param(ei, id), len = Math.hypot(d[0], d[1]);
    return t > 0 && t < 1 && Math.abs(cross2(d, minus(p, a))) / len <= EPS;
  };
  forEachPair(edges.map((x) => x.e), edges.map((x) => x.e), (E, F) => {
    const i = E.idx, j = F.idx;
    if (i >= j) return;
    const e = edges[i]!, f = edges[j]!;
    for (const [id, ei] of [[f.a, i], [f.b, i], [e.a, j], [e.b, j]] as const) if (onSeg(id, ei)) splits[ei]!.push({ t: param(ei, id), id });
    if (e.a !== f.a && e.a !== f.b && e.b !== f.a && e.b !== f.b && arcsCross(E.a, E.b, F.a, F.b)) {
      const pa = vs.list[e.a]!.p, pb = vs.list[e.b]!.p, qa = vs.list[f.a]!.p, qb = vs.list[f.b]!.p;
      const den = cross2(minus(pb, pa), minus(qb, qa));
      if (den === 0) return;
      const t = cross2(minus(qa, pa), minus(qb, qa)) / den;
      const p: P2 = [pa[0] + t * (pb[0] - pa[0]), pa[1] + t * (pb[1] - pa[1])];
      const id = vs.id(p, crossingPoint(E.a, E.b, F.a, F.b));
      splits[i]!.push({ t, id });
      splits[j]!.push({ t: param(j, id), id });
    }
  });
  // 3. pieces between consecutive split points
  const subs: SubEdge[] = [];
  splits.forEach((s, ei) => {
    s.sort((x, y) => x.t - y.t);
    for (let k = 1; k < s.length; k++) if (s[k]!.id !== s[k - 1]!.id) subs.push({ from: s[k - 1]!.id, to: s[k]!.id, op: edges[ei]!.op });
  });
  // 4. keep the pieces on the result's boundary; pieces shared by several operands are decided together
  const groups = new Map<string, SubEdge[]>();
  for (const s of subs) {
    const k = s.from < s.to ? `${s.from},${s.to}` : `${s.to},${s.from}`;
    const g = groups.get(k);
    if (g) g.push(s); else groups.set(k, [s]);
  }
  const kept: SubEdge[] = [], touching: SubEdge[] = [];
  for (const g of groups.values()) {
    const s = g[0]!, a = vs.list[s.from]!.p, b = vs.list[s.to]!.p, mid: P2 = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const fwd = new Set(g.filter((x) => x.from === s.from).map((x) => x.op)), back = new Set(g.filter((x) => x.from !== s.from).map((x) => x.op));
    const inOthers = (skip: Set<number>) => grid.query(mid).filter((op) => !skip.has(op.id) && op.index.contains(mid)).length;
    const all = new Set([...fwd, ...back]);
    if (mode === 'union') {
      // interior on both sides (shared border) or covered by another operand: not on the boundary
      if (fwd.size && back.size) continue;
      if (inOthers(all) === 0) kept.push(fwd.size ? s : g.find((x) => x.from !== s.from)!);
    } else if (fwd.size && back.size) {
      if (all.size > 1) touching.push(s);
    } else if (all.size > 1 || inOthers(all) > 0) kept.push(s);
  }
  const rings = linkRings(kept, vs.list);
  return { ...assemble(rings, vs.list), ...(mode === 'intersection' ? lowerDims(subs, touching, rings, vs.list) : { lines: [], points: [] }) };
}

/** Links directed pieces into rings, taking the sharpest left turn at vertices where several continue. */
function linkRings(kept: SubEdge[], verts: Vert[]): number[][] {
  const out = new Map<number, SubEdge[]>();
  for (const s of kept) { const o = out.get(s.from); if (o) o.push(s); else out.set(s.from, [s]); }
  const used = new Set<SubEdge>(), rings: number[][] = [];
  const dir = (s: SubEdge) => { const d = minus(verts[s.to]!.p, verts[s.from]!.p); return Math.atan2(d[1], d[0]); };
  for (const start of kept) {
    if (used.has(start)) continue;
    const ring: number[] = [];
    let cur: SubEdge | undefined = start;
    while (cur && !used.has(cur)) {
      used.add(cur);
      ring.push(cur.from);
      const back = dir(cur) + Math.PI;
      const cw = (s: SubEdge) => { let a = back - dir(s); a -= 2 * Math.PI * Math.floor(a / (2 * Math.PI)); return a === 0 ? 2 * Math.PI : a; };
      cur = (out.get(cur.to) ?? []).filter((s) => !used.has(s)).sort((x, y) => cw(x) - cw(y))[0];
    }
    if (ring.length >= 3) rings.push(ring);
  }
  return rings;
}

const signedArea = (r: number[], verts: Vert[]) => r.reduce((s, id, i) => s + cross2(verts[id]!.p, verts[r[(i + 1) % r.length]!]!.p), 0) / 2;

/** Shells (counter-clockwise) with the holes (clockwise) that lie in them, smallest enclosing shell first. */
function assemble(rings: number[][], verts: Vert[]): { polygons: Vec[][][] } {
  const shells = rings.filter((r) => signedArea(r, verts) > 0).sort((a, b) => signedArea(a, verts) - signedArea(b, verts));
  const polys: number[][][] = shells.map((s) => [s]);
  const idx = shells.map((s, i) => { const index = new RingIndex([s.map((id) => verts[id]!.p)]); return { lo: index.lo, hi: index.hi, item: { index, i } }; });
  const grid = idx.length ? new BoxGrid(idx) : null;
  for (const h of rings.filter((r) => signedArea(r, verts) < 0)) {
    const q = verts[h[0]!]!.p, nxt = verts[h[1]!]!.p, probe: P2 = [(q[0] + nxt[0]) / 2, (q[1] + nxt[1]) / 2];
    // shells are sorted smallest first, so the first one containing the hole is the one it belongs to
    const found = grid?.query(probe).filter((s) => s.index.contains(probe)).sort((a, b) => a.i - b.i)[0];
    if (found) polys[found.i]!.push(h);
  }
  // output in the order the shells were traced (which follows the input), not by size
  polys.sort((a, b) => rings.indexOf(a[0]!) - rings.indexOf(b[0]!));
  return { polygons: polys.map((p) => p.map((r) => r.map((id) => verts[id]!.v))) };
}

/** For intersections: borders the operands share (as lines) and single touching vertices (as points). */
function lowerDims(subs: SubEdge[], touching: SubEdge[], rings: number[][], verts: Vert[]) {
  const onRing = new Set(rings.flat()), onLine = new Set(touching.flatMap((s) => [s.from, s.to]));
  const ops = new Map<number, Set<number>>();
  for (const s of subs) for (const id of [s.from, s.to]) ops.set(id, (ops.get(id) ?? new Set()).add(s.op));
  const points = [...ops.entries()].filter(([id, o]) => o.size > 1 && !onRing.has(id) && !onLine.has(id)).map(([id]) => verts[id]!.v);
  return { lines: touching.map((s) => [verts[s.from]!.v, verts[s.to]!.v]), points };
}

/** GeoJSON coordinates of a ring (closed), vertices after the lon/lat → vector → lon/lat round trip. */
export const ringCoords = (r: Vec[]): number[][] => [...r, r[0]!].map((v) => { const p = toLonLat(v); return [p[0], p[1]]; });
