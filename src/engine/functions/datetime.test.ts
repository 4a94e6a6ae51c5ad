import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScalarType, Value } from '../../kql/types/index.js';
import { parseDatetime, formatDatetime, formatTimespan, TICKS_PER_DAY, TICKS_PER_HOUR, MIN_DATETIME } from '../../kql/types/index.js';
import { kernels, isoWeek, addMonths } from './datetime.js';
import { MAX_TICKS } from './conversion.js';
import type { KernelContext } from './kernel.js';

const NOW = parseDatetime('2026-05-23 10:00:00')!;
const ctx: KernelContext = { now: NOW, random: () => 0.5 };
function call(name: string, types: ScalarType[], ...args: Value[]): Value {
  const k = kernels.find((x) => x.name === name);
  assert.ok(k, `kernel ${name}`);
  return k.make(types, args.map(() => undefined), ctx)(...args);
}
const dt = (s: string) => parseDatetime(s)!;
const iso = (v: Value) => (v === null ? null : formatDatetime(v as bigint).replace('.0000000Z', '').replace('T', ' '));

test('now and ago use the pinned now', () => {
  assert.equal(call('now', []), NOW);
  assert.equal(iso(call('now', ['timespan'], -TICKS_PER_HOUR)), '2026-05-23 09:00:00');
  assert.equal(iso(call('ago', ['timespan'], TICKS_PER_DAY)), '2026-05-22 10:00:00');
  assert.equal(call('ago', ['timespan'], null), null);
});

test('datetime_diff: doc example', () => {
  const d = (p: string, a: string, b: string) => call('datetime_diff', ['string', 'datetime', 'datetime'], p, dt(a), dt(b));
  assert.equal(d('year', '2017-01-01', '2000-12-31'), 17n);
  assert.equal(d('quarter', '2017-07-01', '2017-03-30'), 2n);
  assert.equal(d('month', '2017-01-01', '2015-12-30'), 13n);
  assert.equal(d('week', '2017-10-29 00:00', '2017-09-30 23:59'), 5n);
  assert.equal(d('day', '2017-10-29 00:00', '2017-09-30 23:59'), 29n);
  assert.equal(d('hour', '2017-10-31 01:00', '2017-10-30 23:59'), 2n);
  assert.equal(d('minute', '2017-10-30 23:05:01', '2017-10-30 23:00:59'), 5n);
  assert.equal(d('second', '2017-10-30 23:00:10.100', '2017-10-30 23:00:00.900'), 10n);
  assert.equal(d('millisecond', '2017-10-30 23:00:00.200100', '2017-10-30 23:00:00.100900'), 100n);
  assert.equal(d('microsecond', '2017-10-30 23:00:00.1009001', '2017-10-30 23:00:00.1008009'), 100n);
  assert.equal(d('nanosecond', '2017-10-30 23:00:00.0000000', '2017-10-30 23:00:00.0000007'), -700n);
  assert.equal(d('Day', '1969-12-31 23:00', '1970-01-01 01:00'), -1n);
  assert.equal(d('decade', '2017-01-01', '2000-01-01'), null);
});

test('datetime_add: doc examples, month clamping, range', () => {
  const a = (p: string, n: Value, s: string) => iso(call('datetime_add', ['string', 'int', 'datetime'], p, n, dt(s)));
  assert.deepEqual(['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'].map((p) => a(p, 1, '2017-01-01')), [
    '2018-01-01 00:00:00', '2017-04-01 00:00:00', '2017-02-01 00:00:00', '2017-01-08 00:00:00', '2017-01-02 00:00:00',
    '2017-01-01 01:00:00', '2017-01-01 00:01:00', '2017-01-01 00:00:01']);
  assert.equal(a('year', -5, '2017-01-01'), '2012-01-01 00:00:00');
  assert.equal(a('quarter', 12, '2017-01-01'), '2020-01-01 00:00:00');
  assert.equal(a('month', -15, '2017-01-01'), '2015-10-01 00:00:00');
  assert.equal(a('week', 100, '2017-01-01'), '2018-12-02 00:00:00');
  assert.equal(a('month', 1, '2024-01-31 10:30'), '2024-02-29 10:30:00');
  assert.equal(a('year', 1, '2024-02-29'), '2025-02-28 00:00:00');
  assert.equal(a('day', 1, '9999-12-31'), null);
  assert.equal(a('year', -1, '0001-06-01'), null);
  assert.equal(call('datetime_add', ['string', 'long', 'datetime'], 'millisecond', 1500n, dt('2020-01-01')), dt('2020-01-01 00:00:01.5'));
  assert.equal(call('datetime_add', ['string', 'int', 'datetime'], 'nanosecond', 250, dt('2020-01-01')), dt('2020-01-01') + 2n);
  assert.equal(call('datetime_add', ['string', 'int', 'datetime'], 'fortnight', 1, dt('2020-01-01')), null);
  assert.equal(addMonths(dt('2023-03-31'), -1n), dt('2023-02-28'));
});

