// Kusto's output-column naming: derived names for unnamed expressions, Column1…, clash suffixes.
import type { Expr } from '../syntax/ast.js';

/** Name Kusto gives an unnamed expression in extend/project/summarize-by, or undefined (→ ColumnN). */
export function derivedName(e: Expr): string | undefined {
  switch (e.kind) {
    case 'Name': return e.name;
    case 'Paren': return derivedName(e.expr);
    case 'Member': {
      const t = derivedName(e.target);
      return t !== undefined ? `${t}_${e.name}` : undefined;
    }
    case 'Index': {
      const t = derivedName(e.target);
      if (t === undefined) return undefined;
      if (e.index.kind === 'Literal' && (typeof e.index.value === 'string' || typeof e.index.value === 'bigint')) return `${t}_${String(e.index.value)}`;
      return undefined;
    }
    case 'Call':
      // bin()/floor() keep the binned column's name in group keys (handled by caller); others get ColumnN.
      return undefined;
    default: return undefined;
  }
}

/** The column named by bin(col, …)/floor(col, …)/bin_at(col, …) — the name Kusto keeps for such group keys. */
export function binnedColumnName(e: Expr): string | undefined {
  if (e.kind === 'Call' && (e.name === 'bin' || e.name === 'floor' || e.name === 'bin_at') && e.args[0]) {
    return derivedName(e.args[0]);
  }
  return undefined;
}

/** Allocates unique output names: a taken name gets the smallest numeric suffix (s → s1, s2…). */
export class NameAllocator {
  private taken = new Set<string>();
  private columnN = 0;
  constructor(existing: Iterable<string> = []) {
    for (const n of existing) this.taken.add(n);
  }
  has(n: string): boolean { return this.taken.has(n); }
  reserve(n: string): void { this.taken.add(n); }
  release(n: string): void { this.taken.delete(n); }
  unique(base: string): string {
    if (!this.taken.has(base)) { this.taken.add(base); return base; }
    for (let i = 1; ; i++) {
      const c = `${base}${i}`;
      if (!this.taken.has(c)) { this.taken.add(c); return c; }
    }
  }
  /** Column1, Column2, … skipping taken names. */
  nextColumn(): string {
    for (;;) {
      const c = `Column${++this.columnN}`;
      if (!this.taken.has(c)) { this.taken.add(c); return c; }
    }
  }
}
