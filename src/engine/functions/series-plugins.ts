// Kernels behind the user-analytics evaluate plugins (activity_*, active_users_count, sliding_window_counts,
// new_activity_metrics, rolling_percentile). The plugin plan node (exec/plugin-exec.ts) feeds them the input's
// distinct rows as shards of [id, time, count, dims…] arrays and types the rows they return.
// Their names contain a space ("evaluate x"), so queries cannot call them directly.
import type { DynamicValue, ScalarType, Value } from '../../kql/types/index.js';
import { parseDatetime, parseTimespan } from '../../kql/types/index.js';
import { dynamicKey } from './dynamic-compare.js';
import { KernelError, type ScalarKernel } from './kernel.js';
import { originOf, Timeline, timeKind, type TimeKind } from '../exec/plugin-timeline.js';
import {
  activeUsersCount, activityCountsMetrics, activityEngagement, activityMetrics, newActivityMetrics, slidingWindowCounts, type ActRow,
} from '../exec/plugin-activity.js';
import { rollingPercentile, type RollRow } from '../exec/plugin-rolling.js';

/** Largest shard (and shard count) accepted: bounds the work a malformed input can ask for. */
const LIST_CAP = 1 << 20;

/** The shards' row arrays, flattened. */
function rowsOf(all: Value, plugin: string): DynamicValue[][] {
  const out: DynamicValue[][] = [];
  if (!Array.isArray(all)) return out;
  if (all.length >= LIST_CAP) throw new KernelError('KQL3011', `${plugin}: the input has too many distinct rows to analyze`);
  for (const shard of all as DynamicValue[]) {
    if (!Array.isArray(shard)) continue;
    if (shard.length >= LIST_CAP) throw new KernelError('KQL3011', `${plugin}: the input has too many distinct rows to analyze`);
    for (const r of shard) if (Array.isArray(r)) out.push(r);
  }
  return out;
}

function absolute(v: DynamicValue, kind: TimeKind): bigint | number | null {
  if (kind === 'number') return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null;
  if (typeof v === 'string') return kind === 'datetime' ? parseDatetime(v) : parseTimespan(v);
  return typeof v === 'bigint' ? v : null;
}

const num = (v: Value): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : NaN);

interface Parsed { tl: Timeline; rows: ActRow[] }

/** Rows relative to Start (Start/End default to the data's earliest/latest time); `step` sizes the windows. */
function parse(plugin: string, all: Value, kindArg: Value, dimCount: Value, start: Value, end: Value, step: Value): Parsed {
  const kind = timeKind(String(kindArg));
  const raw = rowsOf(all, plugin);
  let origin = originOf(kind, start);
  let last = originOf(kind, end);
  if (origin === null || last === null) {
    const times = raw.map((r) => absolute(r[1] ?? null, kind)).filter((t): t is bigint | number => t !== null);
    if (!times.length) return { tl: new Timeline(kind, kind === 'number' ? 0 : 0n, step, -1, plugin), rows: [] };
    const lo = times.reduce((a, b) => (b < a ? b : a)), hi = times.reduce((a, b) => (b > a ? b : a));
    origin ??= lo;
    last ??= hi;
  }
  const endRel = kind === 'number' ? (last as number) - (origin as number) : Number((last as bigint) - (origin as bigint));
  const tl = new Timeline(kind, origin, step, endRel, plugin);
  const nd = num(dimCount);
  const rows: ActRow[] = [];
  for (const r of raw) {
    const t = tl.rel(r[1] ?? null);
    if (t === null) continue;
    const dims = r.slice(3, 3 + nd);
    rows.push({ id: dynamicKey(r[0] ?? null), t, n: num(r[2] ?? 1), dims, dimKey: dims.length ? JSON.stringify(dims.map(dynamicKey)) : '' });
  }
  return { tl, rows };
}

const plugin = (name: string, run: (...args: Value[]) => DynamicValue[][]): ScalarKernel => ({ name: `evaluate ${name}`, make: () => (...a) => run(...a) });

