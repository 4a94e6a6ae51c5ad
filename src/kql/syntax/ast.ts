// Syntax tree. Every node has a half-open span into the query text.
import type { Span } from '../text/index.js';
import type { ScalarType, ColumnSchema } from '../types/index.js';

export interface NodeBase { span: Span }

// ---------- expressions (scalar and tabular share one grammar, as in Kusto) ----------

export type Expr =
  | LiteralExpr | NameExpr | MemberExpr | IndexExpr | CallExpr | BinaryExpr | UnaryExpr | BetweenExpr
  | ListOpExpr | StarExpr | ParenExpr | PipeExpr | DatatableExpr | PrintExpr | RangeExpr | UnionExpr
  | TypeofExpr | FindExpr | ExternalDataExpr | SearchExpr | ErrorExpr;

export interface LiteralExpr extends NodeBase {
  kind: 'Literal';
  type: ScalarType;
  /** Decoded value in the engine's representation (see kql/types). */
  value: unknown;
}
export interface NameExpr extends NodeBase { kind: 'Name'; name: string; bracketed?: boolean }
export interface MemberExpr extends NodeBase { kind: 'Member'; target: Expr; name: string }
export interface IndexExpr extends NodeBase { kind: 'Index'; target: Expr; index: Expr }
export interface NamedArg extends NodeBase { name: string; value: Expr }
export interface CallExpr extends NodeBase {
  kind: 'Call';
  name: string;
  nameSpan: Span;
  args: Expr[];
  /** name=value arguments (e.g. in plugin calls) */
  named?: NamedArg[];
}
export interface BinaryExpr extends NodeBase { kind: 'Binary'; op: string; opSpan: Span; left: Expr; right: Expr }
export interface UnaryExpr extends NodeBase { kind: 'Unary'; op: '-' | '+'; operand: Expr }
export interface BetweenExpr extends NodeBase { kind: 'Between'; negated: boolean; expr: Expr; low: Expr; high: Expr }
/** in, !in, in~, !in~, has_any, has_all … with a parenthesized list */
export interface ListOpExpr extends NodeBase { kind: 'ListOp'; op: string; opSpan: Span; left: Expr; items: Expr[] }
export interface StarExpr extends NodeBase { kind: 'Star' }
export interface ParenExpr extends NodeBase { kind: 'Paren'; expr: Expr }
export interface PipeExpr extends NodeBase { kind: 'Pipe'; input: Expr; op: Operator }
export interface DatatableExpr extends NodeBase { kind: 'Datatable'; columns: ColumnSchema[]; values: Expr[] }
export interface PrintExpr extends NodeBase { kind: 'Print'; items: AssignItem[] }
export interface RangeExpr extends NodeBase { kind: 'Range'; column: string; from: Expr; to: Expr; step: Expr }
export interface UnionExpr extends NodeBase {
  kind: 'Union';
  params: OpParam[];
  tables: Expr[];
}
export interface TypeofExpr extends NodeBase { kind: 'Typeof'; type: ScalarType | ColumnSchema[] }
/** `find [withsource=C] [in (T, A*, …)] where Predicate [project-smart | project c[:type], … [, pack_all()]]` */
export interface FindExpr extends NodeBase {
  kind: 'Find'; params: OpParam[]; tables?: Expr[]; predicate: Expr;
  /** absent: project-smart; `pack` when the list ends with pack_all() */
  project?: { columns: { name: string; type?: ScalarType; span: Span }[]; pack: boolean };
}
/** `search [kind=…] [in (T1, A*, …)] Predicate` over workspace tables (all tables with data when `in` is absent). */
export interface SearchExpr extends NodeBase { kind: 'Search'; params: OpParam[]; tables?: Expr[]; predicate: Expr }
export interface ExternalDataExpr extends NodeBase { kind: 'ExternalData'; columns: ColumnSchema[]; urls: Expr[]; params: OpParam[] }
export interface ErrorExpr extends NodeBase { kind: 'Error' }

