// join (all kinds; innerunique by default) and lookup: hash join on equality keys. Null keys never match;
// empty strings do (strings cannot be null).
import { jsonText } from '../../kql/types/index.js';
import type { Plan } from '../../kql/semantics/index.js';
import type { Value } from '../../kql/types/index.js';
import { Table, type Column } from '../../table/index.js';
import type { RowFn } from '../expr/compile.js';
import { checkDeadline, checkRows, compileFor, type ExecContext } from './context.js';

type JoinPlan = Extract<Plan, { k: 'join' }>;

function keyFn(fns: RowFn[], numeric: boolean[]): (i: number) => unknown {
  if (fns.length === 1) {
    const f = fns[0]!;
    const num = numeric[0];
    return (i) => {
      const v = f(i);
      if (v === null || v === undefined) return undefined;
      if (num && typeof v === 'bigint') return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
      return typeof v === 'object' ? jsonText(v) : v;
    };
  }
  return (i) => {
    let k = '';
    for (let j = 0; j < fns.length; j++) {
      const v = fns[j]!(i);
      if (v === null || v === undefined) return undefined;
      k += (typeof v === 'bigint' && numeric[j] ? String(Number(v)) : typeof v === 'object' ? jsonText(v) : String(v)) + '\u0001' + typeof v + '\u0002';
    }
    return k;
  };
}

export function execJoin(ctx: ExecContext, p: JoinPlan): Table {
  const L = ctx.run(p.left);
  const R = ctx.run(p.right);
  const numeric = p.leftKeys.map((k, j) => k.type !== p.rightKeys[j]!.type || k.type === 'long' || k.type === 'int' || k.type === 'real');
  const lk = keyFn(p.leftKeys.map((e) => compileFor(ctx, L, e)), numeric);
  const rk = keyFn(p.rightKeys.map((e) => compileFor(ctx, R, e)), numeric);

  // hash the right side
  const index = new Map<unknown, number[]>();
  for (let j = 0; j < R.rowCount; j++) {
    const k = rk(j);
    if (k === undefined) continue;
    const list = index.get(k);
    if (list) list.push(j); else index.set(k, [j]);
    if ((j & 0xffff) === 0xffff) checkDeadline(ctx);
  }
  const kind = p.kind;
  const li: number[] = [];
  const ri: number[] = [];
  const matchedRight = kind === 'rightouter' || kind === 'fullouter' || kind === 'rightsemi' || kind === 'rightanti' ? new Uint8Array(R.rowCount) : undefined;
  // innerunique keeps one left row per key: Kusto keeps an arbitrary one, we keep the first (filters on the left side
  // run before this de-duplication, see plan/pushdown.ts)
  let firstOfKey: Map<unknown, number> | undefined;
  if (kind === 'innerunique') {
    firstOfKey = new Map();
    for (let i = 0; i < L.rowCount; i++) { const k = lk(i); if (k !== undefined && !firstOfKey.has(k)) firstOfKey.set(k, i); }
  }
  for (let i = 0; i < L.rowCount; i++) {
    const k = lk(i);
    const hits = k === undefined ? undefined : index.get(k);
    if (firstOfKey && (k === undefined || firstOfKey.get(k) !== i)) continue;
    switch (kind) {
      case 'leftsemi': if (hits) li.push(i); break;
      case 'leftanti': if (!hits) li.push(i); break;
      case 'rightsemi': case 'rightanti': if (hits) for (const j of hits) matchedRight![j] = 1; break;
      default:
        if (hits) {
          const before = li.length;
          for (const j of hits) { li.push(i); ri.push(j); if (matchedRight) matchedRight[j] = 1; }
          if (li.length > ctx.maxIntermediateRows) checkRows(ctx, li.length, 'join');
          // a few keys with many matches each: check the deadline by output size, not only by input rows
          if ((li.length >>> 20) !== (before >>> 20)) checkDeadline(ctx);
        } else if (kind === 'leftouter' || kind === 'fullouter') { li.push(i); ri.push(-1); }
    }
    if ((i & 0xffff) === 0xffff) checkDeadline(ctx);
  }
  if (kind === 'leftsemi' || kind === 'leftanti') return L.select(li);
  if (kind === 'rightsemi' || kind === 'rightanti') {
    const keep: number[] = [];
    for (let j = 0; j < R.rowCount; j++) if ((matchedRight![j] === 1) === (kind === 'rightsemi')) keep.push(j);
    return R.select(keep);
  }
  if (kind === 'rightouter' || kind === 'fullouter') {
    for (let j = 0; j < R.rowCount; j++) if (!matchedRight![j]) { li.push(-1); ri.push(j); }
  }
  const pick = (src: Column, idx: number[], name: string, type: Column['type']): Column => {
    const vals = new Array<Value>(idx.length);
    const sv = src.values;
    const empty = type === 'string' ? '' : null;
    for (let k = 0; k < idx.length; k++) {
      const r = idx[k]!;
      vals[k] = r < 0 ? empty : (sv[r] as Value);
      if ((k & 0xfffff) === 0xfffff) checkDeadline(ctx);
    }
    return { name, type, values: vals };
  };
  const cols: Column[] = [];
  let o = 0;
  for (const c of p.leftCols) { const s = p.schema[o++]!; cols.push(pick(L.columns[c]!, li, s.name, s.type)); }
  for (const c of p.rightCols) { const s = p.schema[o++]!; cols.push(pick(R.columns[c]!, ri, s.name, s.type)); }
  return new Table(cols, li.length);
}
