// `make-series aggs [default=v] on axis [from a] [to b] step s [by keys]`: one row per key group with each
// aggregate as a dynamic array over the axis bins, then the axis itself (schema as Microsoft's analyzer).
import type { AssignItem, Operator } from '../syntax/ast.js';
import type { ColumnSchema } from '../types/index.js';
import type { BExpr, Plan } from './bound.js';
import type { Binder } from './binder.js';
import { bindExpr, fail, lit, type RowContext } from './expr-binder.js';
import { derivedName } from './naming.js';
import { paramValue } from './operator-binder.js';
import type { Scope } from './scope.js';
import { bindSummarize } from './summarize-binder.js';

/** Hidden column holding each row's bin start. */
export const SERIES_BIN = '\u0000bin';

const AXIS_TYPES = new Set(['datetime', 'timespan', 'int', 'long', 'real', 'decimal']);

export function bindMakeSeries(b: Binder, inp: Plan, op: Extract<Operator, { kind: 'make-series' }>, scope: Scope, row: RowContext): Plan {
  const on = bindExpr(b, op.on, scope, row);
  if (!AXIS_TYPES.has(on.type)) fail(b, 'KQL2005', `make-series needs a datetime, timespan or numeric axis, but 'on' is ${on.type}`, op.on.span);
  const axis = derivedName(op.on);
  if (!axis) fail(b, 'KQL2008', 'make-series: the axis (on …) must be a column', op.on.span);
  const constant = (e: typeof op.step | undefined): BExpr | undefined => (e ? bindExpr(b, e, scope, { columns: null }) : undefined);
  const step = constant(op.step)!;
  const from = constant(op.from);
  const to = constant(op.to);
  const binSchema: ColumnSchema[] = [...inp.schema, { name: SERIES_BIN, type: on.type }];
  const placeholder = { k: 'mvapplyInput', schema: binSchema, span: op.span } as Plan;
  const binItem: AssignItem = { names: [SERIES_BIN], expr: { kind: 'Name', name: SERIES_BIN, span: op.on.span }, span: op.on.span };
  const sub = bindSummarize(b, placeholder, op.aggs, [...op.by, binItem], scope, { columns: binSchema }, op.span);
  const keyCount = op.by.length;
  const keys = sub.schema.slice(0, keyCount);
  const aggCols = sub.schema.slice(keyCount + 1);
  const defaults = op.defaults.map((d) => (d ? bindExpr(b, d, scope, { columns: null }) : lit('long', 0n)));
  const schema: ColumnSchema[] = [...keys, ...aggCols.map((c) => ({ name: c.name, type: 'dynamic' as const })), { name: axis!, type: 'dynamic' }];
  const kind = paramValue(op.params, 'kind');
  const plan = { k: 'makeseries', input: inp, on, sub, keyCount, defaults, step, nonempty: kind === 'nonempty', schema, span: op.span } as Plan & { k: 'makeseries' };
  if (from) plan.from = from;
  if (to) plan.to = to;
  return plan;
}
