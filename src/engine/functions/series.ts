// Kernels of the series_* functions. A series is a dynamic array; a numeric scalar argument is broadcast.
// Non-numeric elements and missing elements (arrays of different lengths) give null elements.
import type { DynamicValue, Value } from '../../kql/types/index.js';
import type { Kernel, ScalarKernel } from './kernel.js';
import { pluginKernels } from './series-plugins.js';
import { decomposeKernels } from './series-decompose-kernels.js';
import { filterKernels } from './series-filters.js';

type Num = number | null;
const k = (name: string, make: () => Kernel): ScalarKernel => ({ name, make: () => make() });

function num(v: DynamicValue | Value | undefined): Num {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

/** Series elements as numbers (null where not numeric); a scalar becomes undefined length broadcast. */
function series(v: Value): Num[] | null {
  return Array.isArray(v) ? (v as DynamicValue[]).map(num) : null;
}

/** Numbers back to dynamic: integral results of integer inputs stay integers; non-finite become null. */
const out = (x: Num): DynamicValue => (x === null || !Number.isFinite(x) ? (x !== null && Number.isNaN(x) ? null : x === null ? null : x) : x);

function unary(f: (x: number) => number): Kernel {
  return (a) => {
    const s = series(a);
    return s ? s.map((x) => (x === null ? null : out(f(x)))) : null;
  };
}

function binary(f: (x: number, y: number) => number | boolean): Kernel {
  return (a, b) => {
    const s1 = series(a), s2 = series(b);
    const c1 = s1 ? null : num(a), c2 = s2 ? null : num(b);
    if ((!s1 && c1 === null) || (!s2 && c2 === null)) return null;
    const n = Math.max(s1?.length ?? 0, s2?.length ?? 0);
    const res: DynamicValue[] = [];
    for (let i = 0; i < n; i++) {
      const x = s1 ? (i < s1.length ? s1[i]! : null) : c1;
      const y = s2 ? (i < s2.length ? s2[i]! : null) : c2;
      if (x === null || y === null) { res.push(null); continue; }
      const r = f(x, y);
      res.push(typeof r === 'boolean' ? r : out(r));
    }
    return res;
  };
}

function fill(a: Value, dir: 1 | -1): DynamicValue {
  if (!Array.isArray(a)) return null;
  const xs = [...(a as DynamicValue[])];
  let last: DynamicValue = null;
  for (let j = 0; j < xs.length; j++) {
    const i = dir === 1 ? j : xs.length - 1 - j;
    if (xs[i] === null) xs[i] = last; else last = xs[i]!;
  }
  return xs;
}

/** Linear interpolation over nulls; edges extrapolate as constants when fillEdges (default true). */
function fillLinear(a: Value, missing: Value, edges: Value, constant: Value): DynamicValue {
  if (!Array.isArray(a)) return null;
  const isMissing = (v: DynamicValue) => v === null || (missing !== null && missing !== undefined && num(v) === num(missing as Value));
  const xs: Num[] = (a as DynamicValue[]).map((v) => (isMissing(v) ? null : num(v)));
  const known = xs.map((x, i) => (x === null ? -1 : i)).filter((i) => i >= 0);
  const res: DynamicValue[] = [...xs];
  if (!known.length) return constant === null || constant === undefined ? res : res.map(() => num(constant));
  for (let t = 0; t + 1 < known.length; t++) {
    const i = known[t]!, j = known[t + 1]!;
    for (let m = i + 1; m < j; m++) res[m] = xs[i]! + ((xs[j]! - xs[i]!) * (m - i)) / (j - i);
  }
  if (edges !== false) {
    for (let m = 0; m < known[0]!; m++) res[m] = xs[known[0]!]!;
    for (let m = known[known.length - 1]! + 1; m < xs.length; m++) res[m] = xs[known[known.length - 1]!]!;
  }
  return res;
}

function iir(x: Value, nums: Value, dens: Value): DynamicValue {
  const xs = series(x), b = series(nums), a = series(dens);
  if (!xs || !b || !a || !a.length || !a[0]) return null;
  const a0 = a[0];
  const y: number[] = [];
  for (let n = 0; n < xs.length; n++) {
    let acc = 0;
    for (let i = 0; i < b.length; i++) if (n - i >= 0) acc += (b[i] ?? 0) * (xs[n - i] ?? 0);
    for (let j = 1; j < a.length; j++) if (n - j >= 0) acc -= (a[j] ?? 0) * y[n - j]!;
    y.push(acc / a0);
  }
  return y;
}

function stats(a: Value): DynamicValue {
  const xs = series(a);
  if (!xs) return null;
  let min: Num = null, max: Num = null, minIdx = -1, maxIdx = -1, sum = 0, n = 0;
  xs.forEach((x, i) => {
    if (x === null || Number.isNaN(x)) return;
    if (min === null || x < min) { min = x; minIdx = i; }
    if (max === null || x > max) { max = x; maxIdx = i; }
    sum += x; n++;
  });
  const avg = n ? sum / n : null;
  let sq = 0;
  for (const x of xs) if (x !== null && !Number.isNaN(x)) sq += x * x;
  // Kusto's sample variance from the sums, (n·Σx² − (Σx)²) / (n(n−1)): same last digits as its output
  const variance = n > 1 ? (n * sq - sum * sum) / (n * (n - 1)) : 0;
  return { min, min_idx: minIdx < 0 ? null : minIdx, max, max_idx: maxIdx < 0 ? null : maxIdx, avg, stdev: Math.sqrt(variance), variance, sum, len: xs.length };
}

function fitLine(a: Value): DynamicValue {
  const ys = series(a);
  if (!ys || !ys.length) return null;
  const n = ys.length;
  const xs = ys.map((_, i) => i + 1);
  const y = ys.map((v) => v ?? 0);
  const mx = xs.reduce((s, x) => s + x, 0) / n, my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (xs[i]! - mx) * (y[i]! - my); sxx += (xs[i]! - mx) ** 2; }
  const slope = sxx ? sxy / sxx : 0;
  const interception = my - slope * mx;
  const line = xs.map((x) => interception + slope * x);
  let ssRes = 0, ssTot = 0;
  for (let i = 0; i < n; i++) { ssRes += (y[i]! - line[i]!) ** 2; ssTot += (y[i]! - my) ** 2; }
  const variance = n > 1 ? ssTot / (n - 1) : 0;
  const rvariance = n > 1 ? ssRes / (n - 1) : 0;
  return { rsquare: ssTot ? 1 - ssRes / ssTot : 1, slope, variance, rvariance, interception, line_fit: line };
}

