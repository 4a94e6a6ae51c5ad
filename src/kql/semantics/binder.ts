// The binder: syntax tree + catalog → Bound tree (typed plan) and KQL2xxx diagnostics. Never throws on user input.
import { diag, type Diagnostic, type Span } from '../text/index.js';
import type { CallExpr, Expr, Operator, Query, Statement } from '../syntax/ast.js';
import type { ColumnSchema, ScalarType, Value } from '../types/index.js';
import { isGraphPlan, type BExpr, type Plan, type PlanBody } from './bound.js';
import { BindError, bindExpr, fail, lit, type ExprHost, type RowContext } from './expr-binder.js';
import { Scope, type BindCatalog, type Binding } from './scope.js';
import { bindOperator } from './operator-binder.js';
import { bindFind, bindSearchSource } from './search-binder.js';

export interface BindResult {
  /** The plan of the last query statement (undefined when there is none or binding failed). */
  plan?: Plan;
  /** Plans of every query statement, in order (Kusto returns one result per statement). */
  plans: Plan[];
  diagnostics: Diagnostic[];
  /** `set` options seen. */
  options: Record<string, string | undefined>;
  /** `render` requests, in order. */
  renders: { chart: string; text: string }[];
}

export interface BindOptions {
  /** Values for `declare query_parameters`. */
  parameters?: Record<string, { type: ScalarType; value: unknown }>;
  /** Runs a (sub)plan and evaluates an expression per row: plugins whose output schema depends on the data
   *  (bag_unpack, pivot) use it. Absent when only analyzing; those plugins then add no data-derived columns. */
  evalColumn?: (plan: Plan, expr: BExpr) => Value[];
}

export function bind(query: Query, catalog: BindCatalog, opts: BindOptions = {}): BindResult {
  const b = new Binder(catalog, opts);
  return b.bindQuery(query);
}

let materializeIds = 0;

export class Binder implements ExprHost {
  diagnostics: Diagnostic[] = [];
  renders: { chart: string; text: string }[] = [];
  /** `set` options seen so far (read by bin_auto while binding). */
  readonly setOptions: Record<string, string | undefined> = {};
  private depth = 0;
  constructor(readonly catalog: BindCatalog, readonly opts: BindOptions) {}

  bindQuery(query: Query): BindResult {
    const scope = new Scope();
    const plans: Plan[] = [];
    const options = this.setOptions;
    let failed = false;
    for (const st of query.statements) {
      try {
        if (st.kind === 'query' && st.expr.kind === 'Error') { failed = true; continue; }
        const r = this.bindStatement(st, scope, options);
        if (r) plans.push(r);
      } catch (e) {
        if (!(e instanceof BindError)) throw e;
        failed = true;
      }
    }
    const result: BindResult = { plans, diagnostics: this.diagnostics, options, renders: this.renders };
    if (!failed && plans.length) result.plan = plans[plans.length - 1]!;
    return result;
  }

  bindStatement(st: Statement, scope: Scope, options: Record<string, string | undefined>): Plan | undefined {
    switch (st.kind) {
      case 'let': {
        if (this.isTabular(st.value, scope, null)) scope.set(st.name, { kind: 'tabular', plan: this.bindTabular(st.value, scope) });
        else scope.set(st.name, { kind: 'scalar', expr: bindExpr(this, st.value, scope, { columns: null }) });
        return undefined;
      }
      case 'letFunction':
        scope.set(st.name, { kind: 'function', name: st.name, params: st.params, body: st.body, scope });
        return undefined;
      case 'set': options[st.name] = st.value; return undefined;
      case 'declare':
        for (const p of st.params) {
          const given = this.opts.parameters?.[p.name];
          if (given) scope.set(p.name, { kind: 'scalar', expr: lit(given.type, given.value as never) });
          else if (p.default) scope.set(p.name, { kind: 'scalar', expr: bindExpr(this, p.default, scope, { columns: null }) });
          else if (typeof p.type === 'string') {
            this.diagnostics.push(diag('KQL2013', `query parameter '${p.name}' has no value; pass it with --param ${p.name}=VALUE`, p.span, 'error'));
            throw new BindError('missing parameter');
          }
        }
        return undefined;
      case 'pattern': scope.set(st.name, { kind: 'pattern', stmt: st, scope }); return undefined;
      case 'alias': case 'restrict': return undefined;
      case 'query': {
        if (!this.isTabular(st.expr, scope, null)) {
          // A bare scalar expression: Kusto evaluates it like `print`.
          const e = bindExpr(this, st.expr, scope, { columns: null });
          return { k: 'values', rows: [[e]], schema: [{ name: 'print_0', type: e.type }], span: st.span };
        }
        const plan = this.bindTabular(st.expr, scope);
        if (isGraphPlan(plan)) fail(this, 'KQL2020', 'a graph cannot be the result of a query: follow make-graph with graph-match, graph-shortest-paths or graph-to-table', plan.span);
        return plan;
      }
    }
  }

