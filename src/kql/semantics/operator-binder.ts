// Binding of tabular operators (`| where`, `| summarize`, `| join`, …) into plan nodes with Kusto's output schemas.
import { bindSearchOperator } from './search-binder.js';
import type { Span } from '../text/index.js';
import type { AssignItem, Expr, NamePattern, Operator, OpParam, SortItem } from '../syntax/ast.js';
import type { ColumnSchema, ScalarType } from '../types/index.js';
import type { BExpr, JoinKind, NamedExpr, Plan, SortKey } from './bound.js';
import type { Binder } from './binder.js';
import { BindError, bindExpr, constValue, fail, lit, type RowContext } from './expr-binder.js';
import { binnedColumnName, derivedName, NameAllocator } from './naming.js';
import type { Scope } from './scope.js';
import { bindSummarize } from './summarize-binder.js';
import { bindParse } from './parse-binder.js';
import { bindMvExpand } from './mvexpand-binder.js';
import { bindMvApply, bindPartition } from './mvapply-binder.js';
import { bindMakeSeries } from './makeseries-binder.js';
import { bindEvaluate } from './evaluate-binder.js';
import { bindParseKv } from './parsekv-binder.js';
import { bindScan } from './scan-binder.js';
import { bindTopNested } from './topnested-binder.js';
import { expandTuple, isTupleCall } from './tuple-functions.js';
import { bindGraphOperator, failTabularOnGraph, GRAPH_CONSUMERS } from './graph-binder.js';
import { isGraphPlan } from './graph-plan.js';

const col = (c: ColumnSchema): BExpr => ({ k: 'col', type: c.type, name: c.name });

export function paramValue(params: OpParam[], name: string): string | undefined {
  const p = params.find((x) => x.name === name);
  if (!p) return undefined;
  if (typeof p.value === 'string') return p.value;
  const v = p.value;
  return v.kind === 'Literal' ? String(v.value) : undefined;
}

/** Is the row order of this plan's output defined (serialized)? */
export function isSerialized(p: Plan): boolean {
  switch (p.k) {
    case 'sort': case 'top': case 'serialize': case 'range': case 'values': case 'scanop': return true;
    case 'where': case 'project': case 'take': case 'mvexpand': case 'parse': case 'render': return isSerialized(p.input);
    default: return false;
  }
}

export function matchPattern(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const parts = pattern.split('*');
  let pos = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i === 0) { if (!name.startsWith(part)) return false; pos = part.length; continue; }
    if (i === parts.length - 1) return name.length - pos >= part.length && name.endsWith(part);
    const at = name.indexOf(part, pos);
    if (at < 0) return false;
    pos = at + part.length;
  }
  return true;
}

function resolvePatterns(b: Binder, schema: readonly ColumnSchema[], pats: NamePattern[], what: string): Set<string> {
  const out = new Set<string>();
  for (const p of pats) {
    const hits = schema.filter((c) => matchPattern(p.pattern, c.name));
    if (!hits.length && !p.pattern.includes('*')) fail(b, 'KQL2002', `${what}: no column named '${p.pattern}'`, p.span);
    for (const h of hits) out.add(h.name);
  }
  return out;
}

export function sortKeys(b: Binder, items: SortItem[], scope: Scope, row: RowContext): SortKey[] {
  return items.map((it) => {
    const expr = bindExpr(b, it.expr, scope, row);
    const desc = it.dir !== 'asc';
    return { expr, desc, nullsFirst: it.nulls ? it.nulls === 'first' : !desc };
  });
}

/** project/extend item name: explicit, derived from the expression, or ColumnN. */
export function itemName(item: AssignItem, alloc: NameAllocator, keepBinName = false): string {
  if (item.names?.length) return item.names[0]!;
  const d = derivedName(item.expr) ?? (keepBinName ? binnedColumnName(item.expr) : undefined);
  return d ?? alloc.nextColumn();
}

/** Operators whose output keeps every input column, so an open input schema stays open. */
const KEEPS_COLUMNS = new Set(['where', 'extend', 'project-away', 'project-rename', 'project-reorder', 'sort', 'take', 'top', 'serialize',
  'mv-expand', 'parse', 'parse-where', 'parse-kv', 'as', 'render', 'sample', 'search', 'join', 'lookup', 'evaluate']);

