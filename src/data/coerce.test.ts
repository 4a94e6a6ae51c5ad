import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDatetime } from '../kql/types/index.js';
import { FAIL, coerce, toText } from './coerce.js';
import { parseLogDatetime } from './datetime.js';
import { FieldInference } from './infer.js';

const dt = (s: string) => { const t = parseLogDatetime(s); return t === null ? null : formatDatetime(t); };

test('datetime: ISO-8601 with 0-7 (and more, truncated) fraction digits, offsets, space separator', () => {
  assert.equal(dt('2026-05-23T10:00:00Z'), '2026-05-23T10:00:00.0000000Z');
  assert.equal(dt('2026-05-23T10:00:00.1234567Z'), '2026-05-23T10:00:00.1234567Z');
  assert.equal(dt('2026-05-23T10:00:00.123456789Z'), '2026-05-23T10:00:00.1234567Z');
  assert.equal(dt('2026-05-23T10:00:00.5'), '2026-05-23T10:00:00.5000000Z');
  assert.equal(dt('2026-05-23 10:00:00'), '2026-05-23T10:00:00.0000000Z');
  assert.equal(dt('2026-05-23T12:00:00+02:00'), '2026-05-23T10:00:00.0000000Z');
  assert.equal(dt('2026-02-29T00:00:00Z'), null); // not a leap year
  assert.equal(dt('2024-02-29T00:00:00Z'), '2024-02-29T00:00:00.0000000Z');
});

test('datetime: Log Analytics portal display forms and syslog/CEF month-name forms', () => {
  assert.equal(dt('5/23/2026, 1:15:00.000 AM'), '2026-05-23T01:15:00.0000000Z');
  assert.equal(dt('5/23/2026, 12:15:00.000 AM'), '2026-05-23T00:15:00.0000000Z');
  assert.equal(dt('5/23/2026, 1:15:30.250 PM'), '2026-05-23T13:15:30.2500000Z');
  assert.equal(dt('5/23/2026 13:15'), '2026-05-23T13:15:00.0000000Z');
  assert.equal(dt('May 23 2026 10:04:59'), '2026-05-23T10:04:59.0000000Z');
  assert.equal(dt('May 23 2026 10:04:59.125 UTC'), '2026-05-23T10:04:59.1250000Z');
  assert.equal(dt('Jun 3, 2024 3:04:05 PM'), '2024-06-03T15:04:05.0000000Z');
  assert.equal(dt('June 3, 2024, 12:04 AM'), '2024-06-03T00:04:00.0000000Z');
  assert.equal(dt('Mon, 3 Jun 2024 15:04:05 GMT'), '2024-06-03T15:04:05.0000000Z');
  assert.equal(dt('May 23 2026 13:04:59 PM'), null);
  assert.equal(dt('May 23 2026 12:00:00 +0200'), '2026-05-23T10:00:00.0000000Z');
  assert.equal(dt('not a date'), null);
  assert.equal(dt(''), null);
});

test('coerce: numbers from JSON numbers and numeric text, with range checks', () => {
  assert.equal(coerce(443, 'int'), 443);
  assert.equal(coerce('443', 'int'), 443);
  assert.equal(coerce(' 443 ', 'int'), 443);
  assert.equal(coerce('2147483648', 'int'), FAIL);
  assert.equal(coerce(1.5, 'int'), FAIL);
  assert.equal(coerce('3.0', 'int'), 3);
  assert.equal(coerce('9007199254740993', 'long'), 9007199254740993n);
  assert.equal(coerce(9007199254740993n, 'long'), 9007199254740993n);
  assert.equal(coerce('9223372036854775808', 'long'), FAIL);
  assert.equal(coerce(42, 'long'), 42n);
  assert.equal(coerce('1e3', 'real'), 1000);
  assert.equal(coerce('NaN', 'real'), NaN);
  assert.equal(coerce('12abc', 'real'), FAIL);
  assert.equal(coerce('', 'long'), null);
  assert.equal(coerce(undefined, 'real'), null);
});

test('coerce: bool, guid, timespan, datetime', () => {
  for (const t of [true, 'true', 'True', 'TRUE', 1, '1']) assert.equal(coerce(t, 'bool'), true, String(t));
  for (const f of [false, 'false', 'False', 0, '0']) assert.equal(coerce(f, 'bool'), false, String(f));
  assert.equal(coerce('yes', 'bool'), FAIL);
  assert.equal(coerce('{6F1A2B3C-0000-4000-8000-00000000ABCD}', 'guid'), '6f1a2b3c-0000-4000-8000-00000000abcd');
  assert.equal(coerce('nope', 'guid'), FAIL);
  assert.equal(coerce('1.02:00:00', 'timespan'), 936000000000n);
  assert.equal(coerce('2026-05-23T10:00:00Z', 'datetime'), 17795304000000000n);
  assert.equal(coerce(17795304000000000n, 'datetime'), 17795304000000000n);
  assert.equal(coerce(1779530400, 'datetime'), FAIL);
});

test('coerce: strings never null; objects as JSON text; dynamic parses JSON text, integers exact', () => {
  assert.equal(coerce(null, 'string'), '');
  assert.equal(coerce(undefined, 'string'), '');
  assert.equal(coerce({ a: [1, 2] }, 'string'), '{"a":[1,2]}');
  assert.equal(coerce(1.5, 'string'), '1.5');
  assert.equal(coerce(true, 'string'), 'true');
  assert.deepEqual(coerce('{"a":1}', 'dynamic'), { a: 1 });
  assert.deepEqual(coerce('[1,"x"]', 'dynamic'), [1, 'x']);
  assert.equal(coerce('plain', 'dynamic'), 'plain');
  assert.equal(coerce('{broken', 'dynamic'), '{broken');
  assert.equal(coerce('', 'dynamic'), null);
  // integers inside dynamic stay exact 64-bit values, as parse_json keeps them; beyond 64 bits they are doubles
  assert.deepEqual(coerce({ n: 9007199254740993n }, 'dynamic'), { n: 9007199254740993n });
  assert.deepEqual(coerce({ n: 99999999999999999999n }, 'dynamic'), { n: 1e20 });
  assert.deepEqual(coerce('{"n":9007199254740993,"m":[18446744073709551616]}', 'dynamic'), { n: 9007199254740993n, m: [18446744073709551616] });
  assert.equal(toText(9007199254740993n), '9007199254740993');
});

test('inference: JSON values and text columns follow the documented rules', () => {
  const infer = (vals: unknown[], text = false) => { const f = new FieldInference(); for (const v of vals) f.add(v, text); return f.type(); };
  assert.equal(infer([1, 2, null]), 'long');
  assert.equal(infer([1, 2.5]), 'real');
  assert.equal(infer([true, false]), 'bool');
  assert.equal(infer([{ a: 1 }, 'x']), 'dynamic');
  assert.equal(infer(['2026-05-23T10:00:00Z', '2026-05-23 11:00:00', '']), 'datetime');
  assert.equal(infer(['2026-05-23T10:00:00Z', 'later']), 'string');
  assert.equal(infer([1, 'two']), 'string');
  assert.equal(infer(['443', '80']), 'string'); // JSON said string
  assert.equal(infer(['443', '80'], true), 'long');
  assert.equal(infer(['0.5', '2'], true), 'real');
  assert.equal(infer(['true', 'False'], true), 'bool');
  assert.equal(infer(['007', '123'], true), 'string'); // leading zeros are identifiers, not numbers
  assert.equal(infer(['20260523'], true), 'long');
  assert.equal(infer([]), 'string');
});