const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);

export const kernels: ScalarKernel[] = [
  ...([['abs', Math.abs], ['acos', Math.acos], ['asin', Math.asin], ['atan', Math.atan], ['ceiling', Math.ceil], ['cos', Math.cos],
    ['exp', Math.exp], ['floor', Math.floor], ['log', Math.log], ['sign', sign], ['sin', Math.sin], ['tan', Math.tan], ['sqrt', Math.sqrt]] as const)
    .map(([n, f]) => k(`series_${n}`, () => unary(f))),
  k('series_add', () => binary((x, y) => x + y)),
  k('series_subtract', () => binary((x, y) => x - y)),
  k('series_multiply', () => binary((x, y) => x * y)),
  k('series_divide', () => binary((x, y) => x / y)),
  k('series_pow', () => binary((x, y) => x ** y)),
  k('series_greater', () => binary((x, y) => x > y)),
  k('series_greater_equals', () => binary((x, y) => x >= y)),
  k('series_less', () => binary((x, y) => x < y)),
  k('series_less_equals', () => binary((x, y) => x <= y)),
  k('series_equals', () => binary((x, y) => x === y)),
  k('series_not_equals', () => binary((x, y) => x !== y)),
  k('series_dot_product', () => (a, b) => {
    const p = binary((x, y) => x * y)(a, b);
    return Array.isArray(p) ? p.reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0) : null;
  }),
  k('series_magnitude', () => (a) => { const s = series(a); return s ? Math.sqrt(s.reduce<number>((t, x) => t + (x ?? 0) ** 2, 0)) : null; }),
  k('series_sum', () => (a) => { const s = series(a); return s ? s.reduce<number>((t, x) => t + (x ?? 0), 0) : null; }),
  k('series_cosine_similarity', () => (a, b) => {
    const s1 = series(a), s2 = series(b);
    if (!s1 || !s2) return null;
    let dp = 0, n1 = 0, n2 = 0;
    for (let i = 0; i < Math.min(s1.length, s2.length); i++) { const x = s1[i] ?? 0, y = s2[i] ?? 0; dp += x * y; n1 += x * x; n2 += y * y; }
    return n1 && n2 ? dp / Math.sqrt(n1 * n2) : null;
  }),
  k('series_fill_const', () => (a, c, missing) => {
    if (!Array.isArray(a)) return null;
    const m = missing === undefined || missing === null ? null : num(missing);
    return (a as DynamicValue[]).map((v) => (v === null || (m !== null && num(v) === m) ? (typeof c === 'bigint' ? Number(c) : (c as DynamicValue) ?? 0) : v));
  }),
  k('series_fill_forward', () => (a) => fill(a, 1)),
  k('series_fill_backward', () => (a) => fill(a, -1)),
  k('series_fill_linear', () => (a, m, e, c) => fillLinear(a, m ?? null, e ?? true, c === undefined ? 0 : c)),
  k('series_iir', () => iir),
  k('series_stats_dynamic', () => stats),
  k('series_fit_line_dynamic', () => fitLine),
  ...decomposeKernels,
  ...filterKernels,
  ...pluginKernels,
];
