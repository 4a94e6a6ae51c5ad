import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAggregate } from './test-helpers.js';
import type { ScalarType, Value } from '../../kql/types/index.js';
import { aggregateKernels, nearestRankIndex, percentileOf, weightedPercentileOf } from './aggregates-stats.js';
import { KernelError } from './kernel.js';

const run = (name: string, types: ScalarType[], rows: Value[][], consts: (Value | undefined)[] = []): Value => runAggregate(aggregateKernels, name, types, rows, consts);
const near = (a: Value, b: number) => assert.ok(typeof a === 'number' && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${String(a)} ≈ ${b}`);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => BigInt(i + 1));

test('stdev / stdevp / variance / variancep: doc examples over 1..5', () => {
  const rows = oneTo(5).map((x) => [x]);
  near(run('stdev', ['long'], rows), 1.58113883008419);
  near(run('stdevp', ['long'], rows), 1.4142135623731);
  near(run('variance', ['long'], rows), 2.5);
  near(run('variancep', ['long'], rows), 2);
});

test('stdevif / varianceif / variancepif over even numbers of 1..100', () => {
  const rows = oneTo(100).map((x) => [x, x % 2n === 0n]);
  near(run('stdevif', ['long', 'bool'], rows), 29.1547594742265);
  near(run('varianceif', ['long', 'bool'], rows), 850);
  // The variancepif doc page prints 850, the *sample* variance; its definition (and variancep's own example,
  // 1..5 → 2) is the population variance, which is 833 here. We follow the definition.
  near(run('variancepif', ['long', 'bool'], rows), 833);
});

test('stdev / variance: empty and single-value groups give 0; nulls ignored', () => {
  assert.equal(run('stdev', ['long'], []), 0);
  assert.equal(run('variance', ['real'], []), 0);
  assert.equal(run('variance', ['real'], [[4]]), 0);
  assert.equal(run('stdevp', ['real'], [[null], [3], [5]]), 1);
});

test('percentile: nearest rank over each type; empty gives null', () => {
  const xs = oneTo(10).map((x) => [x]);
  assert.equal(run('percentile', ['long', 'real'], xs, [undefined, 50]), 5n);
  assert.equal(run('percentile', ['long', 'real'], xs, [undefined, 95]), 10n);
  assert.equal(run('percentile', ['long', 'real'], xs, [undefined, 0]), 1n);
  assert.equal(run('percentile', ['long', 'real'], xs, [undefined, 100]), 10n);
  assert.equal(run('percentile', ['int', 'long'], [[3], [1], [2]], [undefined, 50n]), 2n);
  assert.equal(run('percentile', ['real', 'long'], [[0.5], [null], [0.25]], [undefined, 50n]), 0.25);
  assert.equal(run('percentile', ['string', 'long'], [['b'], ['a'], ['c']], [undefined, 100n]), 'c');
  assert.equal(run('percentile', ['long', 'long'], [], [undefined, 55n]), null);
  assert.equal(run('percentile', ['long', 'long'], [[1n, 50n], [2n, 50n]]), 1n);
  assert.throws(() => run('percentile', ['long', 'long'], [], [undefined, 101n]), KernelError);
});

test('percentiles: array of nearest-rank values', () => {
  const xs = oneTo(4).map((x) => [x]);
  assert.deepEqual(run('percentiles', ['long', 'real', 'real'], xs, [undefined, 50, 75]), [2, 3]);
  assert.deepEqual(run('percentiles_array', ['long', 'dynamic'], xs, [undefined, [25, 100]]), [1, 4]);
  assert.deepEqual(run('percentiles_array', ['int', 'real'], [[1, 50], [2, 50]]), [1]);
});

test('percentilew / percentilesw: doc example (weighted latency buckets)', () => {
  const rows: Value[][] = [[10n, 8n], [20n, 6n], [30n, 3n], [40n, 1n]];
  assert.equal(run('percentilew', ['long', 'long', 'real'], rows, [undefined, undefined, 50]), 20n);
  assert.deepEqual(run('percentilesw', ['long', 'long', 'real', 'real', 'real'], rows, [undefined, undefined, 50, 75, 99.9]), [20, 20, 40]);
  assert.equal(weightedPercentileOf([[1, 1], [2, 2]], 50, 'real'), 2);
  assert.deepEqual(run('percentilesw_array', ['long', 'long', 'dynamic'], rows, [undefined, undefined, [50, 75, 99.9]]), [20, 20, 40]);
  assert.deepEqual(run('percentilesw_array', ['long', 'long', 'real', 'real', 'real'], rows, [undefined, undefined, 50, 75, 99.9]), [20, 20, 40]);
});

test('percentileOf / nearestRankIndex helpers', () => {
  assert.equal(nearestRankIndex(5, 50), 2);
  assert.equal(nearestRankIndex(5, 0), 0);
  assert.equal(nearestRankIndex(5, 100), 4);
  assert.equal(nearestRankIndex(10, 90), 8);
  assert.equal(percentileOf([3, Number.NaN, 1, null, 2], 50, 'real'), 2);
  assert.equal(percentileOf([], 50, 'real'), null);
});

test('binary_all_and / or / xor: doc examples', () => {
  const or = run('binary_all_or', ['long'], [[0x88888008n], [0x42000000n], [0x00767000n], [0x00000005n]]);
  assert.equal((or as bigint).toString(16).toUpperCase(), 'CAFEF00D');
  const xor = run('binary_all_xor', ['long'], [[0x44404440n], [0x1E1E1E1En], [0x90ABBA09n], [0x000B105An]]);
  assert.equal((xor as bigint).toString(16).toUpperCase(), 'CAFEF00D');
  assert.equal(run('binary_all_and', ['long'], [[0xFFn], [null], [0x0Fn]]), 0x0Fn);
  assert.equal(run('binary_all_and', ['int'], [[-1], [6]]), 6);
  assert.equal(run('binary_all_or', ['int'], []), null);
});

test('every aggregate signature has a kernel (aggregates.ts + aggregates-stats.ts) and vice versa', async () => {
  const { aggregateSignatures } = await import('../../kql/semantics/functions/aggregates.js');
  const { aggregateKernels: basic } = await import('./aggregates.js');
  // arg_max/arg_min are executed by the summarize operator itself (they return whole rows), not by a kernel
  const signed = aggregateSignatures.filter((s) => s.special !== 'arg_max' && s.special !== 'arg_min').map((s) => s.name).sort();
  assert.deepEqual(signed, [...basic, ...aggregateKernels].map((k) => k.name).sort());
});

test('covariance family: doc examples', () => {
  const xy: Value[][] = [[1, 14], [2, 10], [3, 17], [4, 20], [5, 50]];
  near(run('covariance', ['real', 'real'], xy), 20.5);
  near(run('covariancep', ['real', 'real'], xy), 16.4);
  const rows = oneTo(100).map((x) => [x, x % 2n === 0n ? x * 2n : x * 3n, x % 3n === 0n]);
  near(run('covarianceif', ['long', 'long', 'bool'], rows), 2142);
  near(run('covariancepif', ['long', 'long', 'bool'], rows), 2077.09090909091);
  assert.equal(run('covariance', ['real', 'real'], [[1, 2]]), 0);
  assert.equal(run('covariance', ['real', 'real'], [[1, null], [2, 3]]), 0);
});
