// Seasonality, decomposition and outlier scoring of series: series_periods_detect/validate, series_seasonal,
// series_decompose(_anomalies/_forecast) and series_outliers. Kusto does not publish its period-scoring algorithm;
// kqlite scores a period p by the Pearson correlation of the series with itself shifted by p (clamped to 0..1),
// so scores are close to, but not the same numbers as, Kusto's.
import { KernelError } from './kernel.js';

export type Num = number | null;

/** Period candidates × points beyond this are refused rather than scanned (a long series over a wide range). */
const MAX_SCAN = 100_000_000;
const MIN_PERIOD = 4;

const finite = (x: Num): x is number => x !== null && Number.isFinite(x);

/** Pearson correlation of x[i] and x[i+p] over the pairs where both are numbers; 0..1. */
export function periodScore(xs: readonly Num[], p: number): number {
  if (!Number.isInteger(p) || p < MIN_PERIOD || 2 * p >= xs.length) return 0;
  let n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let i = 0; i + p < xs.length; i++) {
    const a = xs[i]!, b = xs[i + p]!;
    if (!finite(a) || !finite(b)) continue;
    n++; sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
  }
  if (n < 2) return 0;
  const cov = sab - (sa * sb) / n, va = saa - (sa * sa) / n, vb = sbb - (sb * sb) / n;
  if (!(va > 0) || !(vb > 0)) return 0;
  const r = cov / Math.sqrt(va * vb);
  return Math.max(0, Math.min(1, r));
}

/** The num most significant periods in [minP, maxP] (local score maxima, multiples of a stronger shorter period dropped), padded with 0. */
export function detectPeriods(xs: readonly Num[], minP: number, maxP: number, num: number): { periods: number[]; scores: number[] } {
  const lo = Math.max(MIN_PERIOD, Math.ceil(minP)), hi = Math.min(Math.floor(maxP), Math.ceil(xs.length / 2) - 1);
  const count = Math.max(0, Math.min(num, 1000));
  if (hi >= lo && (hi - lo + 1) * xs.length > MAX_SCAN) throw new KernelError('KQL3011', `the series is too long to scan ${hi - lo + 1} candidate periods; narrow min_period..max_period`);
  const score = new Map<number, number>();
  for (let p = Math.max(MIN_PERIOD, lo - 1); p <= hi + 1; p++) score.set(p, periodScore(xs, p));
  const peaks: number[] = [];
  for (let p = lo; p <= hi; p++) {
    const s = score.get(p)!;
    if (s > 0 && s >= (score.get(p - 1) ?? 0) && s > (score.get(p + 1) ?? 0)) peaks.push(p);
  }
  const kept: number[] = [];
  for (const p of peaks) {
    const base = kept.find((q) => Math.abs(p / q - Math.round(p / q)) * q <= 1 && score.get(q)! >= 0.9 * score.get(p)!);
    if (base === undefined) kept.push(p);
  }
  kept.sort((a, b) => score.get(b)! - score.get(a)! || a - b);
  const periods = kept.slice(0, count), scores = periods.map((p) => score.get(p)!);
  while (periods.length < count) { periods.push(0); scores.push(0); }
  return { periods, scores };
}

