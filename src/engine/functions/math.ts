// Math kernels: rounding and binning (bin/floor, bin_at, round, ceiling, abs), real functions (log, exp, trig,
// gamma), rand, max_of/min_of and the 64-bit binary_* functions. Int args arrive as number, long as bigint.
import type { ScalarType, Value } from '../../kql/types/index.js';
import { MIN_DATETIME } from '../../kql/types/index.js';
import type { ScalarKernel, Kernel } from './kernel.js';
import { num, big, wrap64 } from './conversion.js';

/** Floor division of bigints (rounds toward −∞). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}

const isIntegral = (t: ScalarType | undefined) => t === 'int' || t === 'long';

/**
 * bin(value, size): rounds down to a multiple of size. Datetime bins are measured from 0001-01-01 (the .NET tick
 * origin Kusto stores datetimes in), so `bin(dt, 7d)` starts weeks on Mondays; bins that divide a day are the same
 * from either origin. A null/zero/negative size gives null.
 */
export function binValue(v: Value, size: Value, vt: ScalarType, st: ScalarType): Value {
  if (v === null || size === null) return null;
  if (vt === 'datetime' || vt === 'timespan') {
    const s = big(size);
    if (s === null || s <= 0n || typeof v !== 'bigint') return null;
    const origin = vt === 'datetime' ? MIN_DATETIME : 0n;
    return origin + floorDiv(v - origin, s) * s;
  }
  if (isIntegral(vt) && isIntegral(st)) {
    const a = big(v), s = big(size);
    if (a === null || s === null || s <= 0n) return null;
    return wrap64(floorDiv(a, s) * s);
  }
  const a = num(v), s = num(size);
  if (a === null || s === null || !(s > 0)) return null;
  return Math.floor(a / s) * s;
}

/** bin_at(value, size, fixed): bins aligned so that `fixed` is a bin start. */
export function binAtValue(v: Value, size: Value, fixed: Value, vt: ScalarType, st: ScalarType, ft: ScalarType): Value {
  if (v === null || size === null || fixed === null) return null;
  if (vt === 'datetime' || vt === 'timespan' || (isIntegral(vt) && isIntegral(st) && isIntegral(ft))) {
    const a = big(v), s = big(size), f = big(fixed);
    if (a === null || s === null || f === null || s <= 0n) return null;
    const r = f + floorDiv(a - f, s) * s;
    return vt === 'datetime' || vt === 'timespan' ? r : wrap64(r);
  }
  const a = num(v), s = num(size), f = num(fixed);
  if (a === null || s === null || f === null || !(s > 0)) return null;
  return f + Math.floor((a - f) / s) * s;
}

/** Rounds half away from zero to `digits` decimals (negative: tens, hundreds, …). */
export function roundReal(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const half = (y: number) => Math.sign(y) * Math.floor(Math.abs(y) + 0.5);
  if (digits >= 0) {
    if (digits > 15) return x;
    const p = 10 ** digits;
    const r = half(x * p) / p;
    return Number.isFinite(r) ? r : x;
  }
  const p = 10 ** Math.min(-digits, 308);
  return half(x / p) * p;
}

function roundBig(x: bigint, digits: number): bigint {
  if (digits >= 0) return x;
  const p = 10n ** BigInt(Math.min(-digits, 20));
  const q = x / p, r = x % p;
  const adj = (r < 0n ? -r : r) * 2n >= p ? (x < 0n ? -1n : 1n) : 0n;
  return wrap64((q + adj) * p);
}

// Lanczos approximation (g = 7, n = 9) for the gamma function; exact factorials for small positive integers.
const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

export function gamma(x: number): number {
  if (Number.isInteger(x)) {
    if (x <= 0) return NaN;
    if (x <= 171) return factorial(x - 1);
    return Infinity;
  }
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const y = x - 1;
  let a = LANCZOS[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (y + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, y + 0.5) * Math.exp(-t) * a;
}

export function logGamma(x: number): number {
  if (Number.isInteger(x) && x > 0 && x <= 171) return Math.log(factorial(x - 1));
  if (x < 0.5) return Math.log(Math.abs(Math.PI / Math.sin(Math.PI * x))) - logGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** erf(x): Taylor series below |x| = 2, else 1 - erfc(x) from erfc's continued fraction (~1e-15). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) >= 2) return Math.sign(x) * (1 - erfcPositive(Math.abs(x)));
  let term = x, sum = x;
  for (let n = 1; n < 100 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/** erfc for x >= 2 by its continued fraction, evaluated backwards. */
function erfcPositive(x: number): number {
  let t = x;
  for (let n = 80; n >= 1; n--) t = x + n / 2 / t;
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * t);
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 2) return erfcPositive(x);
  if (x <= -2) return 2 - erfcPositive(-x);
  return 1 - erf(x);
}

/** The promoted result type of max_of/min_of (same rule as the signature). */
export function commonType(types: readonly ScalarType[]): ScalarType | null {
  const ts = types.filter((t) => t !== 'dynamic');
  if (ts.length === 0) return null;
  if (ts.every((t) => isIntegral(t) || t === 'real' || t === 'decimal')) {
    return ts.some((t) => t === 'real' || t === 'decimal') ? 'real' : ts.some((t) => t === 'long') ? 'long' : 'int';
  }
  return ts.every((t) => t === ts[0]) ? ts[0]! : null;
}

function extreme(name: string, pickFirst: (c: number) => boolean): ScalarKernel {
  return {
    name,
    make: (types) => {
      const rt = commonType(types) ?? 'real';
      const coerce = (v: Value): Value => (v === null ? null : rt === 'real' ? num(v) : rt === 'long' ? big(v) : v);
      return (...args) => {
        let best: Value = null;
        for (const a of args) {
          const v = coerce(a ?? null);
          if (v === null || (typeof v === 'number' && Number.isNaN(v))) continue;
          if (best === null || pickFirst(compare(v, best))) best = v;
        }
        return best;
      };
    },
  };
}

function compare(a: Value, b: Value): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const x = num(a), y = num(b);
  return x === null || y === null ? 0 : x < y ? -1 : x > y ? 1 : 0;
}