test('datetime_part: doc example', () => {
  const t = dt('2017-10-30 01:02:03.7654321');
  const parts = ['year', 'quarter', 'month', 'week_of_year', 'day', 'dayOfYear', 'hour', 'minute', 'second', 'millisecond', 'microsecond', 'nanosecond'];
  assert.deepEqual(parts.map((p) => call('datetime_part', ['string', 'datetime'], p, t)),
    [2017, 4, 10, 44, 30, 303, 1, 2, 3, 765, 765432, 765432100]);
});

test('week_of_year is ISO 8601', () => {
  assert.deepEqual(['2020-12-31', '2020-06-15', '1970-01-01', '2000-01-01', '2021-01-03', '2021-01-04', '2026-12-31', '2015-12-31']
    .map((s) => isoWeek(dt(s))), [53, 25, 1, 52, 53, 1, 53, 53]);
  assert.equal(call('week_of_year', ['datetime'], dt('2024-12-30')), 1);
});

test('startof/endof with offsets: doc examples', () => {
  const t = dt('2017-01-01 10:10:17');
  const run = (f: string) => [-1n, 0n, 1n].map((o) => formatDatetime(call(f, ['datetime', 'long'], t, o) as bigint).slice(0, 27));
  assert.deepEqual(run('startofday'), ['2016-12-31T00:00:00.0000000', '2017-01-01T00:00:00.0000000', '2017-01-02T00:00:00.0000000']);
  assert.deepEqual(run('startofweek'), ['2016-12-25T00:00:00.0000000', '2017-01-01T00:00:00.0000000', '2017-01-08T00:00:00.0000000']);
  assert.deepEqual(run('startofmonth'), ['2016-12-01T00:00:00.0000000', '2017-01-01T00:00:00.0000000', '2017-02-01T00:00:00.0000000']);
  assert.deepEqual(run('startofyear'), ['2016-01-01T00:00:00.0000000', '2017-01-01T00:00:00.0000000', '2018-01-01T00:00:00.0000000']);
  assert.deepEqual(run('endofday'), ['2016-12-31T23:59:59.9999999', '2017-01-01T23:59:59.9999999', '2017-01-02T23:59:59.9999999']);
  assert.deepEqual(run('endofweek'), ['2016-12-31T23:59:59.9999999', '2017-01-07T23:59:59.9999999', '2017-01-14T23:59:59.9999999']);
  assert.deepEqual(run('endofmonth'), ['2016-12-31T23:59:59.9999999', '2017-01-31T23:59:59.9999999', '2017-02-28T23:59:59.9999999']);
  assert.deepEqual(run('endofyear'), ['2016-12-31T23:59:59.9999999', '2017-12-31T23:59:59.9999999', '2018-12-31T23:59:59.9999999']);
});

