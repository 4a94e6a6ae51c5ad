// Conversion functions (tostring, toint, tolong, toreal, tobool, toguid, todatetime, totimespan) and the
// generic convertValue() the engine uses for casts. Every converter returns null when the value doesn't fit.
import type { ScalarType, Value, DynamicValue } from '../../kql/types/index.js';
import { valueToString, parseDatetime, parseTimespan, MIN_DATETIME } from '../../kql/types/index.js';
import type { ScalarKernel } from './kernel.js';

const I32_MIN = -2147483648;
const I32_MAX = 2147483647;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
/** 9999-12-31T23:59:59.9999999 (kql/types' MAX_DATETIME is one day short: 9999-12-30T23:59:59.9999999). */
export const MAX_TICKS = 2534023007999999999n;
/** .NET ticks of 1970-01-01: tolong(datetime) / todatetime(long) speak .NET ticks (since 0001-01-01). */
export const EPOCH_NET_TICKS = -MIN_DATETIME;

/** Wraps a bigint to 64-bit two's complement (long arithmetic overflows like .NET unchecked). */
export const wrap64 = (b: bigint): bigint => BigInt.asIntN(64, b);

/** A numeric value (int/real number or long bigint) as a JS number; null for anything else. */
export function num(v: Value): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

/** A numeric value as a bigint, truncating reals toward zero; null for non-finite or non-numeric values. */
export function big(v: Value): bigint | null {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)) : null;
  return null;
}

const INT_TEXT = /^[+-]?\d+$/;
const HEX_TEXT = /^([+-]?)0[xX]([0-9a-fA-F]+)$/;
// Unambiguous (no nested or adjacent optional digit runs), so it stays linear on long hostile input.
const REAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a number written as text: integers exactly (bigint), reals as number; NaN/Infinity words too. */
export function parseNumberText(text: string): bigint | number | null {
  const s = text.trim();
  if (s.length > 400) return null;
  if (INT_TEXT.test(s)) return BigInt(s);
  const h = HEX_TEXT.exec(s);
  if (h) return h[1] === '-' ? -BigInt('0x' + h[2]) : BigInt('0x' + h[2]);
  if (REAL_TEXT.test(s)) return Number(s);
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  return null;
}

/** The numeric content of a value of the given type (bool → 0/1, datetime → .NET ticks, timespan → ticks). */
function numericOf(v: Value, type: ScalarType): bigint | number | null {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'bool': return v ? 1n : 0n;
    case 'int': case 'real': case 'decimal': return typeof v === 'number' ? v : null;
    case 'long': return typeof v === 'bigint' ? v : null;
    case 'datetime': return typeof v === 'bigint' ? v + EPOCH_NET_TICKS : null;
    case 'timespan': return typeof v === 'bigint' ? v : null;
    case 'string': return typeof v === 'string' ? parseNumberText(v) : null;
    case 'guid': return null;
    case 'dynamic':
      if (typeof v === 'boolean') return v ? 1n : 0n;
      if (typeof v === 'number') return v;
      if (typeof v === 'bigint') return v;
      if (typeof v === 'string') return parseNumberText(v);
      return null;
  }
}

/** toint(): truncates toward zero; null when out of the 32-bit range or not a number. */
export function toInt(v: Value, type: ScalarType): number | null {
  const n = numericOf(v, type);
  if (n === null) return null;
  if (typeof n === 'bigint') return n >= BigInt(I32_MIN) && n <= BigInt(I32_MAX) ? Number(n) : null;
  if (!Number.isFinite(n)) return null;
  const t = Math.trunc(n);
  return t >= I32_MIN && t <= I32_MAX ? t + 0 : null;
}

/** tolong(): truncates toward zero; null when outside the 64-bit range or not a number. */
export function toLong(v: Value, type: ScalarType): bigint | null {
  const n = numericOf(v, type);
  if (n === null) return null;
  if (typeof n === 'bigint') return n >= I64_MIN && n <= I64_MAX ? n : null;
  if (!Number.isFinite(n)) return null;
  const t = BigInt(Math.trunc(n));
  return t >= I64_MIN && t <= I64_MAX ? t : null;
}

/** toreal()/todouble()/todecimal(). */
export function toReal(v: Value, type: ScalarType): number | null {
  const n = numericOf(v, type);
  return n === null ? null : Number(n);
}

/** tobool(): bools, numbers (non-zero is true), strings "true"/"false"/"1"/"0" in any case. */
export function toBool(v: Value, type: ScalarType): boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (type === 'datetime' || type === 'guid') return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === '1') return true;
    if (s === 'false' || s === '0') return false;
    return null;
  }
  return null;
}

/** toguid(): 32 hex digits, dashes anywhere, optional braces/parentheses; lower-case canonical form. */
export function toGuid(v: Value, type: ScalarType): string | null {
  if (typeof v !== 'string') return null;
  if (type === 'guid') return v;
  let s = v.trim();
  if ((s.startsWith('{') && s.endsWith('}')) || (s.startsWith('(') && s.endsWith(')'))) s = s.slice(1, -1);
  s = s.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(s)) return null;
  s = s.toLowerCase();
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function inDatetimeRange(t: bigint): bigint | null {
  return t >= MIN_DATETIME && t <= MAX_TICKS ? t : null;
}