export function bindOperator(b: Binder, input: Plan | undefined, op: Operator, scope: Scope): Plan {
  const p = bindOperatorInner(b, input, op, scope);
  if (input?.open && KEEPS_COLUMNS.has(op.kind)) p.open = true;
  return p;
}

function bindOperatorInner(b: Binder, input: Plan | undefined, op: Operator, scope: Scope): Plan {
  if (!input && op.kind !== 'union') return fail(b, 'KQL2007', `'${op.kind}' needs an input table`, op.span);
  const inp = input as Plan;
  if (input && isGraphPlan(input) && !GRAPH_CONSUMERS.has(op.kind) && op.kind !== 'error' && op.kind !== 'graph') failTabularOnGraph(b, op);
  const row: RowContext = input ? { columns: input.schema, serialized: isSerialized(input), ...(input.open ? { open: true } : {}) } : { columns: null };
  const mk = (body: object, schema: ColumnSchema[]): Plan => ({ ...body, schema, span: op.span } as Plan);

  switch (op.kind) {
    case 'where': {
      const pred = bindExpr(b, op.predicate, scope, row);
      if (pred.type !== 'bool' && pred.type !== 'dynamic') fail(b, 'KQL2005', `where needs a bool predicate, but this expression is ${pred.type}`, op.predicate.span);
      return mk({ k: 'where', input: inp, pred }, inp.schema);
    }
    case 'project': {
      const alloc = new NameAllocator();
      const items: NamedExpr[] = [];
      for (const it of op.items) {
        if (isTupleCall(it)) {
          for (const x of expandTuple(b, it, scope, row)) { alloc.reserve(x.name); items.push(x); }
          continue;
        }
        const expr = bindExpr(b, it.expr, scope, row);
        let name = itemName(it, alloc);
        // a name derived from a function's argument (tostring(x), x …) gets a suffix rather than clashing
        if (!it.names?.length && it.expr.kind !== 'Name' && items.some((x) => x.name === name)) name = alloc.unique(name);
        if (items.some((x) => x.name === name)) fail(b, 'KQL2009', `column '${name}' is projected more than once`, it.span);
        alloc.reserve(name);
        items.push({ name, expr });
      }
      return mk({ k: 'project', input: inp, items }, items.map((i) => ({ name: i.name, type: i.expr.type })));
    }
    case 'extend': {
      const schema = [...inp.schema];
      const items: NamedExpr[] = schema.map((c) => ({ name: c.name, expr: col(c) }));
      const alloc = new NameAllocator(schema.map((c) => c.name));
      for (const it of op.items) {
        const seen = { ...row, columns: items.map((x) => ({ name: x.name, type: x.expr.type })) };
        if (isTupleCall(it)) {
          for (const x of expandTuple(b, it, scope, seen)) {
            const at = items.findIndex((y) => y.name === x.name);
            const bound = { name: x.name, expr: resolveLater(items, x.expr) };
            if (at >= 0) items[at] = bound; else items.push(bound);
            alloc.reserve(x.name);
          }
          continue;
        }
        // later items see earlier ones
        const expr = bindExpr(b, it.expr, scope, seen);
        const bound = resolveLater(items, expr);
        const name = itemName(it, alloc);
        const at = items.findIndex((x) => x.name === name);
        if (at >= 0) items[at] = { name, expr: bound };
        else items.push({ name, expr: bound });
        alloc.reserve(name);
      }
      return mk({ k: 'project', input: inp, items }, items.map((i) => ({ name: i.name, type: i.expr.type })));
    }
    case 'project-away': case 'project-keep': {
      const names = resolvePatterns(b, inp.schema, op.names, op.kind);
      const keep = inp.schema.filter((c) => (op.kind === 'project-away' ? !names.has(c.name) : names.has(c.name)));
      return mk({ k: 'project', input: inp, items: keep.map((c) => ({ name: c.name, expr: col(c) })) }, keep);
    }
    case 'project-by-names': {
      const picked: ColumnSchema[] = [];
      for (const it of op.items) {
        const v = constValue(bindExpr(b, it, scope, { columns: null }));
        const pats = typeof v === 'string' ? [v] : Array.isArray(v) ? v.map((x) => String(x)) : undefined;
        if (!pats) fail(b, 'KQL2008', 'project-by-names takes constant column names: a string or a dynamic array of strings', it.span);
        for (const p of pats!) {
          const hits = inp.schema.filter((c) => matchPattern(p, c.name) && !picked.includes(c));
          if (!hits.length && !p.includes('*')) fail(b, 'KQL2002', `project-by-names: no column named '${p}'`, it.span);
          picked.push(...hits);
        }
      }
      return mk({ k: 'project', input: inp, items: picked.map((c) => ({ name: c.name, expr: col(c) })) }, picked);
    }
    case 'project-rename': {
      const renames = new Map<string, string>();
      for (const it of op.items) {
        const from = it.from.kind === 'Name' ? it.from.name : undefined;
        if (!from || !inp.schema.some((c) => c.name === from)) fail(b, 'KQL2002', `project-rename: no column named '${from ?? '?'}'`, it.from.span);
        renames.set(from!, it.name);
      }
      const items = inp.schema.map((c) => ({ name: renames.get(c.name) ?? c.name, expr: col(c) }));
      const seen = new Set<string>();
      for (const i of items) {
        if (seen.has(i.name)) fail(b, 'KQL2009', `project-rename: column '${i.name}' would appear twice`, op.span);
        seen.add(i.name);
      }
      return mk({ k: 'project', input: inp, items }, items.map((i) => ({ name: i.name, type: i.expr.type })));
    }
    case 'project-reorder': {
      const front: ColumnSchema[] = [];
      for (const p of op.items) {
        let hits = inp.schema.filter((c) => matchPattern(p.pattern, c.name) && !front.includes(c));
        if (!hits.length && !p.pattern.includes('*') && !front.some((c) => c.name === p.pattern)) fail(b, 'KQL2002', `project-reorder: no column named '${p.pattern}'`, p.span);
        if (p.dir) {
          const cmp = p.dir.startsWith('granny')
            ? (x: ColumnSchema, y: ColumnSchema) => x.name.localeCompare(y.name, 'en', { numeric: true })
            : (x: ColumnSchema, y: ColumnSchema) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
          hits = [...hits].sort(cmp);
          if (p.dir.endsWith('desc')) hits.reverse();
        }
        front.push(...hits);
      }
      const rest = inp.schema.filter((c) => !front.includes(c));
      const schema = [...front, ...rest];
      return mk({ k: 'project', input: inp, items: schema.map((c) => ({ name: c.name, expr: col(c) })) }, schema);
    }
    case 'summarize': return bindSummarize(b, inp, op.aggs, op.by, scope, row, op.span);
    case 'count': {
      const name = op.as ?? 'Count';
      return mk({ k: 'summarize', input: inp, keys: [], aggs: [{ fn: 'count', args: [], names: [name], types: ['long'], span: op.span }] }, [{ name, type: 'long' }]);
    }
    case 'distinct': {
      if (op.items.length === 1 && op.items[0]!.expr.kind === 'Star') {
        return mk({ k: 'distinct', input: inp, items: inp.schema.map((c) => ({ name: c.name, expr: col(c) })) }, inp.schema);
      }
      const alloc = new NameAllocator();
      const items = op.items.map((it) => {
        const expr = bindExpr(b, it.expr, scope, row);
        const name = it.names?.[0] ?? derivedName(it.expr) ?? alloc.nextColumn();
        return { name, expr };
      });
      return mk({ k: 'distinct', input: inp, items }, items.map((i) => ({ name: i.name, type: i.expr.type })));
    }
    case 'sort': return mk({ k: 'sort', input: inp, keys: sortKeys(b, op.items, scope, row) }, inp.schema);
    case 'top': {
      const count = bindExpr(b, op.count, scope, { columns: null });
      if (!['int', 'long'].includes(count.type)) fail(b, 'KQL2005', `top needs an integer count, got ${count.type}`, op.count.span);
      return mk({ k: 'top', input: inp, count, keys: sortKeys(b, op.items, scope, row) }, inp.schema);
    }
    case 'take': case 'sample': {
      const count = bindExpr(b, op.count, scope, { columns: null });
      if (!['int', 'long'].includes(count.type)) fail(b, 'KQL2005', `take needs an integer count, got ${count.type}`, op.count.span);
      return mk({ k: 'take', input: inp, count }, inp.schema);
    }
    case 'join': case 'lookup': return bindJoin(b, inp, op, scope);
    case 'union': return bindUnion(b, input, op.params, op.tables, scope, op.span);
    case 'mv-expand': return bindMvExpand(b, inp, op, scope, row);
    case 'mv-apply': return bindMvApply(b, inp, op, scope, row);
    case 'partition': return bindPartition(b, inp, op, scope, row);
    case 'make-series': return bindMakeSeries(b, inp, op, scope, row);
    case 'parse': case 'parse-where': return bindParse(b, inp, op, scope, row);
    case 'serialize': {
      const items: NamedExpr[] = inp.schema.map((c) => ({ name: c.name, expr: col(c) }));
      const alloc = new NameAllocator(inp.schema.map((c) => c.name));
      for (const it of op.items) {
        const expr = bindExpr(b, it.expr, scope, { ...row, serialized: true });
        const name = itemName(it, alloc);
        const at = items.findIndex((x) => x.name === name);
        if (at >= 0) items[at] = { name, expr }; else items.push({ name, expr });
      }
      return mk({ k: 'serialize', input: inp, items }, items.map((i) => ({ name: i.name, type: i.expr.type })));
    }
    case 'as': {
      scope.set(op.name, { kind: 'tabular', plan: inp });
      return inp;
    }
    case 'getschema':
      return mk({ k: 'getschema', input: inp }, [
        { name: 'ColumnName', type: 'string' }, { name: 'ColumnOrdinal', type: 'long' },
        { name: 'DataType', type: 'string' }, { name: 'ColumnType', type: 'string' },
      ]);
    case 'render':
      b.renders.push({ chart: op.chart, text: op.text });
      return mk({ k: 'render', input: inp, chart: op.chart }, inp.schema);
    case 'invoke': {
      const fnb = scope.get(op.call.name);
      if (fnb?.kind !== 'function') fail(b, 'KQL2003', `invoke: '${op.call.name}' is not a function defined in this query`, op.call.nameSpan);
      return b.callUserTabular(op.call, scope, inp);
    }
    case 'evaluate': return bindEvaluate(b, inp, op, scope, row);
    case 'search': return bindSearchOperator(b, inp, op, scope);
    case 'parse-kv': return bindParseKv(b, inp, op, scope, row);
    case 'scan': return bindScan(b, inp, op, scope);
    case 'top-nested': return bindTopNested(b, inp, op, scope, row);
    case 'make-graph': case 'graph-match': case 'graph-shortest-paths': case 'graph-to-table': case 'graph-mark-components':
      return bindGraphOperator(b, inp, op, scope);
    case 'error': throw new (class extends Error {})('syntax');
    default:
      return fail(b, 'KQL2006', `operator '${op.kind === 'graph' ? op.text.split(/\s/)[0] : op.kind}' is not supported yet`, op.span);
  }
}