/** A real function of one numeric argument; null in, null out. */
function real1(name: string, f: (x: number) => Value): ScalarKernel {
  return { name, make: () => (v) => { const x = num(v ?? null); return x === null ? null : f(x); } };
}

/** A 64-bit binary function of long arguments. */
function bits(name: string, arity: number, f: (...xs: bigint[]) => bigint): ScalarKernel {
  return {
    name,
    make: () => (...args) => {
      const xs: bigint[] = [];
      for (let i = 0; i < arity; i++) { const b = big(args[i] ?? null); if (b === null) return null; xs.push(BigInt.asIntN(64, b)); }
      return wrap64(f(...xs));
    },
  };
}

const domain = (f: (x: number) => number, ok: (x: number) => boolean) => (x: number) => (ok(x) ? f(x) : null);
const shift = (b: bigint) => BigInt(Number(BigInt.asUintN(6, b)));

function popcount(x: bigint): bigint {
  let u = BigInt.asUintN(64, x), c = 0n;
  while (u) { c += u & 1n; u >>= 1n; }
  return c;
}

const absK: ScalarKernel = {
  name: 'abs',
  make: (types): Kernel => {
    const t = types[0];
    if (t === 'int' || t === 'long' || t === 'timespan') return (v) => { const b = big(v ?? null); return b === null ? null : wrap64(b < 0n ? -b : b); };
    return (v) => { const x = num(v ?? null); return x === null ? null : Math.abs(x); };
  },
};

const roundK: ScalarKernel = {
  name: 'round',
  make: (types): Kernel => {
    const t = types[0];
    return (v, p) => {
      if (v === null || v === undefined) return null;
      const digits = p === undefined ? 0 : num(p);
      if (digits === null || !Number.isFinite(digits)) return null;
      const d = Math.max(-400, Math.min(400, Math.trunc(digits)));
      if (typeof v === 'bigint') return roundBig(v, d);
      const x = num(v);
      if (x === null) return null;
      return t === 'int' && Number.isInteger(x) ? (d >= 0 ? x : Number(roundBig(BigInt(x), d))) : roundReal(x, d);
    };
  },
};

const ceilingK: ScalarKernel = {
  name: 'ceiling',
  make: (): Kernel => (v) => (typeof v === 'bigint' ? v : typeof v === 'number' ? Math.ceil(v) + 0 : null),
};

const randK: ScalarKernel = {
  name: 'rand',
  make: (types, _c, ctx): Kernel => {
    if (types.length === 0) return () => ctx.random();
    return (n) => { const m = num(n ?? null); return m === null || !(m >= 1) ? null : Math.floor(ctx.random() * Math.floor(m)); };
  },
};

export const kernels: ScalarKernel[] = [
  { name: 'bin', make: (t) => (v, s) => binValue(v ?? null, s ?? null, t[0] ?? 'real', t[1] ?? 'real') },
  { name: 'bin_at', make: (t) => (v, s, f) => binAtValue(v ?? null, s ?? null, f ?? null, t[0] ?? 'real', t[1] ?? 'real', t[2] ?? 'real') },
  absK, roundK, ceilingK, randK,
  { name: 'pi', make: () => () => Math.PI },
  real1('log', domain(Math.log, (x) => x >= 0)),
  real1('log10', domain(Math.log10, (x) => x >= 0)),
  real1('log2', domain(Math.log2, (x) => x >= 0)),
  real1('exp', Math.exp),
  real1('exp2', (x) => 2 ** x),
  real1('exp10', (x) => 10 ** x),
  real1('sqrt', domain(Math.sqrt, (x) => x >= 0)),
  real1('sign', (x) => Math.sign(x) + 0),
  real1('sin', Math.sin), real1('cos', Math.cos), real1('tan', Math.tan),
  real1('asin', domain(Math.asin, (x) => x >= -1 && x <= 1)),
  real1('acos', domain(Math.acos, (x) => x >= -1 && x <= 1)),
  real1('atan', Math.atan),
  real1('cot', (x) => 1 / Math.tan(x)),
  real1('degrees', (x) => (x * 180) / Math.PI),
  real1('radians', (x) => (x * Math.PI) / 180),
  real1('gamma', gamma),
  real1('erf', erf),
  real1('erfc', erfc),
  real1('loggamma', logGamma),
  real1('isnan', (x) => Number.isNaN(x)),
  real1('isinf', (x) => (x === Infinity || x === -Infinity)),
  real1('isfinite', (x) => Number.isFinite(x)),
  {
    name: 'pow',
    make: () => (a, b) => { const x = num(a ?? null), y = num(b ?? null); return x === null || y === null ? null : x ** y; },
  },
  {
    name: 'atan2',
    make: () => (a, b) => { const y = num(a ?? null), x = num(b ?? null); return x === null || y === null ? null : Math.atan2(y, x); },
  },
  extreme('max_of', (c) => c > 0),
  extreme('min_of', (c) => c < 0),
  bits('binary_and', 2, (a, b) => a! & b!),
  bits('binary_or', 2, (a, b) => a! | b!),
  bits('binary_xor', 2, (a, b) => a! ^ b!),
  bits('binary_not', 1, (a) => ~a!),
  bits('binary_shift_left', 2, (a, s) => a! << shift(s!)),
  bits('binary_shift_right', 2, (a, s) => a! >> shift(s!)),
  bits('bitset_count_ones', 1, popcount),
];
