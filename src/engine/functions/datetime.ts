// Datetime and timespan kernels: now/ago, calendar parts, start/end of periods, datetime_add/diff/part,
// unixtime_*_todatetime, make_datetime/make_timespan and time-zone conversion. Values are bigint ticks (UTC).
import type { Value } from '../../kql/types/index.js';
import {
  MIN_DATETIME, TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_SECOND,
  TICKS_PER_MILLISECOND, TICKS_PER_MICROSECOND, datetimeParts, daysFromCivil, civilFromDays, daysInMonth, isLeapYear,
} from '../../kql/types/index.js';
import type { ScalarKernel, Kernel } from './kernel.js';
import { num, big, MAX_TICKS } from './conversion.js';
import { floorDiv } from './math.js';

const inRange = (t: bigint): bigint | null => (t >= MIN_DATETIME && t <= MAX_TICKS ? t : null);
const dayOf = (t: bigint): bigint => floorDiv(t, TICKS_PER_DAY);
const ticksOfDay = (d: bigint | number): bigint => BigInt(d) * TICKS_PER_DAY;
/** Day of week, Sunday = 0 (1970-01-01 was a Thursday). */
const weekday = (days: bigint): number => Number(((days + 4n) % 7n + 7n) % 7n);

/** Ticks for a civil date + the time of day of `tod` ticks; null when outside 0001..9999. */
function civilTicks(y: number, m: number, d: number, tod = 0n): bigint | null {
  if (y < 1 || y > 9999) return null;
  return inRange(ticksOfDay(daysFromCivil(y, m, d)) + tod);
}

/** Adds months like .NET AddMonths: the day is clamped to the target month's length. */
export function addMonths(t: bigint, months: bigint): bigint | null {
  const p = datetimeParts(t);
  const total = BigInt(p.year) * 12n + BigInt(p.month - 1) + months;
  if (total < 12n || total > 9999n * 12n + 11n) return null;
  const y = Number(total / 12n), m = Number(total % 12n) + 1;
  const tod = t - ticksOfDay(dayOf(t));
  return civilTicks(y, m, Math.min(p.day, daysInMonth(y, m)), tod);
}

const FIXED_UNITS: Record<string, bigint> = {
  week: 7n * TICKS_PER_DAY, day: TICKS_PER_DAY, hour: TICKS_PER_HOUR, minute: TICKS_PER_MINUTE,
  second: TICKS_PER_SECOND, millisecond: TICKS_PER_MILLISECOND, microsecond: TICKS_PER_MICROSECOND,
};
const normPart = (p: Value): string => (typeof p === 'string' ? p.trim().toLowerCase() : '');

/** datetime_add(part, amount, dt); null for an unknown part or a result outside the datetime range. */
export function datetimeAdd(part: string, amount: bigint, t: bigint): bigint | null {
  switch (part) {
    case 'year': return addMonths(t, amount * 12n);
    case 'quarter': return addMonths(t, amount * 3n);
    case 'month': return addMonths(t, amount);
    case 'nanosecond': return inRange(t + amount / 100n);
  }
  const u = FIXED_UNITS[part];
  return u === undefined ? null : inRange(t + amount * u);
}

