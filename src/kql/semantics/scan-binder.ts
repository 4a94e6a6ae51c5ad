// `scan`: binds each step's condition and assignments against the record's columns, the declared columns, and
// every step's state as `step.column` (rewritten to a column named "step.column").
import type { Expr, ScanOperator } from '../syntax/ast.js';
import type { ColumnSchema } from '../types/index.js';
import type { BExpr, Plan } from './bound.js';
import type { Binder } from './binder.js';
import { bindExpr, fail, lit } from './expr-binder.js';
import type { Scope } from './scope.js';

/** Replaces `step.col` member accesses by names "step.col". */
function rewriteStepRefs(e: unknown, steps: Set<string>): unknown {
  if (Array.isArray(e)) return e.map((x) => rewriteStepRefs(x, steps));
  if (!e || typeof e !== 'object') return e;
  const o = e as Record<string, unknown>;
  if (o.kind === 'Member' && (o.target as Expr).kind === 'Name' && steps.has((o.target as { name: string }).name)) {
    return { kind: 'Name', name: `${(o.target as { name: string }).name}.${o.name as string}`, span: o.span };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = k === 'span' ? v : rewriteStepRefs(v, steps);
  return out;
}

export function bindScan(b: Binder, inp: Plan, op: ScanOperator, scope: Scope): Plan {
  if (!op.steps.length) fail(b, 'KQL2008', 'scan needs at least one step', op.span);
  const names = new Set(op.steps.map((s) => s.name));
  if (names.size !== op.steps.length) fail(b, 'KQL2009', 'scan step names must be unique', op.span);
  const declare = op.declare.map((d) => {
    if (inp.schema.some((c) => c.name === d.name)) fail(b, 'KQL2009', `scan declares '${d.name}', which is already a column`, d.span);
    const def = d.default ? bindExpr(b, d.default, scope, { columns: null }) : lit(d.type, d.type === 'string' ? '' : null);
    const value: BExpr = def.type === d.type || (def.k === 'lit' && def.value === null) ? { ...def, type: d.type } as BExpr : { k: 'cast', type: d.type, from: def.type, arg: def };
    return { name: d.name, type: d.type, default: value };
  });
  const own: ColumnSchema[] = [...inp.schema, ...declare.map((d) => ({ name: d.name, type: d.type }))];
  const columns: ColumnSchema[] = [...own, ...op.steps.flatMap((s) => own.map((c) => ({ name: `${s.name}.${c.name}`, type: c.type })))];
  const row = { columns, serialized: true };
  const steps = op.steps.map((s) => {
    const cond = bindExpr(b, rewriteStepRefs(s.cond, names) as Expr, scope, row);
    if (cond.type !== 'bool') fail(b, 'KQL2005', `scan step '${s.name}' needs a bool condition, got ${cond.type}`, s.cond.span);
    const assigns = s.assigns.map((a) => {
      // declared columns, or the record's own columns
      const d = own.find((x) => x.name === a.name);
      if (!d) fail(b, 'KQL2002', `scan assigns '${a.name}', which is neither declared nor a column`, a.span);
      let expr = bindExpr(b, rewriteStepRefs(a.expr, names) as Expr, scope, row);
      if (expr.type !== d!.type) expr = { k: 'cast', type: d!.type, from: expr.type, arg: expr };
      return { name: a.name, expr };
    });
    return { name: s.name, output: s.output, cond, assigns };
  });
  const schema: ColumnSchema[] = [...own, ...(op.matchId ? [{ name: op.matchId, type: 'long' as const }] : [])];
  const plan = { k: 'scanop', input: inp, declare, steps, schema, span: op.span } as Plan & { k: 'scanop' };
  if (op.matchId) plan.matchId = op.matchId;
  return plan;
}
