// Per-file load totals and problems (first N kept, counts exact), and their rendering for the CLI.

export type ProblemKind = 'rejected' | 'nulled' | 'warning';

export interface Problem { file: string; line: number; message: string; kind: ProblemKind }

export interface FileReport {
  file: string;
  table: string;
  format: string;
  /** Records read (read = loaded + rejected). */
  read: number;
  loaded: number;
  /** Loaded records per table (a Defender streaming file feeds several tables). */
  loadedByTable: Record<string, number>;
  rejected: number;
  /** Values that did not convert to their column type and were stored as null (rows kept). */
  nulled: number;
  /** Lines kept with a caveat (invalid UTF-8 decoded with replacement characters). */
  warnings: number;
  /** Whole-file problems (truncated gzip, binary data, unreadable): rows before the problem are kept. */
  errors: string[];
  problems: Problem[];
}

export const MAX_PROBLEMS_PER_FILE = 100;

export function newReport(file: string, table: string, format: string): FileReport {
  return { file, table, format, read: 0, loaded: 0, loadedByTable: {}, rejected: 0, nulled: 0, warnings: 0, errors: [], problems: [] };
}

export function addProblem(r: FileReport, p: Problem): void {
  if (p.kind === 'rejected') r.rejected++;
  else if (p.kind === 'nulled') r.nulled++;
  else r.warnings++;
  if (r.problems.length < MAX_PROBLEMS_PER_FILE) r.problems.push(p);
}

const plural = (n: number, w: string) => `${n.toLocaleString('en-US')} ${w}${n === 1 ? '' : 's'}`;

/** Per-file totals, then the first rejected lines (and other problems) as `file:line: reason`, for stderr. */
export function formatLoadReport(reports: readonly FileReport[], opts: { maxLines?: number } = {}): string {
  const max = opts.maxLines ?? 10;
  const out: string[] = [];
  for (const r of reports) {
    const parts = [`read ${r.read.toLocaleString('en-US')}`, `loaded ${r.loaded.toLocaleString('en-US')}`, `rejected ${r.rejected.toLocaleString('en-US')}`, `values nulled ${r.nulled.toLocaleString('en-US')}`];
    if (r.warnings) parts.push(plural(r.warnings, 'warning'));
    out.push(`${r.file} (${r.table}, ${r.format}): ${parts.join(', ')}`);
    for (const e of r.errors) out.push(`  error: ${e}`);
    const shown = r.problems.filter((p) => p.kind === 'rejected').slice(0, max);
    const others = r.problems.filter((p) => p.kind !== 'rejected').slice(0, Math.max(0, max - shown.length));
    for (const p of [...shown, ...others]) out.push(`  ${p.kind === 'rejected' ? 'rejected' : p.kind === 'nulled' ? 'nulled' : 'warning'}: ${p.message}`);
    const hidden = r.rejected + r.nulled + r.warnings - shown.length - others.length;
    if (hidden > 0) out.push(`  … ${plural(hidden, 'more problem')}`);
  }
  if (reports.length > 1) {
    const t = reports.reduce((a, r) => ({ read: a.read + r.read, loaded: a.loaded + r.loaded, rejected: a.rejected + r.rejected, nulled: a.nulled + r.nulled }), { read: 0, loaded: 0, rejected: 0, nulled: 0 });
    out.push(`total (${plural(reports.length, 'file')}): read ${t.read.toLocaleString('en-US')}, loaded ${t.loaded.toLocaleString('en-US')}, rejected ${t.rejected.toLocaleString('en-US')}, values nulled ${t.nulled.toLocaleString('en-US')}`);
  }
  return out.join('\n') + (out.length ? '\n' : '');
}
