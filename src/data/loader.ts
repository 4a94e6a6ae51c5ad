// One pass over a table's files: coerce the requested columns into ColumnBuilders and account for every line.
import type { ColumnSchema } from '../kql/types/index.js';
import type { Column } from '../table/index.js';
import { LoadColumnBuilder } from './column-builder.js';
import type { DataFile } from './workspace.js';
import type { ReaderContext } from './record-reader.js';
import { READERS } from './readers.js';
import { FAIL, coerce, preview } from './coerce.js';
import { addProblem, newReport, type FileReport, type ProblemKind } from './report.js';
import { ReaderError, RDR, where } from './errors.js';
import { canonicalTableName } from './builtin-schemas.js';
import type { LoadOptions } from './catalog.js';

export interface LoadState {
  reports: Map<string, FileReport>;
  /** Files whose records were already counted (a later pass only adds problems of new columns). */
  counted: Set<string>;
  opts: LoadOptions;
}

const PROGRESS_EVERY = 1 << 16;

export async function loadPass(table: string, files: readonly DataFile[], cols: readonly ColumnSchema[],
  sources: ReadonlyMap<string, string[]>, state: LoadState): Promise<{ columns: Column[]; rowCount: number }> {
  const builders = cols.map((c) => new LoadColumnBuilder(c.name, c.type));
  const started = Date.now();
  let lastProgress = started;
  let rows = 0;
  for (const file of files) {
    const first = !state.counted.has(file.path);
    state.counted.add(file.path);
    let report = state.reports.get(file.path);
    if (!report) {
      report = newReport(file.display, file.tables.join(','), file.label);
      state.reports.set(file.path, report);
    }
    const r = report;
    const problem = (line: number, kind: ProblemKind, code: string, message: string) => {
      const text = where(file.display, line, message);
      if (state.opts.strict) throw new ReaderError(code, text);
      addProblem(r, { file: file.display, line, message: text, kind });
    };
    // raw field names (before renames) holding each column, in preference order
    const rev = new Map(Object.entries(file.renames).map(([from, to]) => [to, from]));
    const keys = cols.map((c) => (sources.get(c.name) ?? [c.name]).map((s) => rev.get(s) ?? s));
    const fields = new Set(keys.flat());
    // every raw name the schema covers; other fields were not in the open-time sample and are not loaded
    const known = new Set([...sources.values()].flat().map((n) => rev.get(n) ?? n));
    const ctx: ReaderContext = {
      file: file.display,
      ...(state.opts.maxLineBytes !== undefined ? { maxLineBytes: state.opts.maxLineBytes } : {}),
      warn: (line, code, message) => { if (first) problem(line, 'warning', code, message); },
      reject: (line, message) => { if (first) { r.read++; problem(line, 'rejected', RDR.rejected, message); } },
      declare() {},
      unknownField: (name, line) => {
        if (!first) return;
        addProblem(r, { file: file.display, line, kind: 'warning',
          message: where(file.display, line, `field ${JSON.stringify(name)} is not in the schema of ${table} (fields are found in the first records of each file at open); not loaded`) });
      },
    };
    try {
      const opts = { fields, ...(file.routing ? {} : { known }), ...(state.opts.year !== undefined ? { year: state.opts.year } : {}) };
      for await (const batch of READERS[file.format]({ path: file.path, display: file.display }, opts, ctx)) {
        for (const item of batch) {
          if ('error' in item) {
            if (first) { r.read++; problem(item.line, 'rejected', RDR.rejected, item.error); }
            continue;
          }
          if (file.routing) {
            if (!item.table) {
              if (first) { r.read++; problem(item.line, 'rejected', RDR.rejected, 'record without an AdvancedHunting-<Table> category in a Defender streaming file'); }
              continue;
            }
            const routed = canonicalTableName(item.table);
            if (first) { r.read++; r.loaded++; r.loadedByTable[routed] = (r.loadedByTable[routed] ?? 0) + 1; }
            if (routed !== table) continue;
          } else if (first) { r.read++; r.loaded++; r.loadedByTable[table] = (r.loadedByTable[table] ?? 0) + 1; }
          const rec = item.record;
          for (let j = 0; j < builders.length; j++) {
            const ks = keys[j]!;
            let raw = rec[ks[0]!];
            for (let k = 1; raw === undefined && k < ks.length; k++) raw = rec[ks[k]!];
            const b = builders[j]!;
            // strings into string columns are the common case: skip the general conversion
            const v = typeof raw === 'string' && b.type === 'string' ? raw : coerce(raw, b.type);
            if (v === FAIL) {
              b.push(null);
              problem(item.line, 'nulled', RDR.nulled, `column ${b.name}: cannot convert ${preview(raw)} to ${b.type}; stored null`);
            } else b.push(v);
          }
          rows++;
          if ((rows & (PROGRESS_EVERY - 1)) === 0 && state.opts.onProgress) {
            const now = Date.now();
            if (now - started > 1000 && now - lastProgress > 1000) {
              lastProgress = now;
              state.opts.onProgress(`loading ${table}: ${rows.toLocaleString('en-US')} rows (${file.display})`);
            }
          }
        }
      }
    } catch (e) {
      // anything unexpected still names the file; rows read before it are kept
      const err = e instanceof ReaderError ? e : new ReaderError(RDR.io, where(file.display, 0, `reading stopped: ${(e as Error)?.message ?? String(e)}`), { cause: e });
      if (state.opts.strict) throw err;
      if (first) r.errors.push(err.message);
    }
  }
  if (state.opts.onProgress && Date.now() - started > 1000) {
    state.opts.onProgress(`loaded ${table}: ${rows.toLocaleString('en-US')} rows, ${cols.length} column${cols.length === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
  return { columns: builders.map((b) => b.build()), rowCount: rows };
}
