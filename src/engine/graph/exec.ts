// Table-producing graph plan nodes: graph-to-table, partitioned-by, and the guard for a graph used as a table.
import type { Plan } from '../../kql/semantics/index.js';
import type { GraphPlan } from '../../kql/semantics/index.js';
import type { Value } from '../../kql/types/index.js';
import { Table, type Column } from '../../table/index.js';
import { hashBytes, xxhash64 } from '../functions/hashing.js';
import { runtimeError } from '../expr/compile.js';
import { checkDeadline, type ExecContext } from '../exec/context.js';
import { buildGraph, graphOf, idKey, withGraphInput, type Graph } from './graph.js';

export { execGraphMatch } from './match-exec.js';

/** Kusto's node hash id: hash() of the node id. */
function nodeHash(g: Graph, node: number): bigint {
  return BigInt.asIntN(64, xxhash64(hashBytes(g.ids[node]!, g.idType)));
}

export function execGraphToTable(ctx: ExecContext, p: Extract<Plan, { k: 'graphtotable' }>): Table {
  const g = graphOf(ctx, p.input as GraphPlan);
  const cols: Column[] = [];
  if (p.part === 'nodes') {
    const n = g.ids.length;
    if (p.nodeId) cols.push({ name: p.nodeId, type: 'long', values: Array.from({ length: n }, (_, i) => nodeHash(g, i)) });
    for (const c of p.schema.slice(p.nodeId ? 1 : 0)) cols.push(g.nodes.column(c.name)!);
    return new Table(cols, n);
  }
  const m = g.src.length;
  if (p.sourceId) cols.push({ name: p.sourceId, type: 'long', values: Array.from(g.src, (s) => nodeHash(g, s)) });
  if (p.targetId) cols.push({ name: p.targetId, type: 'long', values: Array.from(g.dst, (d) => nodeHash(g, d)) });
  for (const c of p.schema.slice(cols.length)) cols.push(g.edges.column(c.name)!);
  return new Table(cols, m);
}

/** make-graph … partitioned-by c (ops): one graph per value of c, in order of first appearance in the edges. */
export function execGraphPartition(ctx: ExecContext, p: Extract<Plan, { k: 'graphpartition' }>): Table {
  const mg = p.graph as GraphPlan & { k: 'makegraph' };
  const edges = ctx.run(mg.edges);
  const nodeTables = mg.nodes.map((n) => ({ table: ctx.run(n.plan), key: n.key }));
  const groups = (t: Table): Map<string, number[]> => {
    const vals = t.column(p.column)!.values;
    const m = new Map<string, number[]>();
    for (let i = 0; i < t.rowCount; i++) {
      const k = idKey(vals[i] ?? null) ?? 'null';
      const list = m.get(k);
      if (list) list.push(i); else m.set(k, [i]);
    }
    return m;
  };
  const edgeGroups = groups(edges);
  const nodeGroups = nodeTables.map((n) => groups(n.table));
  const parts: Table[] = [];
  for (const [key, rows] of edgeGroups) {
    checkDeadline(ctx);
    const g = buildGraph(edges.select(rows), mg.source, mg.target,
      nodeTables.map((n, j) => ({ table: n.table.select(nodeGroups[j]!.get(key) ?? []), key: n.key })), mg.shape, mg.nodeIdProp);
    parts.push(withGraphInput(ctx, g, () => ctx.run(p.sub)));
  }
  const cols: Column[] = p.schema.map((c) => {
    const values: Value[] = [];
    for (const t of parts) for (const v of t.column(c.name)?.values ?? []) values.push(v);
    return { name: c.name, type: c.type, values };
  });
  return new Table(cols, parts.reduce((a, t) => a + t.rowCount, 0));
}

export function graphAsTableError(p: Plan): never {
  throw runtimeError('KQL3006', 'a graph cannot be the result of a query: follow make-graph with graph-match, graph-shortest-paths or graph-to-table', p.span);
}
