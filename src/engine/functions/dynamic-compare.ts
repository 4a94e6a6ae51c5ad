// Dynamic values: conversion from/to typed scalars, JSON text parsing, access, equality and ordering.
// Shared by the dynamic/logic/aggregate kernels and by the engine (d.key, d[i], dynamic == scalar).
import type { DynamicValue, ScalarType, Value } from '../../kql/types/index.js';
import { jsonText } from '../../kql/types/index.js';
import { formatDatetime, formatTimespan, formatReal, parseDatetime, parseTimespan } from '../../kql/types/index.js';

export type DynamicBag = { [key: string]: DynamicValue };

const MAX_SAFE = 9007199254740991n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

export function isBag(v: unknown): v is DynamicBag {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Own-property read that never reaches Object.prototype (keys come from untrusted JSON). */
export function bagGet(bag: DynamicBag, key: string): DynamicValue | undefined {
  return Object.prototype.hasOwnProperty.call(bag, key) ? bag[key] : undefined;
}

/** Own-property write; `__proto__` as a key must not re-parent the object. */
export function bagSet(bag: DynamicBag, key: string, value: DynamicValue): void {
  if (key === '__proto__') Object.defineProperty(bag, key, { value, enumerable: true, writable: true, configurable: true });
  else bag[key] = value;
}

/** A long as a dynamic: a JSON number when exact, else the bigint itself (a double would lose digits). */
export function longToDynamic(b: bigint): number | bigint {
  return b >= -MAX_SAFE && b <= MAX_SAFE ? Number(b) : b;
}

/** A typed scalar as a dynamic value: datetimes/timespans become their text, guids strings, longs see longToDynamic. */
export function toDynamic(v: Value | undefined, type: ScalarType): DynamicValue {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'long': return typeof v === 'bigint' ? longToDynamic(v) : (v as DynamicValue);
    case 'int': case 'real': case 'decimal': return typeof v === 'bigint' ? Number(v) : (v as DynamicValue);
    case 'datetime': return typeof v === 'bigint' ? formatDatetime(v) : (v as DynamicValue);
    case 'timespan': return typeof v === 'bigint' ? formatTimespan(v) : (v as DynamicValue);
    case 'bool': case 'string': case 'guid': case 'dynamic': return v as DynamicValue;
  }
}

const NUMERIC_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const GUID_TEXT = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A dynamic value converted to a typed scalar (null when it doesn't fit), as an implicit cast would. */
export function fromDynamic(d: DynamicValue | undefined, type: ScalarType): Value {
  if (d === undefined) d = null;
  if (typeof d === 'bigint') {
    switch (type) {
      case 'dynamic': case 'long': return d;
      case 'real': case 'decimal': return Number(d);
      case 'string': return d.toString();
      case 'bool': return d !== 0n;
      default: return null;
    }
  }
  switch (type) {
    case 'dynamic': return d;
    case 'string': return d === null ? '' : typeof d === 'string' ? d : dynamicToText(d);
    case 'bool':
      if (typeof d === 'boolean') return d;
      if (typeof d === 'number') return d !== 0;
      if (typeof d === 'string') { const s = d.trim().toLowerCase(); return s === 'true' ? true : s === 'false' ? false : null; }
      return null;
    case 'int': {
      const n = typeof d === 'number' ? d : typeof d === 'string' && NUMERIC_TEXT.test(d) ? Number(d) : typeof d === 'boolean' ? (d ? 1 : 0) : NaN;
      return Number.isFinite(n) && Math.abs(n) < 2147483648 ? Math.trunc(n) : null;
    }
    case 'long': {
      if (typeof d === 'string' && INTEGER_TEXT.test(d)) {
        const b = BigInt(d.trim());
        return b >= INT64_MIN && b <= INT64_MAX ? b : null;
      }
      const n = typeof d === 'number' ? d : typeof d === 'string' && NUMERIC_TEXT.test(d) ? Number(d) : typeof d === 'boolean' ? (d ? 1 : 0) : NaN;
      return Number.isFinite(n) && Math.abs(n) < 9223372036854775808 ? BigInt(Math.trunc(n)) : null;
    }
    case 'real': case 'decimal':
      if (typeof d === 'number') return d;
      if (typeof d === 'string' && NUMERIC_TEXT.test(d)) return Number(d);
      if (typeof d === 'boolean') return d ? 1 : 0;
      return null;
    case 'datetime': return typeof d === 'string' ? parseDatetime(d) : null;
    case 'timespan': return typeof d === 'string' ? parseTimespan(d) : null;
    case 'guid': return typeof d === 'string' && GUID_TEXT.test(d.trim()) ? d.trim().toLowerCase() : null;
  }
}

/** tostring() of a dynamic: strings as is, everything else as compact JSON (reals in Kusto's number form). */
export function dynamicToText(d: DynamicValue): string {
  if (d === null) return '';
  if (typeof d === 'string') return d;
  if (typeof d === 'number') return formatReal(d);
  if (typeof d === 'bigint') return d.toString();
  return jsonText(d);
}

/** Element access: d.key, d["key"], d[i] with negative i counting from the end; anything missing → null. */
export function dynamicGet(d: DynamicValue | undefined, key: string | number | bigint | null): DynamicValue {
  if (d === null || d === undefined || key === null) return null;
  if (Array.isArray(d)) {
    if (typeof key === 'string') return null;
    let i = Number(key);
    if (!Number.isInteger(i)) return null;
    if (i < 0) i += d.length;
    return i >= 0 && i < d.length ? d[i]! : null;
  }
  if (isBag(d)) return bagGet(d, String(key)) ?? null;
  return null;
}

/** Kusto's runtime type name of a dynamic value (gettype): int/long/real/string/bool/array/dictionary/null. */
export function dynamicTypeName(d: DynamicValue): string {
  if (d === null) return 'null';
  if (typeof d === 'boolean') return 'bool';
  if (typeof d === 'bigint') return 'long';
  if (typeof d === 'number') {
    if (!Number.isInteger(d)) return 'real';
    return d >= -2147483648 && d <= 2147483647 ? 'int' : 'long';
  }
  if (typeof d === 'string') return 'string';
  return Array.isArray(d) ? 'array' : 'dictionary';
}

/** Deep equality of two dynamic values; property bags compare regardless of key order. */
export function sameDynamic(a: DynamicValue, b: DynamicValue): boolean {
  if (a === b) return true;
  // a long beyond 2^53 equals the same value held as a bigint or an exact number
  if ((typeof a === 'bigint' || typeof b === 'bigint') && (typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) return a == b;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameDynamic(a[i]!, b[i]!)) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const bv = bagGet(b, k);
    if (bv === undefined || !sameDynamic(a[k]!, bv)) return false;
  }
  return true;
}

