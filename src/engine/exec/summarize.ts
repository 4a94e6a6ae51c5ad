// summarize / distinct / count: hash grouping in first-appearance order; aggregate kernels per group.
// Empty input without keys gives one row of defaults; with keys, no rows.
import { jsonText } from '../../kql/types/index.js';
import type { BAgg, Plan } from '../../kql/semantics/index.js';
import type { ScalarType, Value } from '../../kql/types/index.js';
import { Table, type Column } from '../../table/index.js';
import { aggregateKernel, type AggState } from '../functions/index.js';
import { compareForArgMax } from '../functions/aggregates.js';
import { percentileOf, weightedPercentileOf } from '../functions/aggregates-stats.js';

/** percentile(int) is typed long: widen the chosen value to the declared result type. */
function widen(v: Value, type: ScalarType): Value {
  return type === 'long' && typeof v === 'number' ? BigInt(v) : v;
}
import { runtimeError, type RowFn } from '../expr/compile.js';
import { checkDeadline, compileFor, type ExecContext } from './context.js';

/** Hashable form of a group key part (bigint and NaN are fine as Map keys; composite keys become text). */
function partKey(v: Value): string {
  if (v === null || v === undefined) return 'n';
  switch (typeof v) {
    case 'string': return 's' + v;
    case 'number': return 'r' + v;
    case 'bigint': return 'b' + v;
    case 'boolean': return v ? 'T' : 'F';
    default: return 'j' + jsonText(v);
  }
}

/** Groups rows by the key functions; returns each row's group id and each group's first row. */
export function groupRows(n: number, keyFns: RowFn[], ctx: ExecContext): { groupOf: Int32Array; firstRow: number[] } {
  const groupOf = new Int32Array(n);
  const firstRow: number[] = [];
  if (keyFns.length === 0) {
    if (n > 0) firstRow.push(0);
    return { groupOf, firstRow };
  }
  if (keyFns.length === 1) {
    const f = keyFns[0]!;
    const map = new Map<unknown, number>();
    for (let i = 0; i < n; i++) {
      let v: unknown = f(i);
      if (v !== null && typeof v === 'object') v = partKey(v as Value);
      let g = map.get(v);
      if (g === undefined) { g = firstRow.length; map.set(v, g); firstRow.push(i); }
      groupOf[i] = g;
      if ((i & 0xffff) === 0xffff) checkDeadline(ctx);
    }
    return { groupOf, firstRow };
  }
  const map = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    let k = '';
    for (const f of keyFns) k += partKey(f(i)) + '\u0001';
    let g = map.get(k);
    if (g === undefined) { g = firstRow.length; map.set(k, g); firstRow.push(i); }
    groupOf[i] = g;
    if ((i & 0xffff) === 0xffff) checkDeadline(ctx);
  }
  return { groupOf, firstRow };
}

interface AggRunner {
  /** feed row i of group g */
  add(g: number, i: number): void;
  /** output column values for group g (one per output name) */
  results(g: number, groups: number): Value[];
}

