// top-nested: keeps the top N groups of each level within each kept parent group, ordered by the level's
// aggregate (desc unless asc; nulls last), and emits one row per kept leaf with every level's key and aggregate.
import type { Plan } from '../../kql/semantics/index.js';
import type { Value } from '../../kql/types/index.js';
import { Table, type Column } from '../../table/index.js';
import { evalConst } from '../expr/compile.js';
import type { ExecContext } from './context.js';

const keyOf = (vals: Value[]) => JSON.stringify(vals, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));

function cmp(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function execTopNested(ctx: ExecContext, p: Extract<Plan, { k: 'topnested' }>): Table {
  /** children[parentKey] = kept rows of the next level: [keys…, aggregate] */
  const children: Map<string, Value[][]>[] = [];
  let allowed = new Set<string>([keyOf([])]);
  p.levels.forEach((lv, j) => {
    const t = ctx.run(lv.sub);
    const n = lv.count ? Number(evalConst(lv.count, { kctx: ctx.kctx, runPlan: (x) => ctx.run(x) }) ?? 0) : Infinity;
    const groups = new Map<string, Value[][]>();
    for (const r of t.rows()) {
      const parent = keyOf(r.slice(0, j));
      if (!allowed.has(parent)) continue;
      (groups.get(parent) ?? groups.set(parent, []).get(parent)!).push(r);
    }
    const next = new Set<string>();
    for (const [k, rows] of groups) {
      rows.sort((a, b) => { const c = cmp(a[j + 1]!, b[j + 1]!); return lv.asc ? (a[j + 1] === null ? 1 : b[j + 1] === null ? -1 : c) : (a[j + 1] === null ? 1 : b[j + 1] === null ? -1 : -c); });
      const kept = rows.slice(0, Math.max(0, n));
      groups.set(k, kept);
      for (const r of kept) next.add(keyOf(r.slice(0, j + 1)));
    }
    children.push(groups);
    allowed = next;
  });
  const out: Value[][] = [];
  const walk = (j: number, prefix: Value[], acc: Value[]) => {
    if (j === p.levels.length) { out.push(acc); return; }
    for (const r of children[j]!.get(keyOf(prefix)) ?? []) walk(j + 1, r.slice(0, j + 1), [...acc, r[j]!, r[j + 1]!]);
  };
  walk(0, [], []);
  const cols: Column[] = p.schema.map((c, i) => ({ name: c.name, type: c.type, values: out.map((r) => r[i] ?? null) }));
  return new Table(cols, out.length);
}