test('startof/endof: edges of the range, leap years, pre-epoch', () => {
  assert.equal(call('endofmonth', ['datetime'], dt('2024-02-10')), dt('2024-02-29 23:59:59.9999999'));
  assert.equal(call('endofyear', ['datetime'], dt('9999-03-01')), MAX_TICKS);
  assert.equal(call('endofmonth', ['datetime'], dt('9999-12-05')), MAX_TICKS);
  assert.equal(call('startofyear', ['datetime', 'int'], dt('9999-03-01'), 1), null);
  assert.equal(call('startofday', ['datetime'], MIN_DATETIME + 5n), MIN_DATETIME);
  assert.equal(call('startofweek', ['datetime'], dt('0001-01-03')), null);
  assert.equal(iso(call('startofday', ['datetime'], dt('1969-12-31 18:00'))), '1969-12-31 00:00:00');
  assert.equal(iso(call('startofweek', ['datetime'], dt('1970-01-01'))), '1969-12-28 00:00:00');
  assert.equal(call('startofday', ['datetime', 'int'], dt('2020-01-01'), null), null);
});

test('startofweek from Monday (doc example via datetime_add)', () => {
  const sow = (s: string) => {
    const minus = call('datetime_add', ['string', 'int', 'datetime'], 'day', -1, dt(s));
    return iso(call('datetime_add', ['string', 'int', 'datetime'], 'day', 1, call('startofweek', ['datetime'], minus)));
  };
  assert.deepEqual(['2025-06-14', '2025-06-15', '2025-06-16', '2025-06-17'].map(sow),
    ['2025-06-09 00:00:00', '2025-06-09 00:00:00', '2025-06-16 00:00:00', '2025-06-16 00:00:00']);
});

test('calendar parts', () => {
  assert.equal(formatTimespan(call('dayofweek', ['datetime'], dt('1970-05-11')) as bigint), '1.00:00:00');
  assert.equal(call('dayofweek', ['datetime'], dt('2017-01-01')), 0n);
  assert.equal(formatTimespan(call('dayofweek', ['datetime'], dt('1969-12-27')) as bigint), '6.00:00:00');
  assert.equal(call('getyear', ['datetime'], dt('2015-10-12')), 2015);
  assert.equal(call('hourofday', ['datetime'], dt('2015-12-14 18:54')), 18);
  assert.equal(call('monthofyear', ['datetime'], dt('2015-12-14')), 12);
  assert.equal(call('getmonth', ['datetime'], dt('2015-12-14')), 12);
  assert.equal(call('dayofmonth', ['datetime'], dt('2015-12-14')), 14);
  assert.equal(call('dayofyear', ['datetime'], dt('2016-12-31')), 366);
  assert.equal(call('dayofyear', ['datetime'], dt('2015-12-31')), 365);
  assert.equal(call('hourofday', ['datetime'], null), null);
});

test('unixtime_*_todatetime', () => {
  assert.equal(iso(call('unixtime_seconds_todatetime', ['long'], 1546300800n)), '2019-01-01 00:00:00');
  assert.equal(iso(call('unixtime_milliseconds_todatetime', ['long'], 1546300800000n)), '2019-01-01 00:00:00');
  assert.equal(iso(call('unixtime_microseconds_todatetime', ['long'], 1546300800000000n)), '2019-01-01 00:00:00');
  assert.equal(iso(call('unixtime_nanoseconds_todatetime', ['long'], 1546300800000000000n)), '2019-01-01 00:00:00');
  assert.equal(call('unixtime_seconds_todatetime', ['real'], 1.5), 15_000_000n);
  assert.equal(call('unixtime_seconds_todatetime', ['int'], -1), -10_000_000n);
  assert.equal(call('unixtime_nanoseconds_todatetime', ['long'], 123n), 1n);
  assert.equal(call('unixtime_seconds_todatetime', ['long'], 10n ** 15n), null);
  assert.equal(call('unixtime_seconds_todatetime', ['real'], NaN), null);
});

