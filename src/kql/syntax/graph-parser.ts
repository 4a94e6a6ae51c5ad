// Grammar of the graph operators: make-graph, graph-match, graph-shortest-paths, graph-to-table, graph-mark-components.
// Called from parser.ts once the operator name is read; errors throw through the host like any other operator.
import type { Span } from '../text/index.js';
import type { Token } from './lexer.js';
import type {
  AssignItem, Expr, GraphBound, GraphEdgeElem, GraphName, GraphNodeElem, GraphOperator, GraphPathPattern, GraphToTablePart, Operator, OpParam,
} from './ast.js';

/** The parts of the recursive-descent parser the graph grammar uses. */
export interface GraphParserHost {
  readonly tok: Token;
  peek(k?: number): Token;
  next(): Token;
  isPunct(s: string, t?: Token): boolean;
  isWord(s: string, t?: Token): boolean;
  error(code: string, message: string, span: Span): never;
  expectPunct(s: string, what?: string): Token;
  expectWord(s: string): Token;
  identName(what?: string): { name: string; span: Span };
  tokSpan(t?: Token): Span;
  describe(t: Token): string;
  prevEnd(): number;
  atOperatorEnd(): boolean;
  parseExpr(): Expr;
  parsePostfix(): Expr;
  parseAssignList(): AssignItem[];
  parseOperator(): Operator;
}

export const GRAPH_OPERATOR_NAMES = new Set(['make-graph', 'graph-match', 'graph-shortest-paths', 'graph-to-table', 'graph-mark-components']);

export function parseGraphOperator(p: GraphParserHost, name: string, done: () => Span): GraphOperator {
  switch (name) {
    case 'make-graph': return parseMakeGraph(p, done);
    case 'graph-match': case 'graph-shortest-paths': {
      const params = parseNamedParams(p, name === 'graph-match' ? ['cycles'] : ['output']);
      const patterns: GraphPathPattern[] = [parsePath(p)];
      while (p.isPunct(',')) { p.next(); patterns.push(parsePath(p)); }
      let where: Expr | undefined;
      if (p.isWord('where')) { p.next(); where = p.parseExpr(); }
      let project: AssignItem[] | undefined;
      if (p.isWord('project')) { p.next(); project = p.parseAssignList(); }
      if (!p.atOperatorEnd()) p.error('KQL1004', `expected 'where', 'project' or the end of ${name} but found ${p.describe(p.tok)}`, p.tokSpan());
      const op: GraphOperator = { kind: name, params, patterns, span: done() };
      if (where) op.where = where;
      if (project) op.project = project;
      return op;
    }
    case 'graph-to-table': return parseGraphToTable(p, done);
    default: return { kind: 'graph-mark-components', params: parseNamedParams(p, ['kind', 'with_component_id']), span: done() };
  }
}

/** `name=value` options (values are identifiers) among the allowed names. */
function parseNamedParams(p: GraphParserHost, allowed: string[]): OpParam[] {
  const params: OpParam[] = [];
  while (p.tok.kind === 'ident' && allowed.includes(p.tok.text) && p.isPunct('=', p.peek())) {
    const nameTok = p.next();
    p.next();
    const v = p.identName(`a value for ${nameTok.text}`);
    params.push({ name: nameTok.text, value: v.name, span: { start: nameTok.start, end: p.prevEnd() } });
  }
  return params;
}

function parseMakeGraph(p: GraphParserHost, done: () => Span): GraphOperator {
  const source: GraphName = p.identName('the source node id column');
  if (!p.isPunct('-') || !p.isPunct('-', p.peek()) || !p.isPunct('>', p.peek(2)) || p.peek().spaceBefore || p.peek(2).spaceBefore) {
    p.error('KQL1004', `expected '-->' after the source column of make-graph but found ${p.describe(p.tok)}`, p.tokSpan());
  }
  p.next(); p.next(); p.next();
  const target: GraphName = p.identName('the target node id column');
  const op: Extract<GraphOperator, { kind: 'make-graph' }> = { kind: 'make-graph', source, target, nodes: [], span: done() };
  if (p.isWord('with')) {
    p.next();
    for (;;) {
      const start = p.tok.start;
      const table = p.parsePostfix();
      p.expectWord('on');
      const key = p.identName('the node id column');
      op.nodes.push({ table, key, span: { start, end: p.prevEnd() } });
      if (!p.isPunct(',')) break;
      p.next();
    }
  } else if (p.isWord('with_node_id') && p.isPunct('=', p.peek())) {
    p.next(); p.next();
    op.withNodeId = p.identName('a node id property name');
  }
  if (p.isWord('partitioned') && p.isPunct('-', p.peek()) && p.isWord('by', p.peek(2))) {
    const start = p.next().start;
    p.next(); p.next();
    const column = p.identName('a partition column');
    p.expectPunct('(');
    const ops: Operator[] = [];
    for (;;) {
      ops.push(p.parseOperator());
      if (p.isPunct('|')) { p.next(); continue; }
      break;
    }
    p.expectPunct(')');
    op.partition = { column, ops, span: { start, end: p.prevEnd() } };
  }
  op.span = done();
  return op;
}