// `12-02-2022` (US month-day-year with dashes) is accepted by Kusto but not by kql/types' parseDatetime.
const US_DASH_RE = /^(\d{1,2})-(\d{1,2})-(\d{4})(.*)$/;

/** parseDatetime plus the dashed US form. */
export function parseDatetimeText(text: string): bigint | null {
  const t = parseDatetime(text);
  if (t !== null) return t;
  const m = US_DASH_RE.exec(text.trim());
  return m ? parseDatetime(`${m[1]}/${m[2]}/${m[3]}${m[4]}`) : null;
}

/** todatetime(): strings in the accepted text forms; numbers are .NET ticks (as tolong(datetime) gives). */
export function toDatetime(v: Value, type: ScalarType): bigint | null {
  if (v === null || v === undefined) return null;
  if (type === 'datetime') return typeof v === 'bigint' ? v : null;
  if (typeof v === 'string') return type === 'guid' ? null : parseDatetimeText(v);
  if (type === 'timespan' || typeof v === 'boolean') return null;
  const t = big(v);
  return t === null ? null : inDatetimeRange(t - EPOCH_NET_TICKS);
}

/** totimespan(): strings (`1.02:03:04`, `2d`, …); numbers are ticks. */
export function toTimespan(v: Value, type: ScalarType): bigint | null {
  if (v === null || v === undefined) return null;
  if (type === 'timespan') return typeof v === 'bigint' ? v : null;
  if (typeof v === 'string') return type === 'guid' ? null : parseTimespan(v);
  if (type === 'datetime' || typeof v === 'boolean') return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    return BigInt(Math.round(v));
  }
  return typeof v === 'bigint' ? v : null;
}

/** A scalar as a dynamic value (datetimes/timespans become their text; longs outside ±2^53 stay exact as text). */
export function toDynamic(v: Value, type: ScalarType): DynamicValue {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'long': {
      const b = v as bigint;
      return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b.toString();
    }
    case 'datetime': case 'timespan': return valueToString(v, type);
    default: return v as DynamicValue;
  }
}

/**
 * Converts a value between KQL types (casts in mv-expand `to typeof(T)`, typed parse columns, datatable literals).
 * Succeeds: anything → string (tostring text; dynamic string → itself) and → dynamic (toDynamic); numbers, bools and
 * numeric text → int/long/real (truncating, range-checked); text → datetime/timespan/guid/bool as the to* functions.
 * Everything else (e.g. a guid to a number, a bag to a long) gives null.
 * `strict` (mv-expand's cast "without parsing"): a dynamic string is not parsed into a number/bool.
 */
export function convertValue(v: Value, from: ScalarType, to: ScalarType, strict = false): Value {
  if (v === null || v === undefined) return to === 'string' ? '' : null;
  if (from === to || (from === 'decimal' && to === 'real') || (from === 'real' && to === 'decimal')) return v;
  if (strict && from === 'dynamic' && typeof v === 'string' && to !== 'string' && to !== 'datetime' && to !== 'timespan' && to !== 'guid') return null;
  switch (to) {
    case 'string': return valueToString(v, from);
    case 'dynamic': return toDynamic(v, from);
    case 'int': return toInt(v, from);
    case 'long': return toLong(v, from);
    case 'real': case 'decimal': return toReal(v, from);
    case 'bool': return toBool(v, from);
    case 'guid': return toGuid(v, from);
    case 'datetime': return toDatetime(v, from);
    case 'timespan': return toTimespan(v, from);
  }
}

/** tohex(): lower-case two's complement hex (32-bit for int, 64-bit for long), zero-padded to minLength. */
export function toHex(v: Value, type: ScalarType, minLength: Value = null): string {
  if (v === null || v === undefined) return '';
  let hex: string;
  if (type === 'int' && typeof v === 'number' && Number.isInteger(v)) hex = (v >>> 0).toString(16);
  else if (typeof v === 'bigint') hex = BigInt.asUintN(64, v).toString(16);
  else return '';
  const n = num(minLength);
  return n !== null && n > hex.length ? hex.padStart(Math.min(n, 64), '0') : hex;
}

function conv(name: string, fn: (v: Value, t: ScalarType) => Value): ScalarKernel {
  return { name, make: (types) => { const t = types[0] ?? 'dynamic'; return (v) => fn(v ?? null, t); } };
}

export const kernels: ScalarKernel[] = [
  conv('tostring', (v, t) => valueToString(v, t)),
  conv('toint', toInt),
  conv('tolong', toLong),
  conv('toreal', toReal),
  conv('todecimal', toReal),
  conv('tobool', toBool),
  conv('toguid', toGuid),
  conv('todatetime', toDatetime),
  conv('totimespan', toTimespan),
  { name: 'tohex', make: (types) => { const t = types[0] ?? 'long'; return (v, n) => toHex(v ?? null, t, n ?? null); } },
];
