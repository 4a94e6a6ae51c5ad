// Datetime text as found in log exports: a fast path for ISO-8601, then kql/types' parser, then syslog/CEF forms.
import { parseDatetime, daysFromCivil, makeDatetime, TICKS_PER_SECOND } from '../kql/types/index.js';

const d2 = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);
const isDigit = (c: number) => c >= 48 && c <= 57;
const DIGIT_POS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/** `YYYY-MM-DDThh:mm:ss[.f{1,7}][Z]` without allocation; undefined when the text is not exactly that form. */
function fastIso(s: string): bigint | null | undefined {
  const n = s.length;
  if (n < 19 || n > 30 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const t = s.charCodeAt(10);
  if (t !== 84 && t !== 32) return undefined;
  for (let k = 0; k < DIGIT_POS.length; k++) if (!isDigit(s.charCodeAt(DIGIT_POS[k]!))) return undefined;
  let i = 19, frac = 0, digits = 0;
  if (i < n && s.charCodeAt(i) === 46) {
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) {
      if (digits < 7) { frac = frac * 10 + s.charCodeAt(i) - 48; digits++; }
      i++;
    }
    if (digits === 0) return undefined;
    for (let k = digits; k < 7; k++) frac *= 10;
  }
  if (i < n && (s.charCodeAt(i) === 90 || s.charCodeAt(i) === 122)) i++;
  if (i !== n) return undefined;
  const year = d2(s, 0) * 100 + d2(s, 2), month = d2(s, 5), day = d2(s, 8);
  const hour = d2(s, 11), minute = d2(s, 14), second = d2(s, 17);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59 || year < 1) return undefined;
  if (day > 28) return makeDatetime({ year, month, day, hour, minute, second, fraction: frac });
  const secs = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return BigInt(secs) * TICKS_PER_SECOND + BigInt(frac);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// "May 23 2026 10:00:00[.123] [UTC]" (CEF rt/start/end), "May 23 10:00:00" (RFC 3164, no year),
// "Jun 3, 2024 3:04:05 PM" / "June 3, 2024, 3:04 PM" (Defender portal display form)
const MMM_RE = /^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3})[A-Za-z]{0,6}\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?,?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:\s*([AaPp][Mm]))?(?:\s+(?:UTC|GMT|Z|([+-])(\d{2}):?(\d{2})))?$/;

/** Parses `Mmm dd [yyyy] hh:mm:ss[.fff]`; a missing year comes from `year` (the caller decides). */
export function parseMonthNameDatetime(s: string, year?: number): bigint | null {
  const m = MMM_RE.exec(s.trim());
  if (!m) return null;
  const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
  const y = m[3] ? +m[3] : year;
  if (month === 0 || y === undefined) return null;
  const fraction = m[7] ? Number(m[7].slice(0, 7).padEnd(7, '0')) : 0;
  let hour = +m[4]!;
  const ampm = m[8]?.toLowerCase();
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = ampm === 'am' ? hour % 12 : (hour % 12) + 12;
  }
  const t = makeDatetime({ year: y, month, day: +m[2]!, hour, minute: +m[5]!, second: +(m[6] ?? 0), fraction });
  if (t === null || !m[9]) return t;
  const off = BigInt(+m[10]! * 60 + +m[11]!) * 600_000_000n;
  return m[9] === '+' ? t - off : t + off;
}

/** Any datetime text a log export may hold; null when none of the forms match. */
export function parseLogDatetime(text: string): bigint | null {
  const f = fastIso(text);
  if (f !== undefined) return f;
  const s = text.trim();
  if (s === '') return null;
  const r = parseDatetime(s);
  if (r !== null) return r;
  // ISO with 'T' and a space before the offset, or a trailing "UTC" after a portal form
  const noUtc = s.replace(/\s*\(?UTC\)?$/i, '');
  if (noUtc !== s) { const r2 = parseDatetime(noUtc); if (r2 !== null) return r2; }
  return parseMonthNameDatetime(s);
}

/** Epoch milliseconds (as CEF `rt` carries them) to ticks. */
export function epochMsToTicks(ms: number): bigint {
  return BigInt(Math.trunc(ms)) * 10_000n;
}