/** datetime_diff(part, a, b): the number of period boundaries crossed from b to a (calendar-aware). */
export function datetimeDiff(part: string, a: bigint, b: bigint): bigint | null {
  const pa = datetimeParts(a), pb = datetimeParts(b);
  switch (part) {
    case 'year': return BigInt(pa.year - pb.year);
    case 'quarter': return BigInt((pa.year * 4 + Math.floor((pa.month - 1) / 3)) - (pb.year * 4 + Math.floor((pb.month - 1) / 3)));
    case 'month': return BigInt((pa.year * 12 + pa.month) - (pb.year * 12 + pb.month));
    case 'week': return floorDiv(dayOf(a) + 4n, 7n) - floorDiv(dayOf(b) + 4n, 7n);
    case 'nanosecond': return (a - b) * 100n;
  }
  const u = FIXED_UNITS[part];
  return u === undefined ? null : floorDiv(a, u) - floorDiv(b, u);
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(t: bigint): number {
  const days = dayOf(t);
  const { y } = civilFromDays(Number(days));
  const isoWd = ((weekday(days) + 6) % 7) + 1;
  const doy = Number(days) - daysFromCivil(y, 1, 1) + 1;
  const w = Math.floor((doy - isoWd + 10) / 7);
  const weeksIn = (yr: number) => {
    const jan1 = weekday(BigInt(daysFromCivil(yr, 1, 1)));
    return jan1 === 4 || (jan1 === 3 && isLeapYear(yr)) ? 53 : 52;
  };
  if (w < 1) return weeksIn(y - 1);
  if (w > weeksIn(y)) return 1;
  return w;
}

export function dayOfYear(t: bigint): number {
  const days = dayOf(t);
  return Number(days) - daysFromCivil(civilFromDays(Number(days)).y, 1, 1) + 1;
}

/** datetime_part(part, dt) as an int; null for an unknown part. */
export function datetimePart(part: string, t: bigint): number | null {
  const p = datetimeParts(t);
  switch (part) {
    case 'year': return p.year;
    case 'quarter': return Math.floor((p.month - 1) / 3) + 1;
    case 'month': return p.month;
    case 'week_of_year': case 'weekofyear': case 'week': return isoWeek(t);
    case 'day': return p.day;
    case 'dayofyear': return dayOfYear(t);
    case 'hour': return p.hour;
    case 'minute': return p.minute;
    case 'second': return p.second;
    case 'millisecond': return Math.floor(p.fraction / 10_000);
    case 'microsecond': return Math.floor(p.fraction / 10);
    case 'nanosecond': return p.fraction * 100;
    default: return null;
  }
}

type Period = 'day' | 'week' | 'month' | 'year';

/** Start of the period holding t, moved by `offset` periods; null outside the datetime range. */
export function startOf(period: Period, t: bigint, offset: bigint): bigint | null {
  const days = dayOf(t);
  switch (period) {
    case 'day': return inRange(ticksOfDay(days + offset));
    case 'week': return inRange(ticksOfDay(days - BigInt(weekday(days)) + offset * 7n));
    case 'month': {
      const p = datetimeParts(t);
      const first = civilTicks(p.year, p.month, 1);
      return first === null ? null : addMonths(first, offset);
    }
    case 'year': {
      const y = BigInt(datetimeParts(t).year) + offset;
      return y < 1n || y > 9999n ? null : civilTicks(Number(y), 1, 1);
    }
  }
}

export function endOf(period: Period, t: bigint, offset: bigint): bigint | null {
  if (period === 'year') {
    const y = BigInt(datetimeParts(t).year) + offset;
    return y < 1n || y > 9999n ? null : ticksOfDay(daysFromCivil(Number(y), 12, 31) + 1) - 1n;
  }
  const start = startOf(period, t, offset);
  if (start === null) return null;
  const next = period === 'month' ? addMonths(start, 1n) : start + (period === 'week' ? 7n : 1n) * TICKS_PER_DAY;
  return next === null ? MAX_TICKS : inRange(next - 1n);
}

/** make_datetime(y, m, d[, h, mi[, s]]) with s a real number of seconds; null when any part is out of range. */
export function makeDatetimeFrom(parts: readonly (number | null)[]): bigint | null {
  if (parts.some((x) => x === null || !Number.isFinite(x))) return null;
  const [y, m, d, h = 0, mi = 0, s = 0] = parts as number[];
  if (![y, m, d, h, mi].every((x) => Number.isInteger(x))) return null;
  if (m! < 1 || m! > 12 || y! < 1 || y! > 9999 || d! < 1 || d! > daysInMonth(y!, m!)) return null;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s >= 60) return null;
  const secTicks = BigInt(Math.min(Math.round(s * 1e7), 599_999_999));
  return civilTicks(y!, m!, d!, BigInt(h) * TICKS_PER_HOUR + BigInt(mi) * TICKS_PER_MINUTE + secTicks);
}

