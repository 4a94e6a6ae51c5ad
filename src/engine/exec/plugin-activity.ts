// The user-analytics plugins over parsed rows (id key, time relative to Start, row count, dimensions):
// activity_counts_metrics, activity_metrics, new_activity_metrics, active_users_count, sliding_window_counts
// and activity_engagement. Each returns output rows (timeline first, then dimensions, then metrics).
// Per-window state is sparse (only windows holding rows), so many dimension combinations × many windows stay cheap.
import type { DynamicValue } from '../../kql/types/index.js';
import { KernelError } from '../functions/kernel.js';
import type { Timeline } from './plugin-timeline.js';

export interface ActRow { id: string; t: number; n: number; dims: DynamicValue[]; dimKey: string }
type Out = DynamicValue[];

/** Output rows beyond this are refused (e.g. a cohort matrix over thousands of windows). */
export const MAX_OUTPUT_ROWS = 5_000_000;
/** Work budget (set-membership checks) for the quadratic cohort matrix of new_activity_metrics. */
const MAX_COHORT_WORK = 200_000_000;

class Rows {
  readonly list: Out[] = [];
  constructor(private readonly plugin: string) {}
  push(row: Out): void {
    if (this.list.length >= MAX_OUTPUT_ROWS) throw new KernelError('KQL3011', `${this.plugin}: the result would have more than ${MAX_OUTPUT_ROWS} rows`);
    this.list.push(row);
  }
}

function byDims(rows: readonly ActRow[]): ActRow[][] {
  const m = new Map<string, ActRow[]>();
  for (const r of rows) (m.get(r.dimKey) ?? m.set(r.dimKey, []).get(r.dimKey)!).push(r);
  return [...m.values()];
}

interface Win { count: number; ids: Set<string> }

/** Windows holding rows (inside Start..End), ascending: row count and distinct ids. */
function perWindow(tl: Timeline, rows: readonly ActRow[]): { at: Map<number, Win>; order: number[] } {
  const at = new Map<number, Win>();
  for (const r of rows) {
    const w = tl.window(r.t);
    if (w < 0) continue;
    const x = at.get(w) ?? at.set(w, { count: 0, ids: new Set() }).get(w)!;
    x.count += r.n;
    x.ids.add(r.id);
  }
  return { at, order: [...at.keys()].sort((a, b) => a - b) };
}

export function activityCountsMetrics(tl: Timeline, rows: readonly ActRow[]): Out[] {
  const out = new Rows('activity_counts_metrics');
  for (const g of byDims(rows)) {
    const { at, order } = perWindow(tl, g);
    const seen = new Set<string>();
    for (const w of order) {
      const x = at.get(w)!;
      let fresh = 0;
      for (const id of x.ids) if (!seen.has(id)) { seen.add(id); fresh++; }
      out.push([tl.out(tl.starts[w]!), ...g[0]!.dims, x.count, x.ids.size, fresh, seen.size]);
    }
  }
  return out.list;
}

/** Each window against the window before it: distinct ids, new ids, retention = returning / previous. */
export function activityMetrics(tl: Timeline, rows: readonly ActRow[]): Out[] {
  const out = new Rows('activity_metrics');
  for (const g of byDims(rows)) {
    const { at, order } = perWindow(tl, g);
    for (const w of order) {
      const s = at.get(w)!.ids;
      const prev = at.get(w - 1)?.ids ?? new Set<string>();
      let returned = 0;
      for (const id of s) if (prev.has(id)) returned++;
      out.push([tl.out(tl.starts[w]!), ...g[0]!.dims, s.size, s.size - returned, returned / prev.size, (prev.size - returned) / prev.size]);
    }
  }
  return out.list;
}

/** Cohorts of ids first seen in a window (not in the lookback set nor earlier windows), followed to every later
 *  window up to End (empty windows included). */
export function newActivityMetrics(tl: Timeline, rows: readonly ActRow[], lookback: ReadonlySet<string>, cohortRel: number | null): Out[] {
  const out = new Rows('new_activity_metrics');
  const only = cohortRel === null ? -1 : tl.window(cohortRel);
  if (cohortRel !== null && only < 0) return out.list;
  const none = new Set<string>();
  let work = 0;
  for (const g of byDims(rows)) {
    const { at, order } = perWindow(tl, g);
    const upTo = new Set<string>(lookback);
    for (const f of order) {
      const here = at.get(f)!.ids;
      const cohort = [...here].filter((id) => !upTo.has(id));
      for (const id of here) upTo.add(id);
      if (!cohort.length || (only >= 0 && f !== only)) continue;
      for (let t = f; t < tl.starts.length; t++) {
        const s = at.get(t)?.ids ?? none;
        work += s.size + cohort.length;
        if (work > MAX_COHORT_WORK) throw new KernelError('KQL3011', 'new_activity_metrics: too many windows × ids; use a larger window, a shorter range or a Cohort');
        let fresh = 0, retained = 0;
        if (t === f) fresh = cohort.length;
        else for (const id of s) if (!upTo.has(id)) fresh++;
        for (const id of cohort) if (s.has(id)) retained++;
        const churned = cohort.length - retained;
        out.push([tl.out(tl.starts[f]!), tl.out(tl.starts[t]!), ...g[0]!.dims, fresh, retained, churned, retained / cohort.length, churned / cohort.length]);
      }
    }
  }
  return out.list;
}

