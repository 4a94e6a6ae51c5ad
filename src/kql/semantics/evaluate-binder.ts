// `evaluate plugin(...)`: the plugins kqlite runs (bag_unpack, pivot, ipv4/6_lookup, schema_merge,
// dcount_intersect; user analytics: activity_*, active_users_count, …). Their output columns depend on the data,
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
    case 'bag_unpack': case 'pivot': {
      const p = op.call.name === 'bag_unpack' ? bindBagUnpack(b, inp, op, scope, row) : bindPivot(b, inp, op, scope, row);
      // analyzing without data (and without an explicit output schema): the added columns are unknown
      if (!b.opts.evalColumn && !op.outSchema) p.open = true;
      return p;
    }
    case 'ipv4_lookup': case 'ipv6_lookup': return bindIpLookup(b, inp, op, scope, row);
    case 'schema_merge': return bindSchemaMerge(b, inp, op, scope);
    case 'dcount_intersect': {
      if (op.call.args.length < 2 || op.call.args.length > 16) fail(b, 'KQL2004', 'dcount_intersect() takes 2 to 16 hll values', op.call.span);
      const sketches = op.call.args.map((a) => bindExpr(b, a, scope, row));
      if (sketches.some((x) => x.type !== 'dynamic')) fail(b, 'KQL2005', 'dcount_intersect() takes hll (dynamic) values', op.call.span);
      const schema: ColumnSchema[] = [...inp.schema, ...sketches.map((_, i) => ({ name: `s${i}`, type: 'long' as const }))];
      return { k: 'dcountintersect', input: inp, sketches, schema, span: op.span } as Plan;
    }
    case 'activity_counts_metrics': case 'activity_metrics': case 'new_activity_metrics': case 'active_users_count':
    case 'sliding_window_counts': case 'activity_engagement': case 'rolling_percentile':
      return bindActivity(b, inp, op, scope, row);
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

// ---------- user analytics: activity_*, active_users_count, sliding_window_counts, rolling_percentile ----------
// The input's distinct rows (summarize by the plugin's columns, with a count) feed one `plugin` plan node; the
// engine runs the plugin's computation (kernel "evaluate <name>", engine/functions/series-plugins.ts) on them and
// types the output rows by the schema bound here.

/** Constant-argument counts each plugin accepts after (IdColumn, TimelineColumn). */
const ACTIVITY_CONSTS: Record<string, number[]> = {
  activity_counts_metrics: [3], activity_metrics: [1, 3], new_activity_metrics: [3, 4], active_users_count: [6],
  sliding_window_counts: [4], activity_engagement: [2, 4],
};
const TIMELINE_TYPES: ReadonlySet<ScalarType> = new Set(['datetime', 'timespan', 'int', 'long', 'real', 'decimal']);
const NUL = '\u0000';

