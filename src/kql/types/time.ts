// Datetime and timespan values: bigint 100 ns ticks (datetime: since the Unix epoch, UTC).
// Exact to the tick through parse, arithmetic and print; no Date object on the hot path.

export const TICK = 1n;
export const TICKS_PER_MICROSECOND = 10n;
export const TICKS_PER_MILLISECOND = 10_000n;
export const TICKS_PER_SECOND = 10_000_000n;
export const TICKS_PER_MINUTE = 600_000_000n;
export const TICKS_PER_HOUR = 36_000_000_000n;
export const TICKS_PER_DAY = 864_000_000_000n;

/** Ticks of 0001-01-01 and of 9999-12-31T23:59:59.9999999 relative to the Unix epoch. */
export const MIN_DATETIME = -621355968000000000n;
export const MAX_DATETIME = 2534023008000000000n - 1n;

/** Days since 1970-01-01 for a proleptic Gregorian civil date (month 1-12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date for days since 1970-01-01. */
export function civilFromDays(z: number): { y: number; m: number; d: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: m <= 2 ? y + 1 : y, m, d };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

export interface DatetimeParts {
  year: number; month: number; day: number;
  hour: number; minute: number; second: number;
  /** 0..9_999_999 ticks within the second */
  fraction: number;
}

export function makeDatetime(p: DatetimeParts): bigint | null {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > daysInMonth(p.year, p.month)) return null;
  if (p.hour < 0 || p.minute < 0 || p.second < 0 || p.hour > 23 || p.minute > 59 || p.second > 59 || p.year < 1 || p.year > 9999) return null;
  const days = daysFromCivil(p.year, p.month, p.day);
  const secs = days * 86400 + p.hour * 3600 + p.minute * 60 + p.second;
  return BigInt(secs) * TICKS_PER_SECOND + BigInt(p.fraction);
}

