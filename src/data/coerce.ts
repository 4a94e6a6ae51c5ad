// One conversion of raw reader values (JSON values, CSV text, CEF text) to a column's KQL type; shared by all readers.
import type { DynamicValue, ScalarType, Value } from '../kql/types/index.js';
import { formatReal, parseTimespan } from '../kql/types/index.js';
import { parseLogDatetime } from './datetime.js';
import { parseJsonExact } from './json-exact.js';

/** Returned when a value does not convert; the caller stores null and reports the problem. */
export const FAIL: unique symbol = Symbol('coerce-fail');
export type Coerced = Value | typeof FAIL;

const INT_RE = /^[+-]?\d+$/;
const NUM_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const GUID_RE = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;
const MIN_LONG = -(2n ** 63n), MAX_LONG = 2n ** 63n - 1n;

/**
 * Converts a raw value to the representation of `type` (see kql/types). Missing values and empty text become
 * null (strings ""); a bigint given for datetime/timespan is already ticks (readers that parse dates themselves).
 */
export function coerce(v: unknown, type: ScalarType): Coerced {
  if (v === undefined || v === null) return type === 'string' ? '' : null;
  if (type === 'string') return toText(v);
  if (typeof v === 'string') {
    if (type === 'dynamic') return textToDynamic(v);
    const s = v.trim();
    if (s === '') return null;
    return fromText(s, type);
  }
  switch (type) {
    case 'bool':
      if (typeof v === 'boolean') return v;
      if (v === 1 || v === 0) return v === 1;
      return FAIL;
    case 'int':
      if (typeof v === 'bigint') return v >= -2147483648n && v <= 2147483647n ? Number(v) : FAIL;
      return typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 ? v : typeof v === 'boolean' ? (v ? 1 : 0) : FAIL;
    case 'long':
      if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : FAIL;
      if (typeof v === 'bigint') return v >= MIN_LONG && v <= MAX_LONG ? v : FAIL;
      if (typeof v === 'boolean') return v ? 1n : 0n;
      return FAIL;
    case 'real': case 'decimal':
      if (typeof v === 'number') return v;
      if (typeof v === 'bigint') return Number(v);
      return FAIL;
    case 'datetime': case 'timespan':
      return typeof v === 'bigint' ? v : FAIL;
    case 'guid':
      return FAIL;
    case 'dynamic':
      return typeof v === 'bigint' || typeof v === 'object' ? noBigints(v) : (v as DynamicValue);
  }
  return FAIL;
}

function fromText(s: string, type: ScalarType): Coerced {
  switch (type) {
    case 'bool': {
      const l = s.toLowerCase();
      if (l === 'true' || l === '1') return true;
      if (l === 'false' || l === '0') return false;
      return FAIL;
    }
    case 'int': {
      if (INT_RE.test(s)) { const n = Number(s); return n >= -2147483648 && n <= 2147483647 ? n : FAIL; }
      if (NUM_RE.test(s)) { const n = Number(s); return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 ? n : FAIL; }
      return FAIL;
    }
    case 'long': {
      if (INT_RE.test(s)) { const b = BigInt(s); return b >= MIN_LONG && b <= MAX_LONG ? b : FAIL; }
      if (NUM_RE.test(s)) { const n = Number(s); return Number.isInteger(n) && Math.abs(n) < 2 ** 63 ? BigInt(n) : FAIL; }
      return FAIL;
    }
    case 'real': case 'decimal': {
      if (NUM_RE.test(s)) return Number(s);
      if (s === 'NaN') return NaN;
      if (s === 'Infinity' || s === '+Infinity') return Infinity;
      if (s === '-Infinity') return -Infinity;
      return FAIL;
    }
    case 'datetime': { const t = parseLogDatetime(s); return t === null ? FAIL : t; }
    case 'timespan': { const t = parseTimespan(s); return t === null ? FAIL : t; }
    case 'guid': { const m = GUID_RE.exec(s); return m ? m[1]!.toLowerCase() : FAIL; }
    default: return FAIL;
  }
}

/** Text of a value for a string column: objects and arrays as their JSON text, numbers as Kusto prints them. */
export function toText(v: unknown): string {
  switch (typeof v) {
    case 'string': return v;
    case 'number': return formatReal(v);
    case 'boolean': return v ? 'true' : 'false';
    case 'bigint': return v.toString();
    default: return JSON.stringify(noBigints(v)) ?? '';
  }
}

/** Dynamic values keep exact 64-bit integers (bigint, as parse_json does); beyond 64 bits a number is a double. */
function noBigints(v: unknown): DynamicValue {
  if (typeof v === 'bigint') return v >= MIN_LONG && v <= MAX_LONG ? v : Number(v);
  if (v === null || typeof v !== 'object') return v as DynamicValue;
  if (Array.isArray(v)) {
    let out: DynamicValue[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = v[i], y = noBigints(x);
      if (y !== x) { out ??= v.slice(); out[i] = y; }
    }
    return (out ?? v) as DynamicValue;
  }
  let out: Record<string, DynamicValue> | undefined;
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k], y = noBigints(x);
    if (y !== x) { out ??= { ...(v as Record<string, DynamicValue>) }; out[k] = y; }
  }
  return (out ?? v) as DynamicValue;
}

/** A string for a dynamic column: JSON object/array text is parsed; other text stays a string; empty is null. */
export function textToDynamic(v: string): DynamicValue {
  const s = v.trim();
  if (s === '') return null;
  const c = s.charCodeAt(0);
  if (c === 123 || c === 91) {
    try { return noBigints(parseJsonExact(s)); } catch { /* not JSON: keep the text */ }
  }
  return v;
}

/** Short rendering of a raw value for problem messages. */
export function preview(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : toText(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}
