import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScalarType, Value } from '../../kql/types/index.js';
import { parseDatetime, formatDatetime, formatTimespan, TICKS_PER_DAY, TICKS_PER_HOUR } from '../../kql/types/index.js';
import { kernels, roundReal, gamma, floorDiv, erf, erfc } from './math.js';
import type { KernelContext } from './kernel.js';

let seed = 0;
const ctx: KernelContext = { now: 0n, random: () => ((seed = (seed * 9301 + 49297) % 233280) / 233280) };
function call(name: string, types: ScalarType[], ...args: Value[]): Value {
  const k = kernels.find((x) => x.name === name);
  assert.ok(k, `kernel ${name}`);
  return k.make(types, args.map(() => undefined), ctx)(...args);
}
const near = (a: Value, b: number, eps = 1e-12) => assert.ok(typeof a === 'number' && Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} ≈ ${b}`);
const dt = (s: string) => parseDatetime(s)!;
const D = TICKS_PER_DAY;

test('bin: doc examples and types', () => {
  assert.equal(call('bin', ['real', 'int'], 4.5, 1), 4);
  assert.equal(formatTimespan(call('bin', ['timespan', 'timespan'], 16n * D, 7n * D) as bigint), '14.00:00:00');
  assert.equal(formatDatetime(call('bin', ['datetime', 'timespan'], dt('1970-05-11 13:45:07'), D) as bigint), '1970-05-11T00:00:00.0000000Z');
  assert.equal(call('bin', ['int', 'int'], 7, 5), 5n);
  assert.equal(call('bin', ['long', 'int'], -7n, 5), -10n);
  assert.equal(call('bin', ['real', 'real'], -0.5, 0.25), -0.5);
  assert.equal(call('bin', ['real', 'real'], -0.6, 0.25), -0.75);
});

test('bin: null, zero and negative sizes give null', () => {
  assert.equal(call('bin', ['long', 'long'], null, 5n), null);
  assert.equal(call('bin', ['long', 'long'], 5n, null), null);
  assert.equal(call('bin', ['long', 'long'], 5n, -1n), null);
  assert.equal(call('bin', ['real', 'real'], 5, 0), null);
  assert.equal(call('bin', ['timespan', 'timespan'], 5n, 0n), null);
});

test('bin: datetime bins count from 0001-01-01, so 7d bins start on Mondays', () => {
  assert.equal(formatDatetime(call('bin', ['datetime', 'timespan'], dt('2024-06-13 10:00'), 7n * D) as bigint), '2024-06-10T00:00:00.0000000Z');
  assert.equal(formatDatetime(call('bin', ['datetime', 'timespan'], dt('1969-12-31 23:59:59'), TICKS_PER_HOUR) as bigint), '1969-12-31T23:00:00.0000000Z');
  assert.equal(formatDatetime(call('bin', ['datetime', 'timespan'], dt('0001-01-01 05:00'), D) as bigint), '0001-01-01T00:00:00.0000000Z');
  assert.equal(formatDatetime(call('bin', ['datetime', 'timespan'], dt('9999-12-31 23:59:59.9999999'), D) as bigint), '9999-12-31T00:00:00.0000000Z');
});

test('bin_at: doc examples', () => {
  assert.equal(call('bin_at', ['real', 'real', 'int'], 6.5, 2.5, 7), 4.5);
  assert.equal(formatTimespan(call('bin_at', ['timespan', 'timespan', 'timespan'], TICKS_PER_HOUR, D, 12n * TICKS_PER_HOUR) as bigint), '-12:00:00');
  const r = call('bin_at', ['datetime', 'timespan', 'datetime'], dt('2017-05-15 10:20:00.0'), D, dt('1970-01-01 12:00:00.0'));
  assert.equal(formatDatetime(r as bigint), '2017-05-14T12:00:00.0000000Z');
  const w = call('bin_at', ['datetime', 'timespan', 'datetime'], dt('2017-05-17 10:20'), 7n * D, dt('2017-06-04'));
  assert.equal(formatDatetime(w as bigint), '2017-05-14T00:00:00.0000000Z');
  const fixed = dt('2018-02-24 15:14');
  const bins = ['2018-02-24T15:14', '2018-02-24T15:24', '2018-02-23T16:14', '2018-02-23T17:29', '2018-02-26T15:14']
    .map((s) => formatDatetime(call('bin_at', ['datetime', 'timespan', 'datetime'], dt(s), D, fixed) as bigint));
  assert.deepEqual(bins, ['2018-02-24T15:14:00.0000000Z', '2018-02-24T15:14:00.0000000Z', '2018-02-23T15:14:00.0000000Z',
    '2018-02-23T15:14:00.0000000Z', '2018-02-26T15:14:00.0000000Z']);
  assert.equal(call('bin_at', ['long', 'long', 'long'], 10n, 3n, 2n), 8n);
});

test('round: half away from zero, precision, types', () => {
  assert.equal(call('round', ['real', 'int'], 2.98765, 3), 2.988);
  assert.equal(call('round', ['real', 'int'], 2.15, 1), 2.2);
  assert.equal(call('round', ['real'], 2.15), 2);
  assert.equal(call('round', ['real', 'int'], -50.55, -2), -100);
  assert.equal(call('round', ['real', 'int'], 21.5, -1), 20);
  assert.equal(call('round', ['real'], -2.5), -3);
  assert.equal(call('round', ['real'], 2.5), 3);
  assert.equal(call('round', ['int'], 7), 7);
  assert.equal(call('round', ['int', 'int'], 75, -1), 80);
  assert.equal(call('round', ['long', 'int'], -1250n, -2), -1300n);
  assert.equal(call('round', ['real', 'int'], null, 2), null);
  assert.ok(Number.isNaN(roundReal(NaN, 2)));
});

test('abs, ceiling, sign', () => {
  assert.equal(call('abs', ['int'], -5), 5n);
  assert.equal(call('abs', ['long'], -(2n ** 63n)), -(2n ** 63n));
  assert.equal(call('abs', ['real'], -1.5), 1.5);
  assert.equal(call('abs', ['timespan'], -TICKS_PER_HOUR), TICKS_PER_HOUR);
  assert.deepEqual([call('ceiling', ['real'], -1.1), call('ceiling', ['int'], 0), call('ceiling', ['real'], 0.9)], [-1, 0, 1]);
  assert.ok(Object.is(call('ceiling', ['real'], -0.5), 0));
  assert.deepEqual([call('sign', ['int'], -42), call('sign', ['int'], 0), call('sign', ['real'], 11.2)], [-1, 0, 1]);
});

test('real functions: doc examples', () => {
  near(call('log', ['int'], 5), 1.6094379124341003);
  near(call('log10', ['int'], 5), 0.69897000433601886);
  near(call('log2', ['int'], 5), 2.3219280948873622);
  near(call('loggamma', ['int'], 5), 3.1780538303479458);
  assert.equal(call('gamma', ['int'], 5), 24);
  near(call('gamma', ['real'], 0.5), Math.sqrt(Math.PI));
  near(gamma(4.5), 11.631728396567448, 1e-13);
  near(call('gamma', ['real'], -0.5), -2 * Math.sqrt(Math.PI), 1e-13);
  assert.equal(call('pow', ['int', 'int'], 2, 3), 8);
  near(call('cot', ['int'], 1), 0.64209261593433065);
  near(call('sin', ['int'], 1), 0.841470984807897);
  near(call('atan', ['real'], 0.5), 0.46364760900080609);
  near(call('atan2', ['int', 'int'], 1, 1), 0.785398163397448, 1e-14);
  near(call('atan2', ['int', 'int'], 0, -1), Math.PI);
  near(call('atan2', ['int', 'int'], -1, 0), -1.5707963267949, 1e-13);
  near(call('degrees', ['real'], Math.PI / 4), 45);
  near(call('degrees', ['real'], Math.PI * 1.5), 270);
  near(call('radians', ['int'], 180), 3.14159265358979, 1e-14);
  near(call('exp2', ['int'], 10), 1024);
  near(call('exp10', ['int'], 3), 1000);
  near(call('exp', ['int'], 1), Math.E);
  assert.equal(call('pi', []), Math.PI);
});

test('real functions: domain errors and nulls', () => {
  assert.equal(call('log', ['int'], -1), null);
  assert.equal(call('log', ['int'], 0), -Infinity);
  assert.equal(call('sqrt', ['int'], -4), null);
  assert.equal(call('sqrt', ['long'], 16n), 4);
  assert.equal(call('asin', ['real'], 2), null);
  assert.equal(call('acos', ['real'], -1.5), null);
  assert.equal(call('exp', ['real'], null), null);
});

test('isnan, isinf, isfinite', () => {
  assert.deepEqual([-Infinity, NaN, Infinity, 1].map((x) => call('isfinite', ['real'], x)), [false, false, false, true]);
  assert.deepEqual([-Infinity, NaN, Infinity, 1].map((x) => call('isinf', ['real'], x)), [true, false, true, false]);
  assert.deepEqual([-1, NaN, 1].map((x) => call('isnan', ['real'], x)), [false, true, false]);
  assert.equal(call('isnan', ['long'], 5n), false);
  assert.equal(call('isnan', ['real'], null), null);
});

test('rand: [0,1) reals and whole reals below N', () => {
  seed = 42;
  for (let i = 0; i < 200; i++) {
    const r = call('rand', []) as number;
    assert.ok(r >= 0 && r < 1);
    const n = call('rand', ['int'], 10) as number;
    assert.ok(Number.isInteger(n) && n >= 0 && n < 10);
  }
  assert.equal(call('rand', ['long'], 0n), null);
});

test('max_of / min_of: promotion and null skipping', () => {
  assert.equal(call('max_of', ['int', 'int', 'int', 'int'], 10, 1, -3, 17), 17);
  assert.equal(call('min_of', ['int', 'int', 'int', 'int'], 10, 1, -3, 17), -3);
  const rows: [Value, Value][] = [[1, 6], [8, 1], [null, 2], [1, null], [null, null]];
  assert.deepEqual(rows.map(([a, b]) => call('max_of', ['int', 'int'], a, b)), [6, 8, 2, 1, null]);
  assert.deepEqual(rows.map(([a, b]) => call('min_of', ['int', 'int'], a, b)), [1, 1, 2, 1, null]);
  assert.equal(call('max_of', ['int', 'long'], 3, 2n), 3n);
  assert.equal(call('max_of', ['long', 'real'], 3n, 2.5), 3);
  assert.equal(call('min_of', ['long', 'real'], 3n, 2.5), 2.5);
  const a = dt('2024-12-15 07:15:22'), b = dt('2024-12-15 07:15:24');
  assert.equal(call('max_of', ['datetime', 'datetime'], a, b), b);
  assert.equal(call('min_of', ['string', 'string', 'string'], 'b', 'a', 'c'), 'a');
  assert.equal(call('max_of', ['real', 'real'], NaN, 1), 1);
});

test('binary functions are 64-bit', () => {
  assert.equal(call('binary_not', ['int'], 100), -101n);
  assert.equal(call('binary_or', ['int', 'int'], 5, 3), 7n);
  assert.equal(call('binary_xor', ['int', 'int'], 1, 1), 0n);
  assert.equal(call('binary_xor', ['int', 'int'], 1, 2), 3n);
  assert.equal(call('binary_and', ['long', 'long'], 0xffn, 0x0fn), 15n);
  assert.equal(call('binary_shift_left', ['int', 'int'], 1, 7), 128n);
  assert.equal(call('binary_shift_left', ['long', 'int'], 1n, 63), -(2n ** 63n));
  assert.equal(call('binary_shift_left', ['long', 'int'], 1n, 64), 1n);
  assert.equal(call('binary_shift_right', ['int', 'int'], 128, 3), 16n);
  assert.equal(call('binary_shift_right', ['long', 'int'], -16n, 2), -4n);
  assert.equal(call('bitset_count_ones', ['int'], 42), 3n);
  assert.equal(call('bitset_count_ones', ['long'], -1n), 64n);
  assert.equal(call('binary_and', ['long', 'long'], null, 1n), null);
});

test('floorDiv rounds toward minus infinity', () => {
  assert.deepEqual([floorDiv(7n, 2n), floorDiv(-7n, 2n), floorDiv(-8n, 2n), floorDiv(7n, -2n)], [3n, -4n, -4n, -4n]);
});

test('erf / erfc: doc examples', () => {
  const erfs = [-0.999977909503001, -0.995322265018953, -0.842700792949715, 0, 0.842700792949715, 0.995322265018953, 0.999977909503001];
  [-3, -2, -1, 0, 1, 2, 3].forEach((x, i) => near(call('erf', ['long'], BigInt(x)), erfs[i]!, 1e-14));
  const erfcs = [1.999977909503001, 1.995322265018953, 1.842700792949715, 1, 0.157299207050285, 0.00467773498104727, 2.20904969985854e-5];
  [-3, -2, -1, 0, 1, 2, 3].forEach((x, i) => near(call('erfc', ['long'], BigInt(x)), erfcs[i]!, 1e-13));
  near(erf(0.5), 0.5204998778130465, 1e-15);
  near(erfc(5), 1.5374597944280349e-12, 1e-13);
  near(erfc(1.9999), 0.004680524, 1e-6);
  assert.equal(erf(Infinity), 1);
  assert.ok(Number.isNaN(erfc(NaN)));
});
