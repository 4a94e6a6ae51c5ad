// The library's workspace: a data directory's tables plus the built-in Sentinel/Defender schemas, queried with
// kqlite's engine. A known table with no file in the workspace exists and is empty (as in a Sentinel workspace
// without that connector), and the result says so.
import { openCatalog, builtinSchema, builtinTableNames, findExternalFile, readExternalFile, type Catalog, type LoadOptions, type FileReport } from '../data/index.js';
import { analyzeQuery, runQuery, type QueryOptions, type TableSource } from '../engine/index.js';
import { Table } from '../table/index.js';
import type { ColumnSchema, ScalarType } from '../kql/types/index.js';
import { valueToJson } from '../kql/types/index.js';
import { KqliteError, type Diagnostic } from '../kql/text/index.js';

export interface QueryResult {
  columns: { name: string; type: ScalarType }[];
  rows: unknown[][];
  /** Results of later tabular statements (`T1; T2`), in order; Kusto returns one table per statement. */
  more?: { columns: { name: string; type: ScalarType }[]; rows: unknown[][] }[];
  /** Truncation and missing-table notes. */
  warnings: string[];
  renders: { chart: string; text: string }[];
}

export interface WorkspaceOptions extends LoadOptions, QueryOptions {}

export class Workspace implements TableSource {
  private emptyWarned = new Set<string>();
  constructor(private readonly catalog: Catalog | undefined, readonly defaults: QueryOptions = {}) {}

  /** Reads an externaldata source from its mapped local file(s); undefined when a URL is not mapped. */
  async loadExternal(urls: readonly string[], schema: readonly ColumnSchema[], options: Readonly<Record<string, string>>) {
    const map = this.catalog?.externalFiles() ?? new Map<string, string>();
    const files = urls.map((u) => findExternalFile(map, u));
    if (!files.length || files.some((f) => f === undefined)) return undefined;
    const parts = (files as string[]).map((f) => readExternalFile(f, schema, options));
    const table = parts.length === 1 ? parts[0]!.table : Table.fromRows(schema, parts.flatMap((p) => p.table.rows()));
    return { table, warnings: parts.flatMap((p) => p.warnings) };
  }

  tableNames(): string[] {
    const present = this.catalog?.tableNames() ?? [];
    return [...new Set([...present, ...builtinTableNames()])].sort();
  }

  /** Tables with data files in the workspace. */
  dataTables(): string[] {
    return this.catalog?.tableNames() ?? [];
  }

  dataTableNames(): string[] {
    return this.dataTables();
  }

  tableSchema(name: string): ColumnSchema[] | undefined {
    return this.catalog?.schema(name) ?? builtinSchema(name);
  }

  async load(table: string, columns: string[]): Promise<Table> {
    if (this.catalog?.schema(table)) return this.catalog.load(table, { columns });
    this.emptyWarned.add(table);
    return Table.empty(this.tableSchema(table) ?? []);
  }

  /** Per-file reader totals (read, loaded, rejected, nulled). */
  reports(): FileReport[] {
    return this.catalog?.reports() ?? [];
  }

  skipped(): { file: string; reason: string }[] {
    return this.catalog?.skipped() ?? [];
  }

  /** Runs a query; the result is the same JSON `--format json` prints. Rejects with a KqliteError carrying diagnostics. */
  async query(text: string, opts: QueryOptions = {}): Promise<QueryResult> {
    const r = await this.queryTable(text, opts);
    const shape = (t: Table) => ({
      columns: t.columns.map((c) => ({ name: c.name, type: c.type })),
      rows: t.rows().map((row) => row.map((v, j) => valueToJson(v, t.columns[j]!.type))),
    });
    return { ...shape(r.table), ...(r.more.length ? { more: r.more.map(shape) } : {}), warnings: r.warnings, renders: r.renders };
  }

  /** Runs a query and returns the typed table (engine values). */
  async queryTable(text: string, opts: QueryOptions = {}) {
    this.emptyWarned.clear();
    const out = await runQuery(text, this, { ...this.defaults, ...opts });
    for (const t of this.emptyWarned) out.warnings.push(`table '${t}' has no data in this workspace (treated as empty)`);
    return out;
  }

  analyze(text: string, opts: QueryOptions = {}): Diagnostic[] {
    return analyzeQuery(text, this, { ...this.defaults, ...opts }).diagnostics;
  }
}

/** Opens the data directories (or files) as a workspace; `openWorkspace([])` has only the built-in (empty) tables. */
export async function openWorkspace(paths: string[], opts: WorkspaceOptions = {}): Promise<Workspace> {
  const catalog = paths.length ? await openCatalog(paths, opts) : undefined;
  const defaults: QueryOptions = {};
  if (opts.now !== undefined) defaults.now = opts.now;
  if (opts.timeoutMs !== undefined) defaults.timeoutMs = opts.timeoutMs;
  if (opts.maxRows !== undefined) defaults.maxRows = opts.maxRows;
  if (opts.seed !== undefined) defaults.seed = opts.seed;
  return new Workspace(catalog, defaults);
}

export interface AnalyzeOptions extends QueryOptions {
  workspace?: Workspace;
  /** Extra table schemas, e.g. `{ MyTable: '(a:string, b:long)' }` parsed by the caller. */
  tables?: Record<string, ColumnSchema[]>;
}

/** Parses and binds a query against the workspace's tables (or the built-in schemas); never throws on user input. */
export function analyze(text: string, opts: AnalyzeOptions = {}): Diagnostic[] {
  const base: { tableSchema(n: string): ColumnSchema[] | undefined; tableNames(): string[] } = opts.workspace ?? new Workspace(undefined);
  const extra = opts.tables ?? {};
  const catalog = {
    tableSchema: (n: string) => extra[n] ?? base.tableSchema(n),
    tableNames: () => [...new Set([...Object.keys(extra), ...base.tableNames()])],
  };
  return analyzeQuery(text, catalog, opts).diagnostics;
}

export { KqliteError };
