// --dump tokens|syntax|bound|plan: each pipeline stage printed as text (trees as S-expressions).
import { lex } from '../kql/syntax/lexer.js';
import { parse } from '../kql/syntax/parser.js';
import { bind, type BindCatalog, type Plan, type BExpr } from '../kql/semantics/index.js';
import { formatSchema, valueToString } from '../kql/types/index.js';
import { prunePlan } from '../engine/plan/prune.js';

export type DumpStage = 'tokens' | 'syntax' | 'bound' | 'plan';

/** One-line S-expression of any syntax node (spans omitted). */
export function sexpr(node: unknown): string {
  if (node === null || node === undefined) return 'nil';
  if (typeof node === 'bigint') return `${node}`;
  if (typeof node === 'string') return JSON.stringify(node);
  if (typeof node !== 'object') return String(node);
  if (Array.isArray(node)) return '[' + node.map(sexpr).join(' ') + ']';
  if (node instanceof Set) return '{' + [...node].join(' ') + '}';
  const o = node as Record<string, unknown>;
  const head = (o.kind ?? o.k ?? '') as string;
  const parts = Object.entries(o)
    .filter(([k]) => k !== 'kind' && k !== 'k' && k !== 'span' && k !== 'opSpan' && k !== 'nameSpan')
    .map(([k, v]) => `${k}=${sexpr(v)}`);
  return `(${head}${parts.length ? ' ' + parts.join(' ') : ''})`;
}

function exprText(e: BExpr): string {
  switch (e.k) {
    case 'lit': return `${e.type}(${e.value === null ? 'null' : valueToString(e.value, e.type)})`;
    case 'col': return e.name;
    case 'op': return `(${e.op} ${e.args.map(exprText).join(' ')}):${e.type}`;
    case 'call': return `${e.fn}(${e.args.map(exprText).join(', ')}):${e.type}`;
    case 'list': return `(${e.op} ${exprText(e.left)} [${e.items.map((i) => (i.k === 'expr' ? exprText(i.expr) : '<subquery>')).join(', ')}])`;
    case 'get': return `${exprText(e.target)}[${exprText(e.key)}]`;
    case 'scalar': return 'toscalar(<subquery>)';
    case 'row': return `${e.fn}(${e.args.map(exprText).join(', ')})`;
    case 'cast': return `to${e.type}(${exprText(e.arg)})`;
    case 'packall': return 'pack_all()';
  }
}

/** Indented plan tree, one operator per line, with output schemas. */
export function planText(p: Plan, indent = ''): string {
  const inputs: Plan[] = [];
  let detail = '';
  switch (p.k) {
    case 'scan': detail = `${p.table} reads {${[...p.used].join(', ')}}`; break;
    case 'where': detail = exprText(p.pred); inputs.push(p.input); break;
    case 'project': case 'serialize': detail = p.items.map((i) => `${i.name}=${exprText(i.expr)}`).join(', '); inputs.push(p.input); break;
    case 'summarize': detail = `${p.aggs.map((a) => `${a.names.join(',')}=${a.fn}(${a.args.map(exprText).join(', ')})`).join(', ')} by ${p.keys.map((k) => `${k.name}=${exprText(k.expr)}`).join(', ')}`; inputs.push(p.input); break;
    case 'sort': case 'top': detail = p.keys.map((k) => `${exprText(k.expr)} ${k.desc ? 'desc' : 'asc'}`).join(', '); inputs.push(p.input); break;
    case 'join': detail = `kind=${p.kind} on ${p.leftKeys.map(exprText).join(',')} == ${p.rightKeys.map(exprText).join(',')}`; inputs.push(p.left, p.right); break;
    case 'union': inputs.push(...p.inputs); break;
    default: {
      const o = p as unknown as Record<string, unknown>;
      if (o.input) inputs.push(o.input as Plan);
    }
  }
  const head = `${indent}${p.k}${detail ? ' ' + detail : ''}  → ${formatSchema(p.schema)}`;
  return [head, ...inputs.map((x) => planText(x, indent + '  '))].join('\n');
}

export function dump(stage: DumpStage, text: string, catalog: BindCatalog): string {
  if (stage === 'tokens') {
    return lex(text).tokens.map((t) => `${t.start}-${t.end} ${t.kind} ${JSON.stringify(t.text)}`).join('\n') + '\n';
  }
  const parsed = parse(text);
  if (stage === 'syntax') return parsed.query.statements.map(sexpr).join('\n') + '\n';
  const bound = bind(parsed.query, catalog);
  if (!bound.plan) return '(no plan: the query has errors)\n';
  if (stage === 'plan') prunePlan(bound.plan);
  return planText(bound.plan) + '\n';
}
