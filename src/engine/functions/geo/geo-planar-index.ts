// Planar indexes for the overlay: even-odd point-in-rings tests that only visit edges in the query's horizontal
// strip, and a uniform grid of bounding boxes to find the shapes that may contain a point.
export type P2 = [number, number];

/** [lo, hi] corners of the bounding box of points (a loop: spreading huge arrays into Math.min would overflow). */
export function bounds(pts: Iterable<P2>): [P2, P2] {
  const lo: P2 = [Infinity, Infinity], hi: P2 = [-Infinity, -Infinity];
  for (const p of pts) {
    if (p[0] < lo[0]) lo[0] = p[0];
    if (p[1] < lo[1]) lo[1] = p[1];
    if (p[0] > hi[0]) hi[0] = p[0];
    if (p[1] > hi[1]) hi[1] = p[1];
  }
  return [lo, hi];
}

export class RingIndex {
  private readonly y0: number;
  private readonly h: number;
  private readonly strips: [P2, P2][][];
  readonly lo: P2;
  readonly hi: P2;

  constructor(rings: P2[][]) {
    [this.lo, this.hi] = bounds(rings.flat());
    const n = Math.max(1, Math.min(4096, Math.ceil(rings.reduce((s, r) => s + r.length, 0) / 4)));
    this.y0 = this.lo[1];
    this.h = (this.hi[1] - this.lo[1]) / n || 1;
    this.strips = Array.from({ length: n }, () => []);
    for (const r of rings) for (let i = 0; i < r.length; i++) {
      const a = r[i]!, b = r[(i + 1) % r.length]!;
      const s0 = this.strip(Math.min(a[1], b[1])), s1 = this.strip(Math.max(a[1], b[1]));
      for (let s = s0; s <= s1; s++) this.strips[s]!.push([a, b]);
    }
  }

  private strip(y: number): number {
    return Math.max(0, Math.min(this.strips.length - 1, Math.floor((y - this.y0) / this.h)));
  }

  /** Even-odd containment (a horizontal ray towards +x). */
  contains(q: P2): boolean {
    if (q[0] < this.lo[0] || q[0] > this.hi[0] || q[1] < this.lo[1] || q[1] > this.hi[1]) return false;
    let c = false;
    for (const [a, b] of this.strips[this.strip(q[1])]!) {
      if (a[1] > q[1] !== b[1] > q[1] && q[0] < ((b[0] - a[0]) * (q[1] - a[1])) / (b[1] - a[1]) + a[0]) c = !c;
    }
    return c;
  }
}

/** Items with boxes, found by the grid cell of a query point. */
export class BoxGrid<T> {
  private readonly cells = new Map<number, T[]>();
  private readonly lo: P2;
  private readonly size: P2;
  private readonly n: number;

  constructor(items: { lo: P2; hi: P2; item: T }[]) {
    this.n = Math.max(1, Math.min(256, Math.ceil(Math.sqrt(items.length))));
    const [lo] = bounds(items.map((x) => x.lo)), [, hi] = bounds(items.map((x) => x.hi));
    this.lo = lo;
    this.size = [(hi[0] - this.lo[0]) / this.n || 1, (hi[1] - this.lo[1]) / this.n || 1];
    for (const { lo, hi: h, item } of items) {
      const [x0, y0] = this.cell(lo), [x1, y1] = this.cell(h);
      for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) {
        const k = x * this.n + y, c = this.cells.get(k);
        if (c) c.push(item); else this.cells.set(k, [item]);
      }
    }
  }

  private cell(p: P2): P2 {
    const f = (v: number, i: 0 | 1) => Math.max(0, Math.min(this.n - 1, Math.floor((v - this.lo[i]) / this.size[i])));
    return [f(p[0], 0), f(p[1], 1)];
  }

  query(q: P2): T[] {
    const [x, y] = this.cell(q);
    return this.cells.get(x * this.n + y) ?? [];
  }
}
