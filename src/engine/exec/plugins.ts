// evaluate plugins: bag_unpack (bag keys become columns) and pivot (a column's values become columns, filled
// from the per-(keys, value) summarize the binder prepared; missing cells are null, counts 0).
import type { Plan } from '../../kql/semantics/index.js';
import type { DynamicValue, Value } from '../../kql/types/index.js';
import { Table, type Column } from '../../table/index.js';
import { fromDynamic } from '../functions/dynamic-compare.js';
import { checkDeadline, compileFor, type ExecContext } from './context.js';
import { parseIpv4, parseIpv6, v4Apply, v6Mask } from '../functions/ip.js';
import { hllValues } from '../functions/sketches.js';
import { dynamicKey } from '../functions/dynamic-compare.js';

export function execBagUnpack(ctx: ExecContext, p: Extract<Plan, { k: 'bagunpack' }>): Table {
  const t = ctx.run(p.input);
  const f = compileFor(ctx, t, p.column);
  const bags: (Record<string, DynamicValue> | null)[] = [];
  for (let i = 0; i < t.rowCount; i++) {
    const v = f(i);
    bags.push(v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, DynamicValue>) : null);
  }
  const cols: Column[] = p.schema.map((c) => {
    const u = p.unpack.find((x) => x.name === c.name);
    if (!u) return t.column(c.name)!;
    const values = bags.map((bag) => {
      const raw = bag && Object.prototype.hasOwnProperty.call(bag, u.key) ? bag[u.key]! : null;
      const v = fromDynamic(raw, c.type);
      return c.type === 'string' && v === null ? '' : v;
    });
    return { name: c.name, type: c.type, values };
  });
  return new Table(cols, t.rowCount);
}

export function execPivot(ctx: ExecContext, p: Extract<Plan, { k: 'pivot' }>): Table {
  const s = ctx.run(p.input);
  const keyCols = s.columns.slice(0, p.keyCount);
  const pivotCol = s.columns[p.keyCount]!;
  const valueCol = s.columns[p.keyCount + 1]!;
  const slot = new Map(p.values.map((v, i) => [v, i]));
  const groups = new Map<string, { row: number; cells: Value[] }>();
  const empty: Value = valueCol.type === 'long' ? 0n : null;
  for (let r = 0; r < s.rowCount; r++) {
    const key = JSON.stringify(keyCols.map((c) => { const v = c.values[r]; return typeof v === 'bigint' ? `${v}n` : v; }));
    let g = groups.get(key);
    if (!g) { g = { row: r, cells: p.values.map(() => empty) }; groups.set(key, g); }
    const at = slot.get(String(pivotCol.values[r] ?? ''));
    if (at !== undefined) g.cells[at] = valueCol.values[r] ?? null;
  }
  const rows = [...groups.values()];
  const cols: Column[] = p.schema.map((c, j) => ({
    name: c.name,
    type: c.type,
    values: j < p.keyCount ? rows.map((g) => keyCols[j]!.values[g.row] ?? null) : rows.map((g) => g.cells[j - p.keyCount] ?? null),
  }));
  return new Table(cols, rows.length);
}

