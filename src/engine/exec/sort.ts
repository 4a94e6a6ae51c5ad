// sort / top: stable sort of row indices on evaluated keys. Nulls and NaN sort together; asc puts them first
// and desc last unless `nulls first|last` says otherwise.
import type { Plan, SortKey } from '../../kql/semantics/index.js';
import type { ScalarType, Value, DynamicValue } from '../../kql/types/index.js';
import type { Table } from '../../table/index.js';
import { compareDynamicValues } from '../functions/dynamic-compare.js';
import { checkDeadline, compileFor, type ExecContext } from './context.js';
import { evalCount } from './simple.js';

const isNullish = (v: Value) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

function valueCompare(type: ScalarType): (x: Value, y: Value) => number {
  if (type === 'dynamic') return (x, y) => compareDynamicValues(x as DynamicValue, y as DynamicValue) ?? 0;
  if (type === 'bool') return (x, y) => Number(x) - Number(y);
  return (x, y) => ((x as number) < (y as number) ? -1 : (x as number) > (y as number) ? 1 : 0);
}

/** Orders row indices by the sort keys (ties: 0, so a stable sort keeps input order). */
export function rowComparator(ctx: ExecContext, t: Table, keys: SortKey[]): (i: number, j: number) => number {
  const cols = keys.map((k) => {
    const f = compileFor(ctx, t, k.expr);
    const vals = new Array<Value>(t.rowCount);
    for (let i = 0; i < t.rowCount; i++) {
      vals[i] = f(i);
      if ((i & 0xffff) === 0xffff) checkDeadline(ctx);
    }
    return { vals, cmp: valueCompare(k.expr.type), desc: k.desc, nullsFirst: k.nullsFirst };
  });
  return (i, j) => {
    for (const c of cols) {
      const x = c.vals[i]!, y = c.vals[j]!;
      const xn = isNullish(x), yn = isNullish(y);
      if (xn || yn) {
        if (xn && yn) {
          // NaN and null sort together, NaN nearer the values: -inf … +inf, NaN, null (nulls last)
          const xr = x === null || x === undefined ? 1 : 0, yr = y === null || y === undefined ? 1 : 0;
          if (xr !== yr) return c.nullsFirst ? yr - xr : xr - yr;
          continue;
        }
        return xn ? (c.nullsFirst ? -1 : 1) : (c.nullsFirst ? 1 : -1);
      }
      const r = c.cmp(x, y);
      if (r !== 0) return c.desc ? -r : r;
    }
    return 0;
  };
}

export function sortIndices(ctx: ExecContext, t: Table, keys: SortKey[]): number[] {
  const cmp = rowComparator(ctx, t, keys);
  const idx = Array.from({ length: t.rowCount }, (_, i) => i);
  idx.sort(cmp);
  return idx;
}

export function execSort(ctx: ExecContext, p: Extract<Plan, { k: 'sort' }>): Table {
  const t = ctx.run(p.input);
  return t.select(sortIndices(ctx, t, p.keys));
}

export function execTop(ctx: ExecContext, p: Extract<Plan, { k: 'top' }>): Table {
  const t = ctx.run(p.input);
  const n = evalCount(ctx, p.count);
  if (n === 0) return t.select([]);
  if (n > 1000 || n * 4 >= t.rowCount) return t.select(sortIndices(ctx, t, p.keys).slice(0, n));
  // small N: one pass keeping the best n in order (ties keep input order, as the stable sort would)
  const cmp = rowComparator(ctx, t, p.keys);
  const best: number[] = [];
  for (let i = 0; i < t.rowCount; i++) {
    if (best.length === n && cmp(i, best[n - 1]!) >= 0) continue;
    let lo = 0, hi = best.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cmp(i, best[mid]!) < 0) hi = mid; else lo = mid + 1; }
    best.splice(lo, 0, i);
    if (best.length > n) best.pop();
    if ((i & 0xffff) === 0xffff) checkDeadline(ctx);
  }
  return t.select(best);
}
