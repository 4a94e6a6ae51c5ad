// Binding of scalar expressions: names to columns or let variables, calls to signatures, operators to types.
import { diag, type Diagnostic, type Span } from '../text/index.js';
import type { CallExpr, Expr } from '../syntax/ast.js';
import { parse } from '../syntax/parser.js';
import type { ColumnSchema, ScalarType, Value } from '../types/index.js';
import type { BExpr, BListItem, Plan, RowFunction } from './bound.js';
import { lookupAggregate, lookupScalarFunction } from './functions/index.js';
import { arithmeticType, comparable, STRING_OPERATORS } from './operators.js';
import type { Scope } from './scope.js';

export class BindError extends Error {}

const ROW_FUNCTIONS: ReadonlySet<string> = new Set(['row_number', 'prev', 'next', 'row_cumsum', 'row_rank_dense', 'row_rank_min', 'row_window_session']);

/** What the expression binder needs from the statement/tabular binder. */
export interface ExprHost {
  diagnostics: Diagnostic[];
  /** Binds a tabular expression (subquery in toscalar, in (T), …). */
  bindTabular(e: Expr, scope: Scope): Plan;
  /** Is this expression tabular (a subquery)? */
  isTabular(e: Expr, scope: Scope, row: readonly ColumnSchema[] | null): boolean;
  /** Inline a user function call; returns the bound scalar result. */
  callUserScalar(call: CallExpr, scope: Scope, row: RowContext): BExpr;
  /** `set` options of the statements bound so far (bin_auto reads query_bin_auto_size/_at). */
  readonly setOptions?: Readonly<Record<string, string | undefined>>;
}

export interface RowContext {
  /** Columns in scope (null: no row, e.g. print or a let). */
  columns: readonly ColumnSchema[] | null;
  /** join conditions: $left/$right schemas */
  left?: readonly ColumnSchema[];
  right?: readonly ColumnSchema[];
  /** Aggregates allowed (summarize) — the callback binds them. */
  aggregate?: (call: CallExpr, row: RowContext) => BExpr;
  /** serialized input: row_number/prev/next allowed */
  serialized?: boolean;
  /** The input may have columns beyond `columns` (analysis after bag_unpack/pivot): unknown names are dynamic. */
  open?: boolean;
}

export function fail(host: ExprHost, code: string, message: string, span: Span): never {
  host.diagnostics.push(diag(code, message, span));
  throw new BindError(message);
}

export function lit(type: ScalarType, value: Value): BExpr {
  return { k: 'lit', type, value };
}

export function isConst(e: BExpr): boolean {
  return e.k === 'lit';
}

export function constValue(e: BExpr): Value | undefined {
  return e.k === 'lit' ? e.value : undefined;
}

function findColumn(cols: readonly ColumnSchema[] | null | undefined, name: string): ColumnSchema | undefined {
  if (!cols) return undefined;
  for (const c of cols) if (c.name === name) return c;
  return undefined;
}

