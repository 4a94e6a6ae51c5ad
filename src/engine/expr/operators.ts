// Built-in operators specialised on operand types: arithmetic (int/long/real, datetime/timespan), comparisons with
// KQL's null rules, three-valued and/or, and the string operators (term-based has, contains, …, matches regex).
import type { BExpr } from '../../kql/semantics/index.js';
import type { ScalarType, Value, DynamicValue } from '../../kql/types/index.js';
import { valueToString } from '../../kql/types/index.js';
import {
  containsCi, containsCs, endsWithCi, endsWithCs, equalsCi, hasPrefix, hasSuffix, makeHas, startsWithCi, startsWithCs,
} from '../functions/string-ops.js';
import { compileRegex } from '../functions/regex.js';
import { compareDynamic, dynamicEquals } from '../functions/dynamic-compare.js';
import { KernelError } from '../functions/index.js';
import { runtimeError, type CompileContext, type RowFn } from './compile.js';

type Op = Extract<BExpr, { k: 'op' }>;

const isNumT = (t: ScalarType) => t === 'int' || t === 'long' || t === 'real' || t === 'decimal';

function toBig(v: Value): bigint | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)) : null;
  return null;
}
function toNum(v: Value): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}
/** A dynamic operand used as a number/datetime: numbers pass, everything else is null. */
function fromDyn(v: Value, as: ScalarType): Value {
  if (v === null || v === undefined) return null;
  if (as === 'real') return typeof v === 'number' ? v : null;
  if (as === 'long') return typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : null;
  return v;
}

const asInt64 = (b: bigint) => BigInt.asIntN(64, b);
const modPos = (a: number, b: number) => { const r = a % b; return r < 0 ? r + Math.abs(b) : r; };
const modPosBig = (a: bigint, b: bigint) => { const r = a % b; return r < 0n ? r + (b < 0n ? -b : b) : r; };

export function compileOperator(e: Op, args: RowFn[], ctx: CompileContext): RowFn {
  const [a, b, c] = args as [RowFn, RowFn, RowFn];
  const [ta, tb] = [e.args[0]!.type, e.args[1]?.type ?? 'dynamic'];
  switch (e.op) {
    case 'neg': {
      if (e.type === 'long') return (i) => { const x = toBig(ta === 'dynamic' ? fromDyn(a(i), 'long') : a(i)); return x === null ? null : asInt64(-x); };
      if (e.type === 'int') return (i) => { const x = a(i) as number | null; return x === null ? null : (-x | 0); };
      if (e.type === 'timespan') return (i) => { const x = a(i) as bigint | null; return x === null ? null : -x; };
      return (i) => { const x = toNum(ta === 'dynamic' ? fromDyn(a(i), 'real') : a(i)); return x === null ? null : -x; };
    }
    case '+': case '-': case '*': case '/': case '%': return arithmetic(e, a, b, ta, tb);
    case '==': case '!=': case '<': case '>': case '<=': case '>=': return comparison(e.op, a, b, ta, tb);
    case 'and': return (i) => {
      const x = a(i);
      if (x === false) return false;
      const y = b(i);
      if (y === false) return false;
      if (x === true && y === true) return true;
      return null;
    };
    case 'or': return (i) => {
      const x = a(i);
      if (x === true) return true;
      const y = b(i);
      if (y === true) return true;
      if (x === false && y === false) return false;
      return null;
    };
    case 'between': case '!between': {
      const lt = comparison('>=', a, b, ta, tb);
      const gt = comparison('<=', a, c, ta, e.args[2]!.type);
      const neg = e.op === '!between';
      return (i) => {
        const x = lt(i), y = gt(i);
        if (x === null || y === null) return neg ? null : null;
        const r = x === true && y === true;
        return neg ? !r : r;
      };
    }
    default: return stringOperator(e, a, b, ta, tb, ctx);
  }
}

