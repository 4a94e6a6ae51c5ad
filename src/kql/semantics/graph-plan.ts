// Bound-plan shapes of the graph operators (kept apart from bound.ts, which lists them in PlanBody).
import type { ColumnSchema, ScalarType } from '../types/index.js';
import type { BExpr, NamedExpr, Plan } from './bound.js';

/** Node and edge property schemas of a graph value. Node tables also carry the two degree columns. */
export interface GraphShape { nodeProps: ColumnSchema[]; edgeProps: ColumnSchema[] }

/** Degree columns of the runtime node table (what node_degree_in()/node_degree_out() read). */
export const DEGREE_IN = '$node_degree_in';
export const DEGREE_OUT = '$node_degree_out';

export type GraphPlanBody =
  /** make-graph: nodes come from the node tables (first row of an id wins per property), then edge-only ids */
  | { k: 'makegraph'; edges: Plan; source: string; target: string; nodes: { plan: Plan; key: string }[]; nodeIdProp?: string; shape: GraphShape }
  /** graph-mark-components: adds a long component id property to every node */
  | { k: 'graphcomponents'; input: Plan; strong: boolean; column: string; shape: GraphShape }
  /** the per-partition graph inside make-graph … partitioned-by */
  | { k: 'graphinput'; shape: GraphShape };

export type GraphPlan = Plan & GraphPlanBody;

export interface BoundGraphEdge { v: number; dir: 'right' | 'left' | 'any'; variable: boolean; min: number; max: number }
/** One comma-separated sequence: nodes[i] -edges[i]- nodes[i+1]; entries are variable indices. */
export interface BoundGraphPath { nodes: number[]; edges: BoundGraphEdge[] }

/** A column of the per-match table that where/project are bound against. */
export type MatchColumn =
  /** property (or degree column) of a node variable */
  | { kind: 'node'; v: number; prop: string }
  /** property of an edge variable; a variable-length edge gives the dynamic array of its edges' values */
  | { kind: 'edge'; v: number; prop: string }
  /** all()/any()/map() over a variable-length edge's edges or inner nodes; `body` reads the element's properties */
  | { kind: 'fn'; fn: 'all' | 'any' | 'map'; v: number; inner: boolean; body: BExpr };

export interface GraphMatchBody {
  k: 'graphmatch';
  input: Plan;
  shortest: boolean;
  cycles: 'all' | 'none' | 'unique_edges';
  /** graph-shortest-paths output=all */
  allPaths: boolean;
  nodeVars: string[];
  edgeVars: { name: string; variable: boolean }[];
  paths: BoundGraphPath[];
  columns: { name: string; type: ScalarType; src: MatchColumn }[];
  where?: BExpr;
  project: NamedExpr[];
  /** single-variable conjuncts of `where`, checked early on the node / edge tables (the full where still runs) */
  nodeFilters: { v: number; pred: BExpr }[];
  /** where reads an edge variable other than through a pushed-down all(): whole-path conditions */
  pathPredicates: boolean;
  edgeFilters: { v: number; pred: BExpr; inner: boolean }[];
}

export function isGraphPlan(p: Plan): p is GraphPlan {
  return p.k === 'makegraph' || p.k === 'graphcomponents' || p.k === 'graphinput';
}