function bindActivity(b: Binder, inp: Plan, op: EvalOp, scope: Scope, row: RowContext): Plan {
  const name = op.call.name, args = op.call.args, span = op.call.span;
  const isCol = (e: Expr) => e.kind === 'Name' && inp.schema.some((c) => c.name === e.name);
  const scalar = (e: Expr) => bindExpr(b, e, scope, { columns: null });
  const nul: BExpr = { k: 'lit', type: 'dynamic', value: null };
  const column = (e: Expr | undefined, what: string): BExpr => {
    if (!e || !isCol(e)) return fail(b, 'KQL2005', `${name}(): ${what} must be a column of the input`, e?.span ?? span);
    const x = bindExpr(b, e, scope, row);
    if (x.type === 'dynamic') fail(b, 'KQL2005', `${name}(): ${what} cannot be dynamic (convert it with tostring() first)`, e.span);
    return x;
  };
  const timeline = (e: Expr | undefined, what: string): BExpr => {
    const t = column(e, what);
    if (!TIMELINE_TYPES.has(t.type)) fail(b, 'KQL2005', `${name}(): ${what} must be a datetime, timespan or number column, not ${t.type}`, e!.span);
    return t;
  };
  const named = (e: Expr, fallback: string) => derivedName(e) ?? fallback;
  if (name === 'rolling_percentile') {
    const [valArg, pctArg, idxArg, sizeArg, perArg, ...dimArgs] = args;
    if (!perArg) return fail(b, 'KQL2004', 'rolling_percentile() needs (ValueColumn, Percentile, IndexColumn, BinSize, BinsPerWindow [, dim…])', span);
    const value = column(valArg, 'ValueColumn');
    if (!TIMELINE_TYPES.has(value.type)) fail(b, 'KQL2005', `rolling_percentile(): ValueColumn must be numeric, datetime or timespan, not ${value.type}`, valArg!.span);
    const index = timeline(idxArg, 'IndexColumn');
    const [pct, size, per] = [scalar(pctArg!), scalar(sizeArg!), scalar(perArg)];
    const dims = dimArgs.map((d) => column(d, 'a dimension'));
    const bin: BExpr = { k: 'call', type: index.type === 'int' ? 'long' : index.type, fn: 'bin', args: [index, size], span };
    const label = (e: BExpr) => { const v = constValue(e); return v === undefined || v === null ? '0' : String(v); };
    const schema: ColumnSchema[] = [
      { name: named(idxArg!, 'Timestamp'), type: bin.type }, ...dims.map((d, i) => ({ name: named(dimArgs[i]!, `dim${i}`), type: d.type })),
      { name: `rolling_${label(per)}_percentile_${named(valArg!, 'value')}_${label(pct)}`, type: value.type },
    ];
    const params: BExpr[] = [{ k: 'lit', type: 'string', value: bin.type }, { k: 'lit', type: 'string', value: value.type }, pct, size, per];
    return composePlugin(inp, name, [value, bin], dims, params, schema, op.span, span);
  }
  const [idArg, tlArg, ...rest] = args;
  const id = column(idArg, 'IdColumn');
  const tl = timeline(tlArg, 'TimelineColumn');
  let i = 0;
  const consts: Expr[] = [];
  while (i < rest.length && !isCol(rest[i]!) && !b.isTabular(rest[i]!, scope, inp.schema)) consts.push(rest[i++]!);
  const dimArgs: Expr[] = [];
  while (i < rest.length && isCol(rest[i]!)) dimArgs.push(rest[i++]!);
  const lookbackArg = name === 'new_activity_metrics' && i === rest.length - 1 ? rest[i++] : undefined;
  if (i < rest.length) fail(b, 'KQL2005', `${name}(): unexpected argument (dimensions must be columns of the input)`, rest[i]!.span);
  if (!ACTIVITY_CONSTS[name]!.includes(consts.length)) {
    fail(b, 'KQL2004', `${name}() takes ${ACTIVITY_CONSTS[name]!.join(' or ')} scalar arguments after (IdColumn, TimelineColumn), got ${consts.length}`, span);
  }
  const c = consts.map(scalar);
  const dims = dimArgs.map((d) => column(d, 'a dimension'));
  const tlName = named(tlArg!, 'Timestamp');
  const dimCols = dims.map((d, k) => ({ name: named(dimArgs[k]!, `dim${k}`), type: d.type }));
  const head: ColumnSchema[] = [{ name: tlName, type: tl.type }, ...dimCols];
  const long = (n: string): ColumnSchema => ({ name: n, type: 'long' });
  const real = (n: string): ColumnSchema => ({ name: n, type: 'real' });
  let params: BExpr[];
  let schema: ColumnSchema[];
  switch (name) {
    case 'activity_counts_metrics':
      params = c; schema = [...head, long('count'), long('dcount'), long('new_dcount'), long('aggregated_dcount')]; break;
    case 'activity_metrics':
      params = c.length === 1 ? [nul, nul, c[0]!] : c;
      schema = [...head, long('dcount_values'), long('dcount_newvalues'), real('retention_rate'), real('churn_rate')]; break;
    case 'active_users_count':
      params = c; schema = [...head, long('dcount')]; break;
    case 'sliding_window_counts':
      params = c; schema = [...head, long('Count'), long('dcount')]; break;
    case 'activity_engagement':
      params = c.length === 2 ? [nul, nul, ...c] : c;
      schema = [...head, long('dcount_activities_inner'), long('dcount_activities_outer'), real('activity_ratio')]; break;
    default: {
      let lookback: BExpr = nul;
      if (lookbackArg) {
        const lb = b.bindTabular(lookbackArg, scope);
        const idName = named(idArg!, '');
        const lc = lb.schema.find((x) => x.name === idName);
        if (!lc) fail(b, 'KQL2002', `new_activity_metrics(): the lookback table has no column '${idName}'`, lookbackArg.span);
        const ids = { k: 'summarize', input: lb, keys: [], aggs: [{ fn: 'make_set', args: [{ k: 'col', name: idName, type: lc!.type }], names: [`${NUL}ids`], types: ['dynamic'], span }], schema: [{ name: `${NUL}ids`, type: 'dynamic' }], span } as Plan;
        lookback = { k: 'scalar', type: 'dynamic', plan: ids };
      }
      params = [c[0]!, c[1]!, c[2]!, c[3] ?? nul, lookback];
      schema = [{ name: `from_${tlName}`, type: tl.type }, { name: `to_${tlName}`, type: tl.type }, ...dimCols,
        long('dcount_new_values'), long('dcount_retained_values'), long('dcount_churn_values'), real('retention_rate'), real('churn_rate')];
    }
  }
  // windowed plugins only need each row's window: filter to Start..End and bin first (far fewer distinct rows)
  const [start, end, step] = [params[0]!, params[1]!, params[name === 'sliding_window_counts' ? 3 : 2]!];
  if (name !== 'active_users_count' && name !== 'activity_engagement' && start !== nul && end !== nul && comparableTime(tl.type, start.type) && comparableTime(tl.type, end.type)) {
    const cmp = (o: string, r: BExpr): BExpr => ({ k: 'op', type: 'bool', op: o, args: [tl, r], span });
    const kept = { k: 'where', input: { k: 'where', input: inp, pred: cmp('>=', start), schema: inp.schema, span: op.span }, pred: cmp('<=', end), schema: inp.schema, span: op.span } as Plan;
    const cal = constValue(step);
    const binType: ScalarType = tl.type === 'int' ? 'long' : tl.type;
    const binned: BExpr | undefined = typeof cal === 'string'
      ? (tl.type === 'datetime' && ['week', 'month', 'year'].includes(cal.trim().toLowerCase()) ? { k: 'call', type: 'datetime', fn: `startof${cal.trim().toLowerCase()}`, args: [tl], span } : undefined)
      : step.type !== 'string' ? { k: 'call', type: binType, fn: 'bin_at', args: [tl, step, start], span } : undefined;
    if (binned) return composePlugin(kept, name, [id, binned], dims, [{ k: 'lit', type: 'string', value: binType }, ...params], schema, op.span, span);
  }
  return composePlugin(inp, name, [id, tl], dims, [{ k: 'lit', type: 'string', value: tl.type }, ...params], schema, op.span, span);
}