export const pluginKernels: ScalarKernel[] = [
  plugin('activity_counts_metrics', (all, kind, nd, start, end, step) => {
    const p = parse('activity_counts_metrics', all, kind, nd, start, end, step);
    return activityCountsMetrics(p.tl, p.rows);
  }),
  plugin('activity_metrics', (all, kind, nd, start, end, step) => {
    const p = parse('activity_metrics', all, kind, nd, start, end, step);
    return activityMetrics(p.tl, p.rows);
  }),
  plugin('new_activity_metrics', (all, kind, nd, start, end, step, cohort, lookback) => {
    const p = parse('new_activity_metrics', all, kind, nd, start, end, step);
    const ids = new Set(Array.isArray(lookback) ? (lookback as DynamicValue[]).map(dynamicKey) : []);
    return newActivityMetrics(p.tl, p.rows, ids, cohort === null || cohort === undefined ? null : p.tl.relOf(cohort));
  }),
  plugin('active_users_count', (all, kind, nd, start, end, lookback, period, activePeriods, bin) => {
    const p = parse('active_users_count', all, kind, nd, start, end, bin);
    const lb = p.tl.size(lookback ?? null, 'active_users_count: LookbackWindow');
    const per = p.tl.size(period ?? null, 'active_users_count: Period');
    const min = num(activePeriods ?? null);
    if (Number.isNaN(min)) throw new KernelError('KQL3014', 'active_users_count: ActivePeriodsCount must be a number');
    return activeUsersCount(p.tl, p.rows, lb, per, min);
  }),
  plugin('sliding_window_counts', (all, kind, nd, start, end, lookback, bin) => {
    const p = parse('sliding_window_counts', all, kind, nd, start, end, bin);
    if (typeof bin === 'string') throw new KernelError('KQL3014', 'sliding_window_counts: the bin must be a fixed size');
    const per = Math.floor(p.tl.size(lookback ?? null, 'sliding_window_counts: LookbackWindow') / p.tl.size(bin ?? null, 'sliding_window_counts: Bin'));
    return slidingWindowCounts(p.tl, p.rows, Math.max(1, per));
  }),
  plugin('activity_engagement', (all, kind, nd, start, end, inner, outer) => {
    const p = parse('activity_engagement', all, kind, nd, start, end, inner);
    const i = p.tl.size(inner ?? null, 'activity_engagement: InnerActivityWindow');
    return activityEngagement(p.tl, p.rows, i, p.tl.size(outer ?? null, 'activity_engagement: OuterActivityWindow'));
  }),
  plugin('rolling_percentile', (all, kind, nd, valueType, pct, size, perWindow) => {
    const k = timeKind(String(kind));
    const sz = k === 'number' ? num(size ?? null) : num(size ?? null);
    if (!(sz > 0)) throw new KernelError('KQL3014', 'rolling_percentile: BinSize must be positive');
    const raw = rowsOf(all, 'rolling_percentile');
    const bins = raw.map((r) => absolute(r[1] ?? null, k));
    const present = bins.filter((b): b is bigint | number => b !== null);
    if (!present.length) return [];
    const origin = present.reduce((a, b) => (b < a ? b : a));
    const n = num(nd);
    const rows: RollRow[] = [];
    raw.forEach((r, i) => {
      const b = bins[i];
      if (b === null || b === undefined) return;
      const dims = r.slice(3, 3 + n);
      const rel = typeof b === 'bigint' ? Number(b - (origin as bigint)) : b - (origin as number);
      rows.push({ value: r[0] ?? null, bin: rel, binOut: r[1] ?? null, n: num(r[2] ?? 1), dims, dimKey: JSON.stringify(dims.map(dynamicKey)) });
    });
    return rollingPercentile(rows, num(pct ?? null), sz, num(perWindow ?? null), String(valueType) as ScalarType);
  }),
];
