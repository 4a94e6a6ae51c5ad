import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScalarType, Value } from '../../kql/types/index.js';
import { parseDatetime, TICKS_PER_SECOND, TICKS_PER_MINUTE, TICKS_PER_HOUR, TICKS_PER_DAY } from '../../kql/types/index.js';
import { kernels, convertValue, parseNumberText, toGuid, toHex, EPOCH_NET_TICKS } from './conversion.js';

const ctx = { now: 0n, random: () => 0 };
function call(name: string, type: ScalarType, v: Value): Value {
  const k = kernels.find((x) => x.name === name);
  assert.ok(k, `kernel ${name}`);
  return k.make([type], [undefined], ctx)(v);
}

test('tostring', () => {
  assert.equal(call('tostring', 'int', 5), '5');
  assert.equal(call('tostring', 'long', -(2n ** 63n)), '-9223372036854775808');
  assert.equal(call('tostring', 'real', 1.5), '1.5');
  assert.equal(call('tostring', 'bool', true), 'true');
  assert.equal(call('tostring', 'datetime', parseDatetime('2020-01-02 03:04:05.5')!), '2020-01-02T03:04:05.5000000Z');
  assert.equal(call('tostring', 'timespan', 90n * TICKS_PER_MINUTE), '01:30:00');
  assert.equal(call('tostring', 'dynamic', 'text'), 'text');
  assert.equal(call('tostring', 'dynamic', { a: [1, 'x'] }), '{"a":[1,"x"]}');
  assert.equal(call('tostring', 'int', null), '');
});

test('toint: doc examples, truncation, range', () => {
  assert.equal(call('toint', 'string', '123'), 123);
  assert.equal(call('toint', 'real', 2.3), 2);
  assert.equal(call('toint', 'real', -2.7), -2);
  assert.equal(call('toint', 'string', ' 42 '), 42);
  assert.equal(call('toint', 'string', '1.5'), 1);
  assert.equal(call('toint', 'string', '0x1F'), 31);
  assert.equal(call('toint', 'string', 'abc'), null);
  assert.equal(call('toint', 'string', ''), null);
  assert.equal(call('toint', 'long', 2n ** 31n), null);
  assert.equal(call('toint', 'long', -(2n ** 31n)), -2147483648);
  assert.equal(call('toint', 'real', NaN), null);
  assert.equal(call('toint', 'bool', true), 1);
  assert.equal(call('toint', 'dynamic', 7.9), 7);
  assert.equal(call('toint', 'dynamic', '12'), 12);
  assert.equal(call('toint', 'dynamic', [1]), null);
  assert.equal(call('toint', 'guid', '01234567-89ab-cdef-0123-456789abcdef'), null);
});

test('tolong: exact 64-bit parsing, datetime and timespan ticks', () => {
  assert.equal(call('tolong', 'string', '-3122868243544336885'), -3122868243544336885n);
  assert.equal(call('tolong', 'string', '9223372036854775808'), null);
  assert.equal(call('tolong', 'real', 1e19), null);
  assert.equal(call('tolong', 'real', -1.9), -1n);
  assert.equal(call('tolong', 'timespan', TICKS_PER_SECOND), 10_000_000n);
  assert.equal(call('tolong', 'datetime', parseDatetime('1970-01-01')!), 621355968000000000n);
  assert.equal(call('tolong', 'string', '1e3'), 1000n);
  assert.equal(call('tolong', 'int', null), null);
});

test('toreal / todecimal', () => {
  assert.equal(call('toreal', 'string', '123.45678'), 123.45678);
  assert.equal(call('todecimal', 'string', '123.45678'), 123.45678);
  assert.equal(call('toreal', 'long', 5n), 5);
  assert.equal(call('toreal', 'string', '-1.5e-3'), -0.0015);
  assert.ok(Number.isNaN(call('toreal', 'string', 'NaN') as number));
  assert.equal(call('toreal', 'string', '-Infinity'), -Infinity);
  assert.equal(call('toreal', 'string', '1,5'), null);
  assert.equal(call('toreal', 'timespan', TICKS_PER_HOUR), 36_000_000_000);
});

test('tobool', () => {
  assert.equal(call('tobool', 'string', 'true'), true);
  assert.equal(call('tobool', 'string', 'FALSE'), false);
  assert.equal(call('tobool', 'int', 1), true);
  assert.equal(call('tobool', 'int', 123), true);
  assert.equal(call('tobool', 'long', 0n), false);
  assert.equal(call('tobool', 'string', 'yes'), null);
  assert.equal(call('tobool', 'dynamic', true), true);
  assert.equal(call('tobool', 'datetime', 0n), null);
});

test('toguid: doc example', () => {
  assert.equal(call('toguid', 'string', '0123456789abcdef0123456789abcdef'), '01234567-89ab-cdef-0123-456789abcdef');
  assert.equal(call('toguid', 'string', '0123456789ab-cdef-0123-456789abcdef'), '01234567-89ab-cdef-0123-456789abcdef');
  assert.equal(call('toguid', 'string', 'a string that is not a guid'), null);
  assert.equal(toGuid('{0123456789ABCDEF0123456789ABCDEF}', 'string'), '01234567-89ab-cdef-0123-456789abcdef');
  assert.equal(toGuid('0123456789abcdef0123456789abcde', 'string'), null);
});