const NUMERIC_TIME: ReadonlySet<ScalarType> = new Set(['int', 'long', 'real', 'decimal']);
/** Whether a timeline column compares with a Start/End argument (same type, or both numbers). */
function comparableTime(a: ScalarType, b: ScalarType): boolean {
  return a === b || (NUMERIC_TIME.has(a) && NUMERIC_TIME.has(b));
}

/** params[0] is the timeline type. input → distinct (keys, dims) with counts → plugin node (kernel → typed rows). */
function composePlugin(inp: Plan, fn: string, keys: BExpr[], dims: BExpr[], params: BExpr[], schema: ColumnSchema[], opSpan: Plan['span'], span: Plan['span']): Plan {
  const P = (body: object, sch: ColumnSchema[]): Plan => ({ ...body, schema: sch, span: opSpan }) as Plan;
  const keyItems = [...keys, ...dims].map((e, i) => ({ name: `${NUL}k${i}`, expr: e }));
  // the distinct (keys…, dims…) rows with their counts: the engine's summarize does the heavy lifting
  const pre = P({ k: 'summarize', input: inp, keys: keyItems, aggs: [{ fn: 'count', args: [], names: [`${NUL}n`], types: ['long'], span }] },
    [...keyItems.map((k) => ({ name: k.name, type: k.expr.type })), { name: `${NUL}n`, type: 'long' }]);
  const kernelParams: BExpr[] = [params[0]!, { k: 'lit', type: 'int', value: dims.length }, ...params.slice(1)];
  return P({ k: 'plugin', input: pre, fn, params: kernelParams }, schema);
}
