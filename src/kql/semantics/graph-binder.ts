// Binding of make-graph, graph-to-table, graph-mark-components and partitioned-by. A graph is a plan node with
// a GraphShape and no table schema; only the graph operators accept one (anything else is KQL2020).
import type { GraphOperator, Operator } from '../syntax/ast.js';
import type { ColumnSchema } from '../types/index.js';
import type { Plan } from './bound.js';
import type { Binder } from './binder.js';
import { fail } from './expr-binder.js';
import type { Scope } from './scope.js';
import { isGraphPlan, type GraphPlan, type GraphShape } from './graph-plan.js';
import { bindGraphMatch } from './graph-match-binder.js';
import { bindOperator } from './operator-binder.js';

export const GRAPH_CONSUMERS: ReadonlySet<string> = new Set(['graph-match', 'graph-shortest-paths', 'graph-to-table', 'graph-mark-components']);

type Op<K extends GraphOperator['kind']> = Extract<GraphOperator, { kind: K }>;

/** Entry point from bindOperator for the graph operators (and for any operator applied to a graph). */
export function bindGraphOperator(b: Binder, input: Plan, op: GraphOperator, scope: Scope): Plan {
  if (op.kind === 'make-graph') {
    if (isGraphPlan(input)) fail(b, 'KQL2020', 'make-graph needs a table of edges, but its input is already a graph', op.span);
    return bindMakeGraph(b, input, op, scope);
  }
  if (!isGraphPlan(input)) fail(b, 'KQL2020', `${op.kind} needs a graph as its input: put make-graph before it`, op.span);
  const g = input as GraphPlan;
  switch (op.kind) {
    case 'graph-match': case 'graph-shortest-paths': return bindGraphMatch(b, g, op, scope);
    case 'graph-to-table': return bindGraphToTable(b, g, op, scope);
    case 'graph-mark-components': return bindMarkComponents(b, g, op);
  }
}

/** The diagnostic for a non-graph operator applied to a graph. */
export function failTabularOnGraph(b: Binder, op: Operator): never {
  return fail(b, 'KQL2020', `'${op.kind}' cannot be applied to a graph: follow make-graph with graph-match, graph-shortest-paths, graph-to-table or graph-mark-components`, op.span);
}

function bindMakeGraph(b: Binder, edges: Plan, op: Op<'make-graph'>, scope: Scope): Plan {
  const col = (schema: ColumnSchema[], name: { name: string; span: { start: number; end: number } }, what: string): ColumnSchema => {
    const c = schema.find((x) => x.name === name.name);
    if (!c) fail(b, 'KQL2002', `make-graph: ${what} has no column named '${name.name}'`, name.span);
    return c!;
  };
  const src = col(edges.schema, op.source, 'the edges table');
  const dst = col(edges.schema, op.target, 'the edges table');
  const idKind = (t: string): string => (t === 'int' || t === 'long' || t === 'real' ? 'number' : t);
  if (idKind(src.type) !== idKind(dst.type)) fail(b, 'KQL2005', `make-graph: source ids are ${src.type} but target ids are ${dst.type}`, op.target.span);
  if (src.type === 'dynamic') fail(b, 'KQL2005', 'make-graph: node ids must be scalar values, not dynamic', op.source.span);
  const nodes: { plan: Plan; key: string }[] = [];
  const nodeProps: ColumnSchema[] = [];
  for (const n of op.nodes) {
    const plan = b.bindTabular(n.table, scope);
    if (isGraphPlan(plan)) fail(b, 'KQL2020', 'make-graph: a node table must be a table, not a graph', n.table.span);
    const key = col(plan.schema, n.key, 'the nodes table');
    if (idKind(key.type) !== idKind(src.type)) fail(b, 'KQL2005', `make-graph: node ids '${key.name}' are ${key.type} but edge ids are ${src.type}`, n.key.span);
    for (const c of plan.schema) {
      const seen = nodeProps.find((x) => x.name === c.name);
      if (!seen) nodeProps.push({ ...c });
      else if (seen.type !== c.type) fail(b, 'KQL2005', `make-graph: node property '${c.name}' is ${seen.type} in one node table and ${c.type} in another`, n.span);
    }
    nodes.push({ plan, key: key.name });
  }
  // projection pruning does not look inside graphs: the scans under them read every column
  markScansUsed(edges);
  for (const n of nodes) markScansUsed(n.plan);
  if (op.withNodeId) nodeProps.push({ name: op.withNodeId.name, type: src.type });
  const shape: GraphShape = { nodeProps, edgeProps: edges.schema.map((c) => ({ ...c })) };
  const graph = {
    k: 'makegraph', edges, source: src.name, target: dst.name, nodes, shape, schema: [], span: op.span,
    ...(op.withNodeId ? { nodeIdProp: op.withNodeId.name } : {}),
  } as Plan;
  if (!op.partition) return graph;
  return bindPartition(b, graph as GraphPlan & { k: 'makegraph' }, op.partition, scope);
}

