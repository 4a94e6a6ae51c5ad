// parse-kv: per row, extract key/value pairs from the source text and convert the wanted keys to their types
// (a missing key or a failed conversion gives null; strings give "").
import type { Plan } from '../../kql/semantics/index.js';
import { valueToString, type Value } from '../../kql/types/index.js';
import { Table, type Column } from '../../table/index.js';
import { convertValue } from '../functions/conversion.js';
import { extractKv } from '../functions/kv-text.js';
import { checkDeadline, compileFor, type ExecContext } from './context.js';

export function execParseKv(ctx: ExecContext, p: Extract<Plan, { k: 'parsekv' }>): Table {
  const t = ctx.run(p.input);
  const f = compileFor(ctx, t, p.source);
  const keys = p.columns.map((c) => c.name);
  const vals: Value[][] = p.columns.map(() => []);
  for (let i = 0; i < t.rowCount; i++) {
    const v = f(i);
    const text = v === null || v === undefined ? '' : valueToString(v, p.source.type);
    const kv = extractKv(text, keys, p.options);
    p.columns.forEach((c, j) => {
      const raw = kv.get(c.name);
      vals[j]!.push(raw === undefined ? (c.type === 'string' ? '' : null) : convertValue(raw, 'string', c.type));
    });
    if ((i & 0x3fff) === 0x3fff) checkDeadline(ctx);
  }
  const cols: Column[] = p.schema.map((c) => {
    const j = keys.indexOf(c.name);
    return j >= 0 ? { name: c.name, type: c.type, values: vals[j]! } : t.column(c.name)!;
  });
  return new Table(cols, t.rowCount);
}