export function bindExpr(host: ExprHost, e: Expr, scope: Scope, row: RowContext): BExpr {
  switch (e.kind) {
    case 'Literal': return lit(e.type, e.value as Value);
    case 'Paren': return bindExpr(host, e.expr, scope, row);
    case 'Name': {
      const col = findColumn(row.columns, e.name);
      if (col) return { k: 'col', type: col.type, name: col.name };
      const b = scope.get(e.name);
      if (b?.kind === 'scalar') return b.expr;
      if (b?.kind === 'tabular') fail(host, 'KQL2007', `'${e.name}' is a tabular expression and cannot be used as a scalar value here`, e.span);
      // a function without parameters may be referenced without () (Kusto allows `let f = () {…}; print f`)
      if (b?.kind === 'function' && b.params.every((p) => p.default)) return host.callUserScalar({ kind: 'Call', name: e.name, nameSpan: e.span, args: [], span: e.span }, scope, row);
      if (b?.kind === 'function') fail(host, 'KQL2007', `'${e.name}' is a function; call it with ()`, e.span);
      if (e.name === '$left' || e.name === '$right') fail(host, 'KQL2002', `${e.name} can only be used in join conditions`, e.span);
      // only when analyzing: a plugin's data-derived columns are unknown, so an unknown name may be one of them
      if (row.open && row.columns) return { k: 'col', type: 'dynamic', name: e.name };
      return fail(host, 'KQL2002', `The name '${e.name}' does not refer to any known column, table, variable or function`, e.span);
    }
    case 'Member': {
      if (e.target.kind === 'Name' && (e.target.name === '$left' || e.target.name === '$right') && (row.left || row.right)) {
        const side = e.target.name === '$left' ? row.left : row.right;
        const col = findColumn(side, e.name);
        if (!col) fail(host, 'KQL2002', `The name '${e.name}' does not refer to any column of the ${e.target.name === '$left' ? 'left' : 'right'} side of the join`, e.span);
        return { k: 'col', type: col!.type, name: `${e.target.name}.${col!.name}` };
      }
      const target = bindExpr(host, e.target, scope, row);
      if (target.type !== 'dynamic') fail(host, 'KQL2005', `'.${e.name}' needs a dynamic value, but the expression is ${target.type}`, e.span);
      return { k: 'get', type: 'dynamic', target, key: lit('string', e.name) };
    }
    case 'Index': {
      const target = bindExpr(host, e.target, scope, row);
      if (target.type !== 'dynamic') fail(host, 'KQL2005', `indexing needs a dynamic value, but the expression is ${target.type}`, e.span);
      const key = bindExpr(host, e.index, scope, row);
      return { k: 'get', type: 'dynamic', target, key };
    }
    case 'Unary': {
      const a = bindExpr(host, e.operand, scope, row);
      if (!['int', 'long', 'real', 'decimal', 'timespan', 'dynamic'].includes(a.type)) fail(host, 'KQL2005', `unary '${e.op}' cannot be applied to ${a.type}`, e.span);
      if (e.op === '+') return a;
      return { k: 'op', type: a.type === 'dynamic' ? 'real' : a.type, op: 'neg', args: [a], span: e.span };
    }
    case 'Binary':
      if (e.left.kind === 'Star' && STRING_OPERATORS.has(e.op)) return bindExpr(host, anyColumn(e, row), scope, row);
      return bindBinary(host, e.op, e.left, e.right, e.span, scope, row);
    case 'Between': {
      const x = bindExpr(host, e.expr, scope, row);
      const lo = bindExpr(host, e.low, scope, row);
      let hi = bindExpr(host, e.high, scope, row);
      if (x.type === 'datetime' && hi.type === 'timespan') hi = { k: 'op', type: 'datetime', op: '+', args: [lo, hi], span: e.high.span };
      if (!comparable(x.type, lo.type, '<') || !comparable(x.type, hi.type, '<')) fail(host, 'KQL2005', `between cannot compare ${x.type} with ${lo.type} .. ${hi.type}`, e.span);
      return { k: 'op', type: 'bool', op: e.negated ? '!between' : 'between', args: [x, lo, hi], span: e.span };
    }
    case 'ListOp': {
      const left = bindExpr(host, e.left, scope, row);
      const items: BListItem[] = e.items.map((it) => (host.isTabular(it, scope, row.columns)
        ? { k: 'plan', plan: host.bindTabular(it, scope) }
        : { k: 'expr', expr: bindExpr(host, it, scope, row) }));
      return { k: 'list', type: 'bool', op: e.op, left, items, span: e.span };
    }
    case 'Call': return bindCall(host, e, scope, row);
    case 'Typeof': return lit('string', typeof e.type === 'string' ? e.type : 'dynamic');
    case 'Star': return fail(host, 'KQL2008', "'*' is not allowed here", e.span);
    case 'Error': throw new BindError('syntax error');
    default:
      return fail(host, 'KQL2007', `a tabular expression (${e.kind.toLowerCase()}) cannot be used as a scalar value here; wrap it in toscalar()`, e.span);
  }
}

