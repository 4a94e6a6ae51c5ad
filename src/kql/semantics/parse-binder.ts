// `parse` / `parse-where`: the pattern becomes one regular expression (run by the engine's linear-time
// regex) whose groups fill the new columns; kind=simple|regex|relaxed as the docs define.
import type { Operator } from '../syntax/ast.js';
import type { ColumnSchema, ScalarType } from '../types/index.js';
import type { Plan } from './bound.js';
import type { Binder } from './binder.js';
import { bindExpr, fail, type RowContext } from './expr-binder.js';
import { paramValue } from './operator-binder.js';
import type { Scope } from './scope.js';

const escapeRe = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

function groupFor(type: ScalarType, greedy: boolean): string {
  switch (type) {
    case 'int': case 'long': return '(-?\\d+)';
    case 'real': case 'decimal': return '(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)';
    default: return greedy ? '(.*)' : '(.*?)';
  }
}

export function bindParse(b: Binder, inp: Plan, op: Extract<Operator, { kind: 'parse' | 'parse-where' }>, scope: Scope, row: RowContext): Plan {
  const mode = (paramValue(op.params, 'kind') ?? 'simple') as 'simple' | 'regex' | 'relaxed';
  if (!['simple', 'regex', 'relaxed'].includes(mode)) fail(b, 'KQL2008', `unknown parse kind '${mode}'`, op.span);
  const flags = paramValue(op.params, 'flags') ?? '';
  const source = bindExpr(b, op.source, scope, row);
  const columns: ColumnSchema[] = [];
  let re = '';
  op.pattern.forEach((p, i) => {
    // regex mode is greedy (flags=U makes it lazy, as the docs' examples show); simple mode is lazy but the last
    const last = mode === 'regex' || i === op.pattern.length - 1;
    if (p.kind === 'const') re += mode === 'regex' ? `(?:${p.text})` : escapeRe(p.text);
    else if (p.kind === 'star') re += last ? '.*' : '.*?';
    else {
      if (columns.some((c) => c.name === p.name)) fail(b, 'KQL2009', `parse: column '${p.name}' appears twice in the pattern`, p.span);
      columns.push({ name: p.name, type: p.type === 'decimal' ? 'real' : p.type });
      // relaxed: any text matches; a value that does not convert becomes null on its own
      // named, so capture groups inside regex-mode constants do not shift the columns (engine reads __cN)
      re += groupFor(mode === 'relaxed' ? 'string' : p.type, last).replace(/^\(/, `(?P<__c${columns.length - 1}>`);
    }
  });
  if (!columns.length) fail(b, 'KQL2008', 'parse pattern defines no columns', op.span);
  const schema = inp.schema.filter((c) => !columns.some((n) => n.name === c.name)).concat(columns);
  return { k: 'parse', input: inp, source, mode, regex: mode === 'regex' ? re : `^${re}`, flags, columns, where: op.kind === 'parse-where', schema, span: op.span } as Plan;
}
