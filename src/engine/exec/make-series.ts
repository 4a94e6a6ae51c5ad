// make-series: bins the input on the axis (from, from+step, … < to; absent bounds come from the data's min and
// max, aligned like bin()), summarizes per (keys, bin), and spreads each group's values into arrays with the
// defaults where a bin has no rows.
import type { BExpr, Plan } from '../../kql/semantics/index.js';
import type { DynamicValue, ScalarType, Value } from '../../kql/types/index.js';
import { Table, type Column } from '../../table/index.js';
import { toDynamic } from '../functions/dynamic-compare.js';
import { evalConst, runtimeError } from '../expr/compile.js';
import { compileFor, type ExecContext } from './context.js';

const MAX_BINS = 1_000_000;

type Num = number | bigint;
const isBig = (t: ScalarType) => t === 'long' || t === 'datetime' || t === 'timespan';

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}

export function execMakeSeries(ctx: ExecContext, p: Extract<Plan, { k: 'makeseries' }>): Table {
  const t = ctx.run(p.input);
  const c = (e: BExpr) => evalConst(e, { kctx: ctx.kctx, runPlan: (x) => ctx.run(x) });
  const big = isBig(p.on.type);
  const toNum = (v: Value): Num | null => (v === null || v === undefined ? null : big ? (typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)))) : Number(v));
  const step = toNum(c(p.step));
  if (step === null || (big ? (step as bigint) <= 0n : !((step as number) > 0))) throw runtimeError('KQL3005', 'make-series step must be positive', p.span);
  const onFn = compileFor(ctx, t, p.on);
  const onVals: (Num | null)[] = [];
  let min: Num | null = null, max: Num | null = null;
  for (let i = 0; i < t.rowCount; i++) {
    const v = toNum(onFn(i));
    onVals.push(v);
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) continue;
    if (min === null || v < min) min = v;
    if (max === null || v > max) max = v;
  }
  const binOf = (v: Num, origin: Num): Num => (big
    ? (origin as bigint) + floorDiv((v as bigint) - (origin as bigint), step as bigint) * (step as bigint)
    : (origin as number) + Math.floor(((v as number) - (origin as number)) / (step as number)) * (step as number));
  const zero: Num = big ? 0n : 0;
  let from = p.from ? toNum(c(p.from)) : min === null ? null : binOf(min, zero);
  let to = p.to ? toNum(c(p.to)) : max === null ? null : (big ? (binOf(max, zero) as bigint) + (step as bigint) : (binOf(max, zero) as number) + (step as number));
  if (from !== null && to !== null && !p.from && p.to && from > to) from = to;
  let nbins = 0;
  if (from !== null && to !== null && to > from) {
    nbins = big ? Number(((to as bigint) - (from as bigint) + (step as bigint) - 1n) / (step as bigint)) : Math.ceil(((to as number) - (from as number)) / (step as number));
  }
  if (nbins > MAX_BINS) throw runtimeError('KQL3011', `make-series would produce ${nbins} bins (more than ${MAX_BINS}); use a larger step or a narrower range`, p.span);
  // binned input for the per-(keys, bin) summarize
  const keep: number[] = [];
  const bins: Value[] = [];
  if (nbins > 0) {
    for (let i = 0; i < t.rowCount; i++) {
      const v = onVals[i];
      if (v === null || v === undefined || v < from! || v >= to!) continue;
      keep.push(i);
      bins.push(binOf(v, from!) as Value);
    }
  }
  const sel = t.select(keep);
  const binned = new Table([...sel.columns, { name: '\u0000bin', type: p.on.type, values: p.on.type === 'int' ? bins.map(Number) : bins }], keep.length);
  const stack = (ctx.mvapplyInputs ??= []);
  stack.push(binned);
  let s: Table;
  try { s = ctx.run(p.sub); } finally { stack.pop(); }
  const defaults = p.defaults.map((d) => toDynamic(c(d), d.type));
  const aggCols = s.columns.slice(p.keyCount + 1);
  const groups = new Map<string, { keyRow: number; arrays: DynamicValue[][] }>();
  const binCol = s.columns[p.keyCount]!;
  for (let r = 0; r < s.rowCount; r++) {
    const k = JSON.stringify(s.columns.slice(0, p.keyCount).map((col) => { const v = col.values[r]; return typeof v === 'bigint' ? `${v}n` : v; }));
    let g = groups.get(k);
    if (!g) { g = { keyRow: r, arrays: aggCols.map((_, j) => new Array<DynamicValue>(nbins).fill(defaults[j] ?? 0)) }; groups.set(k, g); }
    const bv = binCol.values[r] as Num;
    const idx = big ? Number(((bv as bigint) - (from as bigint)) / (step as bigint)) : Math.round(((bv as number) - (from as number)) / (step as number));
    aggCols.forEach((col, j) => { g!.arrays[j]![idx] = toDynamic(col.values[r] ?? null, col.type); });
  }
  const axis: DynamicValue[] = [];
  for (let b = 0; b < nbins; b++) axis.push(toDynamic(big ? (from as bigint) + BigInt(b) * (step as bigint) : (from as number) + b * (step as number), p.on.type));
  const rows = [...groups.values()];
  if (!rows.length && p.keyCount === 0 && p.nonempty) rows.push({ keyRow: -1, arrays: aggCols.map((_, j) => new Array<DynamicValue>(nbins).fill(defaults[j] ?? 0)) });
  const cols: Column[] = p.schema.map((sc, j) => {
    if (j < p.keyCount) return { name: sc.name, type: sc.type, values: rows.map((g) => s.columns[j]!.values[g.keyRow] ?? null) };
    if (j < p.keyCount + aggCols.length) return { name: sc.name, type: 'dynamic', values: rows.map((g) => g.arrays[j - p.keyCount]!) };
    return { name: sc.name, type: 'dynamic', values: rows.map(() => axis) };
  });
  return new Table(cols, rows.length);
}