function makeRunner(ctx: ExecContext, t: Table, a: BAgg): AggRunner {
  const args = a.args.map((e) => compileFor(ctx, t, e));
  if (a.fn === 'arg_max' || a.fn === 'arg_min' || a.fn === 'take_any') {
    const extra = (a.extra ?? []).map((x) => compileFor(ctx, t, x.expr));
    const best: Value[] = [];
    const bestRow: number[] = [];
    const by: RowFn | undefined = a.args.length ? args[0] : undefined;
    const type: ScalarType = a.args[0]?.type ?? 'dynamic';
    const sign = a.fn === 'arg_max' ? 1 : -1;
    return {
      add(g, i) {
        if (!by) { if (bestRow[g] === undefined) bestRow[g] = i; return; }
        const v = by(i);
        if (v === null || (typeof v === 'number' && Number.isNaN(v))) { if (bestRow[g] === undefined) { bestRow[g] = -1 - i; } return; }
        if (bestRow[g] === undefined || bestRow[g]! < 0 || sign * compareForArgMax(v, best[g]!, type) > 0) { best[g] = v; bestRow[g] = i; }
      },
      results(g) {
        let r = bestRow[g];
        if (r === undefined) return a.names.map((_, k) => (a.types[k] === 'string' ? '' : null));
        const nullOnly = r < 0;
        if (nullOnly) r = -1 - r;
        const out: Value[] = [];
        if (by) out.push(nullOnly ? null : best[g]!);
        for (const f of extra) out.push(f(r));
        return out;
      },
    };
  }
  if (a.fn === 'percentiles') {
    const vals: Value[][] = [];
    const f = args[0]!;
    const type = a.args[0]!.type;
    return {
      add(g, i) { const v = f(i); if (v !== null) (vals[g] ??= []).push(v); },
      results(g) { return a.percents!.map((p) => widen(percentileOf(vals[g] ?? [], p, type), a.types[0]!)); },
    };
  }
  if (a.fn === 'percentilesw') {
    const pairs: [Value, number][][] = [];
    const f = args[0]!, w = args[1]!;
    const type = a.args[0]!.type;
    return {
      add(g, i) { const v = f(i), wt = w(i); if (v !== null && wt !== null) (pairs[g] ??= []).push([v, Number(wt)]); },
      results(g) { return a.percents!.map((p) => widen(weightedPercentileOf(pairs[g] ?? [], p, type), a.types[0]!)); },
    };
  }
  const kernel = aggregateKernel(a.fn);
  if (!kernel) throw runtimeError('KQL3003', `aggregate '${a.fn}' has no implementation yet`, a.span);
  const consts = a.args.map((e) => (e.k === 'lit' ? e.value : undefined));
  const factory = kernel.make(a.args.map((e) => e.type), consts, ctx.kctx);
  const states: AggState[] = [];
  const arity = args.length;
  const a0 = args[0], a1 = args[1];
  return {
    add(g, i) {
      let s = states[g];
      if (!s) { s = factory(); states[g] = s; }
      if (arity === 0) s.add();
      else if (arity === 1) s.add(a0!(i));
      else if (arity === 2) s.add(a0!(i), a1!(i));
      else s.add(...args.map((f) => f(i)));
    },
    results(g) {
      const s = states[g] ?? factory();
      const v = s.result();
      return [a.types[0] === 'string' && (v === null || v === undefined) ? '' : v];
    },
  };
}

export function execSummarize(ctx: ExecContext, p: Extract<Plan, { k: 'summarize' }>): Table {
  const t = ctx.run(p.input);
  const n = t.rowCount;
  const keyFns = p.keys.map((k) => compileFor(ctx, t, k.expr));
  const { groupOf, firstRow } = groupRows(n, keyFns, ctx);
  let groups = firstRow.length;
  const runners = p.aggs.map((a) => makeRunner(ctx, t, a));
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!;
    for (const r of runners) r.add(g, i);
    if ((i & 0xffff) === 0xffff) checkDeadline(ctx);
  }
  if (p.keys.length === 0 && groups === 0) groups = 1;
  const cols: Column[] = p.schema.map((c) => ({ name: c.name, type: c.type, values: new Array<Value>(groups) }));
  for (let g = 0; g < groups; g++) {
    let j = 0;
    for (const f of keyFns) { const v = f(firstRow[g]!); cols[j]!.values[g] = v === undefined ? null : v; j++; }
    for (const r of runners) for (const v of r.results(g, groups)) { cols[j]!.values[g] = v === undefined ? null : v; j++; }
  }
  return new Table(cols, groups);
}

export function execDistinct(ctx: ExecContext, p: Extract<Plan, { k: 'distinct' }>): Table {
  const t = ctx.run(p.input);
  const keyFns = p.items.map((k) => compileFor(ctx, t, k.expr));
  const { firstRow } = groupRows(t.rowCount, keyFns, ctx);
  const cols: Column[] = p.items.map((it, j) => ({ name: it.name, type: p.schema[j]!.type, values: firstRow.map((r) => keyFns[j]!(r)) }));
  return new Table(cols, firstRow.length);
}
