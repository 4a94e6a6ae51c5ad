// beta_pdf, beta_cdf (regularized incomplete beta by Lentz's continued fraction) and beta_inv (bisection on the
// cdf). Out-of-range x gives NaN, non-positive shape parameters NaN, and beta_inv of p outside [0, 1] null.
import type { Value } from '../../kql/types/index.js';
import type { ScalarKernel } from './kernel.js';
import { logGamma } from './math.js';

const lbeta = (a: number, b: number) => logGamma(a) + logGamma(b) - logGamma(a + b);

function betacf(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1, d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d; d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d; d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

export function betaCdf(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || x < 0 || x > 1 || Number.isNaN(x)) return NaN;
  if (x === 0 || x === 1) return x;
  const front = Math.exp(a * Math.log(x) + b * Math.log(1 - x) - lbeta(a, b));
  return x < (a + 1) / (a + b + 2) ? (front * betacf(x, a, b)) / a : 1 - (front * betacf(1 - x, b, a)) / b;
}

export function betaPdf(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || x < 0 || x > 1 || Number.isNaN(x)) return NaN;
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log(1 - x) - lbeta(a, b));
}

export function betaInv(p: number, a: number, b: number): number | null {
  if (!(p >= 0 && p <= 1)) return null;
  if (!(a > 0 && b > 0)) return NaN;
  let lo = 0, hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-17; i++) {
    const mid = (lo + hi) / 2;
    if (betaCdf(mid, a, b) < p) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

const nums = (f: (x: number, a: number, b: number) => number | null) => (x: Value, a: Value, b: Value): Value =>
  x === null || a === null || b === null ? null : f(Number(x), Number(a), Number(b));

export const kernels: ScalarKernel[] = [
  { name: 'beta_pdf', make: () => nums(betaPdf) },
  { name: 'beta_cdf', make: () => nums(betaCdf) },
  { name: 'beta_inv', make: () => nums(betaInv) },
];
