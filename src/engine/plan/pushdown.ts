// Filter pushdown below joins: `(L | join R on k) | where p` with p reading only left-side columns becomes
// `(L | where p) | join R on k`. For inner/outer/semi/anti joins this only saves work; for the default
// innerunique it is also what Kusto does (the filter runs before the left side is de-duplicated), which the
// join-innerunique docs show: a filter on the left side selects which duplicate survives.
import type { BExpr, Plan } from '../../kql/semantics/index.js';

const PUSHABLE = new Set(['innerunique', 'inner', 'leftouter', 'leftsemi', 'leftanti']);

function cols(e: BExpr, out: Set<string>): boolean {
  switch (e.k) {
    case 'col': out.add(e.name); return true;
    case 'lit': return true;
    case 'op': case 'call': return e.args.every((a) => cols(a, out));
    case 'list': return cols(e.left, out) && e.items.every((it) => it.k === 'plan' || cols(it.expr, out));
    case 'get': return cols(e.target, out) && cols(e.key, out);
    case 'cast': return cols(e.arg, out);
    // row functions, subqueries and pack_all depend on more than the left columns' values
    default: return false;
  }
}

export function pushdownFilters(p: Plan): Plan {
  if (p.k === 'where' && p.input.k === 'join') {
    const j = p.input;
    if (PUSHABLE.has(j.kind)) {
      const used = new Set<string>();
      const leftNames = new Set(j.leftCols.map((i) => j.left.schema[i]!.name));
      // output columns keep the left names in front; right-side clashes are renamed, so a left name is unambiguous
      if (cols(p.pred, used) && [...used].every((n) => leftNames.has(n) && j.schema.findIndex((c) => c.name === n) < j.leftCols.length)) {
        const left: Plan = { k: 'where', input: j.left, pred: p.pred, schema: j.left.schema, span: p.span } as Plan;
        return { ...j, left: pushdownFilters(left), right: pushdownFilters(j.right) } as Plan;
      }
    }
  }
  const o = p as unknown as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...o };
  let changed = false;
  for (const key of ['input', 'left', 'right', 'sub']) {
    const child = o[key] as Plan | undefined;
    if (child && typeof child === 'object' && 'k' in child && 'schema' in child) {
      const n = pushdownFilters(child);
      if (n !== child) { copy[key] = n; changed = true; }
    }
  }
  if (Array.isArray(o.inputs)) {
    const ins = (o.inputs as Plan[]).map(pushdownFilters);
    if (ins.some((x, i) => x !== (o.inputs as Plan[])[i])) { copy.inputs = ins; changed = true; }
  }
  return changed ? (copy as unknown as Plan) : p;
}
