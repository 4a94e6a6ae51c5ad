// `parse-kv expr as (k:type, …) [with (pair_delimiter=…, kv_delimiter=…, quote=…, escape=…, greedy=…, regex=…)]`:
// adds the listed columns (replacing same-named ones) filled from the key/value pairs found in the text.
import type { Operator } from '../syntax/ast.js';
import type { ColumnSchema } from '../types/index.js';
import type { Plan } from './bound.js';
import type { Binder } from './binder.js';
import { bindExpr, constValue, fail, type RowContext } from './expr-binder.js';
import type { Scope } from './scope.js';

const KNOWN = new Set(['pair_delimiter', 'kv_delimiter', 'quote', 'escape', 'greedy', 'regex']);

export function bindParseKv(b: Binder, inp: Plan, op: Extract<Operator, { kind: 'parse-kv' }>, scope: Scope, row: RowContext): Plan {
  const source = bindExpr(b, op.source, scope, row);
  const options: Extract<Plan, { k: 'parsekv' }>['options'] = {};
  for (const p of op.params) {
    if (!KNOWN.has(p.name)) fail(b, 'KQL2008', `parse-kv: unknown option '${p.name}'`, p.span);
    const v = typeof p.value === 'string' ? p.value : constValue(bindExpr(b, p.value, scope, { columns: null }));
    if (v === undefined || v === null) fail(b, 'KQL2008', `parse-kv: option '${p.name}' needs a constant value`, p.span);
    if (p.name === 'greedy') options.greedy = v === true || String(v) === 'true';
    else if (p.name === 'pair_delimiter') options.pairDelimiter = String(v);
    else if (p.name === 'kv_delimiter') options.kvDelimiter = String(v);
    else if (p.name === 'quote') options.quote = String(v);
    else if (p.name === 'escape') options.escape = String(v);
    else options.regex = String(v);
  }
  const names = new Set(op.columns.map((c) => c.name));
  const schema: ColumnSchema[] = [...inp.schema.filter((c) => !names.has(c.name)), ...op.columns];
  return { k: 'parsekv', input: inp, source, columns: op.columns, options, schema, span: op.span } as Plan;
}
