// One byte range of an NDJSON file loaded into encoded columns (the job of a load worker; callable in-thread).
import type { ColumnSchema } from '../kql/types/index.js';
import type { ReaderContext } from './record-reader.js';
import { readNdjson } from './ndjson-reader.js';
import { FileSink, type FileCounts } from './file-sink.js';
import { ColumnEncoder, type EncodedColumn } from './column-encoder.js';
import { MAX_PROBLEMS_PER_FILE, type ProblemKind } from './report.js';
import { RDR, ReaderError, where } from './errors.js';

export interface RangeJob {
  path: string;
  display: string;
  start: number;
  /** Exclusive; undefined = to the end of the file. */
  end?: number;
  table: string;
  cols: ColumnSchema[];
  keys: string[][];
  fields: string[];
  known?: string[];
  routing: boolean;
  first: boolean;
  year?: number;
  maxLineBytes?: number;
}

/** A problem with its line counted from the range start; `field` marks an unknown-field warning. */
export interface RangeProblem { line: number; kind: ProblemKind; code: string; reason: string; field?: string }

export interface RangeResult {
  newlines: number;
  rows: number;
  counts: FileCounts;
  /** The first problems (unknown-field warnings all kept, for de-duplication across ranges). */
  problems: RangeProblem[];
  /** Problems beyond those kept, by kind. */
  dropped: { rejected: number; nulled: number; warnings: number };
  /** Whole-range failure (message with file name), rows before it kept. */
  error?: { code: string; message: string };
  columns: EncodedColumn[];
}

export async function loadRange(job: RangeJob): Promise<RangeResult> {
  const counts: FileCounts = { read: 0, loaded: 0, loadedByTable: {} };
  const problems: RangeProblem[] = [];
  const dropped = { rejected: 0, nulled: 0, warnings: 0 };
  let kept = 0;
  const problem = (line: number, kind: ProblemKind, code: string, reason: string) => {
    if (kept < MAX_PROBLEMS_PER_FILE) { kept++; problems.push({ line, kind, code, reason }); }
    else if (kind === 'rejected') dropped.rejected++;
    else if (kind === 'nulled') dropped.nulled++;
    else dropped.warnings++;
  };
  const first = job.first;
  const ctx: ReaderContext = {
    file: job.display,
    ...(job.maxLineBytes !== undefined ? { maxLineBytes: job.maxLineBytes } : {}),
    warn: (line, code, message) => { if (first) problem(line, 'warning', code, message); },
    reject: (line, message) => { if (first) { counts.read++; problem(line, 'rejected', RDR.rejected, message); } },
    declare() {},
    unknownField: (name, line) => {
      if (first) problems.push({ line, kind: 'warning', code: RDR.rejected, reason: '', field: name });
    },
  };
  const encoders = job.cols.map((c) => new ColumnEncoder(c.name, c.type));
  const sink = new FileSink({ table: job.table, keys: job.keys, routing: job.routing, first }, encoders, counts, problem);
  const range = { start: job.start, ...(job.end !== undefined ? { end: job.end } : {}), newlines: 0 };
  let error: RangeResult['error'];
  try {
    const opts = { fields: new Set(job.fields), ...(job.known ? { known: new Set(job.known) } : {}), ...(job.year !== undefined ? { year: job.year } : {}) };
    for await (const batch of readNdjson({ path: job.path, display: job.display, range }, opts, ctx)) sink.items(batch);
  } catch (e) {
    const err = e instanceof ReaderError ? e : new ReaderError(RDR.io, where(job.display, 0, `reading stopped: ${(e as Error)?.message ?? String(e)}`), { cause: e });
    error = { code: err.code, message: err.message };
  }
  return { newlines: range.newlines, rows: sink.rows, counts, problems, dropped, ...(error ? { error } : {}), columns: encoders.map((e) => e.finish()) };
}
