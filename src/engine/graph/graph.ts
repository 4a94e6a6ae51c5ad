// The runtime graph: node and edge property tables plus adjacency lists, built from make-graph's inputs.
import type { GraphPlan, GraphShape } from '../../kql/semantics/index.js';
import { DEGREE_IN, DEGREE_OUT } from '../../kql/semantics/index.js';
import type { ScalarType, Value } from '../../kql/types/index.js';
import { Table, normalizeNull } from '../../table/index.js';
import { runtimeError } from '../expr/compile.js';
import type { ExecContext } from '../exec/context.js';
import { markComponents } from './components.js';

export interface Graph {
  /** node properties (shape.nodeProps) then the in/out degree columns */
  nodes: Table;
  /** node id per node */
  ids: Value[];
  idType: ScalarType;
  /** edge properties, one row per edge */
  edges: Table;
  src: Int32Array;
  dst: Int32Array;
  /** edge indices leaving / entering each node, in edge order */
  out: number[][];
  in: number[][];
}

/** Node ids compare by value across int/long/real (make-graph allows mixing numeric id columns). */
export function idKey(v: Value): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint' || typeof v === 'number') return 'n' + String(v);
  if (typeof v === 'string') return 's' + v;
  return 'o' + String(v);
}

const inputs = new WeakMap<ExecContext, Graph[]>();

/** Runs `f` with `g` as the graph of the enclosing partitioned-by (read by 'graphinput'). */
export function withGraphInput<T>(ctx: ExecContext, g: Graph, f: () => T): T {
  let stack = inputs.get(ctx);
  if (!stack) { stack = []; inputs.set(ctx, stack); }
  stack.push(g);
  try { return f(); } finally { stack.pop(); }
}

/** Evaluates a graph-valued plan. */
export function graphOf(ctx: ExecContext, p: GraphPlan): Graph {
  switch (p.k) {
    case 'makegraph':
      return buildGraph(ctx.run(p.edges), p.source, p.target, p.nodes.map((n) => ({ table: ctx.run(n.plan), key: n.key })), p.shape, p.nodeIdProp);
    case 'graphcomponents': return markComponents(graphOf(ctx, p.input as GraphPlan), p.strong, p.column);
    case 'graphinput': {
      const g = inputs.get(ctx)?.at(-1);
      if (!g) throw runtimeError('KQL3006', 'graph input used outside make-graph … partitioned-by', p.span);
      return g;
    }
  }
}

/** make-graph: node-table rows first (per property the first row of an id wins), then ids seen only on edges.
 *  Edges whose source or target id is null are left out (a node needs an id). */
export function buildGraph(edgesIn: Table, source: string, target: string, nodeTables: { table: Table; key: string }[], shape: GraphShape, nodeIdProp?: string): Graph {
  const props = shape.nodeProps;
  const cols: Value[][] = props.map(() => []);
  const assigned: boolean[][] = props.map(() => []);
  const ids: Value[] = [];
  const index = new Map<string, number>();
  const keyProps = new Set([...nodeTables.map((n) => n.key), ...(nodeIdProp ? [nodeIdProp] : [])]);
  const nodeFor = (id: Value): number => {
    const k = idKey(id)!;
    let at = index.get(k);
    if (at === undefined) {
      at = ids.length;
      index.set(k, at);
      ids.push(id);
      props.forEach((p, j) => {
        // a node known only from edges (or with_node_id) gets its id in the key properties, null elsewhere
        cols[j]!.push(keyProps.has(p.name) ? id : null);
        assigned[j]!.push(false);
      });
    }
    return at;
  };
  for (const { table, key } of nodeTables) {
    const keyCol = table.column(key)!.values;
    const from = props.map((p) => table.column(p.name)?.values);
    for (let r = 0; r < table.rowCount; r++) {
      if (idKey(keyCol[r] ?? null) === null) continue;
      const n = nodeFor(keyCol[r]!);
      props.forEach((_, j) => {
        const src = from[j];
        if (!src || assigned[j]![n]) return;
        cols[j]![n] = src[r] ?? null;
        assigned[j]![n] = true;
      });
    }
  }
  const s = edgesIn.column(source)!.values, t = edgesIn.column(target)!.values;
  const kept: number[] = [];
  const srcIdx: number[] = [], dstIdx: number[] = [];
  for (let r = 0; r < edgesIn.rowCount; r++) {
    if (idKey(s[r] ?? null) === null || idKey(t[r] ?? null) === null) continue;
    kept.push(r);
    srcIdx.push(nodeFor(s[r]!));
    dstIdx.push(nodeFor(t[r]!));
  }
  const edges = kept.length === edgesIn.rowCount ? edgesIn : edgesIn.select(kept);
  const n = ids.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  const inn: number[][] = Array.from({ length: n }, () => []);
  srcIdx.forEach((a, e) => { out[a]!.push(e); inn[dstIdx[e]!]!.push(e); });
  const nodeColumns = props.map((p, j) => ({ name: p.name, type: p.type, values: cols[j]!.map((v) => normalizeNull(v, p.type)) }));
  nodeColumns.push({ name: DEGREE_IN, type: 'long', values: inn.map((x) => BigInt(x.length)) });
  nodeColumns.push({ name: DEGREE_OUT, type: 'long', values: out.map((x) => BigInt(x.length)) });
  const idType = edgesIn.column(source)!.type;
  return { nodes: new Table(nodeColumns, n), ids, idType, edges, src: Int32Array.from(srcIdx), dst: Int32Array.from(dstIdx), out, in: inn };
}