function arithmetic(e: Op, a: RowFn, b: RowFn, ta: ScalarType, tb: ScalarType): RowFn {
  const op = e.op;
  const rt = e.type;
  if (rt === 'int') {
    switch (op) {
      case '+': return (i) => { const x = a(i) as number | null, y = b(i) as number | null; return x === null || y === null ? null : (x + y) | 0; };
      case '-': return (i) => { const x = a(i) as number | null, y = b(i) as number | null; return x === null || y === null ? null : (x - y) | 0; };
      case '*': return (i) => { const x = a(i) as number | null, y = b(i) as number | null; return x === null || y === null ? null : Math.imul(x, y); };
      case '/': return (i) => { const x = a(i) as number | null, y = b(i) as number | null; return x === null || y === null || y === 0 ? null : Math.trunc(x / y) | 0; };
      case '%': return (i) => { const x = a(i) as number | null, y = b(i) as number | null; return x === null || y === null || y === 0 ? null : modPos(x, y); };
    }
  }
  if (rt === 'long' && (isNumT(ta) || ta === 'dynamic') && (isNumT(tb) || tb === 'dynamic')) {
    const A = ta === 'dynamic' ? (i: number) => toBig(fromDyn(a(i), 'long')) : (i: number) => toBig(a(i));
    const B = tb === 'dynamic' ? (i: number) => toBig(fromDyn(b(i), 'long')) : (i: number) => toBig(b(i));
    switch (op) {
      case '+': return (i) => { const x = A(i), y = B(i); return x === null || y === null ? null : asInt64(x + y); };
      case '-': return (i) => { const x = A(i), y = B(i); return x === null || y === null ? null : asInt64(x - y); };
      case '*': return (i) => { const x = A(i), y = B(i); return x === null || y === null ? null : asInt64(x * y); };
      case '/': return (i) => { const x = A(i), y = B(i); return x === null || y === null || y === 0n ? null : asInt64(x / y); };
      case '%': return (i) => { const x = A(i), y = B(i); return x === null || y === null || y === 0n ? null : modPosBig(x, y); };
    }
  }
  if (rt === 'real') {
    if (ta === 'timespan' && tb === 'timespan') {
      return (i) => { const x = a(i) as bigint | null, y = b(i) as bigint | null; return x === null || y === null ? null : Number(x) / Number(y); };
    }
    const A = ta === 'dynamic' ? (i: number) => toNum(fromDyn(a(i), 'real')) : (i: number) => toNum(a(i));
    const B = tb === 'dynamic' ? (i: number) => toNum(fromDyn(b(i), 'real')) : (i: number) => toNum(b(i));
    switch (op) {
      case '+': return (i) => { const x = A(i), y = B(i); return x === null || y === null ? null : x + y; };
      case '-': return (i) => { const x = A(i), y = B(i); return x === null || y === null ? null : x - y; };
      case '*': return (i) => { const x = A(i), y = B(i); return x === null || y === null ? null : x * y; };
      case '/': return (i) => { const x = A(i), y = B(i); return x === null || y === null ? null : x / y; };
      case '%': return (i) => { const x = A(i), y = B(i); return x === null || y === null ? null : (y === 0 ? NaN : modPos(x, y)); };
    }
  }
  // datetime / timespan arithmetic on ticks
  const tick = (v: Value): bigint | null => (v === null || v === undefined ? null : typeof v === 'bigint' ? v : null);
  if (op === '+' || op === '-') {
    const sign = op === '+' ? 1n : -1n;
    return (i) => { const x = tick(a(i)), y = tick(b(i)); return x === null || y === null ? null : x + sign * y; };
  }
  if (op === '*') {
    const spanLeft = ta === 'timespan';
    const nt = spanLeft ? tb : ta;
    const S = spanLeft ? a : b, N = spanLeft ? b : a;
    if (nt === 'real' || nt === 'decimal' || nt === 'dynamic') return (i) => { const s = tick(S(i)), n = toNum(N(i)); return s === null || n === null || !Number.isFinite(n) ? null : BigInt(Math.round(Number(s) * n)); };
    return (i) => { const s = tick(S(i)), n = toBig(N(i)); return s === null || n === null ? null : s * n; };
  }
  if (op === '/') {
    if (tb === 'real' || tb === 'decimal' || tb === 'dynamic') return (i) => { const s = tick(a(i)), n = toNum(b(i)); return s === null || n === null || n === 0 || !Number.isFinite(n) ? null : BigInt(Math.round(Number(s) / n)); };
    return (i) => { const s = tick(a(i)), n = toBig(b(i)); return s === null || n === null || n === 0n ? null : s / n; };
  }
  if (op === '%') {
    return (i) => { const s = tick(a(i)), n = tb === 'timespan' ? tick(b(i)) : toBig(b(i)); return s === null || n === null || n === 0n ? null : modPosBig(s, n); };
  }
  throw new KernelError('KQL3004', `operator '${op}' on ${ta} and ${tb}`);
}

