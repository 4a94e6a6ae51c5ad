// `summarize aggs by keys`: group keys first, then aggregates, named as Kusto names them
// (count_, sum_x, set_s, percentile_x_95, arg_max columns, take_any keeps the column name).
import type { Span } from '../text/index.js';
import type { AssignItem, CallExpr, Expr } from '../syntax/ast.js';
import type { ColumnSchema, ScalarType } from '../types/index.js';
import type { BAgg, BExpr, NamedExpr, Plan } from './bound.js';
import type { Binder } from './binder.js';
import { bindExpr, constValue, fail, type RowContext } from './expr-binder.js';
import { lookupAggregate } from './functions/index.js';
import { binnedColumnName, derivedName, NameAllocator } from './naming.js';
import type { Scope } from './scope.js';

const HIDDEN = '\u0000agg';

export function bindGroupKeys(b: Binder, by: AssignItem[], scope: Scope, row: RowContext, alloc: NameAllocator): NamedExpr[] {
  return by.map((it) => {
    const expr = bindExpr(b, it.expr, scope, row);
    // a name unknown in an open (analysis-only) schema is typed dynamic but may be any type: not an error here
    const unknownOpen = row.open && expr.k === 'col' && !row.columns?.some((c) => c.name === expr.name);
    if (expr.type === 'dynamic' && !unknownOpen) fail(b, 'KQL2005', 'a group key cannot be dynamic; convert it with tostring() or another cast', it.span);
    let name = it.names?.[0] ?? derivedName(it.expr) ?? binnedColumnName(it.expr);
    name = name !== undefined ? alloc.unique(name) : alloc.nextColumn();
    return { name, expr };
  });
}

function percentSuffix(p: number): string {
  return String(p).replace('.', '_');
}

