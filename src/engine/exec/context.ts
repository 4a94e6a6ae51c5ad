// Execution context shared by the physical operators of one query run.
import type { Plan, BExpr } from '../../kql/semantics/index.js';
import type { Value } from '../../kql/types/index.js';
import type { Table } from '../../table/index.js';
import type { KernelContext } from '../functions/index.js';
import { compileExpr, runtimeError, type CompileContext, type RowFn } from '../expr/compile.js';

export interface ExecContext {
  /** Loaded workspace tables by name (only the columns the plan reads are filled). */
  tables: Map<string, Table>;
  kctx: KernelContext;
  materialized: Map<number, Table>;
  /** Absolute time (ms since epoch) after which the query is cancelled. */
  deadline?: number;
  /** Upper bound on rows any operator may produce (memory guard). */
  maxIntermediateRows: number;
  run(plan: Plan): Table;
  /** Tables of the plan's externaldata nodes that map to local files. */
  externals?: Map<Plan, Table>;
  /** Inputs of the mv-apply subqueries being run (innermost last). */
  mvapplyInputs?: Table[];
}

export function compileFor(ctx: ExecContext, t: Table, e: BExpr): RowFn {
  return compileExpr(e, compileContext(ctx, t));
}

export function compileContext(ctx: ExecContext, t: Table): CompileContext {
  const columns = new Map<string, { type: Plan['schema'][number]['type']; values: Value[] }>();
  for (const c of t.columns) columns.set(c.name, c);
  return { columns, kctx: ctx.kctx, runPlan: (p) => ctx.run(p), rowCount: t.rowCount };
}

/** Throws KQL3010 when the query ran past its deadline; called every few thousand rows. */
export function checkDeadline(ctx: ExecContext): void {
  if (ctx.deadline !== undefined && Date.now() > ctx.deadline) {
    throw runtimeError('KQL3010', 'query timed out (the timeout limit was reached)', undefined);
  }
}

export function checkRows(ctx: ExecContext, n: number, what: string): void {
  if (n > ctx.maxIntermediateRows) {
    throw runtimeError('KQL3011', `${what} would produce more than ${ctx.maxIntermediateRows} rows; narrow the query or raise the row limit`, undefined);
  }
}