/** `(a)-[e]->(b)<--(c)-[*1..3]-(d)` */
function parsePath(p: GraphParserHost): GraphPathPattern {
  const start = p.tok.start;
  const nodes: GraphNodeElem[] = [parseNode(p)];
  const edges: GraphEdgeElem[] = [];
  while (p.isPunct('-') || (p.isPunct('<') && p.isPunct('-', p.peek()))) {
    edges.push(parseEdge(p));
    nodes.push(parseNode(p));
  }
  return { span: { start, end: p.prevEnd() }, nodes, edges };
}

function parseNode(p: GraphParserHost): GraphNodeElem {
  const start = p.expectPunct('(', "'(' (a graph node)").start;
  let name: string | undefined;
  if (!p.isPunct(')')) name = p.identName('a node variable name').name;
  p.expectPunct(')');
  const span = { start, end: p.prevEnd() };
  return name !== undefined ? { name, span } : { span };
}

/** Arrows are written without spaces inside (`-[`, `]->`, `-->`, `<--`), as Kusto's tokens are. */
function parseEdge(p: GraphParserHost): GraphEdgeElem {
  const start = p.tok.start;
  const glued = (s: string, what: string): void => {
    if (!p.isPunct(s) || p.tok.spaceBefore) p.error('KQL1004', `expected ${what} but found ${p.describe(p.tok)}`, p.tokSpan());
    p.next();
  };
  const left = p.isPunct('<');
  if (left) { p.next(); glued('-', "'<-' (a graph edge)"); } else p.expectPunct('-');
  let body: Omit<GraphEdgeElem, 'dir' | 'span'> = { variable: false };
  if (p.isPunct('[') && !p.tok.spaceBefore) {
    p.next();
    body = parseEdgeBody(p);
    p.expectPunct(']');
  }
  glued('-', "'-' (a graph edge)");
  let right = false;
  if (p.isPunct('>') && !p.tok.spaceBefore) { p.next(); right = true; }
  return { ...body, dir: left && right ? 'both' : left ? 'left' : right ? 'right' : 'any', span: { start, end: p.prevEnd() } };
}

/** `[name] [* min..max]` inside the brackets; each bound is an integer literal or a constant's name */
function parseEdgeBody(p: GraphParserHost): Omit<GraphEdgeElem, 'dir' | 'span'> {
  const out: Omit<GraphEdgeElem, 'dir' | 'span'> = { variable: false };
  if (p.tok.kind === 'ident' || p.tok.kind === 'bracketIdent') out.name = p.identName().name;
  if (!p.isPunct('*')) return out;
  p.next();
  out.variable = true;
  const bound = (what: string): GraphBound => {
    const t = p.tok;
    if (t.kind === 'ident') return p.identName();
    if (t.kind !== 'int') p.error('KQL1004', `expected the ${what} of the variable-length edge (*min..max) but found ${p.describe(t)}`, p.tokSpan());
    p.next();
    const n = Number(t.text);
    if (!Number.isSafeInteger(n)) p.error('KQL1003', `invalid variable-length edge bound '${t.text}'`, p.tokSpan(t));
    return n;
  };
  out.min = bound('minimum');
  p.expectPunct('..', "'..' and the maximum (*min..max)");
  out.max = bound('maximum');
  return out;
}

/** `nodes [as N] [with_node_id=C] [, edges [as E] [with_source_id=S] [with_target_id=T]]` (either order) */
function parseGraphToTable(p: GraphParserHost, done: () => Span): GraphOperator {
  const parts: GraphToTablePart[] = [];
  for (;;) {
    const start = p.tok.start;
    const what = p.identName("'nodes' or 'edges'");
    if (what.name !== 'nodes' && what.name !== 'edges') p.error('KQL1004', `expected 'nodes' or 'edges' after graph-to-table but found '${what.name}'`, what.span);
    const part: GraphToTablePart = { what: what.name as 'nodes' | 'edges', span: what.span };
    if (p.isWord('as')) { p.next(); part.as = p.identName('a table name').name; }
    for (;;) {
      const opt = p.tok.kind === 'ident' && p.isPunct('=', p.peek()) ? p.tok.text : '';
      const key = opt === 'with_node_id' ? 'nodeId' : opt === 'with_source_id' ? 'sourceId' : opt === 'with_target_id' ? 'targetId' : undefined;
      if (!key) break;
      if (key === 'nodeId' ? part.what !== 'nodes' : part.what !== 'edges') p.error('KQL1004', `${opt} does not apply to ${part.what}`, p.tokSpan());
      p.next(); p.next();
      part[key] = p.identName('a column name').name;
    }
    part.span = { start, end: p.prevEnd() };
    parts.push(part);
    if (!p.isPunct(',')) break;
    p.next();
  }
  if (parts.length === 2 && parts[0]!.what === parts[1]!.what) p.error('KQL1004', `graph-to-table lists ${parts[0]!.what} twice`, parts[1]!.span);
  if (parts.length > 2) p.error('KQL1004', 'graph-to-table exports at most nodes and edges', parts[2]!.span);
  return { kind: 'graph-to-table', parts, span: done() };
}