export function bindSummarize(b: Binder, inp: Plan, aggItems: AssignItem[], by: AssignItem[], scope: Scope, row: RowContext, span: Span): Plan {
  const alloc = new NameAllocator();
  const keys = bindGroupKeys(b, by, scope, row, alloc);
  const aggs: BAgg[] = [];
  const keyNames = new Set(keys.map((k) => k.name));
  let hiddenN = 0;

  const bindAgg = (call: CallExpr, r: RowContext, topLevel: AssignItem | undefined): BExpr => {
    const sig = lookupAggregate(call.name)!;
    const inner: RowContext = { ...r, aggregate: (c) => fail(b, 'KQL2010', `aggregate '${c.name}' cannot be nested inside another aggregate`, c.span) };
    const star = call.args.length === 1 && call.args[0]!.kind === 'Star';
    if (call.args.length < sig.minArgs || call.args.length > sig.maxArgs) {
      if (!(star && (sig.special === 'take_any' || call.name === 'count'))) {
        fail(b, 'KQL2004', `${call.name}() expects ${sig.minArgs === sig.maxArgs ? sig.minArgs : `${sig.minArgs} to ${sig.maxArgs === Infinity ? 'any number of' : sig.maxArgs}`} argument(s), got ${call.args.length}`, call.span);
      }
    }
    const explicit = topLevel?.names;
    if (sig.special === 'arg_max' || sig.special === 'arg_min' || (sig.special === 'take_any' && (call.args.length > 1 || star))) {
      if (!topLevel) fail(b, 'KQL2008', `${call.name}() must be used directly in summarize, not inside an expression`, call.span);
      const argExprs: Expr[] = sig.special === 'take_any' ? call.args : call.args.slice(1);
      const by0 = sig.special === 'take_any' ? undefined : bindExpr(b, call.args[0]!, scope, inner);
      const extra: { name: string; expr: BExpr }[] = [];
      const names: string[] = [];
      const types: ScalarType[] = [];
      let ni = 0;
      const take = (n: string | undefined) => {
        const given = explicit?.[ni++];
        return alloc.unique(given ?? n ?? alloc.nextColumn());
      };
      if (by0) {
        names.push(take(derivedName(call.args[0]!)));
        types.push(by0.type);
      }
      const firstCol = by0?.k === 'col' ? by0.name : undefined;
      for (const a of argExprs) {
        if (a.kind === 'Star') {
          for (const c of row.columns ?? []) {
            if (keyNames.has(c.name) || c.name === firstCol) continue;
            const nm = take(c.name);
            extra.push({ name: nm, expr: { k: 'col', type: c.type, name: c.name } });
            names.push(nm); types.push(c.type);
          }
          continue;
        }
        const e = bindExpr(b, a, scope, inner);
        const nm = take(derivedName(a));
        extra.push({ name: nm, expr: e });
        names.push(nm); types.push(e.type);
      }
      const agg: BAgg = { fn: sig.special === 'take_any' ? 'take_any' : sig.special!, args: by0 ? [by0] : [], names, types, span: call.span, extra };
      aggs.push(agg);
      return { k: 'col', type: types[0] ?? 'dynamic', name: names[0] ?? '' };
    }
    const args = call.args.map((a) => (a.kind === 'Star' ? { k: 'lit', type: 'bool', value: true } as BExpr : bindExpr(b, a, scope, inner)));
    if (call.name === 'count' && star) args.length = 0;
    const t = sig.returns(args.map((a) => a.type), args.map(constValue));
    if (typeof t !== 'string') fail(b, 'KQL2005', `${call.name}(): ${t.error}`, call.span);
    if (sig.special === 'percentiles') {
      const first = sig.name === 'percentilesw' ? 2 : 1;
      const percents = args.slice(first).map((a, i) => {
        const v = constValue(a.k === 'cast' ? a.arg : a);
        if (typeof v !== 'number' && typeof v !== 'bigint') fail(b, 'KQL2008', `${sig.name}() needs constant percent values`, call.args[i + first]!.span);
        return Number(v);
      });
      const base = derivedName(call.args[0]!) ?? '';
      const names = percents.map((p, i) => alloc.unique(explicit?.[i] ?? `percentile_${base}_${percentSuffix(p)}`));
      aggs.push({ fn: sig.name === 'percentilesw' ? 'percentilesw' : 'percentiles', args: args.slice(0, first), names, types: names.map(() => t as ScalarType), span: call.span, percents });
      return { k: 'col', type: t as ScalarType, name: names[0]! };
    }
    const hidden = `${HIDDEN}${hiddenN++}`;
    aggs.push({ fn: sig.name, args, names: [hidden], types: [t as ScalarType], span: call.span });
    return { k: 'col', type: t as ScalarType, name: hidden };
  };

  const outItems: NamedExpr[] = keys.map((k) => ({ name: k.name, expr: { k: 'col', type: k.expr.type, name: k.name } }));
  for (const it of aggItems) {
    const direct = it.expr.kind === 'Call' && lookupAggregate(it.expr.name) ? it.expr : undefined;
    const r: RowContext = { ...row, aggregate: (c, rr) => bindAgg(c, rr, direct === c ? it : undefined) };
    const before = aggs.length;
    const e = bindExpr(b, it.expr, scope, r);
    if (aggs.length === before && e.k !== 'lit') {
      fail(b, 'KQL2010', 'each summarize expression must contain an aggregate function such as count() or sum()', it.span);
    }
    const last = aggs[aggs.length - 1];
    if (direct && last && aggs.length === before + 1 && (last.extra || last.fn === 'percentiles' || last.fn === 'percentilesw')) {
      last.names.forEach((n, i) => outItems.push({ name: n, expr: { k: 'col', type: last.types[i]!, name: n } }));
      continue;
    }
    if (direct && last && aggs.length === before + 1) {
      const sig = lookupAggregate(direct.name)!;
      const named = direct.args.slice(0, sig.nameArgs ?? 1).map((a) => derivedName(a));
      const argName = named.length && named.every((n) => n !== undefined) ? named.join('_') : undefined;
      // percentile(x, 50) / percentilew(x, w, 50) are named percentile_x_50
      const pct = sig.name === 'percentile' || sig.name === 'percentilew' ? constValue(last.args[last.args.length - 1]!) : undefined;
      const suffix = typeof pct === 'number' || typeof pct === 'bigint' ? `_${percentSuffix(Number(pct))}` : '';
      const name = alloc.unique(it.names?.[0] ?? (sig.special === 'take_any' ? (argName ?? `${sig.prefix}_`) : `${sig.prefix}_${argName ?? ''}${suffix}`));
      last.names[0] = name;
      outItems.push({ name, expr: { k: 'col', type: last.types[0]!, name } });
      continue;
    }
    // `tostring(make_set(x))` keeps the wrapped aggregate's name (set_x), as Kusto does
    let inner: Expr = it.expr;
    while (inner.kind === 'Call' && !lookupAggregate(inner.name) && inner.args.length >= 1) inner = inner.args[0]!;
    const wrapped = !it.names?.[0] && inner !== it.expr && inner.kind === 'Call' && aggs.length === before + 1 ? lookupAggregate(inner.name) : undefined;
    const wrappedName = wrapped && !wrapped.special ? `${wrapped.prefix}_${(inner as CallExpr).args[0] ? derivedName((inner as CallExpr).args[0]!) ?? '' : ''}` : undefined;
    const name = it.names?.[0] ? alloc.unique(it.names[0]) : wrappedName !== undefined ? alloc.unique(wrappedName) : alloc.nextColumn();
    outItems.push({ name, expr: e });
  }
  const aggSchema: ColumnSchema[] = [];
  for (const a of aggs) a.names.forEach((n, i) => aggSchema.push({ name: n, type: a.types[i]! }));
  const sumSchema = [...keys.map((k) => ({ name: k.name, type: k.expr.type })), ...aggSchema];
  const summarize = { k: 'summarize', input: inp, keys, aggs, schema: sumSchema, span } as Plan;
  const needsProject = outItems.length !== sumSchema.length || outItems.some((o, i) => o.expr.k !== 'col' || (o.expr as { name: string }).name !== sumSchema[i]!.name);
  if (!needsProject) return summarize;
  return { k: 'project', input: summarize, items: outItems, schema: outItems.map((o) => ({ name: o.name, type: o.expr.type })), span } as Plan;
}
