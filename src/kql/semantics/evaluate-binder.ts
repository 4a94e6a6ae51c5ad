// `evaluate plugin(...)`: the plugins kqlite runs (bag_unpack, pivot). Their output columns depend on the data,
// so the binder asks the engine to evaluate the input (BindOptions.evalColumn); an explicit output schema
// (`: (a:long, *)`) is used when given. Other plugins get KQL2011 naming them.
import { diag } from '../text/index.js';
import type { AssignItem, Expr, Operator } from '../syntax/ast.js';
import type { ColumnSchema, DynamicValue, ScalarType, Value } from '../types/index.js';
import type { BExpr, Plan } from './bound.js';
import type { Binder } from './binder.js';
import { bindExpr, constValue, fail, type RowContext } from './expr-binder.js';
import { derivedName } from './naming.js';
import type { Scope } from './scope.js';
import { bindSummarize } from './summarize-binder.js';

type EvalOp = Extract<Operator, { kind: 'evaluate' }>;

export function bindEvaluate(b: Binder, inp: Plan, op: EvalOp, scope: Scope, row: RowContext): Plan {
  switch (op.call.name) {
    case 'bag_unpack': return bindBagUnpack(b, inp, op, scope, row);
    case 'pivot': return bindPivot(b, inp, op, scope, row);
    default: return fail(b, 'KQL2011', `plugin '${op.call.name}' is not supported yet`, op.call.nameSpan);
  }
}

function dataValues(b: Binder, inp: Plan, e: BExpr, op: EvalOp): Value[] | undefined {
  if (b.opts.evalColumn) return b.opts.evalColumn(inp, e);
  b.diagnostics.push(diag('KQL2017', `the columns '${op.call.name}' adds depend on the data; they are not known when only analyzing the query`, op.call.nameSpan, 'warning'));
  return undefined;
}

/** The narrowest scalar type holding every value (dynamic when mixed or nested). */
function inferType(vals: DynamicValue[]): ScalarType {
  const present = vals.filter((v) => v !== null && v !== undefined);
  if (!present.length) return 'dynamic';
  if (present.every((v) => typeof v === 'string')) return 'string';
  if (present.every((v) => typeof v === 'boolean')) return 'bool';
  if (present.every((v) => typeof v === 'number' && Number.isInteger(v))) return 'long';
  if (present.every((v) => typeof v === 'number')) return 'real';
  return 'dynamic';
}

function bindBagUnpack(b: Binder, inp: Plan, op: EvalOp, scope: Scope, row: RowContext): Plan {
  const [colArg, prefixArg] = op.call.args;
  if (!colArg) return fail(b, 'KQL2004', 'bag_unpack() needs the dynamic column to unpack', op.call.span);
  const column = bindExpr(b, colArg, scope, row);
  if (column.type !== 'dynamic') fail(b, 'KQL2005', `bag_unpack() unpacks a dynamic column, but this is ${column.type}`, colArg.span);
  const named = new Map((op.call.named ?? []).map((n) => [n.name, bindExpr(b, n.value, scope, { columns: null })]));
  const prefix = String(constValue(named.get('OutputColumnPrefix') ?? (prefixArg ? bindExpr(b, prefixArg, scope, { columns: null }) : { k: 'lit', type: 'string', value: '' })) ?? '');
  const conflict = String(constValue(named.get('columnsConflict') ?? { k: 'lit', type: 'string', value: 'error' }) ?? 'error');
  const ignored = constValue(named.get('ignoredProperties') ?? { k: 'lit', type: 'dynamic', value: [] });
  const ignore = new Set(Array.isArray(ignored) ? ignored.map(String) : []);
  const colName = colArg.kind === 'Name' ? colArg.name : undefined;
  const keptCols = inp.schema.filter((c) => c.name !== colName);
  let unpackCols: { name: string; key: string; type: ScalarType }[] = [];
  if (op.outSchema && !op.outSchema.some((c) => c.name === '*')) {
    const keptNames = new Set(keptCols.map((c) => c.name));
    unpackCols = op.outSchema.filter((c) => !keptNames.has(c.name)).map((c) => ({ name: c.name, key: c.name.slice(prefix.length), type: c.type }));
  } else {
    const vals = dataValues(b, inp, column, op) ?? [];
    const byKey = new Map<string, DynamicValue[]>();
    for (const v of vals) {
      if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
      for (const [k, x] of Object.entries(v as Record<string, DynamicValue>)) if (!ignore.has(k)) (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(x);
    }
    unpackCols = [...byKey.keys()].sort().map((k) => ({ name: prefix + k, key: k, type: inferType(byKey.get(k)!) }));
  }
  let kept = keptCols;
  const clash = unpackCols.filter((u) => kept.some((k) => k.name === u.name));
  if (clash.length) {
    if (conflict === 'replace_source') kept = kept.filter((k) => !clash.includes(unpackCols.find((u) => u.name === k.name)!));
    else if (conflict === 'keep_source') unpackCols = unpackCols.filter((u) => !clash.includes(u));
    else fail(b, 'KQL2009', `bag_unpack(): column '${clash[0]!.name}' already exists (use columnsConflict='replace_source' or 'keep_source')`, op.call.span);
  }
  const schema: ColumnSchema[] = [...kept, ...unpackCols.map((u) => ({ name: u.name, type: u.type }))];
  return { k: 'bagunpack', input: inp, column, kept: kept.map((c) => c.name), unpack: unpackCols.map((u) => ({ name: u.name, key: u.key })), schema, span: op.span } as Plan;
}

function bindPivot(b: Binder, inp: Plan, op: EvalOp, scope: Scope, row: RowContext): Plan {
  const [pivotArg, aggArg, ...byArgs] = op.call.args;
  if (!pivotArg) return fail(b, 'KQL2004', 'pivot() needs the column whose values become columns', op.call.span);
  const pivotName = derivedName(pivotArg);
  const aggExpr: Expr = aggArg ?? { kind: 'Call', name: 'count', nameSpan: op.call.nameSpan, args: [], span: op.call.nameSpan };
  const used = new Set<string>();
  const collect = (e: Expr): void => {
    if (e.kind === 'Name') used.add(e.name);
    if (e.kind === 'Call') e.args.forEach(collect);
    if (e.kind === 'Binary') { collect(e.left); collect(e.right); }
  };
  collect(aggExpr);
  const byItems: AssignItem[] = byArgs.length
    ? byArgs.map((e) => ({ expr: e, span: e.span }))
    : inp.schema.filter((c) => c.name !== pivotName && !used.has(c.name)).map((c) => ({ expr: { kind: 'Name', name: c.name, span: op.call.span } as Expr, span: op.call.span }));
  const pivotItem: AssignItem = { names: ['\u0000pivot'], expr: { kind: 'Call', name: 'tostring', nameSpan: pivotArg.span, args: [pivotArg], span: pivotArg.span }, span: pivotArg.span };
  const sub = bindSummarize(b, inp, [{ names: ['\u0000value'], expr: aggExpr, span: aggExpr.span }], [...byItems, pivotItem], scope, row, op.span);
  const keyCount = byItems.length;
  const pivotValues = dataValues(b, inp, bindExpr(b, pivotItem.expr, scope, row), op) ?? [];
  const values = [...new Set(pivotValues.map((v) => String(v ?? '')))].sort();
  const valueType = sub.schema[sub.schema.length - 1]!.type;
  const schema: ColumnSchema[] = [...sub.schema.slice(0, keyCount), ...values.map((v) => ({ name: v, type: valueType }))];
  return { k: 'pivot', input: sub, keyCount, values, schema, span: op.span } as Plan;
}
