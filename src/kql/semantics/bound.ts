// The Bound tree: typed scalar expressions and tabular plan nodes, the binder's output and the
// executor's input (the logical plan; engine/plan only prunes and annotates it).
import type { Span } from '../text/index.js';
import type { ColumnSchema, ScalarType, Value } from '../types/index.js';
import type { GraphMatchBody, GraphPlanBody } from './graph-plan.js';

export type { BoundGraphEdge, BoundGraphPath, GraphMatchBody, GraphPlan, GraphPlanBody, GraphShape, MatchColumn } from './graph-plan.js';
export { DEGREE_IN, DEGREE_OUT, isGraphPlan } from './graph-plan.js';

// ---------- scalar ----------
export type BExpr =
  | { k: 'lit'; type: ScalarType; value: Value }
  | { k: 'col'; type: ScalarType; name: string }
  /** built-in operator (arithmetic, comparison, string and logic operators) */
  | { k: 'op'; type: ScalarType; op: string; args: BExpr[]; span: Span }
  /** in / !in / in~ / !in~ / has_any / has_all against a list (scalars, dynamic arrays, tabular first column) */
  | { k: 'list'; type: 'bool'; op: string; left: BExpr; items: BListItem[]; span: Span }
  | { k: 'call'; type: ScalarType; fn: string; args: BExpr[]; span: Span }
  /** dynamic member / index access */
  | { k: 'get'; type: 'dynamic'; target: BExpr; key: BExpr }
  /** toscalar(tabular): first column of the first row, evaluated once */
  | { k: 'scalar'; type: ScalarType; plan: Plan }
  /** row functions that need the serialized row position */
  | { k: 'row'; type: ScalarType; fn: RowFunction; args: BExpr[]; span: Span }
  /** cast used by the binder for implicit conversions */
  | { k: 'cast'; type: ScalarType; from: ScalarType; arg: BExpr }
  /** pack_all(): the whole row as a property bag */
  | { k: 'packall'; type: 'dynamic'; ignoreEmpty?: boolean };

export type RowFunction = 'row_number' | 'prev' | 'next' | 'row_cumsum' | 'row_rank_dense' | 'row_rank_min' | 'row_window_session';

export type BListItem = { k: 'expr'; expr: BExpr } | { k: 'plan'; plan: Plan };

// ---------- aggregates ----------
export interface BAgg {
  fn: string;
  args: BExpr[];
  /** output column(s) */
  names: string[];
  types: ScalarType[];
  span: Span;
  /** arg_max/arg_min: the columns returned beside the extremum (expressions over the input) */
  extra?: { name: string; expr: BExpr }[];
  /** percentiles(x, p1, p2…) */
  percents?: number[];
}

export interface NamedExpr { name: string; expr: BExpr }
export interface SortKey { expr: BExpr; desc: boolean; nullsFirst: boolean }

// ---------- tabular ----------
/** `open`: only when analyzing without data — the plan may have columns beyond `schema` (data-derived plugin
 *  output such as bag_unpack/pivot); later operators bind unknown names as dynamic instead of failing. */
export type Plan = { schema: ColumnSchema[]; span: Span; open?: true } & PlanBody;

export type JoinKind = 'innerunique' | 'inner' | 'leftouter' | 'rightouter' | 'fullouter' | 'leftanti' | 'rightanti' | 'leftsemi' | 'rightsemi';

