// in / !in / in~ / !in~ / has_any / has_all: the list (scalars, dynamic arrays flattened, or a subquery's first
// column) is built once into a hashed set or a multi-needle matcher when it is constant.
import { jsonText } from '../../kql/types/index.js';
import type { BExpr } from '../../kql/semantics/index.js';
import type { ScalarType, Value, DynamicValue } from '../../kql/types/index.js';
import { valueToString } from '../../kql/types/index.js';
import { foldCase, makeHasAll, makeHasAny } from '../functions/string-ops.js';
import { asText } from './operators.js';
import { memoizeString } from './memo.js';
import { dictOf, perDistinct, type StringDict } from '../../table/index.js';
import type { CompileContext, RowFn } from './compile.js';

type ListE = Extract<BExpr, { k: 'list' }>;

/** A raw list element with its type (dynamic array elements are 'dynamic'). */
interface Elem { v: Value | DynamicValue; t: ScalarType }

function flatten(v: Value, t: ScalarType, out: Elem[]): void {
  if (t === 'dynamic' && Array.isArray(v)) { for (const x of v) out.push({ v: x as DynamicValue, t: 'dynamic' }); return; }
  out.push({ v, t });
}

/** Normalised key for set membership: numbers (incl. longs) as number when safe, else text; strings as is. */
function keyOf(v: unknown, t: ScalarType, ci: boolean): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return ci ? foldCase(v) : v;
  if (typeof v === 'bigint') {
    if (t === 'datetime' || t === 'timespan') return `t${v}`;
    return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : `n${v}`;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return jsonText(v);
}

function elemKey(el: Elem, leftType: ScalarType, ci: boolean): unknown {
  if (el.t === 'dynamic' && typeof el.v === 'string' && (leftType === 'datetime' || leftType === 'timespan')) return el.v;
  if (leftType === 'string' && el.t !== 'string' && el.v !== null) return keyOf(el.t === 'dynamic' ? (typeof el.v === 'string' ? el.v : jsonText(el.v)) : valueToString(el.v as Value, el.t), 'string', ci);
  return keyOf(el.v, el.t, ci);
}

/** The dictionary codes of a plain column reference's values, when its loader kept them. */
function columnDict(e: BExpr, ctx: CompileContext): StringDict | undefined {
  if (e.k !== 'col') return undefined;
  const c = ctx.columns.get(e.name);
  return c ? dictOf(c.values) : undefined;
}

export function compileList(e: ListE, left: RowFn, ctx: CompileContext, sub: (x: BExpr) => RowFn): RowFn {
  const lt = e.left.type;
  const op = e.op;
  const constItems = e.items.every((it) => it.k === 'plan' || it.expr.k === 'lit' || isConstLike(it.expr));
  const gather = (i: number): Elem[] => {
    const out: Elem[] = [];
    for (const it of compiled) {
      if (it.kind === 'plan') { out.push(...it.elems); continue; }
      flatten(it.fn(i), it.t, out);
    }
    return out;
  };
  const compiled = e.items.map((it) => {
    if (it.k === 'plan') {
      const t = ctx.runPlan(it.plan);
      const col = t.columns[0];
      const elems: Elem[] = [];
      if (col) for (const v of col.values) flatten(v as Value, col.type, elems);
      return { kind: 'plan' as const, elems };
    }
    return { kind: 'expr' as const, fn: sub(it.expr), t: it.expr.type };
  });

  if (op === 'has_any' || op === 'has_all') {
    const A = asText(left, lt);
    const needlesOf = (els: Elem[]) => els.filter((x) => x.v !== null && x.v !== undefined).map((x) => (typeof x.v === 'string' ? x.v : x.t === 'dynamic' ? jsonText(x.v) : valueToString(x.v as Value, x.t)));
    const make = op === 'has_any' ? makeHasAny : makeHasAll;
    if (constItems) {
      const f = make(needlesOf(gather(0)));
      const dict = lt === 'string' ? columnDict(e.left, ctx) : undefined;
      if (dict) return perDistinct(dict, f);
      const m = memoizeString(f);
      return (i) => m(A(i));
    }
    return (i) => make(needlesOf(gather(i)))(A(i));
  }
  const ci = op === 'in~' || op === '!in~';
  const neg = op.startsWith('!');
  if (constItems) {
    const set = new Set<unknown>();
    for (const el of gather(0)) set.add(elemKey(el, lt, ci));
    set.delete(null);
    if (lt === 'string') {
      const A = left as (i: number) => string;
      const dict = columnDict(e.left, ctx);
      if (dict) {
        const hit = perDistinct(dict, ci ? (s) => set.has(foldCase(s)) : (s) => set.has(s));
        return neg ? (i) => !hit(i) : hit;
      }
      if (ci) return neg ? (i) => !set.has(foldCase(A(i))) : (i) => set.has(foldCase(A(i)));
      return neg ? (i) => !set.has(A(i)) : (i) => set.has(A(i));
    }
    return (i) => {
      const v = left(i);
      if (v === null) return neg ? true : false;
      const k = lt === 'dynamic' ? keyOf(v, typeof v === 'string' ? 'string' : 'dynamic', ci) : keyOf(v, lt, ci);
      const hit = set.has(k);
      return neg ? !hit : hit;
    };
  }
  return (i) => {
    const v = left(i);
    if (v === null) return neg;
    const k = keyOf(v, lt, ci);
    const hit = gather(i).some((el) => elemKey(el, lt, ci) === k);
    return neg ? !hit : hit;
  };
}

function isConstLike(e: BExpr): boolean {
  switch (e.k) {
    case 'lit': case 'scalar': return true;
    case 'cast': return isConstLike(e.arg);
    case 'call': return e.fn !== 'rand' && e.fn !== 'new_guid' && e.args.every(isConstLike);
    case 'op': return e.args.every(isConstLike);
    case 'get': return isConstLike(e.target) && isConstLike(e.key);
    default: return false;
  }
}
