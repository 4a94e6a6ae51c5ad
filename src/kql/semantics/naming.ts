// Kusto's output-column naming: derived names for unnamed expressions, Column1…, clash suffixes.
import type { Expr } from '../syntax/ast.js';

/** Functions whose unnamed result keeps the first argument's column name (observed from Microsoft's analyzer). */
const KEEPS_ARG_NAME = new Set([
  'tostring', 'toint', 'tolong', 'toreal', 'todouble', 'todecimal', 'tobool', 'toboolean', 'toguid', 'todatetime', 'totimespan',
  'totime', 'tohex', 'parse_json', 'todynamic', 'parsejson', 'toobject', 'format_bytes', 'format_datetime', 'format_timespan',
  'startofday', 'abs', 'ceiling', 'round', 'log', 'log10', 'log2', 'exp', 'exp2', 'exp10', 'sqrt', 'sin', 'cos', 'tan', 'asin',
  'acos', 'atan', 'atan2', 'pow', 'gamma', 'loggamma', 'erf', 'erfc', 'binary_not', 'binary_and', 'binary_or', 'binary_xor',
  'binary_shift_left', 'binary_shift_right', 'bitset_count_ones', 'split', 'bin', 'floor', 'bin_at', 'bin_auto',
  'series_fill_const', 'series_fill_forward', 'series_fill_backward', 'series_fill_linear',
]);
/** Functions whose unnamed result is the first argument's name with a prefix/suffix: strlen(s) → strlen_s. */
const AFFIXED_NAME: Record<string, [string, string]> = {
  strlen: ['strlen_', ''], string_size: ['string_size_', ''], gettype: ['type_', ''], treepath: ['tree_', ''],
  repeat: ['repeat_', ''], dcount_hll: ['dcount_hll_', ''], percentile_tdigest: ['percentile_tdigest_', ''],
  percentiles_array_tdigest: ['percentile_tdigest_', ''], array_sort_asc: ['', '_sorted'], array_sort_desc: ['', '_sorted'],
};

/** Functions whose unnamed result has a fixed name. */
const FIXED_NAME: Record<string, string> = { hll_merge: 'hll_merged_result', merge_tdigest: 'tdigests_merge_result' };

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
    case 'Call': {
      // Microsoft's analyzer keeps (or decorates) the first argument's name for these functions; others get ColumnN.
      if (FIXED_NAME[e.name]) return FIXED_NAME[e.name];
      const a = e.args[0] ? derivedName(e.args[0]) : undefined;
      if (a === undefined) return undefined;
      if (KEEPS_ARG_NAME.has(e.name)) return a;
      const affix = AFFIXED_NAME[e.name];
      return affix ? affix[0] + a + affix[1] : undefined;
    }
    default: return undefined;
  }
}

/** The column named by bin(col, …)/floor(col, …)/bin_at(col, …) — the name Kusto keeps for such group keys. */
export function binnedColumnName(e: Expr): string | undefined {
  if (e.kind === 'Call' && (e.name === 'bin' || e.name === 'floor' || e.name === 'bin_at' || e.name === 'bin_auto') && e.args[0]) {
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
