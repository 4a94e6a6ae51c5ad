// series_fir (finite impulse response filter), series_product and series_pearson_correlation.
import type { DynamicValue, Value } from '../../kql/types/index.js';
import type { ScalarKernel } from './kernel.js';

type Num = number | null;
const nums = (v: Value): Num[] | null =>
  Array.isArray(v) ? (v as DynamicValue[]).map((x) => (typeof x === 'number' ? x : typeof x === 'bigint' ? Number(x) : null)) : null;
const fin = (x: DynamicValue | number): DynamicValue => (typeof x === 'number' && !Number.isFinite(x) ? null : x);

/** y[n] = Σ f[k]·x[n−k] (missing or out-of-range x count as 0); normalize divides f by its sum (default: only when
 *  no coefficient is negative; normalizing a filter with negatives gives null); center shifts the window to
 *  [n − (K−1)/2 … n + K/2]. */
export function fir(xv: Value, fv: Value, normalize?: Value, center?: Value): DynamicValue {
  const x = nums(xv), f = nums(fv);
  if (!x || !f || !f.length || f.some((c) => c === null)) return null;
  const coef = f as number[];
  const negative = coef.some((c) => c < 0);
  const norm = normalize === undefined || normalize === null ? !negative : normalize === true;
  if (norm && negative) return null;
  const sum = coef.reduce((a, b) => a + b, 0);
  if (norm && sum === 0) return null;
  const shift = center === true ? Math.floor((coef.length - 1) / 2) : 0;
  return x.map((_, n) => {
    let acc = 0;
    for (let k = 0; k < coef.length; k++) {
      const i = n + shift - k;
      if (i >= 0 && i < x.length) acc += coef[k]! * (x[i] ?? 0);
    }
    return fin(norm ? acc / sum : acc);
  });
}

export function product(v: Value): Value {
  const x = nums(v);
  if (!x) return null;
  return x.reduce<number>((p, e) => (e === null ? p : p * e), 1);
}

/** Pearson correlation; a non-numeric element or arrays of different lengths give null (as documented). */
export function pearson(av: Value, bv: Value): Value {
  const a = nums(av), b = nums(bv);
  if (!a || !b || a.length !== b.length || a.some((x) => x === null) || b.some((x) => x === null)) return null;
  let n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    n++; sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y;
  }
  if (n < 2) return null;
  const va = saa - (sa * sa) / n, vb = sbb - (sb * sb) / n;
  if (!(va > 0) || !(vb > 0)) return null;
  return (sab - (sa * sb) / n) / Math.sqrt(va * vb);
}

export const filterKernels: ScalarKernel[] = [
  { name: 'series_fir', make: () => (x, f, n, c) => fir(x ?? null, f ?? null, n, c) },
  { name: 'series_product', make: () => (x) => product(x ?? null) },
  { name: 'series_pearson_correlation', make: () => (a, b) => pearson(a ?? null, b ?? null) },
];
