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

/** `T | where ... | extend MatchedColumn = "...", MatchedValue = ...` — one pipeline per matched column. */
export function branch(table: string, filters: string[], extend: string[], after: string[] = []): string {
  return [table, ...filters.map((f) => `| where ${f}`), `| extend ${extend.join(', ')}`, ...after].join('\n');
}

/**
 * Several pipelines as one tabular expression: each becomes `let <prefix>N = ...;` and the expression is
 * `union <prefix>1, <prefix>2` (named legs, not parenthesized ones, so the simplest union syntax suffices).
 */
export function unionOf(branches: string[], prefix: string): { lets: string[]; expr: string } {
  if (branches.length === 1) return { lets: [], expr: branches[0]! };
  const names = branches.map((_, i) => `${prefix}${i + 1}`);
  return { lets: branches.map((b, i) => `let ${names[i]} = ${b};`), expr: `union ${names.join(', ')}` };
}

/**
 * Splits `items` into consecutive chunks whose built query fits in `maxChars`. The chunk size comes from the
 * cost of one value measured on a small probe (re-estimated once per chunk), then shrinks (to the re-estimated size, at least 5%) until the
 * chunk fits, so huge lists are never built whole. Throws when a single value does not fit.
 */
export function splitToFit<T>(items: readonly T[], build: (chunk: readonly T[]) => string, maxChars: number): { items: readonly T[]; kql: string }[] {
  const one = build(items.slice(0, 1)).length;
  if (one > maxChars) throw new Error(`a single value makes a query of ${one} characters (limit ${maxChars})`);
  const probeN = Math.min(items.length, 64);
  const probe = build(items.slice(0, probeN));
  if (probeN === items.length && probe.length <= maxChars) return [{ items, kql: probe }];
  const estimate = (kqlLength: number, n: number): number => Math.max(1, (kqlLength - one) / Math.max(1, n - 1));
  const perItem = estimate(probe.length, probeN);
  const out: { items: readonly T[]; kql: string }[] = [];
  for (let i = 0; i < items.length;) {
    let chunk = items.slice(i, i + Math.floor((maxChars - one) / perItem) + 1);
    let kql = build(chunk);
    if (kql.length < maxChars * 0.9 && i + chunk.length < items.length && chunk.length > 1) {
      chunk = items.slice(i, i + Math.floor((maxChars - one) / estimate(kql.length, chunk.length)) + 1);
      kql = build(chunk);
    }
    while (kql.length > maxChars) {
      if (chunk.length === 1) throw new Error(`a single value makes a query of ${kql.length} characters (limit ${maxChars})`);
      const fit = Math.floor((maxChars - one) / estimate(kql.length, chunk.length)) + 1;
      chunk = chunk.slice(0, Math.max(1, Math.min(fit, Math.floor(chunk.length * 0.95))));
      kql = build(chunk);
    }
    out.push({ items: chunk, kql });
    i += chunk.length;
  }
  return out;
}
