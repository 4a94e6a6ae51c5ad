// mv-expand: one output row per element of the expanded arrays/bags (several columns in parallel, padded with
// null); null expands to one row with null, an empty array or bag to no row.
import type { Plan } from '../../kql/semantics/index.js';
import type { DynamicValue, Value } from '../../kql/types/index.js';
import { Table, type Column } from '../../table/index.js';
import { convertValue } from '../functions/conversion.js';
import { checkDeadline, checkRows, compileFor, type ExecContext } from './context.js';
import { evalCount } from './simple.js';

export function elements(v: Value, bagAsArray: boolean): DynamicValue[] | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v as DynamicValue[];
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, DynamicValue>);
    return entries.map(([k, x]) => (bagAsArray ? [k, x] : { [k]: x }));
  }
  return [v as DynamicValue];
}

export function execMvExpand(ctx: ExecContext, p: Extract<Plan, { k: 'mvexpand' }>): Table {
  const t = ctx.run(p.input);
  const fns = p.items.map((it) => compileFor(ctx, t, it.expr));
  const limit = p.limit ? evalCount(ctx, p.limit) : 2147483647;
  const rowIdx: number[] = [];
  const itemVals: Value[][] = p.items.map(() => []);
  const indexVals: Value[] = [];
  for (let i = 0; i < t.rowCount; i++) {
    const lists = fns.map((f) => elements(f(i), p.bagAsArray));
    if (lists.every((l) => l === null)) {
      rowIdx.push(i);
      p.items.forEach((_, k) => itemVals[k]!.push(null));
      indexVals.push(0n);
      continue;
    }
    const len = Math.min(limit, Math.max(...lists.map((l) => (l ? l.length : 1))));
    for (let e = 0; e < len; e++) {
      rowIdx.push(i);
      lists.forEach((l, k) => {
        const raw = l ? (e < l.length ? l[e]! : null) : (e === 0 ? null : null);
        const to = p.items[k]!.toType;
        itemVals[k]!.push(to ? convertValue(raw as Value, 'dynamic', to) : raw);
      });
      indexVals.push(BigInt(e));
    }
    if (rowIdx.length > ctx.maxIntermediateRows) checkRows(ctx, rowIdx.length, 'mv-expand');
    if ((i & 0x3fff) === 0x3fff) checkDeadline(ctx);
  }
  const base = t.select(rowIdx);
  const cols: Column[] = p.schema.map((c) => {
    const k = p.items.findIndex((it) => it.name === c.name);
    if (k >= 0) return { name: c.name, type: c.type, values: itemVals[k]!.map((v) => (c.type === 'string' && v === null ? '' : v)) };
    if (c.name === p.indexColumn) return { name: c.name, type: 'long', values: indexVals };
    return base.column(c.name)!;
  });
  return new Table(cols, rowIdx.length);
}