/** Median of the numbers (mean of the two middle ones for an even count); null when none. */
function median(vals: number[]): number | null {
  if (!vals.length) return null;
  const s = Float64Array.from(vals).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Seasonal component: per phase of `period`, the median of the first `train` points in that phase. */
export function seasonalOf(xs: readonly Num[], period: number, train = xs.length): number[] {
  if (period <= 0) return xs.map(() => 0);
  const phases: number[][] = Array.from({ length: period }, () => []);
  for (let i = 0; i < Math.min(train, xs.length); i++) if (finite(xs[i]!)) phases[i % period]!.push(xs[i] as number);
  const med = phases.map((v) => median(v) ?? 0);
  return xs.map((_, i) => med[i % period]!);
}

/** Seasonality argument: -1 detects (best period scoring at least threshold, else none), 0 none, p > 0 that period. */
export function resolvePeriod(xs: readonly Num[], seasonality: number, threshold: number): number {
  if (seasonality < 0) {
    const { periods, scores } = detectPeriods(xs, MIN_PERIOD, xs.length, 1);
    return periods[0] && scores[0]! >= threshold ? periods[0] : 0;
  }
  return Math.floor(seasonality);
}

export interface Decomposition { baseline: Num[]; seasonal: Num[]; trend: Num[]; residual: Num[] }

/** seasonal (median per phase) → deseasoned → trend (avg / linefit / none) → baseline, residual; the last
 *  testPoints are left out of the learning and forecast. */
export function decompose(xs: readonly Num[], seasonality: number, trend: string, testPoints: number, threshold: number): Decomposition {
  const n = xs.length;
  const train = Math.max(0, n - Math.max(0, Math.floor(testPoints)));
  const learn = xs.slice(0, train);
  const period = resolvePeriod(learn, seasonality, threshold);
  const seasonal = seasonalOf(xs, period, train);
  const trendKind = trend.toLowerCase();
  if (!['avg', 'linefit', 'none'].includes(trendKind)) throw new KernelError('KQL3014', `trend must be 'avg', 'linefit' or 'none', got '${trend}'`);
  let sx = 0, sy = 0, sxx = 0, sxy = 0, m = 0;
  for (let i = 0; i < train; i++) {
    const x = xs[i]!;
    if (!finite(x)) continue;
    const d = x - seasonal[i]!;
    m++; sx += i; sy += d; sxx += i * i; sxy += i * d;
  }
  const avg = m ? sy / m : 0;
  const den = m * sxx - sx * sx;
  const slope = trendKind === 'linefit' && den ? (m * sxy - sx * sy) / den : 0;
  const icept = trendKind === 'linefit' ? (m ? (sy - slope * sx) / m : 0) : trendKind === 'avg' ? avg : 0;
  const tr = xs.map((_, i) => icept + slope * i);
  const baseline = tr.map((t, i) => t + seasonal[i]!);
  const residual = xs.map((x, i) => (finite(x) ? x - baseline[i]! : null));
  return { baseline, seasonal, trend: tr, residual };
}

/** Linear-interpolated percentile of sorted values. */
function quantile(sorted: Float64Array, p: number): number {
  if (sorted.length === 1) return sorted[0]!;
  const h = (p / 100) * (sorted.length - 1);
  const i = Math.floor(h);
  return i + 1 < sorted.length ? sorted[i]! + (h - i) * (sorted[i + 1]! - sorted[i]!) : sorted[i]!;
}

/** Tukey fence scores: (x − Q_hi)/IQR above, (x − Q_lo)/IQR below, else 0; missing/ignored values score 0.
 *  The quantiles come from the first `train` points. */
export function outlierScores(xs: readonly Num[], kind: string, ignore: Num, minPct: number, maxPct: number, train = xs.length): number[] {
  const k = kind.toLowerCase();
  if (k !== 'tukey' && k !== 'ctukey') throw new KernelError('KQL3014', `series_outliers kind must be 'tukey' or 'ctukey', got '${kind}'`);
  const [lo, hi] = k === 'tukey' ? [25, 75] : [minPct, maxPct];
  if (!(lo >= 2 && lo <= 98 && hi >= 2 && hi <= 98 && lo < hi)) throw new KernelError('KQL3014', `series_outliers percentiles must be within [2, 98] with min < max, got ${lo} and ${hi}`);
  const use = (x: Num): x is number => finite(x) && (ignore === null || x !== ignore);
  const vals = Float64Array.from(xs.slice(0, train).filter(use) as number[]).sort();
  if (!vals.length) return xs.map(() => 0);
  const qlo = quantile(vals, lo), qhi = quantile(vals, hi), iqr = qhi - qlo;
  return xs.map((x) => {
    if (!use(x)) return 0;
    if (x > qhi) return iqr > 0 ? (x - qhi) / iqr : 0;
    if (x < qlo) return iqr > 0 ? (x - qlo) / iqr : 0;
    return 0;
  });
}
