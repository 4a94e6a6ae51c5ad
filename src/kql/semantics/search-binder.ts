// `search`: a where with a leading $table column (one input), or a union of such legs over workspace tables.
// A bare string term looks in every column: `x` → has, `*x` → hassuffix, `x*` → hasprefix, `*x*` → contains,
// `x*y` → matches regex (search-operator.md); kind=case_sensitive uses the _cs operators. `Col:"x"` was parsed as
// `Col has "x"`; other operands are ordinary predicates.
import type { Expr, OpParam, Operator } from '../syntax/ast.js';
import type { Plan } from './bound.js';
import { fail } from './expr-binder.js';
import type { Binder } from './binder.js';
import { bindOperator, matchPattern } from './operator-binder.js';
import type { Scope } from './scope.js';

function caseSensitive(b: Binder, params: readonly OpParam[]): boolean {
  const k = params.find((p) => p.name === 'kind');
  if (!k) return false;
  const v = typeof k.value === 'string' ? k.value : k.value.kind === 'Literal' ? String(k.value.value) : '';
  if (v === 'case_sensitive') return true;
  if (v === 'default' || v === 'case_insensitive') return false;
  return fail(b, 'KQL2008', `search kind must be default, case_insensitive or case_sensitive, not '${v}'`, k.span);
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The predicate with every bare string term as `* <op> needle` (the binder spells `*` out over the columns). */
export function desugarSearch(e: Expr, cs: boolean): Expr {
  const span = e.span;
  if (e.kind === 'Paren') return { ...e, expr: desugarSearch(e.expr, cs) };
  if (e.kind === 'Binary' && (e.op === 'and' || e.op === 'or')) return { ...e, left: desugarSearch(e.left, cs), right: desugarSearch(e.right, cs) };
  if (e.kind === 'Binary' && e.op === 'has' && cs) return { ...e, op: 'has_cs' };
  if (e.kind !== 'Literal' || typeof e.value !== 'string') return e;
  const term = e.value;
  const inner = term.replace(/^\*+|\*+$/g, '');
  if (inner === '') return { kind: 'Literal', type: 'bool', value: true, span };
  const lead = term.startsWith('*'), trail = term.endsWith('*');
  let op: string, needle: string;
  if (inner.includes('*')) {
    op = 'matches regex';
    needle = (cs ? '' : '(?i)') + (lead ? '' : '\\b') + inner.split(/\*+/).map(escapeRegex).join('.*') + (trail ? '' : '\\b');
  } else {
    op = (lead && trail ? 'contains' : lead ? 'hassuffix' : trail ? 'hasprefix' : 'has') + (cs ? '_cs' : '');
    needle = inner;
  }
  return { kind: 'Binary', op, opSpan: span, left: { kind: 'Star', span }, right: { kind: 'Literal', type: 'string', value: needle, span }, span };
}

/** The table a plan reads through a chain of single-input operators, or "" (datatable, union, join …). */
function sourceTable(p: Plan): string {
  let cur: Plan | undefined = p;
  for (let guard = 0; cur && guard < 10_000; guard++) {
    if (cur.k === 'scan') return cur.table;
    const next: unknown = (cur as { input?: unknown }).input;
    cur = next && typeof next === 'object' && 'k' in next ? next as Plan : undefined;
  }
  return '';
}

/** Filters a plan with a search predicate and puts the $table column first (as Microsoft's analyzer types it). */
function searchLeg(b: Binder, input: Plan, predicate: Expr, table: string, cs: boolean, span: Plan['span'], scope: Scope): Plan {
  const filtered = bindOperator(b, input, { kind: 'where', predicate: desugarSearch(predicate, cs), span }, scope);
  const tagged = bindOperator(b, filtered, { kind: 'extend', items: [{ names: ['$table'], expr: { kind: 'Literal', type: 'string', value: table, span }, span }], span }, scope);
  return bindOperator(b, tagged, { kind: 'project-reorder', items: [{ pattern: '$table', span }], span }, scope);
}

/** `T | search …`: $table names T when the input reads one table, else "". */
export function bindSearchOperator(b: Binder, input: Plan, op: Extract<Operator, { kind: 'search' }>, scope: Scope): Plan {
  return searchLeg(b, input, op.predicate, sourceTable(input), caseSensitive(b, op.params), op.span, scope);
}

/** The tables of `in (…)` (names, wildcards against the catalog), or every table with data when absent. */
function sourceTables(b: Binder, tables: readonly Expr[] | undefined, op: string): string[] {
  if (!tables) return [...(b.catalog.dataTableNames?.() ?? b.catalog.tableNames())].sort();
  const names: string[] = [];
  for (const t of tables) {
    if (t.kind !== 'Name') return fail(b, 'KQL2008', `${op} in (…) takes table names`, t.span);
    const hits = t.name.includes('*') ? b.catalog.tableNames().filter((n) => matchPattern(t.name, n)) : [t.name];
    for (const h of hits) if (!names.includes(h)) names.push(h);
  }
  return names;
}

/** `search [in (…)] …`: the named tables (wildcards allowed), or every table with data, each filtered and tagged. */
export function bindSearchSource(b: Binder, e: Extract<Expr, { kind: 'Search' }>, scope: Scope): Plan {
  const cs = caseSensitive(b, e.params);
  const names = sourceTables(b, e.tables, 'search');
  if (!names.length) return fail(b, 'KQL2001', e.tables ? 'search in (…): no table matches' : 'search: the workspace has no tables with data', e.span);
  const inner = scope.child();
  const legs: Expr[] = names.map((name, i) => {
    const first = searchLeg(b, b.bindTabular({ kind: 'Name', name, span: e.span }, scope), e.predicate, name, cs, e.span, scope);
    const key = `\u0000search${i}`;
    inner.set(key, { kind: 'tabular', plan: first });
    return { kind: 'Name', name: key, span: e.span };
  });
  return bindOperator(b, undefined, { kind: 'union', params: [], tables: legs, span: e.span }, inner);
}

/** Column names an expression refers to (Name nodes, not function names). */
function namesIn(e: unknown, out: Set<string>): Set<string> {
  if (!e || typeof e !== 'object') return out;
  const o = e as { kind?: string; name?: string };
  if (o.kind === 'Name' && typeof o.name === 'string') out.add(o.name);
  for (const [k, v] of Object.entries(e)) {
    if (k === 'span' || k === 'nameSpan' || k === 'opSpan') continue;
    if (Array.isArray(v)) v.forEach((x) => namesIn(x, out));
    else if (v && typeof v === 'object') namesIn(v, out);
  }
  return out;
}

/**
 * `find`: every table (with data, or `in (…)`) that has at least one column the predicate names, filtered by it
 * (columns a table lacks are null there), tagged with source_ (or withsource=), and projected: the listed columns
 * (+ pack_ with the rest for pack_all()), or by default (project-smart) the predicate's columns and the columns
 * common to all tables, with every other column in pack_.
 */
export function bindFind(b: Binder, e: Extract<Expr, { kind: 'Find' }>, scope: Scope): Plan {
  const span = e.span;
  const ws = e.params.find((p) => p.name === 'withsource');
  const source = ws ? (typeof ws.value === 'string' ? ws.value : ws.value.kind === 'Name' ? ws.value.name : '') : 'source_';
  if (!source) fail(b, 'KQL2008', 'withsource= needs a column name', ws!.span);
  const names = sourceTables(b, e.tables, 'find');
  const predicate = desugarSearch(e.predicate, false);
  const tables = names.map((name) => ({ name, plan: b.bindTabular({ kind: 'Name', name, span }, scope) }));
  const has = (p: Plan, c: string) => p.schema.some((x) => x.name === c);
  // names in the predicate that are columns of some table (the rest are let values and the like)
  const referenced = [...namesIn(predicate, new Set())].filter((n) => tables.some((t) => has(t.plan, n)));
  const used = referenced.length ? tables.filter((t) => referenced.some((c) => has(t.plan, c))) : tables;
  if (!used.length) return fail(b, 'KQL2001', 'find: no table has a column the predicate uses', span);
  const typeOf = (c: string, declared?: ColumnType) => declared ?? used.map((t) => t.plan.schema.find((x) => x.name === c)?.type).find((x) => x) ?? 'string';
  const listed = e.project?.columns.map((c) => ({ name: c.name, type: typeOf(c.name, c.type) }));
  const common = used[0]!.plan.schema.map((c) => c.name).filter((c) => used.every((t) => has(t.plan, c)));
  const outCols = listed ?? [...new Set([...common, ...referenced])].map((c) => ({ name: c, type: typeOf(c) }));
  const pack = e.project ? e.project.pack : true;
  const nullOf = (type: ColumnType): Expr => ({ kind: 'Literal', type, value: type === 'string' ? '' : null, span });
  const inner = scope.child();
  const legs: Expr[] = used.map((t, i) => {
    // columns the predicate or the projection names but this table lacks are null here
    const missing = [...new Set([...referenced, ...outCols.map((c) => c.name)])].filter((c) => !has(t.plan, c));
    let p = t.plan;
    if (missing.length) p = bindOperator(b, p, { kind: 'extend', items: missing.map((c) => ({ names: [c], expr: nullOf(typeOf(c)), span })), span }, scope);
    p = bindOperator(b, p, { kind: 'where', predicate, span }, scope);
    if (pack) {
      // the other columns with a value, as a property bag
      const keep: Expr = { kind: 'Literal', type: 'dynamic', value: [...outCols.map((c) => c.name), ...missing], span };
      const all: Expr = { kind: 'Call', name: 'pack_all', nameSpan: span, args: [{ kind: 'Literal', type: 'bool', value: true, span }], span };
      const bag: Expr = { kind: 'Call', name: 'bag_remove_keys', nameSpan: span, args: [all, keep], span };
      p = bindOperator(b, p, { kind: 'extend', items: [{ names: ['\u0000pack'], expr: bag, span }], span }, scope);
    }
    const items = [
      { names: [source], expr: { kind: 'Literal', type: 'string', value: t.name, span } as Expr, span },
      ...outCols.map((c) => {
        const ref: Expr = { kind: 'Name', name: c.name, span };
        const col = p.schema.find((x) => x.name === c.name)!;
        return { names: [c.name], expr: col.type === c.type ? ref : castTo(c.type, ref, span), span };
      }),
      ...(pack ? [{ names: ['pack_'], expr: { kind: 'Name', name: '\u0000pack', span } as Expr, span }] : []),
    ];
    const leg = bindOperator(b, p, { kind: 'project', items, span }, scope);
    const key = `\u0000find${i}`;
    inner.set(key, { kind: 'tabular', plan: leg });
    return { kind: 'Name', name: key, span };
  });
  return bindOperator(b, undefined, { kind: 'union', params: [], tables: legs, span }, inner);
}

type ColumnType = Plan['schema'][number]['type'];

const CASTS: Partial<Record<ColumnType, string>> = {
  string: 'tostring', long: 'tolong', int: 'toint', real: 'toreal', bool: 'tobool', datetime: 'todatetime', timespan: 'totimespan',
  guid: 'toguid', dynamic: 'todynamic', decimal: 'todecimal',
};

function castTo(type: ColumnType, e: Expr, span: Expr['span']): Expr {
  return { kind: 'Call', name: CASTS[type] ?? 'tostring', nameSpan: span, args: [e], span };
}
