// Pieces every hunt builder shares: the output projection (the hunt contract) and splitting to fit a size limit.
import type { Flavour } from './model.js';
import { TIME_COLUMN, type TableSpec } from './table-catalog.js';

/** Contract columns first, then the time column, entities and evidence of the table. */
export function outputColumns(table: TableSpec, flavour: Flavour, extra: string[] = []): string[] {
  const cols = ['IocType', 'IocValue', 'IocPort', 'Tier', 'MatchedColumn', 'MatchedValue', ...extra, TIME_COLUMN[flavour], ...table.entities, ...table.evidence];
  return [...new Set(cols)];
}

export function projectLine(table: TableSpec, flavour: Flavour, extra: string[] = []): string {
  return `| project ${outputColumns(table, flavour, extra).join(', ')}`;
}

/** `(T | where ... | extend MatchedColumn = "...", MatchedValue = ...)` — one union branch per matched column. */
export function branch(table: string, filters: string[], extend: string[]): string {
  const steps = [...filters.map((f) => `| where ${f}`), `| extend ${extend.join(', ')}`];
  return `    (${table}\n        ${steps.join('\n        ')})`;
}

export function unionOf(branches: string[]): string {
  if (branches.length === 1) return branches[0]!.trim().replace(/^\(|\)$/g, '').replace(/\n {8}/g, '\n');
  return `union\n${branches.join(',\n')}`;
}

/**
 * Splits `items` into consecutive chunks whose built query fits in `maxChars`, halving until it does.
 * Throws when a single item does not fit (the caller reports it).
 */
export function splitToFit<T>(items: readonly T[], build: (chunk: readonly T[]) => string, maxChars: number): { items: readonly T[]; kql: string }[] {
  const out: { items: readonly T[]; kql: string }[] = [];
  const work: (readonly T[])[] = [items];
  while (work.length) {
    const chunk = work.shift()!;
    const kql = build(chunk);
    if (kql.length <= maxChars) { out.push({ items: chunk, kql }); continue; }
    if (chunk.length <= 1) throw new Error(`a single value makes a query of ${kql.length} characters (limit ${maxChars})`);
    const parts = Math.max(2, Math.ceil(kql.length / (maxChars * 0.9)));
    const size = Math.ceil(chunk.length / parts);
    const pieces: (readonly T[])[] = [];
    for (let i = 0; i < chunk.length; i += size) pieces.push(chunk.slice(i, i + size));
    work.unshift(...pieces);
  }
  return out;
}