/** Canonical text of a dynamic value (type-tagged; bags with sorted keys) for hashing in sets and distinct counts. */
export function dynamicKey(d: DynamicValue): string {
  switch (typeof d) {
    case 'string': return 's' + d;
    case 'number': return 'n' + String(d);
    case 'bigint': return 'n' + d.toString();
    case 'boolean': return d ? 'T' : 'F';
  }
  return d === null ? 'z' : 'j' + canonicalKey(d);
}

function canonicalKey(d: DynamicValue): string {
  if (d === null || typeof d !== 'object') return jsonText(d);
  if (Array.isArray(d)) return '[' + d.map(canonicalKey).join(',') + ']';
  return '{' + Object.keys(d).sort().map((k) => JSON.stringify(k) + ':' + canonicalKey(d[k]!)).join(',') + '}';
}

function asBigInt(d: DynamicValue): bigint | null {
  if (typeof d === 'bigint') return d;
  if (typeof d === 'number') return Number.isInteger(d) ? BigInt(d) : null;
  if (typeof d === 'string' && INTEGER_TEXT.test(d)) return BigInt(d.trim());
  return null;
}

/** `dynamic == scalar` (and dynamic == dynamic): null when both are null, false when one is, else by value.
 *  A dynamic number equals any numeric of the same value; datetimes/timespans/guids held as text are parsed. */
export function dynamicEquals(d: DynamicValue | undefined, v: Value | undefined, vType: ScalarType): boolean | null {
  const dn = d === undefined || d === null;
  const vn = v === undefined || v === null;
  if (dn && vn) return null;
  if (dn || vn) return false;
  d = d as DynamicValue;
  switch (vType) {
    case 'dynamic': return sameDynamic(d, v as DynamicValue);
    case 'int': case 'real': case 'decimal':
      if (typeof d === 'bigint') return Number(d) === Number(v);
      if (typeof d === 'number') return d === Number(v);
      if (typeof d === 'string' && NUMERIC_TEXT.test(d) && typeof v === 'number' && Number.isInteger(v)) {
        const b = asBigInt(d);
        return b !== null ? b === BigInt(v) : Number(d) === v;
      }
      return false;
    case 'long': {
      const b = asBigInt(d);
      if (b !== null && (typeof d === 'number' || typeof d === 'string' || typeof d === 'bigint')) return b === v;
      return typeof d === 'number' ? d === Number(v) : false;
    }
    case 'bool': return typeof d === 'boolean' && d === v;
    case 'string': return typeof d === 'string' ? d === v : dynamicToText(d) === v;
    case 'guid': return typeof d === 'string' && d.toLowerCase() === v;
    case 'datetime': return typeof d === 'string' && parseDatetime(d) === v;
    case 'timespan': return typeof d === 'string' && parseTimespan(d) === v;
  }
}

function sign(x: number): number {
  return x < 0 ? -1 : x > 0 ? 1 : 0;
}

