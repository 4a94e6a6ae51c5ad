// The workspace catalog: table names and schemas up front, columns loaded on demand (only those asked for) and cached.
import type { ColumnSchema } from '../kql/types/index.js';
import { Table, type Column } from '../table/index.js';
import type { DataFile } from './workspace.js';
import { discover } from './workspace.js';
import { FieldStats, buildSchema, scanFile } from './schema-scan.js';
import { builtinSchema } from './builtin-schemas.js';
import { loadPass, type LoadState } from './loader.js';
import type { FileReport } from './report.js';
import { ReaderError, RDR } from './errors.js';

export interface LoadOptions {
  /** The first problem (rejected record, nulled value, invalid UTF-8, damaged file) throws ReaderError. */
  strict?: boolean;
  /** Progress lines while loading takes over a second (the CLI passes one when stderr is a TTY). */
  onProgress?: (msg: string) => void;
  /** Year for syslog times without one (RFC 3164); default the current UTC year. */
  year?: number;
  /** Records per file read at open time to find extra fields of known tables (default 1000). */
  sampleRows?: number;
  /** Records per file read at open time to infer unknown tables (default: all). */
  inferRows?: number;
  /** Longest line accepted; longer lines are rejected and skipped (default 256 MiB). */
  maxLineBytes?: number;
  /** Worker threads for one large uncompressed NDJSON file (default: available parallelism; 1 = none). */
  workers?: number;
  /** Smallest file (and range) loaded in parallel, in bytes (default 64 MiB). */
  minParallelBytes?: number;
  /** Directory of the on-disk column cache (off when not given; never used with `strict`). See column-cache.ts. */
  cacheDir?: string;
}

export interface Catalog {
  /** Tables present in the workspace, sorted. */
  tableNames(): string[];
  /** Full schema (built-in + extra fields seen) of a table present in the workspace. */
  schema(table: string): ColumnSchema[] | undefined;
  /** The table with the requested columns (all when not given), in that order; columns are cached. */
  load(table: string, opts?: { columns?: string[] }): Promise<Table>;
  /** Per-file totals of everything loaded so far, by file name. */
  reports(): FileReport[];
  /** Files in the given directories that were not used, with the reason. */
  skipped(): { file: string; reason: string }[];
  /** externaldata URL → local file, from the directories' kqlite.json. */
  externalFiles(): ReadonlyMap<string, string>;
}

interface TableEntry {
  name: string;
  files: DataFile[];
  schema: ColumnSchema[];
  sources: Map<string, string[]>;
  columns: Map<string, Column>;
  rowCount: number | undefined;
  lock: Promise<unknown>;
}

export async function openCatalog(paths: string[], opts: LoadOptions = {}): Promise<Catalog> {
  const skipped: { file: string; reason: string }[] = [];
  let files: DataFile[];
  let external: Map<string, string>;
  try {
    ({ files, external } = await discover(paths, (file, reason) => skipped.push({ file, reason })));
  } catch (e) {
    if (e instanceof ReaderError) throw e;
    throw new ReaderError(RDR.io, (e as Error).message, { cause: e });
  }
  const byTable = new Map<string, DataFile[]>();
  for (const f of files) for (const t of f.tables) {
    const list = byTable.get(t) ?? [];
    list.push(f);
    byTable.set(t, list);
  }
  const stats = new Map<string, FieldStats>();
  for (const t of byTable.keys()) stats.set(t, new FieldStats());
  const sample = opts.sampleRows ?? 1000;
  const infer = opts.inferRows ?? Infinity;
  for (const f of files) {
    const limit = f.tables.some((t) => !builtinSchema(t)) ? infer : sample;
    if (limit > 0) await scanFile(f, limit, (t) => stats.get(t), opts.year);
  }
  const tables = new Map<string, TableEntry>();
  for (const [name, list] of byTable) {
    const { schema, sources } = buildSchema(name, stats.get(name)!);
    tables.set(name, { name, files: list, schema, sources, columns: new Map(), rowCount: undefined, lock: Promise.resolve() });
  }
  const state: LoadState = { reports: new Map(), counted: new Set(), opts };

  async function load(name: string, req?: { columns?: string[] }): Promise<Table> {
    const t = tables.get(name);
    if (!t) throw new ReaderError(RDR.noTable, `table '${name}' is not in the workspace`);
    const wanted = req?.columns
      ? [...new Set(req.columns)].map((c) => t.schema.find((s) => s.name === c)).filter((c): c is ColumnSchema => c !== undefined)
      : t.schema;
    const run = async () => {
      const missing = wanted.filter((c) => !t.columns.has(c.name));
      if (missing.length > 0 || t.rowCount === undefined) {
        const { columns, rowCount } = await loadPass(t.name, t.files, missing, t.sources, state);
        if (t.rowCount !== undefined && t.rowCount !== rowCount) {
          throw new ReaderError(RDR.io, `${t.name}: the files changed while loading (${t.rowCount} rows, now ${rowCount})`);
        }
        t.rowCount = rowCount;
        for (const c of columns) t.columns.set(c.name, c);
      }
      return new Table(wanted.map((c) => t.columns.get(c.name)!), t.rowCount);
    };
    const p = t.lock.then(run, run);
    t.lock = p.catch(() => undefined);
    return p;
  }

  return {
    tableNames: () => [...tables.keys()].sort(),
    schema: (name) => tables.get(name)?.schema.map((c) => ({ ...c })),
    load,
    reports: () => [...state.reports.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
      .map((r) => ({ ...r, loadedByTable: { ...r.loadedByTable }, errors: [...r.errors], problems: [...r.problems] })),
    skipped: () => [...skipped],
    externalFiles: () => external,
  };
}
