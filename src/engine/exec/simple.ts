// Row-wise operators: scan, values (datatable/print), range, where, project/extend, take, union, getschema.
import type { BExpr, Plan } from '../../kql/semantics/index.js';
import type { Value } from '../../kql/types/index.js';
import { Table, type Column } from '../../table/index.js';
import { evalConst, runtimeError } from '../expr/compile.js';
import { checkDeadline, checkRows, compileFor, type ExecContext } from './context.js';

export function evalCount(ctx: ExecContext, e: BExpr): number {
  const v = evalConst(e, { kctx: ctx.kctx, runPlan: (p) => ctx.run(p) });
  if (v === null) return 0;
  const n = Number(v);
  return n < 0 ? 0 : n;
}

export function execScan(ctx: ExecContext, p: Extract<Plan, { k: 'scan' }>): Table {
  const t = ctx.tables.get(p.table);
  if (!t) throw runtimeError('KQL3001', `table '${p.table}' was not loaded`, p.span);
  // align with the bound schema; columns the plan never reads may be absent
  const cols: Column[] = p.schema.map((c) => {
    const have = t.column(c.name);
    if (have && have.type === c.type) return have;
    if (have) return { name: c.name, type: c.type, values: have.values };
    return { name: c.name, type: c.type, values: p.used.has(c.name) ? new Array<Value>(t.rowCount).fill(c.type === 'string' ? '' : null) : [] };
  });
  return new Table(cols, t.rowCount);
}

export function execValues(ctx: ExecContext, p: Extract<Plan, { k: 'values' }>): Table {
  const rows = p.rows.map((r) => r.map((e) => evalConst(e, { kctx: ctx.kctx, runPlan: (x) => ctx.run(x) })));
  return Table.fromRows(p.schema, rows);
}

export function execRange(ctx: ExecContext, p: Extract<Plan, { k: 'range' }>): Table {
  const c = (e: BExpr) => evalConst(e, { kctx: ctx.kctx, runPlan: (x) => ctx.run(x) });
  const from = c(p.from), to = c(p.to), step = c(p.step);
  const out: Value[] = [];
  if (from === null || to === null || step === null) return Table.fromRows(p.schema, []);
  if (p.type === 'real') {
    const f = Number(from), t = Number(to), s = Number(step);
    if (s === 0) throw runtimeError('KQL3005', 'range step cannot be 0', p.span);
    for (let v = f, k = 0; s > 0 ? v <= t : v >= t; k++, v = f + k * s) { out.push(v); if (out.length > ctx.maxIntermediateRows) checkRows(ctx, out.length, 'range'); }
  } else {
    const big = (v: Value) => (typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v))));
    const f = big(from), t = big(to), s = big(step);
    if (s === 0n) throw runtimeError('KQL3005', 'range step cannot be 0', p.span);
    const count = (t - f) / s + 1n;
    if (count > BigInt(ctx.maxIntermediateRows)) checkRows(ctx, Number(count), 'range');
    for (let v = f; s > 0n ? v <= t : v >= t; v += s) {
      out.push(v);
      if ((out.length & 0xfffff) === 0) checkDeadline(ctx);
    }
  }
  return new Table([{ name: p.schema[0]!.name, type: p.type, values: out }], out.length);
}

export function execWhere(ctx: ExecContext, p: Extract<Plan, { k: 'where' }>): Table {
  const t = ctx.run(p.input);
  const pred = compileFor(ctx, t, p.pred);
  const keep: number[] = [];
  const n = t.rowCount;
  for (let i = 0; i < n; i++) {
    if (pred(i) === true) keep.push(i);
    if ((i & 0xffff) === 0xffff) checkDeadline(ctx);
  }
  return keep.length === n ? t : t.select(keep);
}

export function execProject(ctx: ExecContext, p: Extract<Plan, { k: 'project' | 'serialize' }>): Table {
  const t = ctx.run(p.input);
  const n = t.rowCount;
  const cols: Column[] = p.items.map((it, j) => {
    const type = p.schema[j]!.type;
    if (it.expr.k === 'col') {
      const src = t.column(it.expr.name);
      if (src && src.type === type) return { name: it.name, type, values: src.values };
    }
    const f = compileFor(ctx, t, it.expr);
    const vals = new Array<Value>(n);
    for (let i = 0; i < n; i++) {
      vals[i] = f(i);
      if ((i & 0xffff) === 0xffff) checkDeadline(ctx);
    }
    if (type === 'string') for (let i = 0; i < n; i++) if (vals[i] === null || vals[i] === undefined) vals[i] = '';
    return { name: it.name, type, values: vals };
  });
  return new Table(cols, n);
}

export function execTake(ctx: ExecContext, p: Extract<Plan, { k: 'take' }>): Table {
  const t = ctx.run(p.input);
  const n = evalCount(ctx, p.count);
  return n >= t.rowCount ? t : t.slice(0, n);
}

export function execUnion(ctx: ExecContext, p: Extract<Plan, { k: 'union' }>): Table {
  const parts = p.inputs.map((x) => ctx.run(x));
  const total = parts.reduce((s, t) => s + t.rowCount, 0);
  checkRows(ctx, total, 'union');
  const cols: Column[] = [];
  const offset = p.source ? 1 : 0;
  if (p.source) {
    const vals: Value[] = [];
    parts.forEach((t, k) => { for (let i = 0; i < t.rowCount; i++) vals.push(p.source!.names[k]!); });
    cols.push({ name: p.source.column, type: 'string', values: vals });
  }
  for (let j = offset; j < p.schema.length; j++) {
    const vals: Value[] = [];
    for (const t of parts) { const c = t.columns[j - offset]!; for (let i = 0; i < t.rowCount; i++) vals.push(c.values[i] as Value); }
    cols.push({ name: p.schema[j]!.name, type: p.schema[j]!.type, values: vals });
  }
  return new Table(cols, total);
}

export function execGetschema(ctx: ExecContext, p: Extract<Plan, { k: 'getschema' }>): Table {
  const cs = p.input.schema;
  const netType: Record<string, string> = {
    string: 'System.String', int: 'System.Int32', long: 'System.Int64', real: 'System.Double', decimal: 'System.Data.SqlTypes.SqlDecimal',
    bool: 'System.SByte', datetime: 'System.DateTime', timespan: 'System.TimeSpan', guid: 'System.Guid', dynamic: 'System.Object',
  };
  void ctx;
  return Table.fromRows(p.schema, cs.map((c, i) => [c.name, BigInt(i), netType[c.type] ?? c.type, c.type]));
}