/** Order of a dynamic against a scalar for <, <=, >, >=: -1/0/1, or null when either is null or they don't compare. */
export function compareDynamic(d: DynamicValue | undefined, v: Value | undefined, vType: ScalarType): number | null {
  if (d === undefined || d === null || v === undefined || v === null) return null;
  switch (vType) {
    case 'int': case 'real': case 'decimal': case 'long': {
      if (typeof v === 'bigint') {
        const b = asBigInt(d);
        if (b !== null) return b < v ? -1 : b > v ? 1 : 0;
      }
      const n = typeof d === 'number' ? d : typeof d === 'bigint' ? Number(d) : typeof d === 'string' && NUMERIC_TEXT.test(d) ? Number(d) : NaN;
      const w = Number(v);
      return Number.isNaN(n) || Number.isNaN(w) ? null : sign(n - w);
    }
    case 'string': {
      const s = typeof d === 'string' ? d : dynamicToText(d);
      return s < (v as string) ? -1 : s > (v as string) ? 1 : 0;
    }
    case 'datetime': case 'timespan': {
      const t = typeof d === 'string' ? (vType === 'datetime' ? parseDatetime(d) : parseTimespan(d)) : null;
      if (t === null) return null;
      return t < (v as bigint) ? -1 : t > (v as bigint) ? 1 : 0;
    }
    case 'bool': return typeof d === 'boolean' ? Number(d) - Number(v) : null;
    case 'dynamic': return compareDynamicValues(d, v as DynamicValue);
    case 'guid': return typeof d === 'string' ? (d.toLowerCase() < (v as string) ? -1 : d.toLowerCase() > (v as string) ? 1 : 0) : null;
  }
}

/** dynamic vs dynamic: numbers by value, strings ordinally, bools false < true; otherwise incomparable (null). */
export function compareDynamicValues(a: DynamicValue, b: DynamicValue): number | null {
  if (a === null || b === null) return null;
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) return a < b ? -1 : a > b ? 1 : 0;
    return null;
  }
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) || Number.isNaN(b) ? null : sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'number' && typeof b === 'string') return compareDynamic(b, a, 'real') === null ? null : -compareDynamic(b, a, 'real')!;
  if (typeof a === 'string' && typeof b === 'number') return compareDynamic(a, b, 'real');
  return null;
}

// ---- JSON text → dynamic (parse_json). Own parser so that 64-bit integers keep every digit. ----

const MAX_DEPTH = 512;

class JsonError extends Error {}

class JsonReader {
  i = 0;
  constructor(private readonly s: string) {}

  fail(): never {
    throw new JsonError();
  }

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) this.i++;
      else break;
    }
  }

  value(depth: number): DynamicValue {
    if (depth > MAX_DEPTH) this.fail();
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"' || c === "'") return this.string();
    if (this.s.startsWith('true', this.i)) { this.i += 4; return true; }
    if (this.s.startsWith('false', this.i)) { this.i += 5; return false; }
    if (this.s.startsWith('null', this.i)) { this.i += 4; return null; }
    return this.number();
  }

  object(depth: number): DynamicBag {
    const out: DynamicBag = {};
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') { this.i++; return out; }
    for (;;) {
      this.ws();
      const q = this.s[this.i];
      let key: string;
      if (q === '"' || q === "'") key = this.string();
      else {
        const m = /^[A-Za-z_$][\w$]*/.exec(this.s.slice(this.i, this.i + 256));
        if (!m) this.fail();
        key = m[0];
        this.i += key.length;
      }
      this.ws();
      if (this.s[this.i] !== ':') this.fail();
      this.i++;
      bagSet(out, key, this.value(depth + 1));
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return out;
      if (c !== ',') this.fail();
    }
  }

  array(depth: number): DynamicValue[] {
    const out: DynamicValue[] = [];
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') { this.i++; return out; }
    for (;;) {
      out.push(this.value(depth + 1));
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') this.fail();
    }
  }

  string(): string {
    const s = this.s;
    const quote = s[this.i++];
    let out = '';
    let start = this.i;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === quote) {
        out += s.slice(start, this.i);
        this.i++;
        return out;
      }
      if (c === '\\') {
        out += s.slice(start, this.i);
        const e = s[this.i + 1];
        this.i += 2;
        switch (e) {
          case '"': case "'": case '\\': case '/': out += e; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex = s.slice(this.i, this.i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail();
            out += String.fromCharCode(parseInt(hex, 16));
            this.i += 4;
            break;
          }
          default: this.fail();
        }
        start = this.i;
      } else this.i++;
    }
    return this.fail();
  }

  number(): number | bigint {
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m || m[0] === '' || m[0] === '-') this.fail();
    const text = m[0];
    this.i += text.length;
    if (m[1] === undefined && m[2] === undefined && text.length > 15) {
      const b = BigInt(text);
      if (b >= INT64_MIN && b <= INT64_MAX) return longToDynamic(b);
    }
    return Number(text);
  }
}

/** Parses JSON text (also single-quoted strings and bare keys); undefined when it isn't valid JSON. */
export function parseJsonText(text: string): DynamicValue | undefined {
  try {
    const r = new JsonReader(text);
    const v = r.value(0);
    r.ws();
    return r.i === text.length ? v : undefined;
  } catch (e) {
    if (e instanceof JsonError || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** parse_json()/todynamic(): valid JSON → its value; blank text → null; other text → the text itself. */
export function parseJsonValue(v: Value | undefined, type: ScalarType): DynamicValue {
  if (type !== 'string') return toDynamic(v, type);
  const s = (v ?? '') as string;
  if (s.trim() === '') return null;
  const parsed = parseJsonText(s);
  return parsed === undefined ? s : parsed;
}