  // ---------- tabular ----------
  isTabular(e: Expr, scope: Scope, row: readonly ColumnSchema[] | null): boolean {
    if (patternInvocation(e, scope)) return true;
    switch (e.kind) {
      case 'Pipe': case 'Datatable': case 'Print': case 'Range': case 'Union': case 'Find': case 'Search': case 'ExternalData':
        return true;
      case 'Paren': return this.isTabular(e.expr, scope, row);
      case 'Name': {
        if (row?.some((c) => c.name === e.name)) return false;
        const b = scope.get(e.name);
        if (b) return b.kind === 'tabular';
        return this.catalog.tableSchema(e.name) !== undefined;
      }
      case 'Call': {
        if (e.name === 'materialize' || e.name === 'table' || e.name === 'view') return true;
        if (e.name === 'graph' && !scope.get(e.name)) return true;
        const b = scope.get(e.name);
        if (b?.kind === 'function') {
          const last = [...b.body].reverse().find((s) => s.kind === 'query');
          if (!last || last.kind !== 'query') return false;
          const inner = b.scope.child();
          for (const p of b.params) {
            if (typeof p.type !== 'string') inner.set(p.name, { kind: 'tabular', plan: { k: 'values', rows: [], schema: [], span: p.span } });
          }
          for (const s of b.body) {
            if (s.kind === 'let') inner.set(s.name, this.isTabular(s.value, inner, null) ? { kind: 'tabular', plan: { k: 'values', rows: [], schema: [], span: s.span } } : { kind: 'scalar', expr: lit('dynamic', null) });
          }
          return this.isTabular(last.expr, inner, null);
        }
        return false;
      }
      default: return false;
    }
  }

  plan(body: PlanBody, schema: ColumnSchema[], span: Span): Plan {
    return { ...body, schema, span } as Plan;
  }

  bindTabular(e: Expr, scope: Scope): Plan {
    if (++this.depth > 200) {
      this.depth = 0;
      fail(this, 'KQL2014', 'query nesting is too deep', e.span);
    }
    try {
      return this.bindTabularInner(e, scope);
    } finally {
      this.depth--;
    }
  }

