// The whole pipeline on one screen: parse → bind → stop on errors → prune → load → execute.
import { parse } from '../kql/syntax/parser.js';
import { bind, type BindCatalog, type BindOptions, type Plan } from '../kql/semantics/index.js';
import { diag, hasErrors, KqliteError, type Diagnostic } from '../kql/text/index.js';
import type { ColumnSchema, ScalarType } from '../kql/types/index.js';
import type { Table } from '../table/index.js';
import { executePlan } from './exec/execute.js';
import { compileFor, type ExecContext } from './exec/context.js';
import { externalNodes, prunePlan, scannedTables } from './plan/prune.js';
import { pushdownFilters } from './plan/pushdown.js';
import { makeKernelContext } from './kernel-context.js';
import { KernelError, withKernelDeadline } from './functions/index.js';

/** A catalog that can also load a table's rows (only the listed columns are needed). */
export interface TableSource extends BindCatalog {
  load(table: string, columns: string[]): Promise<Table>;
  /** An externaldata source read from a local copy; undefined when the URLs are not mapped (KQL3015 at run time). */
  loadExternal?(urls: readonly string[], schema: readonly ColumnSchema[], options: Readonly<Record<string, string>>): Promise<{ table: Table; warnings: string[] } | undefined>;
}

export interface QueryOptions {
  /** Pinned now() — Date, ISO text, or ticks since the Unix epoch. */
  now?: Date | string | bigint;
  /** Cancel after this many milliseconds (KQL3010). */
  timeoutMs?: number;
  /** Truncate the result after this many rows (a warning says so), as Kusto does. Default 500,000. */
  maxRows?: number;
  /** Seed for rand(). */
  seed?: number;
  /** Values for `declare query_parameters(...)`. */
  parameters?: Record<string, { type: ScalarType; value: unknown }>;
}

export interface QueryOutput {
  /** The first statement's result (Kusto's first result table). */
  table: Table;
  /** Results of the later tabular statements, in order (Kusto returns one table per statement). */
  more: Table[];
  diagnostics: Diagnostic[];
  warnings: string[];
  truncated: boolean;
  renders: { chart: string; text: string }[];
}

export interface Analysis {
  diagnostics: Diagnostic[];
  plan?: Plan;
  /** Every tabular statement's plan, in order (the last one is `plan`). */
  plans?: Plan[];
  renders: { chart: string; text: string }[];
}

/** Parse and bind only; never throws on user input (a stack overflow on pathological nesting becomes KQL2014). */
export function analyzeQuery(text: string, catalog: BindCatalog, opts: QueryOptions = {}, evalColumn?: BindOptions['evalColumn']): Analysis {
  try {
    return analyzeUnguarded(text, catalog, opts, evalColumn);
  } catch (e) {
    if (!isStackOverflow(e)) throw e;
    return { diagnostics: [tooDeep(text)], renders: [] };
  }
}

function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

function tooDeep(text: string): Diagnostic {
  return diag('KQL2014', 'the query is nested too deeply to analyze (simplify long operator chains or nesting)', { start: 0, end: text.length });
}

function analyzeUnguarded(text: string, catalog: BindCatalog, opts: QueryOptions, evalColumn?: BindOptions['evalColumn']): Analysis {
  const parsed = parse(text);
  if (hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics, renders: [] };
  const bindOpts: BindOptions = {};
  if (opts.parameters) bindOpts.parameters = opts.parameters;
  if (evalColumn) bindOpts.evalColumn = evalColumn;
  const bound = bind(parsed.query, catalog, bindOpts);
  const diagnostics = [...parsed.diagnostics, ...bound.diagnostics];
  if (!bound.plan && !hasErrors(diagnostics)) {
    diagnostics.push(diag('KQL2016', 'the query has no tabular result (it only defines let statements)', { start: Math.max(0, text.length - 1), end: text.length }));
  }
  return bound.plan ? { diagnostics, plan: bound.plan, plans: bound.plans, renders: bound.renders } : { diagnostics, renders: bound.renders };
}