/** Distinct ids per window that, at some appearance inside Start..End, were seen in at least `minPeriods`
 *  distinct periods of the lookback window (appearance - lookback, appearance]. */
export function activeUsersCount(tl: Timeline, rows: readonly ActRow[], lookback: number, period: number, minPeriods: number): Out[] {
  const out = new Rows('active_users_count');
  for (const g of byDims(rows)) {
    const byId = new Map<string, number[]>();
    for (const r of g) (byId.get(r.id) ?? byId.set(r.id, []).get(r.id)!).push(r.t);
    const active = new Map<number, Set<string>>();
    for (const [id, times] of byId) {
      times.sort((a, b) => a - b);
      const periods = new Map<number, number>();
      let lo = 0;
      for (const t of times) {
        const p = Math.floor(t / period);
        periods.set(p, (periods.get(p) ?? 0) + 1);
        while (times[lo]! <= t - lookback) {
          const q = Math.floor(times[lo]! / period);
          const c = periods.get(q)! - 1;
          if (c) periods.set(q, c); else periods.delete(q);
          lo++;
        }
        const w = tl.window(t);
        if (w >= 0 && periods.size >= minPeriods) (active.get(w) ?? active.set(w, new Set()).get(w)!).add(id);
      }
    }
    for (const w of [...active.keys()].sort((a, b) => a - b)) out.push([tl.out(tl.starts[w]!), ...g[0]!.dims, active.get(w)!.size]);
  }
  return out.list;
}

/** Count and distinct count over the `binsPerWindow` windows ending at each window (sliding). */
export function slidingWindowCounts(tl: Timeline, rows: readonly ActRow[], binsPerWindow: number): Out[] {
  const out = new Rows('sliding_window_counts');
  for (const g of byDims(rows)) {
    const bins = new Map<number, Map<string, number>>();
    for (const r of g) {
      const w = tl.window(r.t);
      if (w < 0) continue;
      const m = bins.get(w) ?? bins.set(w, new Map()).get(w)!;
      m.set(r.id, (m.get(r.id) ?? 0) + r.n);
    }
    const order = [...bins.keys()].sort((a, b) => a - b);
    const live = new Map<string, number>();
    let total = 0;
    const move = (m: Map<string, number> | undefined, sign: 1 | -1) => {
      if (!m) return;
      for (const [id, n] of m) {
        const c = (live.get(id) ?? 0) + sign * n;
        if (c) live.set(id, c); else live.delete(id);
        total += sign * n;
      }
    };
    // walk the windows; across a stretch with nothing in the sliding window, jump to the next bin holding rows
    let next = 0;
    for (let w = order[0] ?? tl.starts.length; w < tl.starts.length;) {
      if (next < order.length && order[next] === w) { move(bins.get(w), 1); next++; }
      move(bins.get(w - binsPerWindow), -1);
      if (total > 0) out.push([tl.out(tl.starts[w]!), ...g[0]!.dims, total, live.size]);
      // an empty sliding window holds no bin with rows, so nothing is pending removal across the jump
      if (total > 0) w++;
      else if (next < order.length) w = order[next]!;
      else break;
    }
  }
  return out.list;
}

/** Per inner window holding rows: distinct ids in it, in the outer window ending with it, and their ratio. */
export function activityEngagement(tl: Timeline, rows: readonly ActRow[], inner: number, outer: number): Out[] {
  const out = new Rows('activity_engagement');
  for (const g of byDims(rows)) {
    const sorted = [...g].sort((a, b) => a.t - b.t);
    const wins = [...new Set(sorted.map((r) => tl.window(r.t)).filter((w) => w >= 0))].sort((a, b) => a - b);
    const live = new Map<string, number>();
    let hi = 0, lo = 0;
    for (const w of wins) {
      const begin = tl.starts[w]!, end = begin + inner;
      for (; hi < sorted.length && sorted[hi]!.t < end; hi++) { const id = sorted[hi]!.id; live.set(id, (live.get(id) ?? 0) + 1); }
      for (; lo < hi && sorted[lo]!.t < end - outer; lo++) {
        const id = sorted[lo]!.id;
        const c = live.get(id)! - 1;
        if (c) live.set(id, c); else live.delete(id);
      }
      const innerIds = new Set<string>();
      for (let i = hi - 1; i >= lo && sorted[i]!.t >= begin; i--) innerIds.add(sorted[i]!.id);
      if (innerIds.size) out.push([tl.out(begin), ...g[0]!.dims, innerIds.size, live.size, innerIds.size / live.size]);
    }
  }
  return out.list;
}