function bindBinary(host: ExprHost, op: string, le: Expr, re: Expr, span: Span, scope: Scope, row: RowContext): BExpr {
  const l = bindExpr(host, le, scope, row);
  const r = bindExpr(host, re, scope, row);
  if (op === 'and' || op === 'or') {
    for (const [x, ex] of [[l, le], [r, re]] as const) {
      if (x.type !== 'bool' && x.type !== 'dynamic') fail(host, 'KQL2005', `'${op}' needs bool operands, but this is ${x.type}`, ex.span);
    }
    return { k: 'op', type: 'bool', op, args: [l, r], span };
  }
  if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') {
    const t = arithmeticType(op, l.type, r.type);
    if (typeof t !== 'string') fail(host, 'KQL2005', t.error, span);
    return { k: 'op', type: t as ScalarType, op, args: [l, r], span };
  }
  if (op === '==' || op === '!=' || op === '<' || op === '>' || op === '<=' || op === '>=') {
    if (!comparable(l.type, r.type, op)) fail(host, 'KQL2005', `cannot compare ${l.type} with ${r.type} using '${op}'`, span);
    return { k: 'op', type: 'bool', op, args: [l, r], span };
  }
  if (STRING_OPERATORS.has(op)) {
    if (op === 'like' || op === 'notlike' || op === 'likecs' || op === 'notlikecs') fail(host, 'KQL2006', `operator '${op}' is not supported`, span);
    return { k: 'op', type: 'bool', op, args: [l, r], span };
  }
  return fail(host, 'KQL2006', `operator '${op}' is not supported yet`, span);
}

const TABULAR_ARG_FUNCS = new Set(['toscalar', 'materialize']);
const STAR_EXPANDS = new Set(['pack_array', 'estimate_data_size']);
/** Kusto functions kqlite knows but cannot run faithfully, and why (KQL2006 rather than "unknown function"). */
const UNSUPPORTED_FUNCTIONS: Record<string, string> = {
  hash_many: 'its hash-combining algorithm is not published', hash_combine: 'its hash-combining algorithm is not published',
  parse_version: 'it needs exact 128-bit decimals', geo_info_from_ip_address: 'it needs an IP geolocation database',
  cursor_current: 'there are no ingestion cursors offline', cursor_after: 'there are no ingestion cursors offline',
  cursor_before_or_at: 'there are no ingestion cursors offline', extent_id: 'local files have no extents',
  extent_tags: 'local files have no extents', current_node_id: 'there is no cluster node',
};