/** make_timespan: (h, m), (h, m, s) or (d, h, m, s); s may be fractional; null when a part is out of range. */
export function makeTimespanFrom(parts: readonly (number | null)[]): bigint | null {
  if (parts.some((x) => x === null || !Number.isFinite(x))) return null;
  const ps = parts as number[];
  const [d, h, mi, s] = ps.length === 4 ? ps : [0, ps[0]!, ps[1]!, ps[2] ?? 0];
  if (![d, h, mi].every((x) => Number.isInteger(x))) return null;
  if (h! < 0 || h! > 23 || mi! < 0 || mi! > 59 || s! < 0 || s! >= 60) return null;
  const secTicks = BigInt(Math.min(Math.round(s! * 1e7), 599_999_999));
  return BigInt(d!) * TICKS_PER_DAY + BigInt(h!) * TICKS_PER_HOUR + BigInt(mi!) * TICKS_PER_MINUTE + secTicks;
}

/** unixtime → datetime: integers exactly, reals rounded to the tick. */
function fromUnix(v: Value, ticksPerUnit: bigint, unitsPerTick = 1n): bigint | null {
  if (typeof v === 'bigint') return inRange(floorDiv(v * ticksPerUnit, unitsPerTick));
  const x = num(v);
  if (x === null || !Number.isFinite(x)) return null;
  if (Number.isInteger(x) && Number.isSafeInteger(x)) return inRange(floorDiv(BigInt(x) * ticksPerUnit, unitsPerTick));
  const t = (x * Number(ticksPerUnit)) / Number(unitsPerTick);
  return Number.isFinite(t) ? inRange(BigInt(Math.round(t))) : null;
}

// Time zones through Intl (IANA names such as 'Europe/Paris', 'US/Pacific'). Offsets are cached per UTC hour
// when the offset is the same at both ends of the hour (no transition inside it).
interface Zone { readonly fmt: Intl.DateTimeFormat; readonly hours: Map<number, bigint | 'mixed'> }
const zones = new Map<string, Zone | null>();

function zone(tz: string): Zone | null {
  let z = zones.get(tz);
  if (z === undefined) {
    try {
      const fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
      z = { fmt, hours: new Map() };
    } catch { z = null; }
    if (zones.size > 1000) zones.clear();
    zones.set(tz, z);
  }
  return z;
}

function exactOffset(fmt: Intl.DateTimeFormat, utc: bigint): bigint | null {
  const ms = Number(floorDiv(utc, TICKS_PER_SECOND)) * 1000;
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = new Date(0);
  local.setUTCFullYear(parts.year!, parts.month! - 1, parts.day!);
  local.setUTCHours(parts.hour!, parts.minute!, parts.second!, 0);
  const off = BigInt(local.getTime() - ms) * TICKS_PER_MILLISECOND;
  // Real offsets stay within ±1 day; anything else is an era artefact at the ends of the range.
  return off > TICKS_PER_DAY || off < -TICKS_PER_DAY ? null : off;
}

/** The zone's UTC offset in ticks at a UTC instant; null for an unknown zone. */
export function zoneOffset(utc: bigint, tz: string): bigint | null {
  const z = zone(tz);
  if (!z) return null;
  const hour = floorDiv(utc, TICKS_PER_HOUR);
  const key = Number(hour);
  let off = z.hours.get(key);
  if (off === undefined) {
    const a = exactOffset(z.fmt, hour * TICKS_PER_HOUR), b = exactOffset(z.fmt, (hour + 1n) * TICKS_PER_HOUR - 1n);
    off = a !== null && a === b ? a : 'mixed';
    if (z.hours.size > 100_000) z.hours.clear();
    z.hours.set(key, off);
  }
  return off === 'mixed' ? exactOffset(z.fmt, utc) : off;
}

export function utcToLocal(utc: bigint, tz: string): bigint | null {
  const off = zoneOffset(utc, tz);
  return off === null ? null : inRange(utc + off);
}

