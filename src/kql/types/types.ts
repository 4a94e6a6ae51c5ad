// KQL scalar types, table schemas, and the JS representation of each type's values.
//
// Value representation (one rule for the whole code base):
//   bool      boolean | null
//   int       number (32-bit integer) | null
//   long      bigint (64-bit, wrapped with BigInt.asIntN) | null
//   real      number (may be NaN/±Infinity) | null      decimal is treated as real
//   string    string — never null (a missing string is "")
//   datetime  bigint: 100 ns ticks since 1970-01-01T00:00:00Z (negative before) | null
//   timespan  bigint: 100 ns ticks | null
//   guid      string, lower-case canonical 8-4-4-4-12 | null
//   dynamic   JSON-like JS value: null | boolean | number | string | Dyn[] | {[k]: Dyn}; a long beyond ±2^53
//             inside a dynamic is a bigint (exact), written as its digits in JSON
//             (datetimes/timespans inside dynamic are kept as their ISO / [d.]hh:mm:ss text)

export type ScalarType =
  | 'bool' | 'int' | 'long' | 'real' | 'decimal' | 'string' | 'datetime' | 'timespan' | 'guid' | 'dynamic';

export const SCALAR_TYPES: readonly ScalarType[] = [
  'bool', 'int', 'long', 'real', 'decimal', 'string', 'datetime', 'timespan', 'guid', 'dynamic',
];

export type DynamicValue = null | boolean | number | bigint | string | DynamicValue[] | { [key: string]: DynamicValue };
export type Value = null | boolean | number | bigint | string | DynamicValue;

export interface ColumnSchema {
  readonly name: string;
  readonly type: ScalarType;
}

export interface TableSchema {
  readonly name?: string;
  readonly columns: readonly ColumnSchema[];
}

const TYPE_ALIASES: Record<string, ScalarType> = {
  bool: 'bool', boolean: 'bool',
  int: 'int', int32: 'int',
  long: 'long', int64: 'long',
  real: 'real', double: 'real', float: 'real',
  decimal: 'decimal',
  string: 'string',
  datetime: 'datetime', date: 'datetime',
  timespan: 'timespan', time: 'timespan',
  guid: 'guid', uniqueid: 'guid', uuid: 'guid',
  dynamic: 'dynamic',
};

/** Resolves a KQL type name or alias (case-insensitive: `Int64`, `double`, `time`, …); undefined if unknown. */
export function parseTypeName(name: string): ScalarType | undefined {
  return TYPE_ALIASES[name.toLowerCase()];
}

export function isNumericType(t: ScalarType): boolean {
  return t === 'int' || t === 'long' || t === 'real' || t === 'decimal';
}

/** Parses `(a:string, b:long)` or `a:string, b:long`; throws Error with a message on bad input. */
export function parseSchema(text: string): ColumnSchema[] {
  let s = text.trim();
  if (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1);
  if (s.trim() === '') return [];
  return s.split(',').map((part) => {
    const i = part.lastIndexOf(':');
    if (i < 0) throw new Error(`schema column '${part.trim()}' has no ':type'`);
    let name = part.slice(0, i).trim();
    const m = /^\[\s*(['"])(.*)\1\s*\]$/.exec(name);
    if (m) name = m[2]!;
    const type = parseTypeName(part.slice(i + 1).trim());
    if (!name || !type) throw new Error(`bad schema column '${part.trim()}'`);
    return { name, type };
  });
}

export function formatSchema(cols: readonly ColumnSchema[]): string {
  return '(' + cols.map((c) => `${/^[A-Za-z_][A-Za-z0-9_]*$/.test(c.name) ? c.name : `['${c.name}']`}:${c.type}`).join(', ') + ')';
}
