// parse / parse-where: one linear-time regex per operator; typed columns convert from the captured text.
import type { Plan } from '../../kql/semantics/index.js';
import type { ScalarType, Value } from '../../kql/types/index.js';
import { valueToString } from '../../kql/types/index.js';
import { Table, type Column } from '../../table/index.js';
import { compileRegex } from '../functions/regex.js';
import { convertValue } from '../functions/conversion.js';
import { KernelError } from '../functions/index.js';
import { runtimeError } from '../expr/compile.js';
import { checkDeadline, compileFor, type ExecContext } from './context.js';

function convert(text: string, type: ScalarType): Value {
  if (type === 'string') return text;
  return convertValue(text, 'string', type);
}

export function execParse(ctx: ExecContext, p: Extract<Plan, { k: 'parse' }>): Table {
  const t = ctx.run(p.input);
  let re;
  try {
    re = compileRegex(p.regex, p.flags.includes('s') || p.mode !== 'regex' ? p.flags + (p.mode !== 'regex' && !p.flags.includes('s') ? 's' : '') : p.flags);
  } catch (e) {
    if (e instanceof KernelError) throw runtimeError(e.code, `parse: ${e.message}`, p.span, e);
    throw e;
  }
  const src = compileFor(ctx, t, p.source);
  const st = p.source.type;
  const out: Value[][] = p.columns.map(() => []);
  const keep: number[] = [];
  for (let i = 0; i < t.rowCount; i++) {
    const v = src(i);
    const text = st === 'string' ? (v as string) : valueToString(v, st);
    const m = re.exec(text);
    let ok = m !== null;
    const vals = p.columns.map((c, k) => {
      if (!m) return c.type === 'string' ? '' : null;
      const g = m.named?.[`__c${k}`] ?? m.groups[k + 1];
      if (g === undefined) return c.type === 'string' ? '' : null;
      const cv = convert(g, c.type);
      if (cv === null && c.type !== 'string') ok = p.mode === 'relaxed' ? ok : false;
      return cv;
    });
    if (!ok && p.mode !== 'relaxed') for (let k = 0; k < vals.length; k++) vals[k] = p.columns[k]!.type === 'string' ? '' : null;
    if (p.where && !ok) continue;
    keep.push(i);
    vals.forEach((x, k) => out[k]!.push(x));
    if ((i & 0x3fff) === 0x3fff) checkDeadline(ctx);
  }
  const base = keep.length === t.rowCount ? t : t.select(keep);
  const cols: Column[] = p.schema.map((c) => {
    const k = p.columns.findIndex((x) => x.name === c.name);
    return k >= 0 ? { name: c.name, type: c.type, values: out[k]! } : base.column(c.name)!;
  });
  return new Table(cols, keep.length);
}
