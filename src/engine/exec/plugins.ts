// evaluate plugins: bag_unpack (bag keys become columns) and pivot (a column's values become columns, filled
// from the per-(keys, value) summarize the binder prepared; missing cells are null, counts 0).
import type { Plan } from '../../kql/semantics/index.js';
import type { DynamicValue, Value } from '../../kql/types/index.js';
import { Table, type Column } from '../../table/index.js';
import { fromDynamic } from '../functions/dynamic-compare.js';
import { compileFor, type ExecContext } from './context.js';

export function execBagUnpack(ctx: ExecContext, p: Extract<Plan, { k: 'bagunpack' }>): Table {
  const t = ctx.run(p.input);
  const f = compileFor(ctx, t, p.column);
  const bags: (Record<string, DynamicValue> | null)[] = [];
  for (let i = 0; i < t.rowCount; i++) {
    const v = f(i);
    bags.push(v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, DynamicValue>) : null);
  }
  const cols: Column[] = p.schema.map((c) => {
    const u = p.unpack.find((x) => x.name === c.name);
    if (!u) return t.column(c.name)!;
    const values = bags.map((bag) => {
      const raw = bag && Object.prototype.hasOwnProperty.call(bag, u.key) ? bag[u.key]! : null;
      const v = fromDynamic(raw, c.type);
      return c.type === 'string' && v === null ? '' : v;
    });
    return { name: c.name, type: c.type, values };
  });
  return new Table(cols, t.rowCount);
}

export function execPivot(ctx: ExecContext, p: Extract<Plan, { k: 'pivot' }>): Table {
  const s = ctx.run(p.input);
  const keyCols = s.columns.slice(0, p.keyCount);
  const pivotCol = s.columns[p.keyCount]!;
  const valueCol = s.columns[p.keyCount + 1]!;
  const slot = new Map(p.values.map((v, i) => [v, i]));
  const groups = new Map<string, { row: number; cells: Value[] }>();
  const empty: Value = valueCol.type === 'long' ? 0n : null;
  for (let r = 0; r < s.rowCount; r++) {
    const key = JSON.stringify(keyCols.map((c) => { const v = c.values[r]; return typeof v === 'bigint' ? `${v}n` : v; }));
    let g = groups.get(key);
    if (!g) { g = { row: r, cells: p.values.map(() => empty) }; groups.set(key, g); }
    const at = slot.get(String(pivotCol.values[r] ?? ''));
    if (at !== undefined) g.cells[at] = valueCol.values[r] ?? null;
  }
  const rows = [...groups.values()];
  const cols: Column[] = p.schema.map((c, j) => ({
    name: c.name,
    type: c.type,
    values: j < p.keyCount ? rows.map((g) => keyCols[j]!.values[g.row] ?? null) : rows.map((g) => g.cells[j - p.keyCount] ?? null),
  }));
  return new Table(cols, rows.length);
}
