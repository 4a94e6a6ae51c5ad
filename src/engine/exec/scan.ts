// scan: walks the (serialized) input record by record, checking the steps from last to first. Check 1: the
// previous step has an active sequence and the record meets this step's condition — the sequence moves here.
// Check 2 (only when check 1 did not match): this step already holds the sequence, or it is the first step —
// the record is matched in place (a first-step match with no active sequence starts a new match id).
// Matched records, extended by the declared columns, are output unless the step says output=none;
// output=last keeps only a step's latest record of a sequence.
import type { Plan } from '../../kql/semantics/index.js';
import type { Value } from '../../kql/types/index.js';
import { Table, type Column } from '../../table/index.js';
import { evalConst, type RowFn } from '../expr/compile.js';
import { checkDeadline, compileFor, type ExecContext } from './context.js';

/** A sequence at a step: each step's latest extended record so far (null: not reached), its match id. */
interface StepState { snap: (Value[] | null)[]; id: number; lastOut?: number }

export function execScanOp(ctx: ExecContext, p: Extract<Plan, { k: 'scanop' }>): Table {
  const t = ctx.run(p.input);
  const own = [...p.input.schema, ...p.declare.map((d) => ({ name: d.name, type: d.type }))];
  const nIn = p.input.schema.length;
  // one-row scratch table the compiled expressions read: the record, the declared values, every step's state
  const scratch: Column[] = [
    ...own.map((c) => ({ name: c.name, type: c.type, values: [null] as Value[] })),
    ...p.steps.flatMap((s) => own.map((c) => ({ name: `${s.name}.${c.name}`, type: c.type, values: [null] as Value[] }))),
  ];
  const st = new Table(scratch, 1);
  const conds = p.steps.map((s) => compileFor(ctx, st, s.cond));
  const assigns = p.steps.map((s) => s.assigns.map((a) => ({ at: own.findIndex((c) => c.name === a.name), f: compileFor(ctx, st, a.expr) as RowFn })));
  const defaults = p.declare.map((d) => evalConst(d.default, { kctx: ctx.kctx, runPlan: (x) => ctx.run(x) }));
  const states: (StepState | null)[] = p.steps.map(() => null);
  const out: Value[][] = [];
  const ids: number[] = [];
  let nextId = 0;
  // `step.col` reads the base sequence's record for that step; declared columns default when the step is not reached
  const show = (base: StepState | null) => p.steps.forEach((_, k) => own.forEach((c, j) => {
    const rec = base?.snap[k];
    scratch[own.length * (k + 1) + j]!.values[0] = rec ? rec[j]! : j >= nIn ? defaults[j - nIn]! : (c.type === 'string' ? '' : null);
  }));
  const setDeclared = (base: StepState | null, k: number) => p.declare.forEach((_, j) => {
    const rec = base?.snap[k] ?? base?.snap[k - 1];
    scratch[nIn + j]!.values[0] = rec ? rec[nIn + j]! : defaults[j]!;
  });
  const matched = (k: number, base: StepState | null, id: number, rec: Value[]) => {
    const vals = [...rec, ...p.declare.map((_, j) => scratch[nIn + j]!.values[0]!)];
    for (const a of assigns[k]!) vals[a.at] = a.f(0);
    const step = p.steps[k]!;
    const snap = base ? [...base.snap] : p.steps.map(() => null);
    snap[k] = vals;
    const s: StepState = { snap, id };
    if (step.output !== 'none') {
      if (step.output === 'last' && base && states[k] === base && base.lastOut !== undefined) { out[base.lastOut] = vals; s.lastOut = base.lastOut; }
      else { s.lastOut = out.length; out.push(vals); ids.push(id); }
    }
    states[k] = s;
  };
  for (let i = 0; i < t.rowCount; i++) {
    const rec = t.columns.map((c) => c.values[i] ?? null);
    rec.forEach((v, j) => { scratch[j]!.values[0] = v; });
    for (let k = p.steps.length - 1; k >= 0; k--) {
      const prev = k > 0 ? states[k - 1] ?? null : null;
      if (prev) {
        show(prev); setDeclared(prev, k);
        if (conds[k]!(0) === true) { states[k - 1] = null; matched(k, prev, prev.id, rec); continue; }
      }
      const cur = states[k] ?? null;
      if (cur || k === 0) {
        show(cur); setDeclared(cur, k);
        if (conds[k]!(0) === true) matched(k, cur, cur ? cur.id : nextId++, rec);
      }
    }
    if ((i & 0xfff) === 0xfff) checkDeadline(ctx);
  }
  const cols: Column[] = p.schema.map((c, j) => ({
    name: c.name,
    type: c.type,
    values: c.name === p.matchId && j === own.length ? ids.map((x) => BigInt(x)) : out.map((r) => r[j] ?? null),
  }));
  return new Table(cols, out.length);
}