/** ipv4_lookup / ipv6_lookup: the most specific (longest-prefix) range containing each row's IP. */
export function execIpLookup(ctx: ExecContext, p: Extract<Plan, { k: 'iplookup' }>): Table {
  const t = ctx.run(p.input);
  const l = ctx.run(p.lookup);
  const ipOf = compileFor(ctx, t, p.ip);
  const ranges = l.column(p.rangeColumn)!.values;
  // longest-prefix match: one map per prefix length from the masked network address to the first lookup row
  const byPrefix = new Map<number, Map<bigint, number>>();
  const maskOf = (len: number): bigint => (p.v6 ? v6Mask(len) : BigInt(len === 0 ? 0 : v4Apply(0xffffffff, len)));
  ranges.forEach((v, row) => {
    if (typeof v !== 'string') return;
    const r = p.v6 ? parseIpv6(v) : parseIpv4(v);
    if (!r) return;
    const m = byPrefix.get(r.prefix) ?? byPrefix.set(r.prefix, new Map()).get(r.prefix)!;
    const net = BigInt(r.addr) & maskOf(r.prefix);
    if (!m.has(net)) m.set(net, row);
  });
  const prefixes = [...byPrefix.keys()].sort((a, b) => b - a).map((len) => ({ mask: maskOf(len), map: byPrefix.get(len)! }));
  const left: number[] = [];
  const right: number[] = [];
  for (let i = 0; i < t.rowCount; i++) {
    const v = ipOf(i);
    let addr: bigint | null = null;
    if (typeof v === 'string') {
      if (p.v6) { const a = parseIpv6(v); addr = a ? a.addr : null; }
      else { const a = parseIpv4(v); addr = a && a.prefix === 32 ? BigInt(a.addr) : null; }
    }
    let hit: number | undefined;
    if (addr !== null) for (const pf of prefixes) { hit = pf.map.get(addr & pf.mask); if (hit !== undefined) break; }
    if (hit !== undefined) { left.push(i); right.push(hit); } else if (p.unmatched) { left.push(i); right.push(-1); }
    if ((i & 0x3fff) === 0x3fff) checkDeadline(ctx);
  }
  const nIn = p.input.schema.length;
  const cols: Column[] = p.schema.map((c, j) => {
    if (j < nIn) { const src = t.column(c.name)!; return { name: c.name, type: c.type, values: left.map((i) => src.values[i] ?? null) }; }
    const src = l.columns[j - nIn]!;
    return { name: c.name, type: c.type, values: right.map((r) => (r < 0 ? (c.type === 'string' ? '' : null) : src.values[r] ?? null)) };
  });
  return new Table(cols, left.length);
}

/** schema_merge: columns in first-seen order, a new column placed after the previous one of its schema; with
 *  PreserveOrder, a column whose relative order another schema contradicts is reported as an error row. */
export function execSchemaMerge(ctx: ExecContext, p: Extract<Plan, { k: 'schemamerge' }>): Table {
  const t = ctx.run(p.input);
  const get = (n: string) => t.column(n)!.values;
  const [names, ords, dts, cts] = [get('ColumnName'), get('ColumnOrdinal'), get('DataType'), get('ColumnType')];
  const merged: { name: string; dt: string; ct: string; bad: boolean }[] = [];
  let pos = -1;
  for (let i = 0; i < t.rowCount; i++) {
    if (Number(ords[i]) === 0) pos = -1;
    const name = String(names[i] ?? '');
    const at = merged.findIndex((m) => m.name === name);
    if (at >= 0) {
      if (at < pos && p.preserveOrder) merged[at]!.bad = true;
      pos = Math.max(pos, at);
      continue;
    }
    if (p.preserveOrder) for (let k = pos + 1; k < merged.length; k++) merged[k]!.bad = true;
    merged.splice(pos + 1, 0, { name, dt: String(dts[i] ?? ''), ct: String(cts[i] ?? ''), bad: false });
    pos++;
  }
  const err = 'ERROR(columns are out of order)';
  const rows = merged.map((m, k) => (m.bad ? [m.name, -1n, `ERROR(unknown CSL type:${err})`, err] : [m.name, BigInt(k), m.dt, m.ct]));
  return Table.fromRows(p.schema, rows);
}

/** dcount_intersect: per row, s_i = distinct values common to sketches 0…i (exact, as kqlite's hll is exact). */
export function execDcountIntersect(ctx: ExecContext, p: Extract<Plan, { k: 'dcountintersect' }>): Table {
  const t = ctx.run(p.input);
  const fs = p.sketches.map((e) => compileFor(ctx, t, e));
  const out: Value[][] = p.sketches.map(() => []);
  for (let i = 0; i < t.rowCount; i++) {
    let common: Set<string> | null = null;
    fs.forEach((f, k) => {
      const vals = hllValues(f(i));
      if (!vals) { common = new Set(); out[k]!.push(null); return; }
      const keys = new Set(vals.map((v) => dynamicKey(v)));
      common = common === null ? keys : new Set([...(common as Set<string>)].filter((x) => keys.has(x)));
      out[k]!.push(BigInt((common as Set<string>).size));
    });
  }
  const nIn = p.input.schema.length;
  const cols: Column[] = p.schema.map((c, j) => (j < nIn ? t.column(c.name)! : { name: c.name, type: c.type, values: out[j - nIn]! }));
  return new Table(cols, t.rowCount);
}