/** Compares two non-null values of comparable types: negative, zero, positive, or NaN when unordered. */
function compare3(x: Value, y: Value): number {
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  // number/bigint mixes compare exactly in JS
  if ((x as number) < (y as number)) return -1;
  if ((x as number) > (y as number)) return 1;
  // eslint-disable-next-line eqeqeq
  if ((x as number) == (y as number)) return 0;
  return NaN;
}

export function comparison(op: string, a: RowFn, b: RowFn, ta: ScalarType, tb: ScalarType): RowFn {
  if (ta === 'dynamic' || tb === 'dynamic') {
    const dynLeft = ta === 'dynamic';
    const other = dynLeft ? tb : ta;
    return (i) => {
      let x = a(i), y = b(i);
      if (!dynLeft) [x, y] = [y, x];
      let r: number | boolean | null;
      if (op === '==' || op === '!=') {
        const eq = dynamicEquals(x as DynamicValue, y, other);
        if (eq === null) {
          if ((x === null || x === undefined) && (y === null || y === undefined)) return null;
          return op === '!=';
        }
        return op === '==' ? eq : !eq;
      }
      r = compareDynamic(x as DynamicValue, y, other);
      if (r === null) return null;
      if (!dynLeft) r = -r;
      return op === '<' ? r < 0 : op === '>' ? r > 0 : op === '<=' ? r <= 0 : r >= 0;
    };
  }
  const mixed = mixedComparison(op, a, b, ta, tb);
  if (mixed) return mixed;
  const guidStr = (ta === 'guid' && tb === 'string') || (ta === 'string' && tb === 'guid');
  const na = guidStr && ta === 'string' ? (i: number) => (a(i) as string).toLowerCase() : a;
  const nb = guidStr && tb === 'string' ? (i: number) => (b(i) as string).toLowerCase() : b;
  switch (op) {
    case '==': return (i) => {
      const x = na(i), y = nb(i);
      if (x === null || y === null) return x === null && y === null ? null : false;
      // eslint-disable-next-line eqeqeq
      return typeof x === typeof y ? x === y : x == y;
    };
    case '!=': return (i) => {
      const x = na(i), y = nb(i);
      if (x === null || y === null) return x === null && y === null ? null : true;
      // eslint-disable-next-line eqeqeq
      return typeof x === typeof y ? x !== y : x != y;
    };
    case '<': return (i) => { const x = na(i), y = nb(i); if (x === null || y === null) return null; return compare3(x, y) < 0; };
    case '>': return (i) => { const x = na(i), y = nb(i); if (x === null || y === null) return null; return compare3(x, y) > 0; };
    case '<=': return (i) => { const x = na(i), y = nb(i); if (x === null || y === null) return null; return compare3(x, y) <= 0; };
    default: return (i) => { const x = na(i), y = nb(i); if (x === null || y === null) return null; return compare3(x, y) >= 0; };
  }
}

/** A string view of an operand (string operators convert other types to their text). */
export function asText(f: RowFn, t: ScalarType): (i: number) => string {
  if (t === 'string') return f as (i: number) => string;
  return (i) => valueToString(f(i), t);
}

