import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decompose, detectPeriods, outlierScores, periodScore, seasonalOf } from './series-decompose.js';
import { scalarKernel } from './index.js';
import type { Value } from '../../kql/types/index.js';

// series-periods-detect-function.md: a month of traffic in 12h bins with a weekly (14-bin) period
const TRAFFIC = [80, 139, 87, 110, 68, 54, 50, 51, 53, 133, 86, 141, 97, 156, 94, 149, 95, 140, 77, 61, 50, 54, 47, 133, 72, 152, 94, 148, 105,
  162, 101, 160, 87, 63, 53, 55, 54, 151, 103, 189, 108, 183, 113, 175, 113, 178, 90, 71, 62, 62, 65, 165, 109, 181, 115, 182, 121, 178, 114, 170];
const call = (name: string, ...args: Value[]) => scalarKernel(name)!.make([], [], { now: 0n, random: Math.random })(...args);

test('period detection finds the weekly period of the doc traffic series, not its multiple 28', () => {
  const { periods, scores } = detectPeriods(TRAFFIC, 0, 50, 2);
  assert.equal(periods[0], 14);
  assert.ok(scores[0]! > 0.9);
  assert.equal(periods.length, 2);
  assert.ok(periodScore(TRAFFIC, 10) < 0.2, 'a five-day period is not significant');
  assert.equal(periodScore(TRAFFIC, 3), 0, 'periods under 4 points score 0');
  assert.equal(periodScore(TRAFFIC, 30), 0, 'periods of half the series or more score 0');
});

test('series_seasonal: detected period medians, and zeros when no period is found (series-seasonal-function.md)', () => {
  const a = [2, 5, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1];
  assert.deepEqual(call('series_seasonal', a), [1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1]);
  const b = [8, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10];
  assert.deepEqual(call('series_seasonal', b), [10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10]);
  assert.deepEqual(call('series_seasonal', [1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6]), Array(12).fill(0));
  assert.deepEqual(call('series_seasonal', [1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6], 3), [1.5, 3.5, 5.5, 1.5, 3.5, 5.5, 1.5, 3.5, 5.5, 1.5, 3.5, 5.5]);
  assert.deepEqual(call('series_seasonal', [1, 3, 5, 2], 0), [0, 0, 0, 0]);
  assert.deepEqual(seasonalOf([1, null, 5, 3], 2), [3, 3, 3, 3]);
});

test('series_decompose: seasonal + trend = baseline, residual = x - baseline; linefit extrapolates over test points', () => {
  const none = decompose([1, 2, 3], 0, 'none', 0, 0.6);
  assert.deepEqual(none.baseline, [0, 0, 0]);
  assert.deepEqual(none.residual, [1, 2, 3]);
  const line = decompose([1, 2, 3, 4, 5, 6, 7, 8, 0, 0], 0, 'linefit', 2, 0.6);
  assert.deepEqual(line.baseline.map((x) => Math.round(x! * 1e9) / 1e9), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const seas = decompose([1, 5, 1, 5, 1, 5, 1, 5, 1, 5], 2, 'avg', 0, 0.6);
  assert.deepEqual(seas.seasonal, [1, 5, 1, 5, 1, 5, 1, 5, 1, 5]);
  assert.deepEqual(seas.trend, Array(10).fill(0));
  assert.throws(() => decompose([1, 2], 0, 'cubic', 0, 0.6), /trend must be/);
  const fc = call('series_decompose_forecast', [1, 2, 3, 4, 5, 6, 7, 8, 0, 0], 2, 0, 'linefit') as number[];
  assert.deepEqual(fc.map((x) => Math.round(x * 1e9) / 1e9), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

test('series_outliers: Tukey scores relative to the fences; ignored and missing values score 0', () => {
  const s = [10, 11, 10, 12, 30, 10, 11, 9, 10, -20, 10, 11];
  assert.deepEqual(outlierScores(s, 'tukey', null, 10, 90), [0, 0, 0, 1, 19, 0, 0, -1, 0, -30, 0, 0]);
  assert.deepEqual(outlierScores([1, null, 3, 99, 2, 3, 1, 2], 'tukey', 99, 10, 90)[3], 0);
  assert.throws(() => outlierScores(s, 'zscore', null, 10, 90), /tukey/);
  assert.throws(() => outlierScores(s, 'ctukey', null, 1, 90), /percentiles/);
  const ad = call('series_decompose_anomalies (bag)', [...s, 10, 11], 1.5, 0, 'none') as { ad_flag: number[]; baseline: number[] };
  assert.deepEqual(ad.ad_flag, [0, 0, 0, 0, 1, 0, 0, 0, 0, -1, 0, 0, 0, 0]);
  assert.deepEqual(ad.baseline, Array(14).fill(0));
});

test('long series refuse a too-wide period scan instead of hanging', () => {
  const long = Array.from({ length: 40_000 }, (_, i) => i % 7);
  assert.throws(() => detectPeriods(long, 0, 1e9, 1), /too long/);
  assert.equal(detectPeriods(long, 5, 9, 1).periods[0], 7);
});

test('series_stats_dynamic matches the doc digits; series_fill_linear fills all-missing arrays with 0 or the constant', () => {
  const st = call('series_stats_dynamic', [23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]) as Record<string, number>;
  assert.equal(st.variance, 812.45714285714291);
  assert.equal(st.stdev, 28.503633853548269);
  assert.deepEqual(call('series_fill_linear', [null, null]), [0, 0]);
  assert.deepEqual(call('series_fill_linear', [null, null], null, false, 3.5), [3.5, 3.5]);
  assert.deepEqual(call('series_fill_linear', [null, null], null, true, null), [null, null]);
  assert.deepEqual(call('series_fill_linear', [null, 1, null, 3, null], null, false), [null, 1, 2, 3, null]);
});
