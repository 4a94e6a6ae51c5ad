// Pattern checks for graph-match / graph-shortest-paths: variables, variable-length bounds, connectivity.
import type { GraphBound, GraphOperator } from '../syntax/ast.js';
import type { Span } from '../text/index.js';
import type { Binder } from './binder.js';
import { fail } from './expr-binder.js';
import type { BoundGraphEdge, BoundGraphPath, GraphMatchBody } from './graph-plan.js';
import type { Scope } from './scope.js';

/** Largest upper bound of a variable-length edge (`*min..max`); the search is also capped at run time. */
export const MAX_EDGE_HOPS = 64;

type MatchOp = Extract<GraphOperator, { kind: 'graph-match' | 'graph-shortest-paths' }>;

export function bindPattern(b: Binder, op: MatchOp, shortest: boolean, scope: Scope): Pick<GraphMatchBody, 'nodeVars' | 'edgeVars' | 'paths'> {
  const nodeVars: string[] = [];
  const edgeVars: GraphMatchBody['edgeVars'] = [];
  const nodeIdx = new Map<string, number>();
  const edgeNames = new Set<string>();
  const paths: BoundGraphPath[] = op.patterns.map((pat) => {
    const nodes = pat.nodes.map((n) => {
      if (n.name === undefined) { nodeVars.push(`$node${nodeVars.length}`); return nodeVars.length - 1; }
      if (edgeNames.has(n.name)) fail(b, 'KQL2008', `'${n.name}' names both an edge and a node of the pattern`, n.span);
      const seen = nodeIdx.get(n.name);
      if (seen !== undefined) return seen;
      nodeVars.push(n.name);
      nodeIdx.set(n.name, nodeVars.length - 1);
      return nodeVars.length - 1;
    });
    const edges = pat.edges.map((e) => {
      const name = e.name ?? `$edge${edgeVars.length}`;
      if (e.name !== undefined) {
        if (nodeIdx.has(e.name) || pat.nodes.some((n) => n.name === e.name)) fail(b, 'KQL2008', `'${e.name}' names both an edge and a node of the pattern`, e.span);
        if (edgeNames.has(e.name)) fail(b, 'KQL2006', `edge variable '${e.name}' appears twice in the pattern; use a different name for each edge`, e.span);
        edgeNames.add(e.name);
      }
      if (e.dir === 'both') fail(b, 'KQL2006', "an edge pointing both ways ('<-[e]->') is not supported: use '-[e]-' for either direction", e.span);
      let min = 1, max = 1;
      if (e.variable) {
        if (e.max === undefined || e.min === undefined) fail(b, 'KQL2008', `variable-length edge${e.name ? ` '${e.name}'` : ''} needs both bounds: write *min..max (at most ${MAX_EDGE_HOPS})`, e.span);
        min = boundValue(b, e.min!, scope, e.span);
        max = boundValue(b, e.max!, scope, e.span);
        if (min > max) fail(b, 'KQL2008', `variable-length edge bounds *${min}..${max}: the minimum is larger than the maximum`, e.span);
        if (max > MAX_EDGE_HOPS) fail(b, 'KQL2008', `variable-length edge upper bound ${max} is above kqlite's limit of ${MAX_EDGE_HOPS} hops`, e.span);
      }
      edgeVars.push({ name, variable: e.variable });
      return { v: edgeVars.length - 1, dir: e.dir as BoundGraphEdge['dir'], variable: e.variable, min, max };
    });
    return { nodes, edges };
  });
  if (shortest) {
    if (paths.length !== 1) fail(b, 'KQL2008', 'graph-shortest-paths takes a single path pattern (no comma-separated sequences)', op.patterns[1]!.span);
    if (!paths[0]!.edges.some((e) => e.variable)) fail(b, 'KQL2008', 'graph-shortest-paths needs a variable-length edge in its pattern, such as -[e*1..5]->', op.patterns[0]!.span);
  }
  // every later sequence must share a node variable with the earlier ones (one connected pattern)
  const bound = new Set(paths[0]!.nodes);
  const pending = paths.slice(1).map((p, i) => ({ p, i: i + 1 }));
  while (pending.length) {
    const at = pending.findIndex((x) => x.p.nodes.some((n) => bound.has(n)));
    if (at < 0) fail(b, 'KQL2006', 'the pattern sequences must be connected: each one needs a node variable shared with another', op.patterns[pending[0]!.i]!.span);
    for (const n of pending[at]!.p.nodes) bound.add(n);
    pending.splice(at, 1);
  }
  return { nodeVars, edgeVars, paths };
}

/** A bound of `*min..max`: an integer literal, or a let/parameter holding a non-negative integer constant. */
function boundValue(b: Binder, v: GraphBound, scope: Scope, span: Span): number {
  if (typeof v === 'number') return v;
  const bound = scope.get(v.name);
  const value = bound?.kind === 'scalar' && bound.expr.k === 'lit' ? bound.expr.value : undefined;
  const n = typeof value === 'bigint' || typeof value === 'number' ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) fail(b, 'KQL2008', `variable-length edge bound '${v.name}' must be a non-negative integer constant`, v.span ?? span);
  return n;
}