function bindCall(host: ExprHost, e: CallExpr, scope: Scope, row: RowContext): BExpr {
  const name = e.name;
  if (name === 'toscalar') {
    if (e.args.length < 1) fail(host, 'KQL2004', 'toscalar() needs one argument', e.span);
    const a = e.args[0]!;
    if (host.isTabular(a, scope, row.columns)) {
      const plan = host.bindTabular(a, scope);
      const first = plan.schema[0];
      if (!first) fail(host, 'KQL2007', 'toscalar() of a table with no columns', e.span);
      return { k: 'scalar', type: first!.type, plan };
    }
    return bindExpr(host, a, scope, { columns: null });
  }
  if (name === 'column_names_of') {
    const a = e.args[0];
    if (e.args.length !== 1 || !host.isTabular(a!, scope, row.columns)) fail(host, 'KQL2004', 'column_names_of() needs one tabular argument', e.span);
    return lit('dynamic', host.bindTabular(a!, scope).schema.map((c) => c.name));
  }
  if (name === 'bin_auto') return bindBinAuto(host, e, scope, row);
  if (name === 'bag_pack_columns') {
    // bag_pack_columns(a, b) is bag_pack("a", a, "b", b)
    const args: Expr[] = [];
    for (const a of e.args) {
      if (a.kind !== 'Name') fail(host, 'KQL2008', 'bag_pack_columns() takes column names', a.span);
      args.push({ kind: 'Literal', type: 'string', value: (a as { name: string }).name, span: a.span }, a);
    }
    return bindCall(host, { ...e, name: 'bag_pack', args }, scope, row);
  }
  if (TABULAR_ARG_FUNCS.has(name)) fail(host, 'KQL2007', `${name}() returns a table and cannot be used as a scalar value here`, e.span);
  const user = scope.get(name);
  if (user?.kind === 'function') return host.callUserScalar(e, scope, row);
  if (user?.kind === 'scalar' || user?.kind === 'tabular') fail(host, 'KQL2003', `'${name}' is not a function`, e.nameSpan);
  const agg = lookupAggregate(name);
  // hll_merge is both an aggregate (one argument, in summarize) and a scalar (several sketches)
  if (agg && (!lookupScalarFunction(name) || (row.aggregate && e.args.length === 1))) {
    if (row.aggregate) return row.aggregate(e, row);
    fail(host, 'KQL2010', `aggregate function '${name}' can only be used in summarize, make-series or similar`, e.nameSpan);
  }
  if (name === 'column_ifexists') {
    if (e.args.length !== 2) fail(host, 'KQL2004', 'column_ifexists() needs 2 arguments', e.span);
    const n = e.args[0]!;
    // the name may be a let value or function parameter bound to a constant
    const nv = constValue(bindExpr(host, n, scope, { columns: null }));
    if (typeof nv !== 'string') fail(host, 'KQL2008', 'column_ifexists() needs a constant column name', n.span);
    const col = findColumn(row.columns, String(nv));
    if (col) return { k: 'col', type: col.type, name: col.name };
    return bindExpr(host, e.args[1]!, scope, row);
  }
  if (name === 'ingestion_time') {
    const col = findColumn(row.columns, '$IngestionTime') ?? findColumn(row.columns, '_IngestionTime');
    return col ? { k: 'col', type: 'datetime', name: col.name } : lit('datetime', null);
  }
  if (name === 'pack_all') {
    const ignore = e.args[0] ? constValue(bindExpr(host, e.args[0], scope, { columns: null })) : false;
    return ignore === true ? { k: 'packall', type: 'dynamic', ignoreEmpty: true } : { k: 'packall', type: 'dynamic' };
  }
  if (ROW_FUNCTIONS.has(name)) {
    const args = e.args.map((a) => bindExpr(host, a, scope, row));
    const sig = lookupScalarFunction(name)!;
    if (args.length < sig.minArgs || args.length > sig.maxArgs) fail(host, 'KQL2004', `${name}() takes ${sig.minArgs}..${sig.maxArgs} arguments`, e.span);
    if (!row.serialized) fail(host, 'KQL2012', `${name}() needs a serialized row set: add '| serialize' or '| sort by …' before it`, e.span);
    const t = sig.returns(args.map((a) => a.type), args.map(constValue));
    if (typeof t !== 'string') fail(host, 'KQL2005', `${name}(): ${t.error}`, e.span);
    return { k: 'row', type: t, fn: name as RowFunction, args, span: e.span };
  }
  const sig = lookupScalarFunction(name);
  if (!sig) {
    if (agg) fail(host, 'KQL2010', `aggregate function '${name}' can only be used in summarize`, e.nameSpan);
    const why = UNSUPPORTED_FUNCTIONS[name];
    if (why) return fail(host, 'KQL2006', `function '${name}' is not supported: ${why}`, e.nameSpan);
    return fail(host, 'KQL2003', `Unknown function: '${name}'`, e.nameSpan);
  }
  if (e.named?.length) fail(host, 'KQL2008', `named arguments are not supported for ${name}()`, e.named[0]!.span);
  const args = e.args.flatMap((a): BExpr[] => {
    if (a.kind !== 'Star') return [bindExpr(host, a, scope, row)];
    // pack_array(*), estimate_data_size(*): every column of the row, in order
    if (!STAR_EXPANDS.has(sig.name)) fail(host, 'KQL2008', `'*' is not allowed as an argument of ${name}()`, a.span);
    return (row.columns ?? []).map((c) => ({ k: 'col', type: c.type, name: c.name }));
  });
  if (args.length < sig.minArgs || args.length > sig.maxArgs) {
    const range = sig.maxArgs === Infinity ? `at least ${sig.minArgs}` : sig.minArgs === sig.maxArgs ? `${sig.minArgs}` : `${sig.minArgs} to ${sig.maxArgs}`;
    fail(host, 'KQL2004', `${name}() expects ${range} argument${sig.maxArgs === 1 && sig.minArgs === 1 ? '' : 's'}, got ${args.length}`, e.span);
  }
  const t = sig.returns(args.map((a) => a.type), args.map(constValue));
  if (typeof t !== 'string') fail(host, 'KQL2005', `${name}(): ${t.error}`, e.span);
  return { k: 'call', type: t as ScalarType, fn: sig.name, args, span: e.span };
}