test('todatetime / totimespan', () => {
  assert.equal(call('todatetime', 'string', '12-02-2022'), parseDatetime('2022-12-02'));
  assert.equal(call('todatetime', 'string', '12-02-2022 10:30'), parseDatetime('2022-12-02 10:30'));
  assert.equal(call('todatetime', 'string', '13-02-2022'), null);
  assert.equal(call('todatetime', 'string', '2015-12-31 23:59:59.9'), parseDatetime('2015-12-31 23:59:59.9'));
  assert.equal(call('todatetime', 'dynamic', '2015-12-31T00:00:00Z'), parseDatetime('2015-12-31'));
  assert.equal(call('todatetime', 'string', 'not a date'), null);
  assert.equal(call('todatetime', 'long', EPOCH_NET_TICKS), 0n);
  assert.equal(call('todatetime', 'long', -1n), null);
  assert.equal(call('totimespan', 'string', '0.00:03:00'), 3n * TICKS_PER_MINUTE);
  assert.equal(call('totimespan', 'timespan', 4n * TICKS_PER_DAY), 4n * TICKS_PER_DAY);
  assert.equal(call('totimespan', 'string', '25min'), 25n * TICKS_PER_MINUTE);
  assert.equal(call('totimespan', 'long', 10_000_000n), TICKS_PER_SECOND);
  assert.equal(call('totimespan', 'string', 'soon'), null);
});

test('parseNumberText', () => {
  assert.equal(parseNumberText('17'), 17n);
  assert.equal(parseNumberText('-0x10'), -16n);
  assert.equal(parseNumberText('.5'), 0.5);
  assert.equal(parseNumberText('5.'), 5);
  assert.equal(parseNumberText('1e'), null);
  assert.equal(parseNumberText('--1'), null);
  assert.equal(parseNumberText('1'.repeat(300) + 'x'), null);
  assert.equal(parseNumberText('1'.repeat(5000)), null);
});

test('convertValue: casts between types', () => {
  assert.equal(convertValue(null, 'int', 'string'), '');
  assert.equal(convertValue(null, 'string', 'long'), null);
  assert.equal(convertValue(5, 'int', 'long'), 5n);
  assert.equal(convertValue(5n, 'long', 'real'), 5);
  assert.equal(convertValue('42', 'string', 'long'), 42n);
  assert.equal(convertValue('x', 'string', 'long'), null);
  assert.equal(convertValue(3, 'dynamic', 'long'), 3n);
  assert.equal(convertValue('3', 'dynamic', 'long'), 3n);
  assert.equal(convertValue('3', 'dynamic', 'long', true), null);
  assert.equal(convertValue({ a: 1 }, 'dynamic', 'long'), null);
  assert.equal(convertValue('2020-01-01', 'dynamic', 'datetime', true), parseDatetime('2020-01-01'));
  assert.equal(convertValue(2n ** 60n, 'long', 'dynamic'), '1152921504606846976');
  assert.equal(convertValue(7n, 'long', 'dynamic'), 7);
  assert.equal(convertValue(TICKS_PER_HOUR, 'timespan', 'dynamic'), '01:00:00');
  assert.equal(convertValue(1.5, 'real', 'int'), 1);
  assert.equal(convertValue('true', 'string', 'bool'), true);
  assert.equal(convertValue(1.5, 'real', 'decimal'), 1.5);
  assert.equal(convertValue('ABCDEF0123456789ABCDEF0123456789', 'string', 'guid'), 'abcdef01-2345-6789-abcd-ef0123456789');
});

test('tohex: doc example', () => {
  assert.equal(toHex(256n, 'long'), '100');
  assert.equal(toHex(-256n, 'long'), 'ffffffffffffff00');
  assert.equal(toHex(-256, 'int', 8n), 'ffffff00');
  assert.equal(toHex(256n, 'long', 8n), '00000100');
  assert.equal(toHex(256n, 'long', 2), '100');
  assert.equal(toHex(null, 'long'), '');
  const k = kernels.find((x) => x.name === 'tohex')!.make(['int', 'int'], [undefined, undefined], ctx);
  assert.equal(k(255, 4), '00ff');
});

test('no kernel of this area throws on well-typed but hostile values', async () => {
  const families = await Promise.all(['./math.js', './datetime.js', './format-datetime.js', './conversion.js', './ip.js'].map((m) => import(m)));
  const all = families.flatMap((m) => m.kernels as typeof kernels);
  const V: Record<string, Value[]> = {
    int: [null, 0, -1, 2147483647, -2147483648], long: [null, 0n, -1n, 2n ** 63n - 1n, -(2n ** 63n)],
    real: [null, 1.5, NaN, Infinity, -Infinity, -0, 1e308], datetime: [null, -621355968000000000n, 2534023007999999999n, 0n],
    string: ['', 'x', '1.2.3.4/33', '::1/64', 'day', 'yyyy fffffff FFF tt dddd', '2020-01-01', 'a.'.repeat(3000), 'Europe/Paris'],
    timespan: [null, 0n, -1n, 2n ** 63n - 1n, -(2n ** 63n)], dynamic: [null, [1, 'x'], { a: 1 }, 'x', 1.5, true],
    bool: [null, true, false], guid: [null, '01234567-89ab-cdef-0123-456789abcdef'],
  };
  const types = Object.keys(V) as ScalarType[];
  let seed = 7;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (const k of all) {
    for (let i = 0; i < 300; i++) {
      const ts = Array.from({ length: rnd(5) }, () => types[rnd(types.length)]!);
      const args = ts.map((t) => V[t]![rnd(V[t]!.length)]!);
      assert.doesNotThrow(() => k.make(ts, args.map(() => undefined), ctx)(...args), `${k.name}(${ts.join(', ')})`);
    }
  }
});