/** In `extend a = 1, b = a + 1`, references to earlier items are replaced by their expressions. */
function resolveLater(items: NamedExpr[], e: BExpr): BExpr {
  switch (e.k) {
    case 'col': {
      const it = items.find((x) => x.name === e.name);
      return it ? it.expr : e;
    }
    case 'op': return { ...e, args: e.args.map((a) => resolveLater(items, a)) };
    case 'call': return { ...e, args: e.args.map((a) => resolveLater(items, a)) };
    case 'row': return { ...e, args: e.args.map((a) => resolveLater(items, a)) };
    case 'list': return { ...e, left: resolveLater(items, e.left), items: e.items.map((it) => (it.k === 'expr' ? { k: 'expr', expr: resolveLater(items, it.expr) } : it)) };
    case 'get': return { ...e, target: resolveLater(items, e.target), key: resolveLater(items, e.key) };
    case 'cast': return { ...e, arg: resolveLater(items, e.arg) };
    default: return e;
  }
}

const JOIN_KINDS: Record<string, JoinKind> = {
  innerunique: 'innerunique', inner: 'inner', leftouter: 'leftouter', rightouter: 'rightouter', fullouter: 'fullouter',
  leftanti: 'leftanti', anti: 'leftanti', leftantisemi: 'leftanti', rightanti: 'rightanti', rightantisemi: 'rightanti',
  leftsemi: 'leftsemi', rightsemi: 'rightsemi',
};

