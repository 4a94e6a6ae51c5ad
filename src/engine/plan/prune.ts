// Projection pruning: walks the plan top-down with the set of columns each node's consumer needs, and records on
// every scan which of its columns are read — readers then load only those.
import type { BExpr, Plan } from '../../kql/semantics/index.js';

type Need = Set<string> | 'all';

function exprCols(e: BExpr, out: Set<string>, subplans: Plan[]): void {
  switch (e.k) {
    case 'col': out.add(e.name); break;
    case 'op': case 'call': case 'row': e.args.forEach((a) => exprCols(a, out, subplans)); break;
    case 'list':
      exprCols(e.left, out, subplans);
      for (const it of e.items) if (it.k === 'expr') exprCols(it.expr, out, subplans); else subplans.push(it.plan);
      break;
    case 'get': exprCols(e.target, out, subplans); exprCols(e.key, out, subplans); break;
    case 'cast': exprCols(e.arg, out, subplans); break;
    case 'scalar': subplans.push(e.plan); break;
    case 'packall': out.add('*'); break;
    default: break;
  }
}

function colsOf(exprs: BExpr[], subplans: Plan[]): Need {
  const s = new Set<string>();
  for (const e of exprs) exprCols(e, s, subplans);
  return s.has('*') ? 'all' : s;
}

function union(a: Need, b: Need): Need {
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...a, ...b]);
}

export function prunePlan(root: Plan): void {
  const queue: [Plan, Need][] = [[root, 'all']];
  while (queue.length) {
    const [p, need] = queue.shift()!;
    const sub: Plan[] = [];
    const push = (x: Plan, n: Need) => queue.push([x, n]);
    switch (p.k) {
      case 'scan':
        if (need === 'all') for (const c of p.schema) p.used.add(c.name);
        else for (const c of need) if (p.schema.some((x) => x.name === c)) p.used.add(c);
        break;
      case 'values': p.rows.forEach((r) => colsOf(r, sub)); break;
      case 'range': colsOf([p.from, p.to, p.step], sub); break;
      case 'where': push(p.input, union(need, colsOf([p.pred], sub))); break;
      case 'project': case 'serialize': {
        const items = need === 'all' ? p.items : p.items.filter((i) => need.has(i.name));
        const hasRow = p.items.some((i) => i.expr.k === 'row');
        push(p.input, colsOf((hasRow ? p.items : items).map((i) => i.expr), sub));
        break;
      }
      case 'summarize': {
        const exprs = [...p.keys.map((k) => k.expr)];
        for (const a of p.aggs) { exprs.push(...a.args); for (const x of a.extra ?? []) exprs.push(x.expr); }
        push(p.input, colsOf(exprs, sub));
        break;
      }
      case 'makeseries': colsOf([p.step, ...p.defaults], sub); push(p.input, 'all'); push(p.sub, 'all'); break;
      case 'distinct': push(p.input, colsOf(p.items.map((i) => i.expr), sub)); break;
      case 'sort': case 'top': push(p.input, union(need, colsOf(p.keys.map((k) => k.expr), sub))); break;
      case 'take': case 'render': push(p.input, need); break;
      case 'join': {
        let ln: Need = 'all', rn: Need = 'all';
        if (need !== 'all') {
          ln = new Set<string>(); rn = new Set<string>();
          let o = 0;
          for (const c of p.leftCols) { if (need.has(p.schema[o]!.name)) ln.add(p.left.schema[c]!.name); o++; }
          for (const c of p.rightCols) { if (need.has(p.schema[o]!.name)) rn.add(p.right.schema[c]!.name); o++; }
          if (p.kind === 'rightsemi' || p.kind === 'rightanti') rn = need;
        }
        push(p.left, union(ln, colsOf(p.leftKeys, sub)));
        push(p.right, union(rn, colsOf(p.rightKeys, sub)));
        break;
      }
      case 'union': {
        for (const inp of p.inputs) push(inp, need);
        break;
      }
      case 'mvexpand': push(p.input, union(need, colsOf(p.items.map((i) => i.expr), sub))); break;
      case 'mvapply': case 'partition': push(p.input, 'all'); push(p.sub, 'all'); break;
      case 'parse': case 'parsekv': push(p.input, union(need, colsOf([p.source], sub))); break;
      case 'getschema': break;
      case 'topnested': for (const l of p.levels) push(l.sub, 'all'); break;
      case 'materialized': push(p.input, 'all'); break;
      case 'bagunpack': case 'pivot': case 'scanop': case 'schemamerge': case 'dcountintersect': push(p.input, 'all'); break;
      case 'plugin': colsOf(p.params, sub); push(p.input, 'all'); break;
      case 'iplookup': push(p.input, 'all'); push(p.lookup, 'all'); break;
      default: break;
    }
    for (const s of sub) push(s, 'all');
  }
}

/** Every table a plan scans, with the union of the columns read. */
export function scannedTables(root: Plan): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  walkPlans(root, (p) => {
    if (p.k !== 'scan') return;
    const s = out.get(p.table) ?? new Set<string>();
    for (const c of p.used) s.add(c);
    out.set(p.table, s);
  });
  return out;
}

/** Every externaldata node of a plan (each is read before execution). */
export function externalNodes(root: Plan): Extract<Plan, { k: 'external' }>[] {
  const out: Extract<Plan, { k: 'external' }>[] = [];
  walkPlans(root, (p) => { if (p.k === 'external') out.push(p); });
  return out;
}

/** Calls fn once for every plan node reachable from root, including subqueries inside expressions. */
function walkPlans(root: Plan, fn: (p: Plan) => void): void {
  const seen = new Set<Plan>();
  const visit = (p: Plan | undefined): void => {
    if (!p || seen.has(p)) return;
    seen.add(p);
    fn(p);
    for (const v of Object.values(p)) {
      if (v && typeof v === 'object') {
        if (Array.isArray(v)) v.forEach((x) => visitAny(x));
        else visitAny(v);
      }
    }
  };
  const visitAny = (x: unknown): void => {
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    if (typeof o.k === 'string' && Array.isArray(o.schema)) { visit(o as unknown as Plan); return; }
    if (o.k === 'scalar' && o.plan) { visit(o.plan as Plan); return; }
    if (o.k === 'plan' && o.plan) { visit(o.plan as Plan); return; }
    for (const v of Object.values(o)) {
      if (Array.isArray(v)) v.forEach(visitAny);
      else if (v && typeof v === 'object' && !(v instanceof Set)) visitAny(v);
    }
  };
  visit(root);
}