  private bindTabularInner(e: Expr, scope: Scope): Plan {
    const pat = patternInvocation(e, scope);
    if (pat) return this.bindPattern(pat, e, scope);
    switch (e.kind) {
      case 'Paren': return this.bindTabular(e.expr, scope);
      case 'Pipe': {
        const input = this.bindTabular(e.input, scope);
        return bindOperator(this, input, e.op, scope);
      }
      case 'Name': {
        const b = scope.get(e.name);
        if (b?.kind === 'tabular') return b.plan;
        if (b?.kind === 'function') return this.callUserTabular({ kind: 'Call', name: e.name, nameSpan: e.span, args: [], span: e.span }, scope);
        if (b?.kind === 'scalar') fail(this, 'KQL2007', `'${e.name}' is a scalar value, not a table`, e.span);
        const schema = this.catalog.tableSchema(e.name);
        if (!schema) {
          const known = this.catalog.tableNames();
          const hint = known.find((t) => t.toLowerCase() === e.name.toLowerCase());
          fail(this, 'KQL2001', `Unknown table or tabular variable '${e.name}'${hint ? ` (did you mean '${hint}'? table names are case-sensitive)` : ''}`, e.span);
        }
        return this.plan({ k: 'scan', table: e.name, used: new Set() }, [...schema!], e.span);
      }
      case 'Call': {
        if (e.name === 'materialize') {
          if (e.args.length !== 1) fail(this, 'KQL2004', 'materialize() needs one argument', e.span);
          const input = this.bindTabular(e.args[0]!, scope);
          return this.plan({ k: 'materialized', id: ++materializeIds, input }, input.schema, e.span);
        }
        if (e.name === 'graph' && !scope.get(e.name)) {
          return fail(this, 'KQL2006', "persistent graphs (graph(\"name\")) are not supported: build the graph in the query with make-graph", e.nameSpan);
        }
        if (e.name === 'table' || e.name === 'view') {
          const a = e.args[0];
          if (!a) fail(this, 'KQL2008', `${e.name}() needs a table name`, e.span);
          // a literal, or a let/parameter bound to a constant string (`let f = (t:string) { table(t) }`)
          const v = bindExpr(this, a!, scope, { columns: null });
          if (v.k !== 'lit' || typeof v.value !== 'string') fail(this, 'KQL2008', `${e.name}() needs a constant table name`, a!.span);
          return this.bindTabular({ kind: 'Name', name: String((v as { value: unknown }).value), span: a!.span }, scope);
        }
        const b = scope.get(e.name);
        if (b?.kind === 'function') return this.callUserTabular(e, scope);
        if (e.name === 'cluster' || e.name === 'database' || e.name === 'external_table') fail(this, 'KQL2006', `${e.name}() refers to data outside this workspace and is not supported`, e.nameSpan);
        return fail(this, 'KQL2003', `Unknown function or tabular expression '${e.name}'`, e.nameSpan);
      }
      case 'Datatable': {
        const n = e.columns.length;
        if (n === 0) fail(this, 'KQL2008', 'datatable needs at least one column', e.span);
        if (e.values.length % n !== 0) fail(this, 'KQL2008', `datatable has ${e.values.length} values, which is not a multiple of its ${n} columns`, e.span);
        const rows: BExpr[][] = [];
        for (let i = 0; i < e.values.length; i += n) {
          rows.push(e.columns.map((c, j) => {
            const v = e.values[i + j]!;
            const b = bindExpr(this, v, scope, { columns: null });
            if (b.k !== 'lit') return b.type === c.type ? b : { k: 'cast', type: c.type, from: b.type, arg: b };
            return b.type === c.type || (b.value === null) ? lit(c.type, b.value) : { k: 'cast', type: c.type, from: b.type, arg: b };
          }));
        }
        return this.plan({ k: 'values', rows }, e.columns.map((c) => ({ ...c, type: c.type === 'decimal' ? 'real' : c.type })), e.span);
      }
      case 'Print': {
        const schema: ColumnSchema[] = [];
        const row: BExpr[] = [];
        const seen = new Set<string>();
        e.items.forEach((it, idx) => {
          const b = bindExpr(this, it.expr, scope, { columns: null });
          let name = it.names?.[0] ?? `print_${idx}`;
          if (seen.has(name)) fail(this, 'KQL2009', `column '${name}' is defined more than once`, it.span);
          seen.add(name);
          schema.push({ name, type: b.type });
          row.push(b);
          name = '';
        });
        return this.plan({ k: 'values', rows: [row] }, schema, e.span);
      }
      case 'Range': {
        const from = bindExpr(this, e.from, scope, { columns: null });
        const to = bindExpr(this, e.to, scope, { columns: null });
        const step = bindExpr(this, e.step, scope, { columns: null });
        let type: ScalarType = from.type;
        if (type === 'int') type = 'long';
        if (!['long', 'real', 'datetime', 'timespan', 'decimal'].includes(type)) fail(this, 'KQL2005', `range cannot start from a ${from.type}`, e.from.span);
        if ((type === 'long' && (to.type === 'real' || step.type === 'real'))) type = 'real';
        return this.plan({ k: 'range', from, to, step, type }, [{ name: e.column, type }], e.span);
      }
      case 'Union': {
        return bindOperator(this, undefined, { kind: 'union', params: e.params, tables: e.tables, span: e.span }, scope);
      }
      case 'ExternalData': {
        // Binds by its declared schema; at run time the URLs must map to local files (kqlite.json "externaldata").
        if (!e.columns.length) fail(this, 'KQL2015', 'externaldata without a declared schema cannot be used offline', e.span);
        const urls = e.urls.map((u) => (u.kind === 'Literal' && typeof u.value === 'string' ? u.value : '<expression>'));
        const options: Record<string, string> = {};
        for (const prm of e.params) {
          const v = prm.value;
          options[prm.name] = typeof v === 'string' ? v : v.kind === 'Literal' ? String(v.value) : v.kind === 'Name' ? v.name : '';
        }
        return this.plan({ k: 'external', urls, options }, e.columns.map((c) => ({ ...c })), e.span);
      }
      case 'Search': return bindSearchSource(this, e, scope);
      case 'Find': return bindFind(this, e, scope);
      default:
        return fail(this, 'KQL2007', 'expected a tabular expression (a table, a let-bound table or a subquery)', e.span);
    }
  }