function bindJoin(b: Binder, left: Plan, op: Extract<Operator, { kind: 'join' | 'lookup' }>, scope: Scope): Plan {
  const isLookup = op.kind === 'lookup';
  const kindText = paramValue(op.params, 'kind') ?? (isLookup ? 'leftouter' : 'innerunique');
  const kind = JOIN_KINDS[kindText];
  if (!kind || (isLookup && kind !== 'leftouter' && kind !== 'inner')) fail(b, 'KQL2008', `unknown ${op.kind} kind '${kindText}'`, op.span);
  const right = b.bindTabular(op.right, scope);
  if (isGraphPlan(right)) fail(b, 'KQL2020', `${op.kind}: the right side is a graph, not a table (use graph-to-table)`, op.right.span);
  const leftKeys: BExpr[] = [];
  const rightKeys: BExpr[] = [];
  const ctx: RowContext = { columns: null, left: left.schema, right: right.schema };
  const addCond = (e: Expr): void => {
    if (e.kind === 'Binary' && e.op === 'and') { addCond(e.left); addCond(e.right); return; }
    if (e.kind === 'Name') {
      const l = left.schema.find((c) => c.name === e.name);
      const r = right.schema.find((c) => c.name === e.name);
      if (!l || !r) fail(b, 'KQL2002', `join key '${e.name}' must be a column of both sides`, e.span);
      leftKeys.push(col(l!)); rightKeys.push(col(r!));
      return;
    }
    if (e.kind === 'Binary' && e.op === '==') {
      const x = bindExpr(b, e.left, scope, ctx);
      const y = bindExpr(b, e.right, scope, ctx);
      const side = (v: BExpr) => (v.k === 'col' && v.name.startsWith('$left.') ? 'L' : v.k === 'col' && v.name.startsWith('$right.') ? 'R' : '?');
      const strip = (v: BExpr): BExpr => (v.k === 'col' ? { ...v, name: v.name.replace(/^\$(left|right)\./, '') } : v);
      if (side(x) === 'L' && side(y) === 'R') { leftKeys.push(strip(x)); rightKeys.push(strip(y)); return; }
      if (side(x) === 'R' && side(y) === 'L') { leftKeys.push(strip(y)); rightKeys.push(strip(x)); return; }
      fail(b, 'KQL2008', 'join conditions compare $left.column == $right.column', e.span);
    }
    fail(b, 'KQL2008', 'join conditions must be column names or $left.a == $right.b (combined with and)', e.span);
  };
  for (const c of op.on) addCond(c);
  leftKeys.forEach((lk, i) => {
    const rk = rightKeys[i]!;
    const num = (t: ScalarType) => t === 'int' || t === 'long' || t === 'real';
    if (lk.type !== rk.type && !(num(lk.type) && num(rk.type))) fail(b, 'KQL2005', `join key types differ: ${lk.type} and ${rk.type}`, op.span);
  });
  let schema: ColumnSchema[];
  const leftCols = left.schema.map((_, i) => i);
  let rightCols: number[] = right.schema.map((_, i) => i);
  if (kind === 'leftsemi' || kind === 'leftanti') { schema = left.schema; rightCols = []; }
  else if (kind === 'rightsemi' || kind === 'rightanti') { schema = right.schema; return { k: 'join', kind, left, right, leftKeys, rightKeys, leftCols: [], rightCols, lookup: false, schema, span: op.span } as Plan; }
  else {
    const alloc = new NameAllocator(left.schema.map((c) => c.name));
    const rightKeyNames = new Set(rightKeys.filter((k) => k.k === 'col').map((k) => (k as { name: string }).name));
    // lookup never repeats the right side's key columns (Microsoft's analyzer), whatever their names
    if (isLookup) rightCols = rightCols.filter((i) => !rightKeyNames.has(right.schema[i]!.name));
    schema = [...left.schema, ...rightCols.map((i) => ({ name: alloc.unique(right.schema[i]!.name), type: right.schema[i]!.type }))];
  }
  return { k: 'join', kind, left, right, leftKeys, rightKeys, leftCols, rightCols, lookup: isLookup, schema, span: op.span } as Plan;
}

