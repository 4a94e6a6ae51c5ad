// Signatures of the datetime/timespan functions (now, ago, datetime_*, startof*/endof*, calendar parts,
// unixtime_*_todatetime, make_datetime/make_timespan, format_datetime/format_timespan, time zones).
import type { ScalarFunctionSig, ReturnRule } from '../function-sig.js';
import { checked, INTEGER, NUMBER, STRING, DATETIME, TIMESPAN } from './math.js';

const PARTS_ADD = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second', 'millisecond', 'microsecond', 'nanosecond'];
const PARTS_GET = ['year', 'quarter', 'month', 'week_of_year', 'weekofyear', 'week', 'day', 'dayofyear', 'hour', 'minute',
  'second', 'millisecond', 'microsecond', 'nanosecond'];

/** A constant part argument must name a known part (a non-constant one is checked per row: unknown → null). */
function partRule(parts: readonly string[], rule: ReturnRule): ReturnRule {
  return (a, c) => {
    const p = c[0];
    if (typeof p === 'string' && !parts.includes(p.trim().toLowerCase())) {
      return { error: `unknown period '${p}'; expected one of ${parts.join(', ')}` };
    }
    return rule(a, c);
  };
}

const dt1 = (name: string, ret: 'int' | 'timespan', aliases?: string[]): ScalarFunctionSig =>
  ({ name, ...(aliases ? { aliases } : {}), minArgs: 1, maxArgs: 1, returns: checked([DATETIME], () => ret) });
const period = (name: string): ScalarFunctionSig =>
  ({ name, minArgs: 1, maxArgs: 2, returns: checked([DATETIME, INTEGER], () => 'datetime') });
const unix = (name: string): ScalarFunctionSig =>
  ({ name, minArgs: 1, maxArgs: 1, returns: checked([NUMBER], () => 'datetime') });

export const signatures: ScalarFunctionSig[] = [
  { name: 'now', minArgs: 0, maxArgs: 1, returns: checked([TIMESPAN], () => 'datetime') },
  { name: 'ago', minArgs: 1, maxArgs: 1, returns: checked([TIMESPAN], () => 'datetime') },
  {
    name: 'datetime_add', minArgs: 3, maxArgs: 3,
    returns: partRule(PARTS_ADD, checked([STRING, INTEGER, DATETIME], () => 'datetime')),
  },
  {
    name: 'datetime_diff', minArgs: 3, maxArgs: 3,
    returns: partRule(PARTS_ADD, checked([STRING, DATETIME, DATETIME], () => 'long')),
  },
  {
    name: 'datetime_part', aliases: ['datepart'], minArgs: 2, maxArgs: 2,
    returns: partRule(PARTS_GET, checked([STRING, DATETIME], () => 'int')),
  },
  ...['startofday', 'startofweek', 'startofmonth', 'startofyear', 'endofday', 'endofweek', 'endofmonth', 'endofyear'].map(period),
  dt1('dayofweek', 'timespan'),
  dt1('dayofmonth', 'int'),
  dt1('dayofyear', 'int'),
  dt1('hourofday', 'int'),
  dt1('getmonth', 'int'),
  dt1('monthofyear', 'int'),
  dt1('getyear', 'int'),
  dt1('week_of_year', 'int'),
  ...['unixtime_seconds_todatetime', 'unixtime_milliseconds_todatetime', 'unixtime_microseconds_todatetime',
    'unixtime_nanoseconds_todatetime'].map(unix),
  { name: 'make_datetime', minArgs: 3, maxArgs: 6, returns: checked([NUMBER], () => 'datetime') },
  {
    name: 'make_timespan', minArgs: 2, maxArgs: 4,
    returns: checked([NUMBER], () => 'timespan'),
  },
  { name: 'format_datetime', minArgs: 2, maxArgs: 2, returns: checked([DATETIME, STRING], () => 'string') },
  { name: 'format_timespan', minArgs: 2, maxArgs: 2, returns: checked([TIMESPAN, STRING], () => 'string') },
  { name: 'datetime_list_timezones', minArgs: 0, maxArgs: 0, returns: () => 'dynamic' },
  { name: 'datetime_utc_to_local', minArgs: 2, maxArgs: 2, returns: checked([DATETIME, STRING], () => 'datetime') },
  { name: 'datetime_local_to_utc', minArgs: 2, maxArgs: 2, returns: checked([DATETIME, STRING], () => 'datetime') },
];

/** Unnamed result column named after the first argument column (ResultNameKind.FirstArgument in the analyzer). */
export const firstArgumentNamed: readonly string[] = ['format_datetime', 'format_timespan', 'startofday'];