export function datetimeParts(ticks: bigint): DatetimeParts {
  let days = ticks / TICKS_PER_DAY;
  let rem = ticks % TICKS_PER_DAY;
  if (rem < 0n) { rem += TICKS_PER_DAY; days -= 1n; }
  const { y, m, d } = civilFromDays(Number(days));
  const r = Number(rem);
  const secOfDay = Math.floor(r / 10_000_000);
  return {
    year: y, month: m, day: d,
    hour: Math.floor(secOfDay / 3600), minute: Math.floor(secOfDay / 60) % 60, second: secOfDay % 60,
    fraction: r % 10_000_000,
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** `2026-05-23T10:00:00.0000000Z` — the result-format rendering of a datetime. */
export function formatDatetime(ticks: bigint): string {
  const p = datetimeParts(ticks);
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}.${pad(p.fraction, 7)}Z`;
}

/** `[-][d.]hh:mm:ss[.fffffff]` — Kusto's rendering of a timespan. */
export function formatTimespan(ticks: bigint): string {
  const neg = ticks < 0n;
  let t = neg ? -ticks : ticks;
  const days = t / TICKS_PER_DAY;
  t %= TICKS_PER_DAY;
  const frac = Number(t % TICKS_PER_SECOND);
  const secs = Number(t / TICKS_PER_SECOND);
  let s = `${neg ? '-' : ''}${days > 0n ? `${days}.` : ''}${pad(Math.floor(secs / 3600), 2)}:${pad(Math.floor(secs / 60) % 60, 2)}:${pad(secs % 60, 2)}`;
  if (frac) s += '.' + pad(frac, 7);
  return s;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

function fractionTicks(digits: string | undefined): number | null {
  if (!digits) return 0;
  if (digits.length > 7) {
    // Kusto keeps 100 ns; extra digits are truncated.
    digits = digits.slice(0, 7);
  }
  return Number(digits.padEnd(7, '0'));
}

function withOffset(base: bigint | null, tz: string | undefined): bigint | null {
  if (base === null || !tz || tz === 'Z' || tz === 'z' || /^(UTC|GMT|UT)$/i.test(tz)) return base;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(tz);
  if (!m) return null;
  const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
  const off = BigInt(mins) * TICKS_PER_MINUTE;
  return m[1] === '+' ? base - off : base + off;
}

const ISO_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}:?\d{2}|UTC|GMT)?$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})(?:[T ]?(\d{2})(\d{2})(?:(\d{2})(?:\.(\d+))?)?)?(Z)?$/;
// RFC 822 / RFC 850 / RFC 1123: "Sat, 8 Nov 2014 15:05:02 GMT", "Saturday, 08-Nov-14 15:05:02 GMT"
const RFC_RE = /^(?:[A-Za-z]+,?\s+)?(\d{1,2})[\s-]([A-Za-z]{3})[A-Za-z]*[\s-](\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*([A-Za-z]+|[+-]\d{4})?$/;
// US display form: "5/23/2026, 1:15:00.000 AM", "5/23/2026 13:15", "12-02-2022"
const US_RE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*([AaPp][Mm])?)?$/;

/** Parses the datetime text forms Kusto accepts (ISO 8601, sortable, RFC 822/850, US display form). */
export function parseDatetime(text: string): bigint | null {
  const s = text.trim();
  if (s === '') return null;
  let m = ISO_RE.exec(s);
  if (m) {
    const f = fractionTicks(m[7]);
    if (f === null) return null;
    return withOffset(makeDatetime({
      year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0), fraction: f,
    }), m[8]);
  }
  m = COMPACT_RE.exec(s);
  if (m && (s.length === 8 || m[4] !== undefined)) {
    const f = fractionTicks(m[7]);
    if (f === null) return null;
    return makeDatetime({
      year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0), fraction: f,
    });
  }
  m = RFC_RE.exec(s);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (!month) return null;
    let year = +m[3]!;
    if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
    const f = fractionTicks(m[7]);
    if (f === null) return null;
    let tz = m[8];
    if (tz && /^[+-]\d{4}$/.test(tz)) tz = tz.slice(0, 3) + ':' + tz.slice(3);
    else if (tz && !/^(UTC|GMT|UT|Z)$/i.test(tz)) return null;
    return withOffset(makeDatetime({
      year, month, day: +m[1]!, hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0), fraction: f,
    }), tz);
  }
  m = US_RE.exec(s);
  if (m) {
    let hour = +(m[4] ?? 0);
    const ampm = m[8]?.toLowerCase();
    if (ampm) {
      if (hour < 1 || hour > 12) return null;
      if (ampm === 'am') hour = hour === 12 ? 0 : hour;
      else hour = hour === 12 ? 12 : hour + 12;
    }
    const f = fractionTicks(m[7]);
    if (f === null) return null;
    return makeDatetime({ year: +m[3]!, month: +m[1]!, day: +m[2]!, hour, minute: +(m[5] ?? 0), second: +(m[6] ?? 0), fraction: f });
  }
  return null;
}

const UNIT_TICKS: Record<string, bigint> = {
  d: TICKS_PER_DAY, day: TICKS_PER_DAY, days: TICKS_PER_DAY,
  h: TICKS_PER_HOUR, hr: TICKS_PER_HOUR, hrs: TICKS_PER_HOUR, hour: TICKS_PER_HOUR, hours: TICKS_PER_HOUR,
  m: TICKS_PER_MINUTE, min: TICKS_PER_MINUTE, minute: TICKS_PER_MINUTE, minutes: TICKS_PER_MINUTE,
  s: TICKS_PER_SECOND, sec: TICKS_PER_SECOND, second: TICKS_PER_SECOND, seconds: TICKS_PER_SECOND,
  ms: TICKS_PER_MILLISECOND, milli: TICKS_PER_MILLISECOND, millis: TICKS_PER_MILLISECOND,
  millisecond: TICKS_PER_MILLISECOND, milliseconds: TICKS_PER_MILLISECOND,
  microsecond: TICKS_PER_MICROSECOND, microseconds: TICKS_PER_MICROSECOND,
  tick: 1n, ticks: 1n,
};

/** Ticks for `<number><unit>` as in timespan literals (`1.5d`, `100ms`, `1tick`); null if not that form. */
export function timespanFromUnitLiteral(text: string): bigint | null {
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*([A-Za-z]+)$/.exec(text.trim());
  if (!m) return null;
  const unit = UNIT_TICKS[m[2]!.toLowerCase()];
  if (unit === undefined) return null;
  return scaleDecimal(m[1]!, unit);
}

/** Exact decimal string × ticks, rounded half away from zero to a whole tick. */
export function scaleDecimal(num: string, unit: bigint): bigint {
  const [ip, fp = ''] = num.split('.');
  const scale = 10n ** BigInt(fp.length);
  const n = BigInt((ip || '0') + fp) * unit;
  return (n + scale / 2n) / scale;
}

const TS_RE = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7})\d*)?)?$/;

/** Parses `[-][d.]hh:mm[:ss[.fffffff]]`, unit forms (`2d`, `1.5h`, `10 seconds`), or a bare number of days. */
export function parseTimespan(text: string): bigint | null {
  const s = text.trim();
  if (s === '') return null;
  const m = TS_RE.exec(s);
  if (m) {
    const h = +m[3]!, mi = +m[4]!, sec = +(m[5] ?? 0);
    if (h > 23 || mi > 59 || sec > 59) return null;
    const t = BigInt(m[2] ?? 0) * TICKS_PER_DAY + BigInt(h) * TICKS_PER_HOUR + BigInt(mi) * TICKS_PER_MINUTE
      + BigInt(sec) * TICKS_PER_SECOND + BigInt((m[6] ?? '').padEnd(7, '0') || 0);
    return m[1] ? -t : t;
  }
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const u = timespanFromUnitLiteral(body.replace(/\s+/g, ''));
  if (u !== null) return neg ? -u : u;
  if (/^\d+(\.\d+)?$/.test(body)) {
    const t = scaleDecimal(body, TICKS_PER_DAY);
    return neg ? -t : t;
  }
  return null;
}