function stringOperator(e: Op, a: RowFn, b: RowFn, ta: ScalarType, tb: ScalarType, ctx: CompileContext): RowFn {
  void ctx;
  let op = e.op;
  let neg = false;
  if (op === 'notcontains') op = '!contains';
  if (op === 'notcontainscs') op = '!contains_cs';
  if (op === 'nothas') op = '!has';
  if (op === '!~') { op = '=~'; neg = true; }
  else if (op.startsWith('!')) { op = op.slice(1); neg = true; }
  const A = asText(a, ta);
  const B = asText(b, tb);
  const bConst = e.args[1]!.k === 'lit';
  const bVal = bConst ? B(0) : '';
  let f: (i: number) => boolean;
  switch (op) {
    case 'has': case 'has_cs': {
      const cs = op === 'has_cs';
      if (bConst) { const m = makeHas(bVal, cs); f = (i) => m(A(i)); }
      else f = (i) => makeHas(B(i), cs)(A(i));
      break;
    }
    case 'hasprefix': case 'hasprefix_cs': { const cs = op.endsWith('_cs'); f = (i) => hasPrefix(A(i), B(i), cs); break; }
    case 'hassuffix': case 'hassuffix_cs': { const cs = op.endsWith('_cs'); f = (i) => hasSuffix(A(i), B(i), cs); break; }
    case 'contains': f = (i) => containsCi(A(i), B(i)); break;
    case 'contains_cs': f = (i) => containsCs(A(i), B(i)); break;
    case 'startswith': f = (i) => startsWithCi(A(i), B(i)); break;
    case 'startswith_cs': f = (i) => startsWithCs(A(i), B(i)); break;
    case 'endswith': f = (i) => endsWithCi(A(i), B(i)); break;
    case 'endswith_cs': f = (i) => endsWithCs(A(i), B(i)); break;
    case '=~': f = (i) => equalsCi(A(i), B(i)); break;
    case 'matches regex': {
      try {
        if (bConst) { const re = compileRegex(bVal); f = (i) => re.test(A(i)); }
        else f = (i) => compileRegex(B(i)).test(A(i));
      } catch (err) {
        if (err instanceof KernelError) throw runtimeError(err.code, `matches regex: ${err.message}`, e.span, err);
        throw err;
      }
      break;
    }
    default: throw runtimeError('KQL3004', `operator '${e.op}' is not supported`, e.span);
  }
  if (ta === 'string' && (ta as string) !== 'dynamic') {
    return neg ? (i) => !f(i) : f;
  }
  // a dynamic null reads as "" (tostring of it), as the mv-apply docs' example relies on
  if (ta === 'dynamic') return neg ? (i) => !f(i) : f;
  // other non-string left operands: null stays null
  return (i) => (a(i) === null ? null : neg ? !f(i) : f(i));
}

/** string vs number/bool compares as text for ==/!= (`ResultType == 0` matches "0") and by number for ordering
 *  when the text is numeric; bool vs number compares the bool as 0/1. Other pairs return undefined. */
function mixedComparison(op: string, a: RowFn, b: RowFn, ta: ScalarType, tb: ScalarType): RowFn | undefined {
  const scalarish = (t: ScalarType) => isNumT(t) || t === 'bool';
  if ((ta === 'string' && scalarish(tb)) || (tb === 'string' && scalarish(ta))) {
    const strLeft = ta === 'string';
    const other = strLeft ? tb : ta;
    const S = strLeft ? a : b, N = strLeft ? b : a;
    return (i) => {
      const s = S(i) as string, n = N(i);
      if (n === null || n === undefined) return op === '==' ? false : op === '!=' ? true : null;
      if (op === '==' || op === '!=') {
        const eq = s === valueToString(n, other);
        return op === '==' ? eq : !eq;
      }
      const x = Number(s.trim());
      if (s.trim() === '' || Number.isNaN(x)) return null;
      const y = toNum(n)!;
      const r = strLeft ? x - y : y - x;
      return op === '<' ? r < 0 : op === '>' ? r > 0 : op === '<=' ? r <= 0 : r >= 0;
    };
  }
  if ((ta === 'bool' && isNumT(tb)) || (tb === 'bool' && isNumT(ta))) {
    return comparison(op, (i) => { const v = a(i); return typeof v === 'boolean' ? (v ? 1 : 0) : v; }, (i) => { const v = b(i); return typeof v === 'boolean' ? (v ? 1 : 0) : v; }, ta === 'bool' ? 'int' : ta, tb === 'bool' ? 'int' : tb);
  }
  return undefined;
}
