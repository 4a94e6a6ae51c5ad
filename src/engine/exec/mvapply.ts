// mv-apply: for each input row, expand the items into a small table, run the subquery on it, and prefix each of
// its result rows with the row's other columns. A null or empty expansion gives the subquery an empty table.
import type { Plan } from '../../kql/semantics/index.js';
import type { Value } from '../../kql/types/index.js';
import { Table, type Column } from '../../table/index.js';
import { convertValue } from '../functions/conversion.js';
import { checkDeadline, checkRows, compileFor, type ExecContext } from './context.js';
import { elements } from './mvexpand.js';

export function execMvApply(ctx: ExecContext, p: Extract<Plan, { k: 'mvapply' }>): Table {
  const t = ctx.run(p.input);
  const fns = p.items.map((it) => compileFor(ctx, t, it.expr));
  const out: Value[][] = p.schema.map(() => []);
  let rows = 0;
  const stack = (ctx.mvapplyInputs ??= []);
  for (let i = 0; i < t.rowCount; i++) {
    const lists = fns.map((f) => elements(f(i), p.bagAsArray) ?? []);
    const len = Math.max(0, ...lists.map((l) => l.length));
    const cols: Column[] = p.subInput.schema.map((c) => {
      const k = p.items.findIndex((it) => it.name === c.name);
      const values: Value[] = new Array<Value>(len);
      if (k >= 0) {
        const to = p.items[k]!.toType;
        for (let e = 0; e < len; e++) {
          const raw = (lists[k]![e] ?? null) as Value;
          const v = to ? convertValue(raw, 'dynamic', to) : raw;
          values[e] = c.type === 'string' && v === null ? '' : v;
        }
      } else if (c.name === p.indexColumn) {
        for (let e = 0; e < len; e++) values[e] = BigInt(e);
      } else {
        const v = t.column(c.name)?.values[i] ?? null;
        values.fill(v);
      }
      return { name: c.name, type: c.type, values };
    });
    stack.push(new Table(cols, len));
    let r: Table;
    try {
      r = ctx.run(p.sub);
    } finally {
      stack.pop();
    }
    p.schema.forEach((c, j) => {
      const fromSub = r.column(c.name);
      const own = fromSub ? undefined : t.column(c.name);
      for (let k = 0; k < r.rowCount; k++) out[j]!.push(fromSub ? fromSub.values[k] ?? null : own?.values[i] ?? null);
    });
    rows += r.rowCount;
    if (rows > ctx.maxIntermediateRows) checkRows(ctx, rows, 'mv-apply');
    if ((i & 0xff) === 0xff) checkDeadline(ctx);
  }
  return new Table(p.schema.map((c, j) => ({ name: c.name, type: c.type, values: out[j]! })), rows);
}

/** partition: group rows by key (first-appearance order), run the subquery on each group, concatenate. */
export function execPartition(ctx: ExecContext, p: Extract<Plan, { k: 'partition' }>): Table {
  const t = ctx.run(p.input);
  const f = compileFor(ctx, t, p.key);
  const groups = new Map<unknown, number[]>();
  for (let i = 0; i < t.rowCount; i++) {
    let k: unknown = f(i);
    if (typeof k === 'bigint') k = `${k}n`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(i);
  }
  const stack = (ctx.mvapplyInputs ??= []);
  const parts: Table[] = [];
  let rows = 0;
  for (const idx of groups.values()) {
    stack.push(t.select(idx));
    try { parts.push(ctx.run(p.sub)); } finally { stack.pop(); }
    rows += parts[parts.length - 1]!.rowCount;
    if (rows > ctx.maxIntermediateRows) checkRows(ctx, rows, 'partition');
    checkDeadline(ctx);
  }
  const cols = p.schema.map((c) => ({ name: c.name, type: c.type, values: parts.flatMap((pt) => pt.column(c.name)?.values.slice(0, pt.rowCount) ?? []) }));
  return new Table(cols, rows);
}