export type PlanBody =
  | { k: 'scan'; table: string; used: Set<string> }
  /** datatable and print: rows of constant expressions */
  | { k: 'values'; rows: BExpr[][] }
  | { k: 'range'; from: BExpr; to: BExpr; step: BExpr; type: ScalarType }
  | { k: 'where'; input: Plan; pred: BExpr }
  /** project/extend: the full list of output columns, each an expression over the input */
  | { k: 'project'; input: Plan; items: NamedExpr[] }
  | { k: 'summarize'; input: Plan; keys: NamedExpr[]; aggs: BAgg[] }
  | { k: 'sort'; input: Plan; keys: SortKey[] }
  | { k: 'take'; input: Plan; count: BExpr }
  | { k: 'top'; input: Plan; count: BExpr; keys: SortKey[] }
  | { k: 'distinct'; input: Plan; items: NamedExpr[] }
  | { k: 'join'; kind: JoinKind; left: Plan; right: Plan; leftKeys: BExpr[]; rightKeys: BExpr[]; leftCols: number[]; rightCols: number[]; lookup: boolean }
  | { k: 'union'; inputs: Plan[]; source?: { column: string; names: string[] } }
  | { k: 'mvexpand'; input: Plan; items: { name: string; expr: BExpr; toType?: ScalarType }[]; bagAsArray: boolean; indexColumn?: string; limit?: BExpr }
  | { k: 'mvapply'; input: Plan; items: { name: string; expr: BExpr; toType?: ScalarType }[]; bagAsArray: boolean; indexColumn?: string; sub: Plan; subInput: { schema: ColumnSchema[] } }
  | { k: 'parse'; input: Plan; source: BExpr; mode: 'simple' | 'regex' | 'relaxed'; regex: string; flags: string; columns: ColumnSchema[]; where: boolean }
  | { k: 'serialize'; input: Plan; items: NamedExpr[] }
  /** scan: steps' conditions/assignments see the record's columns, the declared columns and `step.column` state */
  | { k: 'scanop'; input: Plan; matchId?: string; declare: { name: string; type: ScalarType; default: BExpr }[]; steps: { name: string; output: 'all' | 'last' | 'none'; cond: BExpr; assigns: { name: string; expr: BExpr }[] }[] }
  /** partition by key (sub): `sub` reads each key's rows from a runtime-provided input (k 'mvapplyInput') */
  | { k: 'partition'; input: Plan; key: BExpr; sub: Plan }
  /** top-nested: level j's summarize gives (key0…keyj, aggregate); the engine keeps the top count per parent */
  | { k: 'topnested'; levels: { sub: Plan; count?: BExpr; asc: boolean }[] }
  /** parse-kv: extracted columns (the last `columns.length` of the schema) from `source`'s key/value text */
  | { k: 'parsekv'; input: Plan; source: BExpr; columns: ColumnSchema[]; options: { pairDelimiter?: string; kvDelimiter?: string; quote?: string; escape?: string; greedy?: boolean; regex?: string } }
  | { k: 'getschema'; input: Plan }
  | { k: 'materialized'; id: number; input: Plan }
  | { k: 'mvapplyInput' }
  /** make-series: `sub` summarizes the binned input (keys…, bin, aggregates…) read from a runtime-provided
   *  input (k 'mvapplyInput': `input`'s columns plus the bin column); absent from/to come from the data. */
  | { k: 'makeseries'; input: Plan; on: BExpr; sub: Plan; keyCount: number; defaults: BExpr[]; from?: BExpr; to?: BExpr; step: BExpr; nonempty: boolean }
  /** evaluate bag_unpack: `kept` input columns, then one column per bag key (`unpack`, in schema order). */
  | { k: 'bagunpack'; input: Plan; column: BExpr; kept: string[]; unpack: { name: string; key: string }[] }
  /** evaluate ipv4_lookup / ipv6_lookup: input rows joined to the lookup rows whose range column contains `ip` */
  | { k: 'iplookup'; input: Plan; lookup: Plan; ip: BExpr; rangeColumn: string; v6: boolean; unmatched: boolean }
  /** evaluate schema_merge: merges the getschema tables unioned into the input (ordinal 0 starts each schema) */
  | { k: 'schemamerge'; input: Plan; preserveOrder: boolean }
  /** evaluate dcount_intersect(h0, h1, …): adds s0…s(n-1), the distinct count of h0 ∩ … ∩ hi per row */
  | { k: 'dcountintersect'; input: Plan; sketches: BExpr[] }
  /** evaluate pivot: group by `keys`, one aggregate column per pivot value (`values[i]` is column i's value). */
  | { k: 'pivot'; input: Plan; keyCount: number; values: string[] }
  /** activity_* / active_users_count / sliding_window_counts / rolling_percentile: `input` holds the distinct
   *  (value-or-id, time, dims…, count) rows; the plugin's computation (kernel `evaluate <fn>`) gets them with
   *  `params` and returns the output rows, typed by the plan's schema. */
  | { k: 'plugin'; input: Plan; fn: string; params: BExpr[] }
  | { k: 'render'; input: Plan; chart: string }
  /** Graph-valued nodes (make-graph, graph-mark-components, the graph inside partitioned-by): consumed only by the
   *  graph operators below, never executed as tables. See graph-plan.ts. */
  | GraphPlanBody
  /** graph-match / graph-shortest-paths over a graph-valued input */
  | GraphMatchBody
  /** graph-to-table: the nodes or the edges of a graph as a table */
  | { k: 'graphtotable'; input: Plan; part: 'nodes' | 'edges'; nodeId?: string; sourceId?: string; targetId?: string }
  /** make-graph … partitioned-by c (ops): one graph per value of c (edges and node tables filtered), `sub` run on each */
  | { k: 'graphpartition'; graph: Plan; column: string; sub: Plan }
  /** externaldata: typed by its declared schema; cannot be fetched offline (a run-time error names the URLs) */
  | { k: 'external'; urls: string[]; options: Record<string, string> };