function bindUnion(b: Binder, input: Plan | undefined, params: OpParam[], tables: Expr[], scope: Scope, span: Span): Plan {
  const fuzzy = paramValue(params, 'isfuzzy') === 'true';
  const inner = paramValue(params, 'kind') === 'inner';
  const withsource = paramValue(params, 'withsource');
  const inputs: Plan[] = input ? [input] : [];
  const names: string[] = input ? ['union_arg0'] : [];
  for (const t of tables) {
    if (t.kind === 'Name' && t.name.includes('*')) {
      const hits = b.catalog.tableNames().filter((n) => matchPattern(t.name, n)).sort();
      for (const h of hits) { inputs.push(b.bindTabular({ kind: 'Name', name: h, span: t.span }, scope)); names.push(h); }
      continue;
    }
    if (fuzzy && t.kind === 'Name' && !b.isTabular(t, scope, null)) continue;
    if (fuzzy) {
      // isfuzzy=true: a leg over a table this workspace does not have is left out, not an error
      const before = b.diagnostics.length;
      try {
        inputs.push(b.bindTabular(t, scope));
      } catch (e) {
        const added = b.diagnostics.slice(before);
        if (!(e instanceof BindError) || !added.length || added.some((d) => d.code !== 'KQL2001')) throw e;
        b.diagnostics.length = before;
        continue;
      }
      names.push(t.kind === 'Name' ? t.name : `union_arg${names.length}`);
      continue;
    }
    inputs.push(b.bindTabular(t, scope));
    names.push(t.kind === 'Name' ? t.name : `union_arg${names.length}`);
  }
  if (!inputs.length) fail(b, 'KQL2001', 'union has no existing tables', span);
  if (inputs.some(isGraphPlan)) fail(b, 'KQL2020', 'union: a graph is not a table (use graph-to-table)', span);
  // outer union by name; same name with different types → name_type
  const typesByName = new Map<string, Set<ScalarType>>();
  const order: string[] = [];
  for (const p of inputs) for (const c of p.schema) {
    if (!typesByName.has(c.name)) { typesByName.set(c.name, new Set()); order.push(c.name); }
    typesByName.get(c.name)!.add(c.type);
  }
  // a split name (x_long) that clashes with a plain column name gets a numeric suffix (x_long1)
  const plain = new Set(order.filter((n) => typesByName.get(n)!.size === 1));
  const used = new Set<string>(plain);
  const cols: { name: string; type: ScalarType; src: string }[] = [];
  for (const n of order) {
    const ts = [...typesByName.get(n)!];
    if (ts.length === 1) { cols.push({ name: n, type: ts[0]!, src: n }); continue; }
    for (const t of ts) {
      let name = `${n}_${t}`;
      for (let k = 1; used.has(name); k++) name = `${n}_${t}${k}`;
      used.add(name);
      cols.push({ name, type: t, src: n });
    }
  }
  const kept = inner ? cols.filter((c) => inputs.every((p) => p.schema.some((x) => x.name === c.src && x.type === c.type))) : cols;
  let schema: ColumnSchema[] = kept.map((c) => ({ name: c.name, type: c.type }));
  // each input is projected onto the union schema
  const projected = inputs.map((p) => {
    const items: NamedExpr[] = kept.map((c) => {
      const src = p.schema.find((x) => x.name === c.src && x.type === c.type);
      return { name: c.name, expr: src ? col(src) : lit(c.type, c.type === 'string' ? '' : null) };
    });
    return { k: 'project', input: p, items, schema, span: p.span } as Plan;
  });
  if (withsource) schema = [{ name: withsource, type: 'string' }, ...schema];
  const plan = { k: 'union', inputs: projected, schema, span } as Plan & { k: 'union' };
  if (withsource) plan.source = { column: withsource, names };
  return plan;
}
