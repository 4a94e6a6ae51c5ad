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

/** `search [in (…)] …`: the named tables (wildcards allowed), or every table with data, each filtered and tagged. */
export function bindSearchSource(b: Binder, e: Extract<Expr, { kind: 'Search' }>, scope: Scope): Plan {
  const cs = caseSensitive(b, e.params);
  const all = b.catalog.dataTableNames?.() ?? b.catalog.tableNames();
  let names: string[];
  if (e.tables) {
    names = [];
    for (const t of e.tables) {
      if (t.kind !== 'Name') return fail(b, 'KQL2008', 'search in (…) takes table names', t.span);
      const hits = t.name.includes('*') ? b.catalog.tableNames().filter((n) => matchPattern(t.name, n)) : [t.name];
      for (const h of hits) if (!names.includes(h)) names.push(h);
    }
  } else names = [...all].sort();
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
