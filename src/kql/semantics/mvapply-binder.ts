// `mv-apply items on (subquery)`: per input row, the expanded items form a small table the subquery runs on;
// the output is the row's other columns followed by the subquery's new columns (schema as Microsoft's analyzer).
import type { Operator } from '../syntax/ast.js';
import type { ColumnSchema, ScalarType } from '../types/index.js';
import type { BExpr, Plan } from './bound.js';
import type { Binder } from './binder.js';
import { bindExpr, fail, type RowContext } from './expr-binder.js';
import { derivedName } from './naming.js';
import { paramValue } from './operator-binder.js';
import type { Scope } from './scope.js';

/** Name of the implicit input of an mv-apply subquery (set by the parser). */
export const MVAPPLY_INPUT = '$mvapply';

export function bindMvApply(b: Binder, inp: Plan, op: Extract<Operator, { kind: 'mv-apply' }>, scope: Scope, row: RowContext): Plan {
  const bag = paramValue(op.params, 'bagexpansion') ?? 'bag';
  const indexColumn = paramValue(op.params, 'with_itemindex');
  if (op.limit) fail(b, 'KQL2006', 'mv-apply … limit is not supported yet', op.limit.span);
  const subSchema: ColumnSchema[] = [...inp.schema];
  const items: { name: string; expr: BExpr; toType?: ScalarType }[] = [];
  for (const it of op.items) {
    const expr = bindExpr(b, it.expr, scope, row);
    const name = it.name ?? derivedName(it.expr);
    if (!name) fail(b, 'KQL2008', 'mv-apply of an expression needs a column name: name = expression', it.span);
    if (expr.type !== 'dynamic') fail(b, 'KQL2005', `mv-apply expands dynamic arrays or bags, but '${name}' is ${expr.type}`, it.expr.span);
    const type: ScalarType = it.toType ?? 'dynamic';
    const at = subSchema.findIndex((c) => c.name === name);
    if (at >= 0) subSchema[at] = { name: name!, type };
    else subSchema.push({ name: name!, type });
    items.push({ name: name!, expr, ...(it.toType ? { toType: it.toType } : {}) });
  }
  if (indexColumn) subSchema.push({ name: indexColumn, type: 'long' });
  const inner = scope.child();
  inner.set(MVAPPLY_INPUT, { kind: 'tabular', plan: { k: 'mvapplyInput', schema: subSchema, span: op.span } });
  const sub = b.bindTabular(op.subquery, inner);
  const expanded = new Set(items.map((i) => i.name));
  if (indexColumn) expanded.add(indexColumn);
  const kept = inp.schema.filter((c) => !expanded.has(c.name));
  const schema = [...kept, ...sub.schema.filter((c) => !kept.some((k) => k.name === c.name))];
  const plan = { k: 'mvapply', input: inp, items, bagAsArray: bag === 'array', sub, subInput: { schema: subSchema }, schema, span: op.span } as Plan & { k: 'mvapply' };
  if (indexColumn) plan.indexColumn = indexColumn;
  return plan;
}

/** `partition by key (subquery)`: the subquery runs once per distinct key on that key's rows; results are unioned. */
export function bindPartition(b: Binder, inp: Plan, op: Extract<Operator, { kind: 'partition' }>, scope: Scope, row: RowContext): Plan {
  const key = bindExpr(b, op.by, scope, row);
  if (key.type === 'dynamic') fail(b, 'KQL2005', 'partition by needs a scalar column, not dynamic', op.by.span);
  const inner = scope.child();
  inner.set(MVAPPLY_INPUT, { kind: 'tabular', plan: { k: 'mvapplyInput', schema: inp.schema, span: op.span } });
  const sub = b.bindTabular(op.subquery, inner);
  return { k: 'partition', input: inp, key, sub, schema: sub.schema, span: op.span } as Plan;
}