/** `name = expr` or just `expr`; `(a, b) = expr` for multi-column results. */
export interface AssignItem extends NodeBase { names?: string[]; expr: Expr }
/** `kind=inner`, `withsource=T`, `hint.strategy=broadcast`, `with_itemindex=i` … */
export interface OpParam extends NodeBase { name: string; value: string | Expr }
/** A column name or wildcard pattern (`a`, `b*`), with a sort direction in project-reorder. */
export interface NamePattern { span: Span; pattern: string; dir?: string }
export interface SortItem extends NodeBase { expr: Expr; dir?: 'asc' | 'desc'; nulls?: 'first' | 'last' }

// ---------- tabular operators (after '|') ----------

export type Operator =
  | { kind: 'where'; span: Span; predicate: Expr }
  | { kind: 'project'; span: Span; items: AssignItem[] }
  | { kind: 'extend'; span: Span; items: AssignItem[] }
  | { kind: 'project-away' | 'project-keep'; span: Span; names: NamePattern[] }
  /** column names / wildcards computed by constant expressions (strings, dynamic arrays, column_names_of) */
  | { kind: 'project-by-names'; span: Span; items: Expr[] }
  | { kind: 'project-rename'; span: Span; items: { span: Span; name: string; from: Expr }[] }
  | { kind: 'project-reorder'; span: Span; items: NamePattern[] }
  | { kind: 'summarize'; span: Span; params: OpParam[]; aggs: AssignItem[]; by: AssignItem[] }
  | { kind: 'count'; span: Span; as?: string }
  | { kind: 'distinct'; span: Span; items: AssignItem[] }
  | { kind: 'sort'; span: Span; items: SortItem[] }
  | { kind: 'top'; span: Span; count: Expr; items: SortItem[] }
  | { kind: 'take'; span: Span; count: Expr }
  | { kind: 'join'; span: Span; params: OpParam[]; right: Expr; on: Expr[] }
  | { kind: 'lookup'; span: Span; params: OpParam[]; right: Expr; on: Expr[] }
  | { kind: 'union'; span: Span; params: OpParam[]; tables: Expr[] }
  | { kind: 'mv-expand'; span: Span; params: OpParam[]; items: { span: Span; name?: string; expr: Expr; toType?: ScalarType }[]; limit?: Expr }
  | { kind: 'mv-apply'; span: Span; params: OpParam[]; items: { span: Span; name?: string; expr: Expr; toType?: ScalarType }[]; subquery: Expr; limit?: Expr }
  | { kind: 'parse' | 'parse-where'; span: Span; params: OpParam[]; source: Expr; pattern: ParsePart[] }
  | { kind: 'parse-kv'; span: Span; source: Expr; columns: ColumnSchema[]; params: OpParam[] }
  | { kind: 'serialize'; span: Span; items: AssignItem[] }
  | { kind: 'as'; span: Span; name: string; params: OpParam[] }
  | { kind: 'getschema'; span: Span }
  | { kind: 'render'; span: Span; chart: string; text: string }
  /** `defaults[i]` is aggregate i's `default = value` (absent: 0). */
  | { kind: 'make-series'; span: Span; params: OpParam[]; aggs: AssignItem[]; defaults: (Expr | undefined)[]; on: Expr; from?: Expr; to?: Expr; step: Expr; by: AssignItem[] }
  | { kind: 'evaluate'; span: Span; params: OpParam[]; call: CallExpr; outSchema?: ColumnSchema[] }
  | { kind: 'invoke'; span: Span; call: CallExpr }
  /** `top-nested [N] of [name =] expr [with others = v] by [name =] aggregate [asc|desc], top-nested …` */
  | { kind: 'top-nested'; span: Span; levels: { count?: Expr; of: AssignItem; others?: Expr; agg: AssignItem; asc: boolean; span: Span }[] }
  | { kind: 'sample'; span: Span; count: Expr }
  | { kind: 'sample-distinct'; span: Span; count: Expr; of: Expr }
  | ScanOperator
  | GraphOperator
  /** `partition [hint…] by col ( subquery )`: the subquery starts with an operator on the implicit input */
  | { kind: 'partition'; span: Span; params: OpParam[]; by: Expr; subquery: Expr }
  /** unsupported operators kept as text ('graph' is the catch-all: its text starts with the operator name) */
  | { kind: 'fork' | 'facet' | 'reduce' | 'top-hitters' | 'consume' | 'find' | 'lookup-unsupported' | 'graph'; span: Span; text: string }
  /** `T | search [kind=…] Predicate` (bare string terms search every column; `Col:"x"` is `Col has "x"`) */
  | { kind: 'search'; span: Span; params: OpParam[]; predicate: Expr }
  | { kind: 'error'; span: Span };

