// Rendering values as text (tostring semantics) and as result JSON.
import type { ScalarType, Value, DynamicValue } from './types.js';
import { formatDatetime, formatTimespan } from './time.js';

/** Kusto's rendering of a real: integral values without a decimal point, otherwise the shortest round-trip form. */
export function formatReal(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (Object.is(n, -0)) return '0';
  const s = String(n);
  // JS writes 1e+21 / 1e-7; Kusto (.NET "R") writes 1E+21 / 1E-07.
  const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s);
  if (m) return `${m[1]}E${m[2]}${m[3]!.padStart(2, '0')}`;
  return s;
}

/** Compact JSON text of any JSON-like value; bigints (longs beyond 2^53) are written as exact integer digits. */
export function jsonText(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  if (v === null || v === undefined) return 'null';
  if (typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (!containsBigInt(v)) return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map((x) => (x === undefined ? 'null' : jsonText(x))).join(',') + ']';
  return '{' + Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).map(([k, x]) => JSON.stringify(k) + ':' + jsonText(x)).join(',') + '}';
}

function containsBigInt(v: unknown): boolean {
  if (typeof v === 'bigint') return true;
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(containsBigInt);
  for (const k in v as Record<string, unknown>) if (containsBigInt((v as Record<string, unknown>)[k])) return true;
  return false;
}

/** JSON text of a dynamic value (compact, keys in insertion order). */
export function dynamicToJson(v: DynamicValue | undefined): string {
  return jsonText(v ?? null);
}

/** tostring(): text of a value of the given type; null gives "". */
export function valueToString(v: Value | undefined, type: ScalarType): string {
  if (v === null || v === undefined) return '';
  switch (type) {
    case 'string': case 'guid': return v as string;
    case 'bool': return v ? 'true' : 'false';
    case 'int': return String(v);
    case 'long': return String(v);
    case 'real': case 'decimal': return formatReal(v as number);
    case 'datetime': return formatDatetime(v as bigint);
    case 'timespan': return formatTimespan(v as bigint);
    case 'dynamic': return typeof v === 'string' ? v : dynamicToJson(v as DynamicValue);
  }
}

/** A value as it appears in result JSON rows (`--format json`, `ws.query` rows). */
export function valueToJson(v: Value | undefined, type: ScalarType): unknown {
  if (v === null || v === undefined) return type === 'string' ? '' : null;
  switch (type) {
    case 'datetime': return formatDatetime(v as bigint);
    case 'timespan': return formatTimespan(v as bigint);
    case 'long': {
      const b = v as bigint;
      return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
    }
    case 'real': case 'decimal': {
      const n = v as number;
      return Number.isFinite(n) ? n : formatReal(n);
    }
    default: return v;
  }
}

/** Serializes a result JSON value; bigints are written as exact integer tokens. */
export function stringifyJsonValue(v: unknown): string {
  return jsonText(v);
}
