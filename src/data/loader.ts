// One pass over a table's files: coerce the requested columns into ColumnBuilders and account for every line.
// A large uncompressed NDJSON file is cut into line-aligned byte ranges loaded by worker threads (parallel-load.ts).
import type { ColumnSchema } from '../kql/types/index.js';
import type { Column } from '../table/index.js';
import { LoadColumnBuilder } from './column-builder.js';
import type { DataFile } from './workspace.js';
import type { ReaderContext } from './record-reader.js';
import { READERS } from './readers.js';
import { addProblem, newReport, MAX_PROBLEMS_PER_FILE, type FileReport } from './report.js';
import { CACHE_FORMAT, ColumnCache, compactEncoded, encodeSlices, type CacheEntry } from './column-cache.js';
import type { EncodedColumn } from './column-encoder.js';
import { ReaderError, RDR, where } from './errors.js';
import type { LoadOptions } from './catalog.js';
import { FileSink, type ProblemFn } from './file-sink.js';
import { loadInWorkers, plannedWorkers, splitRanges } from './parallel-load.js';
import type { RangeJob, RangeResult } from './range-load.js';

export interface LoadState {
  reports: Map<string, FileReport>;
  /** Files whose records were already counted (a later pass only adds problems of new columns). */
  counted: Set<string>;
  opts: LoadOptions;
}


const unknownFieldMessage = (name: string, table: string) =>
  `field ${JSON.stringify(name)} is not in the schema of ${table} (fields are found in the first records of each file at open); not loaded`;