/** Plugins whose output columns depend on the data: binding them needs the input evaluated. */
const DATA_SCHEMA_PLUGINS = /\bevaluate\b[\s\S]*\b(bag_unpack|pivot)\b/;

export async function runQuery(text: string, source: TableSource, opts: QueryOptions = {}): Promise<QueryOutput> {
  const tables = new Map<string, Table>();
  const ctx: ExecContext = {
    tables,
    kctx: makeKernelContext(opts),
    materialized: new Map(),
    maxIntermediateRows: 50_000_000,
    run: (p) => executePlan(ctx, p),
  };
  if (opts.timeoutMs !== undefined) ctx.deadline = Date.now() + opts.timeoutMs;
  let evalColumn: BindOptions['evalColumn'];
  if (DATA_SCHEMA_PLUGINS.test(text)) {
    // preload (whole) every table the text names, so the binder can run the plugin's input
    for (const name of source.tableNames()) {
      if (!text.includes(name)) continue;
      tables.set(name, await source.load(name, (source.tableSchema(name) ?? []).map((c) => c.name)));
    }
    evalColumn = (plan, expr) => {
      try {
        return withKernelDeadline(ctx.deadline, () => {
          const t = executePlan(ctx, plan);
          const f = compileFor(ctx, t, expr);
          return Array.from({ length: t.rowCount }, (_, i) => f(i));
        });
      } catch (e) {
        if (e instanceof KernelError) throw new KqliteError(e.code, e.message, { cause: e });
        throw e;
      }
    };
  }
  const a = analyzeQuery(text, source, opts, evalColumn);
  if (hasErrors(a.diagnostics) || !a.plan) {
    const first = a.diagnostics.find((d) => d.severity === 'error')!;
    throw new KqliteError(first.code, first.message, { span: first.span, diagnostics: a.diagnostics });
  }
  // every tabular statement is a result, in order; columns are loaded once for all of them
  const roots = (a.plans?.length ? a.plans : [a.plan]).map((p) => { const q = pushdownFilters(p); prunePlan(q); return q; });
  const need = new Map<string, Set<string>>();
  for (const r of roots) for (const [name, cols] of scannedTables(r)) need.set(name, new Set([...(need.get(name) ?? []), ...cols]));
  for (const [name, cols] of need) if (!tables.has(name)) tables.set(name, await source.load(name, [...cols]));
  const warnings: string[] = [];
  for (const node of roots.flatMap((r) => externalNodes(r))) {
    const got = await source.loadExternal?.(node.urls, node.schema, node.options);
    if (!got) continue;
    (ctx.externals ??= new Map()).set(node, got.table);
    warnings.push(...got.warnings);
  }
  ctx.materialized.clear();
  const results: Table[] = [];
  try {
    for (const r of roots) results.push(withKernelDeadline(ctx.deadline, () => executePlan(ctx, r)));
  } catch (e) {
    // a kernel error that escaped its operator still becomes a coded runtime error
    if (e instanceof KernelError) throw new KqliteError(e.code, e.message, { cause: e });
    if (!isStackOverflow(e)) throw e;
    throw new KqliteError('KQL3013', 'the query is nested too deeply to run (simplify long operator chains or nesting)', { cause: e });
  }
  const maxRows = opts.maxRows ?? 500_000;
  let truncated = false;
  const capped = results.map((t, i) => {
    if (t.rowCount <= maxRows) return t;
    const which = results.length > 1 ? `result ${i + 1} ` : 'the result ';
    warnings.push(`${which}has ${t.rowCount} rows; it was truncated to the first ${maxRows} (raise the limit with maxRows / --max-rows)`);
    truncated = true;
    return t.slice(0, maxRows);
  });
  return { table: capped[0]!, more: capped.slice(1), diagnostics: a.diagnostics, warnings, truncated, renders: a.renders };
}
