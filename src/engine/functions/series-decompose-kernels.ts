// Kernels of series_seasonal, series_outliers, series_decompose_forecast and the bag forms behind the
// multi-column series_decompose, series_decompose_anomalies and series_periods_detect/validate
// (named "<function> (bag)", which queries cannot call; tuple-functions.ts expands them into columns).
import type { DynamicValue, Value } from '../../kql/types/index.js';
import type { ScalarKernel } from './kernel.js';
import { decompose, detectPeriods, outlierScores, periodScore, resolvePeriod, seasonalOf, type Num } from './series-decompose.js';

const k = (name: string, fn: (...a: Value[]) => Value): ScalarKernel => ({ name, make: () => fn });

function series(v: Value): Num[] | null {
  if (!Array.isArray(v)) return null;
  return (v as DynamicValue[]).map((x) => (typeof x === 'number' ? x : typeof x === 'bigint' ? Number(x) : null));
}
/** A numeric argument, or the default when omitted or null. */
const arg = (v: Value | undefined, d: number): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : d);
const text = (v: Value | undefined, d: string): string => (typeof v === 'string' && v !== '' ? v : d);
const out = (xs: readonly Num[]): DynamicValue[] => xs.map((x) => (x === null || !Number.isFinite(x) ? null : x));

export const decomposeKernels: ScalarKernel[] = [
  k('series_seasonal', (a, p) => {
    const xs = series(a);
    if (!xs) return null;
    const period = arg(p, -1);
    // -1 detects (score threshold 0.7); any other non-positive value means no seasonality
    const used = period === -1 ? resolvePeriod(xs, -1, 0.7) : period > 0 ? Math.floor(period) : 0;
    return seasonalOf(xs, used);
  }),
  k('series_outliers', (a, kind, ignore, lo, hi) => {
    const xs = series(a);
    if (!xs) return null;
    const ign = ignore === null || ignore === undefined ? null : arg(ignore, NaN);
    return outlierScores(xs, text(kind, 'ctukey'), ign, arg(lo, 10), arg(hi, 90));
  }),
  k('series_decompose_forecast', (a, points, seas, trend, thr) => {
    const xs = series(a);
    if (!xs) return null;
    return out(decompose(xs, arg(seas, -1), text(trend, 'avg'), arg(points, 0), arg(thr, 0.6)).baseline);
  }),
  k('series_decompose (bag)', (a, seas, trend, test, thr) => {
    const xs = series(a);
    if (!xs) return null;
    const d = decompose(xs, arg(seas, -1), text(trend, 'avg'), arg(test, 0), arg(thr, 0.6));
    return { baseline: out(d.baseline), seasonal: out(d.seasonal), trend: out(d.trend), residual: out(d.residual) };
  }),
  k('series_decompose_anomalies (bag)', (a, threshold, seas, trend, test, method, thr) => {
    const xs = series(a);
    if (!xs) return null;
    const d = decompose(xs, arg(seas, -1), text(trend, 'avg'), arg(test, 0), arg(thr, 0.6));
    const train = Math.max(0, xs.length - Math.max(0, Math.floor(arg(test, 0))));
    const score = outlierScores(d.residual, text(method, 'ctukey'), null, 10, 90, train);
    const kf = arg(threshold, 1.5);
    return { ad_flag: score.map((s) => (s > kf ? 1 : s < -kf ? -1 : 0)), ad_score: out(score), baseline: out(d.baseline) };
  }),
  k('series_periods_detect (bag)', (a, lo, hi, num) => {
    const xs = series(a);
    if (!xs) return null;
    const { periods, scores } = detectPeriods(xs, arg(lo, 0), arg(hi, xs.length), arg(num, 1));
    return { periods, periods_scores: scores };
  }),
  k('series_periods_validate (bag)', (a, ...ps) => {
    const xs = series(a);
    if (!xs) return null;
    const periods = ps.map((p) => arg(p, 0));
    return { periods, scores: periods.map((p) => periodScore(xs, p)) };
  }),
];
