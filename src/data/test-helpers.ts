// Test helpers: fixture paths and rows as plain JSON (result-format values) for readable assertions.
import { fileURLToPath } from 'node:url';
import { valueToJson } from '../kql/types/index.js';
import type { Table } from '../table/index.js';

export const FIXTURES = fileURLToPath(new URL('../../test/fixtures/data/', import.meta.url));

/** Rows as objects keyed by column name, values as in `--format json` (bigints kept exact as strings). */
export function plainRows(t: Table): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < t.rowCount; i++) {
    const o: Record<string, unknown> = {};
    for (const c of t.columns) {
      const v = valueToJson(c.values[i] ?? null, c.type);
      o[c.name] = typeof v === 'bigint' ? v.toString() : v;
    }
    out.push(o);
  }
  return out;
}