  // ---------- user functions ----------
  /** Binds a user function's arguments and body statements; returns the inner scope and the result expression. */
  private enterFunction(call: CallExpr, scope: Scope, row: RowContext, pipedInput?: Plan): { inner: Scope; result: Expr } {
    const b = scope.get(call.name);
    if (!b || b.kind !== 'function') return fail(this, 'KQL2003', `'${call.name}' is not a function`, call.span);
    if (this.depth > 150) fail(this, 'KQL2014', `function '${call.name}' recurses too deeply`, call.span);
    const inner = b.scope.child();
    const args = [...call.args];
    const params = [...b.params];
    if (pipedInput) {
      const first = params.shift();
      if (!first || typeof first.type === 'string') fail(this, 'KQL2008', `function '${call.name}' has no tabular first parameter to take the piped input`, call.span);
      inner.set(first!.name, { kind: 'tabular', plan: pipedInput });
    }
    if (args.length > params.length) fail(this, 'KQL2004', `function '${call.name}' takes ${params.length} argument(s), got ${args.length}`, call.span);
    // named arguments `f(c=7, a=12)` fill the parameters by name
    for (const na of call.named ?? []) {
      const at = params.findIndex((p) => p.name === na.name);
      if (at < 0) fail(this, 'KQL2004', `function '${call.name}' has no parameter named '${na.name}'`, na.span);
      if (args[at] !== undefined) fail(this, 'KQL2004', `argument '${na.name}' of '${call.name}' is given twice`, na.span);
      args[at] = na.value;
    }
    params.forEach((p, i) => {
      const a = args[i];
      if (typeof p.type !== 'string') {
        if (!a) fail(this, 'KQL2004', `missing tabular argument '${p.name}' for function '${call.name}'`, call.span);
        inner.set(p.name, { kind: 'tabular', plan: this.bindTabular(a!, scope) });
        return;
      }
      if (!a) {
        if (!p.default) fail(this, 'KQL2004', `missing argument '${p.name}' for function '${call.name}'`, call.span);
        inner.set(p.name, { kind: 'scalar', expr: bindExpr(this, p.default!, b.scope, { columns: null }) });
        return;
      }
      let v = bindExpr(this, a, scope, row);
      if (v.type !== p.type && p.type !== 'dynamic' && v.type !== 'dynamic') {
        const numeric = ['int', 'long', 'real', 'decimal'];
        if (numeric.includes(v.type) && numeric.includes(p.type)) v = { k: 'cast', type: p.type, from: v.type, arg: v };
        else if (v.k === 'lit' && v.value === null) v = lit(p.type, null);
        else fail(this, 'KQL2005', `argument '${p.name}' of '${call.name}' expects ${p.type}, got ${v.type}`, a.span);
      }
      inner.set(p.name, { kind: 'scalar', expr: v });
    });
    let result: Expr | undefined;
    for (const st of b.body) {
      if (st.kind === 'query') result = st.expr;
      else this.bindStatement(st, inner, {});
    }
    if (!result) fail(this, 'KQL2008', `function '${call.name}' has no result expression`, call.span);
    return { inner, result: result! };
  }

