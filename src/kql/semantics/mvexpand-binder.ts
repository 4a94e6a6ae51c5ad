// `mv-expand`: each listed dynamic array/bag expands to one row per element, several columns in parallel.
import type { Operator } from '../syntax/ast.js';
import type { ColumnSchema, ScalarType } from '../types/index.js';
import type { Plan } from './bound.js';
import type { Binder } from './binder.js';
import { bindExpr, fail, lit, type RowContext } from './expr-binder.js';
import { derivedName } from './naming.js';
import { paramValue } from './operator-binder.js';
import type { Scope } from './scope.js';

export function bindMvExpand(b: Binder, inp: Plan, op: Extract<Operator, { kind: 'mv-expand' }>, scope: Scope, row: RowContext): Plan {
  const bag = paramValue(op.params, 'bagexpansion') ?? paramValue(op.params, 'kind') ?? 'bag';
  const indexColumn = paramValue(op.params, 'with_itemindex');
  const schema: ColumnSchema[] = [...inp.schema];
  const items: { name: string; expr: ReturnType<typeof bindExpr>; toType?: ScalarType }[] = [];
  for (const it of op.items) {
    const expr = bindExpr(b, it.expr, scope, row);
    if (expr.type !== 'dynamic') fail(b, 'KQL2005', `mv-expand needs a dynamic array or property bag, but this expression is ${expr.type}`, it.expr.span);
    const name = it.name ?? derivedName(it.expr);
    if (!name) fail(b, 'KQL2008', 'mv-expand of an expression needs a column name: name = expression', it.span);
    const type: ScalarType = it.toType ?? 'dynamic';
    const at = schema.findIndex((c) => c.name === name);
    if (at >= 0) schema[at] = { name: name!, type };
    else schema.push({ name: name!, type });
    items.push({ name: name!, expr, ...(it.toType ? { toType: it.toType } : {}) });
  }
  if (indexColumn) schema.push({ name: indexColumn, type: 'long' });
  let limit = op.limit ? bindExpr(b, op.limit, scope, { columns: null }) : undefined;
  if (limit && limit.type !== 'long' && limit.type !== 'int') fail(b, 'KQL2005', 'mv-expand limit must be an integer', op.limit!.span);
  if (!limit) limit = undefined;
  void lit;
  const plan = { k: 'mvexpand', input: inp, items, bagAsArray: bag === 'array', schema, span: op.span } as Plan & { k: 'mvexpand' };
  if (indexColumn) plan.indexColumn = indexColumn;
  if (limit) plan.limit = limit;
  return plan;
}
