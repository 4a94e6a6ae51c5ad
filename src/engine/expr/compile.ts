// Bound scalar expression → a JS function of the row index. Constant sub-expressions are folded once,
// kernels are prepared once per call site, and operators are specialised on their operand types.
import { jsonText } from '../../kql/types/index.js';
import type { BExpr, Plan } from '../../kql/semantics/index.js';
import type { Span } from '../../kql/text/index.js';
import { KqliteError } from '../../kql/text/index.js';
import type { ScalarType, Value, DynamicValue } from '../../kql/types/index.js';
import { valueToString } from '../../kql/types/index.js';
import type { Table } from '../../table/index.js';
import { KernelError, scalarKernel, type KernelContext } from '../functions/index.js';
import { bagSet, toDynamic, dynamicGet } from '../functions/dynamic-compare.js';
import { convertValue } from '../functions/conversion.js';
import { compileOperator } from './operators.js';
import { compileList } from './list-ops.js';

export type RowFn = (i: number) => Value;

export interface CompileContext {
  /** Columns of the input, by name. */
  columns: Map<string, { type: ScalarType; values: Value[] }>;
  kctx: KernelContext;
  /** Executes a sub-plan (toscalar, in (T)) once. */
  runPlan(plan: Plan): Table;
  /** Row count of the input (for row functions). */
  rowCount: number;
}

export function runtimeError(code: string, message: string, span: Span | undefined, cause?: unknown): KqliteError {
  return new KqliteError(code, message, { ...(span ? { span } : {}), ...(cause !== undefined ? { cause } : {}) });
}

/** Wraps kernel errors into coded runtime errors that point at the call. */
function guard(fn: RowFn, span: Span, what: string): RowFn {
  return (i) => {
    try {
      return fn(i);
    } catch (e) {
      if (e instanceof KernelError) throw runtimeError(e.code, `${what}: ${e.message}`, span, e);
      if (e instanceof RangeError && /BigInt|Division by zero/i.test(e.message)) throw runtimeError('KQL3002', `${what}: ${e.message}`, span, e);
      throw e;
    }
  };
}

export function compileExpr(e: BExpr, ctx: CompileContext): RowFn {
  const f = compileInner(e, ctx);
  return f;
}

/** Evaluates a constant expression (no columns). */
export function evalConst(e: BExpr, ctx: Omit<CompileContext, 'columns' | 'rowCount'>): Value {
  return compileExpr(e, { ...ctx, columns: new Map(), rowCount: 1 })(0);
}

function isConstExpr(e: BExpr): boolean {
  switch (e.k) {
    case 'lit': return true;
    case 'op': return e.args.every(isConstExpr);
    case 'cast': return isConstExpr(e.arg);
    case 'get': return isConstExpr(e.target) && isConstExpr(e.key);
    case 'call': {
      const k = e.fn;
      if (k === 'rand' || k === 'new_guid') return false;
      return e.args.every(isConstExpr);
    }
    default: return false;
  }
}

function compileInner(e: BExpr, ctx: CompileContext): RowFn {
  if (e.k !== 'lit' && isConstExpr(e)) {
    const v = compileRaw(e, ctx)(0);
    return () => v;
  }
  return compileRaw(e, ctx);
}

function compileRaw(e: BExpr, ctx: CompileContext): RowFn {
  switch (e.k) {
    case 'lit': {
      const v = e.value;
      return () => v;
    }
    case 'col': {
      const c = ctx.columns.get(e.name);
      if (!c) throw runtimeError('KQL3001', `internal: column '${e.name}' is not in the input`, undefined);
      const vals = c.values;
      return (i) => vals[i] as Value;
    }
    case 'op': return compileOperator(e, e.args.map((a) => compileInner(a, ctx)), ctx);
    case 'list': return compileList(e, compileInner(e.left, ctx), ctx, (x) => compileInner(x, ctx));
    case 'call': {
      const kernel = scalarKernel(e.fn);
      if (!kernel) throw runtimeError('KQL3003', `function '${e.fn}' has no implementation yet`, e.span);
      const types = e.args.map((a) => a.type);
      const consts = e.args.map((a) => (isConstExpr(a) ? compileRaw(a, ctx)(0) : undefined));
      let fn: (...args: Value[]) => Value;
      try {
        fn = kernel.make(types, consts, ctx.kctx);
      } catch (err) {
        if (err instanceof KernelError) throw runtimeError(err.code, `${e.fn}(): ${err.message}`, e.span, err);
        throw err;
      }
      const args = e.args.map((a) => compileInner(a, ctx));
      const strType = e.type === 'string';
      let body: RowFn;
      switch (args.length) {
        case 0: body = () => fn(); break;
        case 1: { const a0 = args[0]!; body = (i) => fn(a0(i)); break; }
        case 2: { const a0 = args[0]!, a1 = args[1]!; body = (i) => fn(a0(i), a1(i)); break; }
        case 3: { const a0 = args[0]!, a1 = args[1]!, a2 = args[2]!; body = (i) => fn(a0(i), a1(i), a2(i)); break; }
        default: body = (i) => fn(...args.map((a) => a(i)));
      }
      if (strType) { const inner = body; body = (i) => { const v = inner(i); return v === null || v === undefined ? '' : v; }; }
      return guard(body, e.span, `${e.fn}()`);
    }
    case 'get': {
      const t = compileInner(e.target, ctx);
      const key = compileInner(e.key, ctx);
      const kt = e.key.type;
      return (i) => {
        const k = key(i);
        if (k === null) return null;
        const kk = typeof k === 'string' || typeof k === 'number' || typeof k === 'bigint' ? k : kt === 'dynamic' && (typeof k === 'string' || typeof k === 'number') ? k : String(k);
        return dynamicGet(t(i) as DynamicValue, kk as string | number | bigint);
      };
    }
    case 'scalar': {
      const table = ctx.runPlan(e.plan);
      const v = table.rowCount > 0 && table.columns.length ? (table.columns[0]!.values[0] ?? null) : (e.type === 'string' ? '' : null);
      return () => v;
    }
    case 'cast': {
      const a = compileInner(e.arg, ctx);
      const from = e.from, to = e.type;
      return (i) => convertValue(a(i), from, to);
    }
    case 'packall': {
      const cols = [...ctx.columns.entries()];
      return (i) => {
        const bag: { [k: string]: DynamicValue } = {};
        for (const [name, c] of cols) {
          const v = c.values[i] as Value;
          // pack_all(true) leaves out null and empty values
          if (e.ignoreEmpty && (v === null || v === undefined || v === '')) continue;
          bagSet(bag, name, toDynamic(v, c.type)); // a column named __proto__ stays data
        }
        return bag;
      };
    }
    case 'row': return compileRowFunction(e, ctx);
  }
}

