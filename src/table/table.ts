// Columnar tables: one JS array of values per column (see kql/types for the value representation).
// Readers build columns with interned strings (data/column-builder.ts), so repeated values share one JS string.
import type { ColumnSchema, ScalarType, Value } from '../kql/types/index.js';

export interface Column {
  readonly name: string;
  readonly type: ScalarType;
  /** values[i] for row i; null for null (strings are never null). */
  readonly values: Value[];
}

export class Table {
  constructor(readonly columns: readonly Column[], readonly rowCount: number) {}

  get schema(): ColumnSchema[] {
    return this.columns.map((c) => ({ name: c.name, type: c.type }));
  }

  column(name: string): Column | undefined {
    return this.columns.find((c) => c.name === name);
  }

  static empty(schema: readonly ColumnSchema[]): Table {
    return new Table(schema.map((c) => ({ name: c.name, type: c.type, values: [] })), 0);
  }

  static fromRows(schema: readonly ColumnSchema[], rows: readonly (readonly Value[])[]): Table {
    const cols = schema.map((c, j) => ({ name: c.name, type: c.type, values: rows.map((r) => normalizeNull(r[j], c.type)) }));
    return new Table(cols, rows.length);
  }

  /** Rows as arrays (for tests and small results). */
  rows(): Value[][] {
    const out: Value[][] = [];
    for (let i = 0; i < this.rowCount; i++) out.push(this.columns.map((c) => c.values[i] ?? null));
    return out;
  }

  /** A new table holding the selected row indices, in that order. */
  select(indices: ArrayLike<number>): Table {
    const n = indices.length;
    const cols = this.columns.map((c) => {
      const src = c.values;
      const dst = new Array<Value>(n);
      for (let k = 0; k < n; k++) dst[k] = src[indices[k]!]!;
      return { name: c.name, type: c.type, values: dst };
    });
    return new Table(cols, n);
  }

  slice(start: number, end: number): Table {
    const s = Math.max(0, start), e = Math.min(this.rowCount, end);
    return new Table(this.columns.map((c) => ({ ...c, values: c.values.slice(s, e) })), Math.max(0, e - s));
  }
}

export function normalizeNull(v: Value | undefined, type: ScalarType): Value {
  if (v === undefined || v === null) return type === 'string' ? '' : null;
  return v;
}
