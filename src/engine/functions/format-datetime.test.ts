import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDatetime, parseTimespan, MIN_DATETIME } from '../../kql/types/index.js';
import { kernels, formatDatetimeWith as fd, formatTimespanWith as ft, tokenizeFormat } from './format-datetime.js';
import { MAX_TICKS } from './conversion.js';

const dt = (s: string) => parseDatetime(s)!;
const ts = (s: string) => parseTimespan(s)!;
const ctx = { now: 0n, random: () => 0 };

test('format_datetime: doc examples', () => {
  const t = dt('2017-01-29 09:00:05');
  assert.equal(fd(t, 'yy-MM-dd [HH:mm:ss]'), '17-01-29 [09:00:05]');
  assert.equal(fd(t, 'yyyy-M-dd [H:mm:ss]'), '2017-1-29 [9:00:05]');
  assert.equal(fd(t, 'yy-MM-dd [hh:mm:ss tt]'), '17-01-29 [09:00:05 AM]');
});

test('format_datetime: specifier table examples', () => {
  assert.equal(fd(dt('2009-06-01T13:45:30'), 'd'), '1');
  assert.equal(fd(dt('2009-06-01T13:45:30'), 'dd'), '01');
  assert.equal(fd(dt('2009-06-15T13:45:30.6170000'), 'f'), '6');
  assert.equal(fd(dt('2009-06-15T13:45:30.05'), 'f'), '0');
  assert.equal(fd(dt('2009-06-15T13:45:30.0050000'), 'ff'), '00');
  assert.equal(fd(dt('2009-06-15T13:45:30.617'), 'fff'), '617');
  assert.equal(fd(dt('2009-06-15T13:45:30.6175000'), 'ffff'), '6175');
  assert.equal(fd(dt('2009-06-15T13:45:30.6175400'), 'fffff'), '61754');
  assert.equal(fd(dt('2009-06-15T13:45:30.6175420'), 'ffffff'), '617542');
  assert.equal(fd(dt('2009-06-15T13:45:30.0001150'), 'fffffff'), '0001150');
  assert.equal(fd(dt('2009-06-15T13:45:30.0500000'), 'F'), '');
  assert.equal(fd(dt('2009-06-15T13:45:30.5275000'), 'FFFF'), '5275');
  assert.equal(fd(dt('2009-06-15T13:45:30.0001150'), 'FFFFFFF'), '000115');
  assert.equal(fd(dt('2009-06-15T01:45:30'), 'h'), '1');
  assert.equal(fd(dt('2009-06-15T13:45:30'), 'hh'), '01');
  assert.equal(fd(dt('2009-06-15T00:45:30'), 'hh tt'), '12 AM');
  assert.equal(fd(dt('2009-06-15T12:45:30'), 'h t'), '12 P');
  assert.equal(fd(dt('2009-06-15T13:45:30'), 'H HH'), '13 13');
  assert.equal(fd(dt('2009-06-15T01:09:30'), 'm mm'), '9 09');
  assert.equal(fd(dt('2009-06-15T13:45:09'), 's ss'), '9 09');
  assert.equal(fd(dt('2009-06-15T13:45:30'), 'M MM'), '6 06');
  assert.deepEqual(['0001-01-01', '0900-01-01', '1900-01-01', '2009-06-15', '2019-06-15'].map((s) => fd(dt(s), 'y|yy|yyyy')),
    ['1|01|0001', '0|00|0900', '0|00|1900', '9|09|2009', '19|19|2019']);
});

test('format_datetime: sub-millisecond ticks are exact', () => {
  const t = dt('2026-05-23T10:11:12.1234567');
  assert.equal(fd(t, 'yyyy-MM-ddTHH:mm:ss.fffffff'), '2026-05-23T10:11:12.1234567');
  assert.equal(fd(t + 1n, 'fffffff'), '1234568');
  assert.equal(fd(dt('2026-05-23T10:11:12'), 'HH:mm:ss.FFF'), '10:11:12');
  assert.equal(fd(dt('2026-05-23T10:11:12.5'), 'HH:mm:ss.FFF'), '10:11:12.5');
});

test('format_datetime: names, quoting, escapes, range edges', () => {
  assert.equal(fd(dt('2017-01-29'), 'ddd, dd MMM yyyy'), 'Sun, 29 Jan 2017');
  assert.equal(fd(dt('2017-01-30'), 'dddd MMMM'), 'Monday January');
  assert.equal(fd(dt('2017-01-29 09:00'), "'at' HH\\h"), 'at 09h');
  assert.equal(fd(dt('2017-01-29'), 'yyyy_MM_dd/x,.:'), '2017_01_29/x,.:');
  assert.equal(fd(MAX_TICKS, 'yyyy-MM-dd HH:mm:ss.fffffff'), '9999-12-31 23:59:59.9999999');
  assert.equal(fd(MIN_DATETIME, 'dddd yyyy-MM-dd'), 'Monday 0001-01-01');
  assert.equal(fd(dt('1969-12-31 23:00'), 'ddd'), 'Wed');
  assert.equal(fd(dt('2017-01-29'), ''), '');
});

test('format_timespan: doc example', () => {
  const t = ts('29.09:00:05.12345');
  assert.equal(ft(t, 'dd.hh:mm:ss:FF'), '29.09:00:05:12');
  assert.equal(ft(t, 'ddd.h:mm:ss [fffffff]'), '029.9:00:05 [1234500]');
});

test('format_timespan: parts, padding, negative values', () => {
  const t = ts('15.13:45:30.6175425');
  assert.equal(ft(t, 'd'), '15');
  assert.equal(ft(t, 'ddd'), '015');
  assert.equal(ft(t, 'H HH'), '13 13');
  assert.equal(ft(ts('15.01:09:09'), 'h:m:s'), '1:9:9');
  assert.equal(ft(t, 'fffffff FFFF'), '6175425 6175');
  assert.equal(ft(ts('00:00:30'), 'ss.FFF'), '30');
  assert.equal(ft(-ts('01:02:03'), 'hh:mm:ss'), '-01:02:03');
});

test('kernels: constant format compiled once; null datetime gives empty string', () => {
  assert.equal(tokenizeFormat('yyyy-MM').length, 3);
  const k = kernels.find((x) => x.name === 'format_datetime')!.make(['datetime', 'string'], [undefined, 'yyyy'], ctx);
  assert.equal(k(dt('2020-05-05'), 'yyyy'), '2020');
  assert.equal(k(null, 'yyyy'), '');
  const k2 = kernels.find((x) => x.name === 'format_timespan')!.make(['timespan', 'string'], [undefined, undefined], ctx);
  assert.equal(k2(ts('01:00:00'), 'hh'), '01');
});