/** Local wall time → UTC. Ambiguous times take the earlier instant; times in a DST gap use the later offset. */
export function localToUtc(local: bigint, tz: string): bigint | null {
  const a = zoneOffset(local - TICKS_PER_DAY, tz), b = zoneOffset(local + TICKS_PER_DAY, tz);
  if (a === null || b === null) return null;
  const offs = a > b ? [a, b] : [b, a];
  for (const o of offs) if (zoneOffset(local - o, tz) === o) return inRange(local - o);
  return inRange(local - offs[0]!);
}

const dt1 = (name: string, f: (t: bigint) => Value): ScalarKernel =>
  ({ name, make: () => (v) => (typeof v === 'bigint' ? f(v) : null) });

const period = (name: string, p: Period, f: typeof startOf): ScalarKernel => ({
  name,
  make: (): Kernel => (v, o) => {
    if (typeof v !== 'bigint') return null;
    const off = o === undefined ? 0n : big(o);
    return off === null ? null : f(p, v, off);
  },
});

const numArgs = (args: Value[]) => args.map((a) => num(a ?? null));

export const kernels: ScalarKernel[] = [
  { name: 'now', make: (_t, _c, ctx) => (o) => (o === undefined ? ctx.now : typeof o === 'bigint' ? ctx.now + o : null) },
  { name: 'ago', make: (_t, _c, ctx) => (t) => (typeof t === 'bigint' ? inRange(ctx.now - t) : null) },
  {
    name: 'datetime_add',
    make: () => (p, n, t) => { const a = big(n ?? null); return a === null || typeof t !== 'bigint' ? null : datetimeAdd(normPart(p ?? null), a, t); },
  },
  {
    name: 'datetime_diff',
    make: () => (p, a, b) => (typeof a === 'bigint' && typeof b === 'bigint' ? datetimeDiff(normPart(p ?? null), a, b) : null),
  },
  { name: 'datetime_part', make: () => (p, t) => (typeof t === 'bigint' ? datetimePart(normPart(p ?? null), t) : null) },
  period('startofday', 'day', startOf), period('startofweek', 'week', startOf),
  period('startofmonth', 'month', startOf), period('startofyear', 'year', startOf),
  period('endofday', 'day', endOf), period('endofweek', 'week', endOf),
  period('endofmonth', 'month', endOf), period('endofyear', 'year', endOf),
  dt1('dayofweek', (t) => ticksOfDay(weekday(dayOf(t)))),
  dt1('dayofmonth', (t) => datetimeParts(t).day),
  dt1('dayofyear', dayOfYear),
  dt1('hourofday', (t) => datetimeParts(t).hour),
  dt1('getmonth', (t) => datetimeParts(t).month),
  dt1('monthofyear', (t) => datetimeParts(t).month),
  dt1('getyear', (t) => datetimeParts(t).year),
  dt1('week_of_year', isoWeek),
  { name: 'unixtime_seconds_todatetime', make: () => (v) => fromUnix(v ?? null, TICKS_PER_SECOND) },
  { name: 'unixtime_milliseconds_todatetime', make: () => (v) => fromUnix(v ?? null, TICKS_PER_MILLISECOND) },
  { name: 'unixtime_microseconds_todatetime', make: () => (v) => fromUnix(v ?? null, TICKS_PER_MICROSECOND) },
  { name: 'unixtime_nanoseconds_todatetime', make: () => (v) => fromUnix(v ?? null, 1n, 100n) },
  { name: 'make_datetime', make: () => (...args) => makeDatetimeFrom(numArgs(args)) },
  { name: 'make_timespan', make: () => (...args) => makeTimespanFrom(numArgs(args)) },
  { name: 'datetime_list_timezones', make: () => () => [...Intl.supportedValuesOf('timeZone')] },
  {
    name: 'datetime_utc_to_local',
    make: () => (t, tz) => (typeof t === 'bigint' && typeof tz === 'string' ? utcToLocal(t, tz) : null),
  },
  {
    name: 'datetime_local_to_utc',
    make: () => (t, tz) => (typeof t === 'bigint' && typeof tz === 'string' ? localToUtc(t, tz) : null),
  },
];