test('make_datetime and make_timespan', () => {
  assert.equal(iso(call('make_datetime', ['int', 'int', 'int'], 2017, 10, 1)), '2017-10-01 00:00:00');
  assert.equal(iso(call('make_datetime', ['int', 'int', 'int', 'int', 'int'], 2017, 10, 1, 12, 10)), '2017-10-01 12:10:00');
  assert.equal(formatDatetime(call('make_datetime', ['int', 'int', 'int', 'int', 'int', 'real'], 2017, 10, 1, 12, 11, 0.1234567) as bigint),
    '2017-10-01T12:11:00.1234567Z');
  assert.equal(call('make_datetime', ['int', 'int', 'int'], 2023, 2, 29), null);
  assert.equal(formatDatetime(call('make_datetime', ['int', 'int', 'int', 'int', 'int', 'real'], 2020, 1, 1, 0, 0, 59.999999999) as bigint),
    '2020-01-01T00:00:59.9999999Z');
  assert.equal(call('make_datetime', ['int', 'int', 'int', 'int', 'int', 'real'], 2020, 1, 1, 0, 0, 60), null);
  assert.equal(call('make_datetime', ['int', 'int', 'int', 'int', 'int'], 2023, 2, 1, -1, 0), null);
  assert.equal(call('make_datetime', ['long', 'long', 'long'], 2023n, 2n, 1n), dt('2023-02-01'));
  assert.equal(formatTimespan(call('make_timespan', ['int', 'int', 'int', 'real'], 1, 12, 30, 55.123) as bigint), '1.12:30:55.1230000');
  assert.equal(formatTimespan(call('make_timespan', ['int', 'int'], 1, 30) as bigint), '01:30:00');
  assert.equal(call('make_timespan', ['int', 'int'], 24, 0), null);
  assert.equal(call('make_timespan', ['int', 'int'], null, 0), null);
});

test('datetime_list_timezones lists IANA zones usable by the conversions', () => {
  const zones = call('datetime_list_timezones', []) as string[];
  assert.ok(zones.includes('Europe/Paris') && zones.includes('America/Chicago'));
  assert.notEqual(call('datetime_utc_to_local', ['datetime', 'string'], dt('2020-01-01'), zones[0]!), null);
});

test('time zones: doc examples, DST gap', () => {
  const toUtc = (s: string, tz: string) => iso(call('datetime_local_to_utc', ['datetime', 'string'], dt(s), tz));
  const toLocal = (s: string, tz: string) => iso(call('datetime_utc_to_local', ['datetime', 'string'], dt(s), tz));
  assert.equal(toUtc('2020-02-02 20:02:20', 'US/Pacific'), '2020-02-03 04:02:20');
  assert.equal(toUtc('2020-02-02 20:02:20', 'America/Chicago'), '2020-02-03 02:02:20');
  assert.equal(toUtc('2020-02-02 20:02:20', 'Europe/Paris'), '2020-02-02 19:02:20');
  assert.deepEqual(['01:00', '02:00', '03:00', '04:00'].map((h) => toUtc(`2022-03-27 ${h}`, 'Europe/Brussels')),
    ['2022-03-27 00:00:00', '2022-03-27 00:00:00', '2022-03-27 01:00:00', '2022-03-27 02:00:00']);
  assert.equal(toLocal('2022-03-27 00:00', 'Europe/Brussels'), '2022-03-27 01:00:00');
  assert.equal(toLocal('2022-07-11 22:18:48', 'US/Pacific'), '2022-07-11 15:18:48');
  assert.equal(toLocal('2022-07-11 22:18:48', 'Australia/Canberra'), '2022-07-12 08:18:48');
  assert.equal(call('datetime_utc_to_local', ['datetime', 'string'], dt('2022-07-11 22:18:48.4678620'), 'UTC'), dt('2022-07-11 22:18:48.4678620'));
  assert.equal(call('datetime_utc_to_local', ['datetime', 'string'], dt('2022-07-11'), 'Not/AZone'), null);
  assert.equal(call('datetime_utc_to_local', ['datetime', 'string'], dt('0001-01-01 01:00'), 'America/Chicago'), null);
  // Kathmandu moved from +05:30 to +05:45 at 1985-12-31T18:30Z, in the middle of a UTC hour.
  assert.equal(toLocal('1985-12-31 18:29:59', 'Asia/Kathmandu'), '1985-12-31 23:59:59');
  assert.equal(toLocal('1985-12-31 18:31:00', 'Asia/Kathmandu'), '1986-01-01 00:16:00');
  assert.equal(toLocal('1985-12-31 18:45:00', 'Asia/Kathmandu'), '1986-01-01 00:30:00');
  assert.equal(call('datetime_utc_to_local', ['datetime', 'string'], dt('9999-12-31 23:00'), 'Asia/Tokyo'), null);
});