export async function loadPass(table: string, files: readonly DataFile[], cols: readonly ColumnSchema[],
  sources: ReadonlyMap<string, string[]>, state: LoadState): Promise<{ columns: Column[]; rowCount: number }> {
  const builders = cols.map((c) => new LoadColumnBuilder(c.name, c.type));
  const started = Date.now();
  let lastProgress = started;
  let rows = 0;
  const cache = state.opts.cacheDir && !state.opts.strict ? new ColumnCache(state.opts.cacheDir) : undefined;
  for (const file of files) {
    const fileFirst = !state.counted.has(file.path);
    state.counted.add(file.path);
    let report = state.reports.get(file.path);
    if (!report) {
      report = newReport(file.display, file.tables.join(','), file.label);
      state.reports.set(file.path, report);
    }
    // raw field names (before renames) holding each column, in preference order
    const rev = new Map(Object.entries(file.renames).map(([from, to]) => [to, from]));
    const keys = cols.map((c) => (sources.get(c.name) ?? [c.name]).map((s) => rev.get(s) ?? s));
    const fields = new Set(keys.flat());
    // every raw name the schema covers; other fields were not in the open-time sample and are not loaded
    const known = new Set([...sources.values()].flat().map((n) => rev.get(n) ?? n));
    const cacheKey = cache && await cache.key({
      file, table, cols, keys, options: { known: [...known].sort(), year: state.opts.year ?? null, maxLineBytes: state.opts.maxLineBytes ?? null },
    });
    if (cacheKey) {
      const hit = await cache!.get(cacheKey);
      if (hit) {
        hit.columns.forEach((segs, j) => { for (const c of segs) builders[j]!.append(c); });
        mergeReport(report, hit.report, fileFirst);
        rows += hit.rows;
        continue;
      }
    }
    // a cached read records the file's whole first-pass report, merged into the real one afterwards
    const r = cacheKey ? newReport(file.display, file.tables.join(','), file.label) : report;
    const first = cacheKey ? true : fileFirst;
    const rowsBefore = rows;
    const starts = builders.map((b) => b.values.length);
    const problem: ProblemFn = (line, kind, code, message) => {
      const text = where(file.display, line, message);
      if (state.opts.strict) throw new ReaderError(code, text);
      addProblem(r, { file: file.display, line, message: text, kind });
    };
    const unknownField = (name: string, line: number) =>
      addProblem(r, { file: file.display, line, kind: 'warning', message: where(file.display, line, unknownFieldMessage(name, table)) });
    // segments: the workers' encoded columns (per column, in range order), stored as they are instead of re-encoded
    const done = async (segments?: EncodedColumn[][]) => {
      if (!cacheKey) return;
      mergeReport(report!, r, fileFirst);
      // a file that could not be read to its end (I/O, truncation) is not cached: the next run tries again
      if (r.errors.length === 0) {
        const { read, loaded, loadedByTable, rejected, nulled, warnings, errors, problems } = r;
        const columns = segments ?? encodeSlices(builders.map((b) => ({ name: b.name, type: b.type, values: b.values })), starts).map((c) => [c]);
        await cache!.put(cacheKey, { format: CACHE_FORMAT, rows: rows - rowsBefore, columns,
          report: { read, loaded, loadedByTable, rejected, nulled, warnings, errors, problems } });
      }
    };

    const n = await plannedWorkers(file, state.opts);
    if (n > 1) {
      const ranges = await splitRanges(file.path, n);
      state.opts.onProgress?.(`loading ${table}: ${file.display} in ${ranges.length} worker threads`);
      const jobs: RangeJob[] = ranges.map((g) => ({
        path: file.path, display: file.display, ...g, table, cols: cols.map((c) => ({ ...c })), keys, fields: [...fields],
        ...(file.routing ? {} : { known: [...known] }), routing: file.routing, first,
        ...(state.opts.year !== undefined ? { year: state.opts.year } : {}),
        ...(state.opts.maxLineBytes !== undefined ? { maxLineBytes: state.opts.maxLineBytes } : {}),
      }));
      const results = ranges.length > 1 ? await loadInWorkers(jobs) : undefined;
      if (results) {
        rows += mergeRanges(results, builders, r, first, problem, unknownField, state.opts.strict === true);
        await done(builders.map((_, j) => results.map((res) => compactEncoded(res.columns[j]!))));
        continue;
      }
    }

    const sink = new FileSink({ table, keys, routing: file.routing, first }, builders, r, problem);
    const ctx: ReaderContext = {
      file: file.display,
      ...(state.opts.maxLineBytes !== undefined ? { maxLineBytes: state.opts.maxLineBytes } : {}),
      warn: (line, code, message) => { if (first) problem(line, 'warning', code, message); },
      reject: (line, message) => { if (first) { r.read++; problem(line, 'rejected', RDR.rejected, message); } },
      declare() {},
      unknownField: (name, line) => { if (first) unknownField(name, line); },
    };
    try {
      const opts = { fields, ...(file.routing ? {} : { known }), ...(state.opts.year !== undefined ? { year: state.opts.year } : {}) };
      for await (const batch of READERS[file.format]({ path: file.path, display: file.display }, opts, ctx)) {
        const before = sink.rows;
        sink.items(batch);
        if (state.opts.onProgress && ((rows + sink.rows) >>> 16) !== ((rows + before) >>> 16)) {
          const now = Date.now();
          if (now - started > 1000 && now - lastProgress > 1000) {
            lastProgress = now;
            state.opts.onProgress(`loading ${table}: ${(rows + sink.rows).toLocaleString('en-US')} rows (${file.display})`);
          }
        }
      }
    } catch (e) {
      // anything unexpected still names the file; rows read before it are kept
      const err = e instanceof ReaderError ? e : new ReaderError(RDR.io, where(file.display, 0, `reading stopped: ${(e as Error)?.message ?? String(e)}`), { cause: e });
      if (state.opts.strict) throw err;
      if (first) r.errors.push(err.message);
    }
    rows += sink.rows;
    await done();
  }
  if (state.opts.onProgress && Date.now() - started > 1000) {
    state.opts.onProgress(`loaded ${table}: ${rows.toLocaleString('en-US')} rows, ${cols.length} column${cols.length === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
  return { columns: builders.map((b) => b.build()), rowCount: rows };
}

/**
 * Adds a file's first-pass report to its real one: everything on the file's first pass in this process, only the
 * nulled values of the new columns on later passes (records and warnings were counted the first time).
 */
function mergeReport(into: FileReport, from: CacheEntry['report'], first: boolean): void {
  if (first) {
    into.read += from.read; into.loaded += from.loaded;
    for (const [t, k] of Object.entries(from.loadedByTable)) into.loadedByTable[t] = (into.loadedByTable[t] ?? 0) + k;
    into.rejected += from.rejected; into.warnings += from.warnings; into.errors.push(...from.errors);
  }
  into.nulled += from.nulled;
  for (const p of from.problems) {
    if ((first || p.kind === 'nulled') && into.problems.length < MAX_PROBLEMS_PER_FILE) into.problems.push(p);
  }
}

/**
 * Adds the results of a file's ranges, in file order, as if read in one pass: line numbers offset by the line
 * feeds of the ranges before, unknown fields reported once, a range that failed ends the file there.
 */
function mergeRanges(results: readonly RangeResult[], builders: readonly LoadColumnBuilder[], r: FileReport, first: boolean,
  problem: ProblemFn, unknownField: (name: string, line: number) => void, strict: boolean): number {
  let offset = 0, rows = 0;
  const seenFields = new Set<string>();
  for (const res of results) {
    if (first) {
      r.read += res.counts.read; r.loaded += res.counts.loaded;
      for (const [t, k] of Object.entries(res.counts.loadedByTable)) r.loadedByTable[t] = (r.loadedByTable[t] ?? 0) + k;
    }
    for (const p of res.problems) {
      if (p.field === undefined) problem(p.line + offset, p.kind, p.code, p.reason);
      else if (!seenFields.has(p.field) && seenFields.size <= 1000) { seenFields.add(p.field); unknownField(p.field, p.line + offset); }
    }
    r.rejected += res.dropped.rejected; r.nulled += res.dropped.nulled; r.warnings += res.dropped.warnings;
    for (let j = 0; j < builders.length; j++) builders[j]!.append(res.columns[j]!);
    rows += res.rows;
    offset += res.newlines;
    if (res.error) {
      if (strict) throw new ReaderError(res.error.code, res.error.message);
      if (first) r.errors.push(res.error.message);
      break;
    }
  }
  return rows;
}