  /** `P("a", …).path` / `P("a", …).["path"]` / `P("a", …)`: the body of the definition with those values. */
  private bindPattern(p: PatternUse, e: Expr, scope: Scope): Plan {
    const st = p.binding.stmt;
    if (!st.defs) fail(this, 'KQL2008', `pattern '${st.name}' is declared without definitions (a middle-tier application would supply them; kqlite has none)`, e.span);
    if (!p.call) return fail(this, 'KQL2004', `pattern '${st.name}' needs its arguments: ${st.name}(${st.params.map((x) => x.name).join(', ')})`, e.span);
    if (p.call.args.length !== st.params.length) fail(this, 'KQL2004', `pattern '${st.name}' takes ${st.params.length} argument(s), got ${p.call.args.length}`, p.call.span);
    const constText = (x: Expr): string => {
      const v = bindExpr(this, x, scope, { columns: null });
      if (v.k !== 'lit' || typeof v.value !== 'string') return fail(this, 'KQL2008', 'pattern arguments and paths must be constant strings', x.span);
      return v.value;
    };
    const args = p.call.args.map(constText);
    const path = p.path === undefined ? undefined : typeof p.path === 'string' ? p.path : constText(p.path);
    if ((path === undefined) !== (st.path === undefined)) {
      fail(this, 'KQL2008', st.path ? `pattern '${st.name}' needs a path: ${st.name}(…).${st.path.name}` : `pattern '${st.name}' has no path argument`, e.span);
    }
    const def = st.defs!.find((d) => d.path === path && d.args.length === args.length && d.args.every((a, i) => a === args[i]));
    if (!def) fail(this, 'KQL2008', `no definition of pattern '${st.name}' matches (${args.map((a) => JSON.stringify(a)).join(', ')})${path !== undefined ? `.[${JSON.stringify(path)}]` : ''}`, e.span);
    // the body sees the pattern's scope and its argument values by name
    const inner = p.binding.scope.child();
    st.params.forEach((prm, i) => inner.set(prm.name, { kind: 'scalar', expr: lit('string', args[i]!) }));
    if (st.path && path !== undefined) inner.set(st.path.name, { kind: 'scalar', expr: lit('string', path) });
    const fnName = '\u0000pattern';
    inner.set(fnName, { kind: 'function', name: st.name, params: [], body: def!.body, scope: inner });
    return this.callUserTabular({ kind: 'Call', name: fnName, nameSpan: e.span, args: [], span: e.span }, inner);
  }

  callUserTabular(call: CallExpr, scope: Scope, pipedInput?: Plan): Plan {
    this.depth++;
    try {
      const { inner, result } = this.enterFunction(call, scope, { columns: null }, pipedInput);
      return this.bindTabular(result, inner);
    } finally {
      this.depth--;
    }
  }

  callUserScalar(call: CallExpr, scope: Scope, row: RowContext): BExpr {
    this.depth++;
    try {
      const { inner, result } = this.enterFunction(call, scope, row);
      if (this.isTabular(result, inner, row.columns)) fail(this, 'KQL2007', `function '${call.name}' returns a table; it cannot be used as a scalar`, call.span);
      return bindExpr(this, result, inner, row);
    } finally {
      this.depth--;
    }
  }

}

interface PatternUse { binding: Extract<Binding, { kind: 'pattern' }>; call?: CallExpr; path?: string | Expr }

/** A pattern invocation (`P(args)`, `P(args).path`, `P(args).["path"]`, or a bare `P`), or undefined. */
function patternInvocation(e: Expr, scope: Scope): PatternUse | undefined {
  const of = (name: string) => { const b = scope.get(name); return b?.kind === 'pattern' ? b : undefined; };
  if (e.kind === 'Name') { const b = of(e.name); return b ? { binding: b } : undefined; }
  if (e.kind === 'Call') { const b = of(e.name); return b ? { binding: b, call: e } : undefined; }
  if ((e.kind === 'Member' || e.kind === 'Index') && e.target.kind === 'Call') {
    const b = of(e.target.name);
    if (!b) return undefined;
    return { binding: b, call: e.target, path: e.kind === 'Member' ? e.name : e.index };
  }
  return undefined;
}

export { BindError };
export type { Operator, CallExpr };