/** `scan [with_match_id=id] [declare (c:type[=default], …)] with (step s [output=all|last|none]: cond [=> c = e, …]; …)` */
export interface ScanOperator {
  kind: 'scan';
  span: Span;
  matchId?: string;
  declare: { name: string; type: ScalarType; default?: Expr; span: Span }[];
  steps: { name: string; output: 'all' | 'last' | 'none'; cond: Expr; assigns: { name: string; expr: Expr; span: Span }[]; span: Span }[];
}

/** Graph operators (make-graph …, graph-match …); their grammar lives in graph-parser.ts. */
export type GraphOperator =
  | { kind: 'make-graph'; span: Span; source: GraphName; target: GraphName; nodes: { table: Expr; key: GraphName; span: Span }[];
      withNodeId?: GraphName; partition?: { column: GraphName; ops: Operator[]; span: Span } }
  | { kind: 'graph-match' | 'graph-shortest-paths'; span: Span; params: OpParam[]; patterns: GraphPathPattern[]; where?: Expr; project?: AssignItem[] }
  | { kind: 'graph-to-table'; span: Span; parts: GraphToTablePart[] }
  | { kind: 'graph-mark-components'; span: Span; params: OpParam[] };
export interface GraphName { name: string; span: Span }
/** `nodes [as N] [with_node_id=C]` or `edges [as E] [with_source_id=S] [with_target_id=T]` */
export interface GraphToTablePart { what: 'nodes' | 'edges'; as?: string; nodeId?: string; sourceId?: string; targetId?: string; span: Span }
/** One path of a pattern: node, edge, node, edge, node … */
export interface GraphPathPattern { span: Span; nodes: GraphNodeElem[]; edges: GraphEdgeElem[] }
export interface GraphNodeElem { name?: string; span: Span }
/** `dir`: 'right' for -->, 'left' for <--, 'any' for --, 'both' for <-[e]->; a variable-length edge (`*min..max`)
 *  has each bound as an integer literal or the name of a constant. */
export interface GraphEdgeElem { name?: string; dir: 'right' | 'left' | 'any' | 'both'; variable: boolean; min?: GraphBound; max?: GraphBound; span: Span }
export type GraphBound = number | GraphName;

/** `parse` pattern pieces: string constants, `*`, and columns (`name[:type]`). */
export type ParsePart =
  | { kind: 'const'; text: string; span: Span }
  | { kind: 'star'; span: Span }
  | { kind: 'column'; name: string; type: ScalarType; span: Span };

// ---------- statements ----------

export interface FunctionParam {
  name: string;
  span: Span;
  /** scalar type, or a tabular schema (`T:(*)` gives an empty list with `wildcard`) */
  type: ScalarType | { columns: ColumnSchema[]; wildcard: boolean };
  default?: Expr;
}

export type Statement =
  | { kind: 'let'; span: Span; name: string; nameSpan: Span; value: Expr }
  | { kind: 'letFunction'; span: Span; name: string; nameSpan: Span; params: FunctionParam[]; body: Statement[] }
  | { kind: 'set'; span: Span; name: string; value?: string }
  | { kind: 'declare'; span: Span; params: FunctionParam[] }
  | { kind: 'alias' | 'restrict'; span: Span }
  | PatternStatement
  | { kind: 'query'; span: Span; expr: Expr };

/** `declare pattern P [= (args) [[path:type]] { ("a", …).["p"] = { body }; … }]`; no defs: an empty pattern. */
export interface PatternStatement {
  kind: 'pattern'; span: Span; name: string; nameSpan: Span; params: FunctionParam[];
  path?: { name: string; type: ScalarType }; defs?: PatternDef[];
}
export interface PatternDef { args: string[]; path?: string; body: Statement[]; span: Span }

export interface Query extends NodeBase { statements: Statement[] }
