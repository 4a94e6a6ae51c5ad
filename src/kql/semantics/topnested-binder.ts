// `top-nested`: each level is a summarize of the (materialized) input by the keys of that level and all the levels
// above; the engine keeps the top N groups per parent. Columns: each level's key, then `aggregated_<key>`.
import type { AssignItem, Operator } from '../syntax/ast.js';
import type { ColumnSchema } from '../types/index.js';
import type { BExpr, Plan } from './bound.js';
import type { Binder } from './binder.js';
import { bindExpr, fail, type RowContext } from './expr-binder.js';
import { derivedName } from './naming.js';
import type { Scope } from './scope.js';
import { bindSummarize } from './summarize-binder.js';

let ids = 1_000_000_000;

export function bindTopNested(b: Binder, inp: Plan, op: Extract<Operator, { kind: 'top-nested' }>, scope: Scope, row: RowContext): Plan {
  const shared = { k: 'materialized', id: ++ids, input: inp, schema: inp.schema, span: op.span } as Plan;
  const byItems: AssignItem[] = [];
  const schema: ColumnSchema[] = [];
  const levels: { sub: Plan; count?: BExpr; asc: boolean }[] = [];
  op.levels.forEach((lv, j) => {
    if (lv.others) fail(b, 'KQL2006', "top-nested … with others is not supported yet", lv.others.span);
    const ofName = lv.of.names?.[0] ?? derivedName(lv.of.expr) ?? `Column${j + 1}`;
    byItems.push({ names: [ofName], expr: lv.of.expr, span: lv.of.span });
    const aggName = lv.agg.names?.[0] ?? `aggregated_${ofName}`;
    const sub = bindSummarize(b, shared, [{ names: [aggName], expr: lv.agg.expr, span: lv.agg.span }], [...byItems], scope, row, lv.span);
    const count = lv.count ? bindExpr(b, lv.count, scope, { columns: null }) : undefined;
    if (count && count.type !== 'int' && count.type !== 'long') fail(b, 'KQL2005', `top-nested needs an integer count, got ${count.type}`, lv.count!.span);
    schema.push(sub.schema[j]!, sub.schema[j + 1]!);
    levels.push({ sub, asc: lv.asc, ...(count ? { count } : {}) });
  });
  const names = new Set<string>();
  for (const c of schema) {
    if (names.has(c.name)) fail(b, 'KQL2009', `top-nested: column '${c.name}' appears twice; name the levels (of name = …, by name = …)`, op.span);
    names.add(c.name);
  }
  return { k: 'topnested', levels, schema, span: op.span } as Plan;
}