/** `* has x` (any string operator): the operator over every column of the row, non-strings as text; any column
 *  may match (negated operators: every column must). */
function anyColumn(e: Extract<Expr, { kind: 'Binary' }>, row: RowContext): Expr {
  const span = e.span;
  const tests: Expr[] = (row.columns ?? []).map((c) => {
    const name: Expr = { kind: 'Name', name: c.name, span };
    const left: Expr = c.type === 'string' ? name : { kind: 'Call', name: 'tostring', nameSpan: span, args: [name], span };
    return { ...e, left };
  });
  const neg = e.op.startsWith('!');
  if (!tests.length) return { kind: 'Literal', type: 'bool', value: neg, span };
  return tests.reduce((a, t) => ({ kind: 'Binary', op: neg ? 'and' : 'or', opSpan: e.opSpan, left: a, right: t, span }));
}

/** bin_auto(v) is bin(v, size) or bin_at(v, size, at) with size/at from `set query_bin_auto_size/_at`. */
function bindBinAuto(host: ExprHost, e: CallExpr, scope: Scope, row: RowContext): BExpr {
  if (e.args.length !== 1) fail(host, 'KQL2004', 'bin_auto() expects 1 argument', e.span);
  const option = (key: string): BExpr | undefined => {
    const text = host.setOptions?.[key];
    if (text === undefined) return undefined;
    const parsed = parse(`print ${text}`);
    const st = parsed.query.statements[0];
    const item = st?.kind === 'query' && st.expr.kind === 'Print' && st.expr.items.length === 1 ? st.expr.items[0] : undefined;
    if (parsed.diagnostics.length || !item) return fail(host, 'KQL2008', `set ${key}=${text}: not a constant value`, e.span);
    const v = bindExpr(host, item.expr, scope, { columns: null });
    if (constValue(v) === undefined) fail(host, 'KQL2008', `set ${key}=${text}: not a constant value`, e.span);
    return v;
  };
  const size = option('query_bin_auto_size');
  if (!size) return fail(host, 'KQL2008', "bin_auto() needs the bin size: add 'set query_bin_auto_size=<size>;' before the query", e.span);
  const at = option('query_bin_auto_at');
  const value = bindExpr(host, e.args[0]!, scope, row);
  const fn = at ? 'bin_at' : 'bin';
  const args = at ? [value, size, at] : [value, size];
  const t = lookupScalarFunction(fn)!.returns(args.map((a) => a.type), args.map(constValue));
  if (typeof t !== 'string') fail(host, 'KQL2005', `bin_auto(): ${t.error}`, e.span);
  return { k: 'call', type: t as ScalarType, fn, args, span: e.span };
}

/** Collects the column names an expression reads ('*' when it needs the whole row). */
export function columnsOf(e: BExpr, out: Set<string>): Set<string> {
  switch (e.k) {
    case 'col': out.add(e.name); break;
    case 'op': case 'call': case 'row': for (const a of e.args) columnsOf(a, out); break;
    case 'list': columnsOf(e.left, out); for (const it of e.items) if (it.k === 'expr') columnsOf(it.expr, out); break;
    case 'get': columnsOf(e.target, out); columnsOf(e.key, out); break;
    case 'cast': columnsOf(e.arg, out); break;
    case 'packall': out.add('*'); break;
    default: break;
  }
  return out;
}