function bindPartition(b: Binder, graph: GraphPlan & { k: 'makegraph' }, part: NonNullable<Op<'make-graph'>['partition']>, scope: Scope): Plan {
  const column = part.column.name;
  if (!graph.edges.schema.some((c) => c.name === column)) fail(b, 'KQL2002', `partitioned-by: the edges table has no column '${column}'`, part.column.span);
  for (const n of graph.nodes) {
    if (!n.plan.schema.some((c) => c.name === column)) fail(b, 'KQL2002', `partitioned-by: every node table needs the partition column '${column}'`, part.column.span);
  }
  if (!part.ops.length || !GRAPH_CONSUMERS.has(part.ops[0]!.kind)) fail(b, 'KQL2020', 'partitioned-by ( … ) must start with a graph operator such as graph-match', part.span);
  let sub: Plan = { k: 'graphinput', shape: graph.shape, schema: [], span: part.span } as Plan;
  for (const o of part.ops) sub = bindOperator(b, sub, o, scope);
  if (isGraphPlan(sub)) fail(b, 'KQL2020', 'partitioned-by ( … ) must end in a table: finish it with graph-match, graph-shortest-paths or graph-to-table', part.span);
  return { k: 'graphpartition', graph, column, sub, schema: sub.schema, span: graph.span } as Plan;
}

function bindGraphToTable(b: Binder, g: GraphPlan, op: Op<'graph-to-table'>, scope: Scope): Plan {
  if (op.parts.length > 1 && op.parts.some((x) => !x.as)) fail(b, 'KQL2008', 'graph-to-table nodes and edges together need a table name for each: nodes as N, edges as E', op.span);
  const plans = op.parts.map((part) => {
    let schema: ColumnSchema[];
    let body: object;
    if (part.what === 'nodes') {
      schema = [...(part.nodeId ? [{ name: part.nodeId, type: 'long' as const }] : []), ...g.shape.nodeProps];
      body = { k: 'graphtotable', input: g, part: 'nodes', ...(part.nodeId ? { nodeId: part.nodeId } : {}) };
    } else {
      schema = [
        ...(part.sourceId ? [{ name: part.sourceId, type: 'long' as const }] : []),
        ...(part.targetId ? [{ name: part.targetId, type: 'long' as const }] : []),
        ...g.shape.edgeProps,
      ];
      body = { k: 'graphtotable', input: g, part: 'edges', ...(part.sourceId ? { sourceId: part.sourceId } : {}), ...(part.targetId ? { targetId: part.targetId } : {}) };
    }
    const seen = new Set<string>();
    for (const c of schema) {
      if (seen.has(c.name)) fail(b, 'KQL2009', `graph-to-table: column '${c.name}' would appear twice`, part.span);
      seen.add(c.name);
    }
    const plan = { ...body, schema, span: op.span } as Plan;
    if (part.as) scope.set(part.as, { kind: 'tabular', plan });
    return plan;
  });
  return plans[0]!;
}

function bindMarkComponents(b: Binder, g: GraphPlan, op: Op<'graph-mark-components'>): Plan {
  let strong = false;
  let column = 'ComponentId';
  for (const p of op.params) {
    const v = String(p.value);
    if (p.name === 'kind') {
      if (v !== 'weak' && v !== 'strong') fail(b, 'KQL2008', `graph-mark-components: kind must be weak or strong, not '${v}'`, p.span);
      strong = v === 'strong';
    } else column = v;
  }
  const nodeProps = g.shape.nodeProps.filter((c) => c.name !== column);
  const shape: GraphShape = { nodeProps: [...nodeProps, { name: column, type: 'long' }], edgeProps: g.shape.edgeProps };
  return { k: 'graphcomponents', input: g, strong, column, shape, schema: [], span: op.span } as Plan;
}

function markScansUsed(root: unknown, seen = new Set<unknown>()): void {
  if (!root || typeof root !== 'object' || seen.has(root) || root instanceof Set) return;
  seen.add(root);
  const o = root as Record<string, unknown>;
  if (o.k === 'scan' && o.used instanceof Set && Array.isArray(o.schema)) for (const c of o.schema as ColumnSchema[]) o.used.add(c.name);
  for (const v of Object.values(o)) {
    if (Array.isArray(v)) v.forEach((x) => markScansUsed(x, seen));
    else markScansUsed(v, seen);
  }
}
