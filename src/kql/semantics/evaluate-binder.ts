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

/** Data-derived columns beyond this are refused rather than building an unusably wide table. */
const MAX_DATA_COLUMNS = 10_000;

export function bindEvaluate(b: Binder, inp: Plan, op: EvalOp, scope: Scope, row: RowContext): Plan {
  switch (op.call.name) {
    case 'bag_unpack': return bindBagUnpack(b, inp, op, scope, row);
    case 'pivot': return bindPivot(b, inp, op, scope, row);
    case 'ipv4_lookup': case 'ipv6_lookup': return bindIpLookup(b, inp, op, scope, row);
    case 'schema_merge': return bindSchemaMerge(b, inp, op, scope);
    case 'dcount_intersect': {
      if (op.call.args.length < 2 || op.call.args.length > 16) fail(b, 'KQL2004', 'dcount_intersect() takes 2 to 16 hll values', op.call.span);
      const sketches = op.call.args.map((a) => bindExpr(b, a, scope, row));
      if (sketches.some((x) => x.type !== 'dynamic')) fail(b, 'KQL2005', 'dcount_intersect() takes hll (dynamic) values', op.call.span);
      const schema: ColumnSchema[] = [...inp.schema, ...sketches.map((_, i) => ({ name: `s${i}`, type: 'long' as const }))];
      return { k: 'dcountintersect', input: inp, sketches, schema, span: op.span } as Plan;
    }
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
    if (byKey.size > MAX_DATA_COLUMNS) fail(b, 'KQL2008', `bag_unpack would create ${byKey.size} columns (more than ${MAX_DATA_COLUMNS})`, op.call.span);
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

/** ipv4_lookup(LookupTable, SourceIP, RangeColumn [, return_unmatched]): input columns, then the lookup's. */
function bindIpLookup(b: Binder, inp: Plan, op: EvalOp, scope: Scope, row: RowContext): Plan {
  const [tableArg, ipArg, rangeArg, unmatchedArg] = op.call.args;
  if (!tableArg || !ipArg || !rangeArg) return fail(b, 'KQL2004', `${op.call.name}() needs (lookup table, IP column, range column)`, op.call.span);
  const lookup = b.bindTabular(tableArg, scope);
  const ip = bindExpr(b, ipArg, scope, row);
  if (ip.type !== 'string') fail(b, 'KQL2005', `${op.call.name}(): the IP column must be a string, got ${ip.type}`, ipArg.span);
  const rangeColumn = rangeArg.kind === 'Name' ? rangeArg.name : undefined;
  const rc = lookup.schema.find((c) => c.name === rangeColumn);
  if (!rc || rc.type !== 'string') fail(b, 'KQL2002', `${op.call.name}(): the range argument must be a string column of the lookup table`, rangeArg.span);
  const named = op.call.named?.find((n) => n.name === 'return_unmatched')?.value ?? unmatchedArg;
  const unmatched = named ? constValue(bindExpr(b, named, scope, { columns: null })) === true : false;
  const taken = new Set(inp.schema.map((c) => c.name));
  const right = lookup.schema.map((c) => {
    let name = c.name;
    for (let k = 1; taken.has(name); k++) name = `${c.name}${k}`;
    taken.add(name);
    return { name, type: c.type };
  });
  return { k: 'iplookup', input: inp, lookup, ip, rangeColumn: rangeColumn!, v6: op.call.name === 'ipv6_lookup', unmatched, schema: [...inp.schema, ...right], span: op.span } as Plan;
}

/** schema_merge([PreserveOrder]): the input must have getschema's columns. */
function bindSchemaMerge(b: Binder, inp: Plan, op: EvalOp, scope: Scope): Plan {
  const want = ['ColumnName', 'ColumnOrdinal', 'DataType', 'ColumnType'];
  if (want.some((n) => !inp.schema.some((c) => c.name === n))) fail(b, 'KQL2008', 'schema_merge() needs getschema output (ColumnName, ColumnOrdinal, DataType, ColumnType)', op.call.span);
  const arg = op.call.named?.find((n) => n.name === 'PreserveOrder')?.value ?? op.call.args[0];
  const preserveOrder = arg ? constValue(bindExpr(b, arg, scope, { columns: null })) !== false : true;
  const schema: ColumnSchema[] = [
    { name: 'ColumnName', type: 'string' }, { name: 'ColumnOrdinal', type: 'long' }, { name: 'DataType', type: 'string' }, { name: 'ColumnType', type: 'string' },
  ];
  return { k: 'schemamerge', input: inp, preserveOrder, schema, span: op.span } as Plan;
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
  if (values.length > MAX_DATA_COLUMNS) fail(b, 'KQL2008', `pivot would create ${values.length} columns (more than ${MAX_DATA_COLUMNS})`, op.call.span);
  const valueType = sub.schema[sub.schema.length - 1]!.type;
  const schema: ColumnSchema[] = [...sub.schema.slice(0, keyCount), ...values.map((v) => ({ name: v, type: valueType }))];
  return { k: 'pivot', input: sub, keyCount, values, schema, span: op.span } as Plan;
}
