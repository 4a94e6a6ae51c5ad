// Runs an activity/retention plugin node: the input's distinct (id or value, time, dims…, count) rows go to the
// plugin's computation (kernel `evaluate <fn>`, functions/series-plugins.ts) in shards, and the rows it returns
// are typed by the plan's schema with the engine's own dynamic → type casts.
import type { BExpr, Plan } from '../../kql/semantics/index.js';
import type { DynamicValue, Value } from '../../kql/types/index.js';
import { Table } from '../../table/index.js';
import { scalarKernel } from '../functions/index.js';
import { toDynamic } from '../functions/dynamic-compare.js';
import { checkDeadline, compileFor, type ExecContext } from './context.js';
import { runtimeError } from '../expr/compile.js';

type PluginPlan = Extract<Plan, { k: 'plugin' }>;

/** Rows per shard: the kernels refuse a shard of 2^20 rows or more (the make_list cap they were written for). */
const SHARD = 1 << 19;

export function execPlugin(ctx: ExecContext, p: PluginPlan): Table {
  const t = ctx.run(p.input);
  // input columns: key0 (id or value), key1 (time), dims…, count → rows [key0, key1, count, dims…]
  const cols = t.columns;
  const count = cols[cols.length - 1]!, keys = cols.slice(0, -1);
  const shards: DynamicValue[][][] = [];
  let shard: DynamicValue[][] = [];
  for (let i = 0; i < t.rowCount; i++) {
    const row: DynamicValue[] = [toDynamic(keys[0]!.values[i] ?? null, keys[0]!.type), toDynamic(keys[1]!.values[i] ?? null, keys[1]!.type), toDynamic(count.values[i] ?? null, count.type)];
    for (let k = 2; k < keys.length; k++) row.push(toDynamic(keys[k]!.values[i] ?? null, keys[k]!.type));
    shard.push(row);
    if (shard.length === SHARD) { shards.push(shard); shard = []; }
    if ((i & 0xffff) === 0xffff) checkDeadline(ctx);
  }
  if (shard.length) shards.push(shard);
  const one = new Table([], 1);
  const params = p.params.map((e) => compileFor(ctx, one, e)(0));
  const kernel = scalarKernel(`evaluate ${p.fn}`);
  if (!kernel) throw runtimeError('KQL3003', `plugin '${p.fn}' has no implementation`, p.span);
  const f = kernel.make(['dynamic', ...p.params.map((e) => e.type)], [undefined, ...p.params.map(() => undefined)], ctx.kctx);
  const rows = (f(shards as unknown as Value, ...params) ?? []) as DynamicValue[][];
  // type each output column with the engine's dynamic → type cast
  const o = '\u0000o';
  const raw = new Table([{ name: o, type: 'dynamic', values: rows as unknown as Value[] }], rows.length);
  const columns = p.schema.map((c, i) => {
    const get: BExpr = { k: 'get', type: 'dynamic', target: { k: 'col', type: 'dynamic', name: o }, key: { k: 'lit', type: 'long', value: BigInt(i) } };
    const expr: BExpr = c.type === 'dynamic' ? get : { k: 'cast', type: c.type, from: 'dynamic', arg: get };
    const fn = compileFor(ctx, raw, expr);
    return { name: c.name, type: c.type, values: Array.from({ length: rows.length }, (_, r) => fn(r)) };
  });
  return new Table(columns, rows.length);
}