function compileRowFunction(e: Extract<BExpr, { k: 'row' }>, ctx: CompileContext): RowFn {
  const args = e.args.map((a) => compileInner(a, ctx));
  switch (e.fn) {
    case 'row_number': {
      const start = args[0] ? Number(args[0](0) ?? 1) : 1;
      const restart = args[1];
      if (!restart) return (i) => BigInt(i + start);
      // restart numbering when the predicate is true
      let lastI = -1, n = start - 1;
      return (i) => {
        if (i !== lastI + 1) { n = start - 1; for (let j = 0; j < i; j++) n = restart(j) === true && j > 0 ? start : n + 1; }
        n = restart(i) === true && i > 0 ? start : n + 1;
        if (i === 0) n = start;
        lastI = i;
        return BigInt(n);
      };
    }
    case 'prev': case 'next': {
      const v = args[0]!;
      const off = args[1] ? Number(args[1](0) ?? 1) : 1;
      const def = args[2];
      const n = ctx.rowCount;
      const sign = e.fn === 'prev' ? -1 : 1;
      return (i) => {
        const j = i + sign * off;
        if (j < 0 || j >= n) return def ? def(i) : (e.type === 'string' ? '' : null);
        return v(j);
      };
    }
    case 'row_rank_dense': case 'row_rank_min': case 'row_window_session':
      return wholeColumn(() => rankColumn(e.fn, args, ctx.rowCount));
    case 'row_cumsum': {
      const v = args[0]!;
      const restart = args[1];
      let lastI = -1;
      let acc: number | bigint = e.type === 'real' ? 0 : 0n;
      return (i) => {
        if (i !== lastI + 1) { acc = e.type === 'real' ? 0 : 0n; for (let j = 0; j < i; j++) step(j); }
        step(i);
        lastI = i;
        return acc;
      };
      function step(j: number): void {
        if (restart && restart(j) === true) acc = e.type === 'real' ? 0 : 0n;
        const x = v(j);
        if (x === null || x === undefined) return;
        if (typeof acc === 'bigint') acc = BigInt.asIntN(64, acc + (typeof x === 'bigint' ? x : BigInt(Math.trunc(Number(x)))));
        else acc += Number(x);
      }
    }
  }
}

/** A row function computed once for the whole (serialized) column, then read per row. */
function wholeColumn(compute: () => Value[]): RowFn {
  let cache: Value[] | undefined;
  return (i) => (cache ??= compute())[i] ?? null;
}

/** row_rank_dense / row_rank_min / row_window_session over rows 0..n-1 (restart: optional last predicate). */
function rankColumn(fn: string, args: RowFn[], n: number): Value[] {
  const out: Value[] = new Array<Value>(n);
  const v = args[0]!;
  const same = (a: Value, b: Value) => (a === b) || (a !== null && b !== null && typeof a === 'object' && jsonText(a) === jsonText(b));
  if (fn === 'row_window_session') {
    const maxFirst = args[1]!(0) as bigint | null, maxGap = args[2]!(0) as bigint | null, restart = args[3];
    let start: bigint | null = null, prevT: bigint | null = null;
    for (let i = 0; i < n; i++) {
      const t = v(i) as bigint | null;
      const brk = start === null || t === null || prevT === null || (restart && restart(i) === true)
        || (maxFirst !== null && t - start > maxFirst) || (maxGap !== null && t - prevT > maxGap);
      if (brk) start = t;
      prevT = t;
      out[i] = start;
    }
    return out;
  }
  const restart = args[1];
  let rank = 0, pos = 0, prev: Value = null;
  for (let i = 0; i < n; i++) {
    const x = v(i);
    const reset = i === 0 || (restart !== undefined && restart(i) === true);
    if (reset) { rank = 1; pos = 1; }
    else {
      pos++;
      if (!same(x, prev)) rank = fn === 'row_rank_dense' ? rank + 1 : pos;
    }
    prev = x;
    out[i] = BigInt(rank);
  }
  return out;
}

export function stringOf(v: Value, type: ScalarType): string {
  return type === 'string' ? (v as string) : valueToString(v, type);
}
