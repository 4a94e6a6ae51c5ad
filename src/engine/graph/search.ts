// Backtracking pattern search. Each sequence is walked from an anchor node (the most selective one for the first
// sequence, a node already bound for the others) to its right end, then back to its left end. A step budget and
// the query deadline bound the work: exceeding the budget is KQL3021, never a silently partial answer.
import type { BoundGraphEdge, BoundGraphPath } from '../../kql/semantics/index.js';
import { runtimeError } from '../expr/compile.js';
import { checkDeadline, type ExecContext } from '../exec/context.js';
import type { Graph } from './graph.js';

/** Expansion steps one graph-match / graph-shortest-paths may take before giving up with KQL3021. */
export const MAX_SEARCH_STEPS = 5_000_000;
/** …and all the graph searches of one query together (partitioned-by runs one search per partition). */
export const MAX_QUERY_SEARCH_STEPS = 20_000_000;

/** A step counter shared by the searches it is passed to. */
export interface StepBudget { used: number; max: number }

const queryBudgets = new WeakMap<ExecContext, StepBudget>();

/** The budget of one operator run: its own cap, drawn from the query-wide one. */
export function operatorBudget(ctx: ExecContext): StepBudget[] {
  let q = queryBudgets.get(ctx);
  if (!q) { q = { used: 0, max: MAX_QUERY_SEARCH_STEPS }; queryBudgets.set(ctx, q); }
  return [{ used: 0, max: MAX_SEARCH_STEPS }, q];
}

export interface SearchSpec {
  graph: Graph;
  paths: BoundGraphPath[];
  nodeVarCount: number;
  edgeVarCount: number;
  /** 'none': no node twice (and no closed loops); 'unique_edges': no edge twice; 'all': no restriction */
  cycles: 'all' | 'none' | 'unique_edges';
  /** per node variable: 1 where the node passes the variable's pushed-down filters (null: no filter) */
  nodeOk: (Uint8Array | null)[];
  /** per edge variable: allowed edges, and allowed inner nodes of a variable-length edge */
  edgeOk: (Uint8Array | null)[];
  innerOk: (Uint8Array | null)[];
  /** total hop count a match must have (graph-shortest-paths searches one length at a time) */
  exactLength?: number;
  /** graph-shortest-paths over one edge: follow only edges on shortest routes (BFS distances from the anchor) */
  shortestPrune?: boolean;
  /** step budgets to charge (default: a fresh MAX_SEARCH_STEPS one); shared across the searches of an operator */
  budgets?: StepBudget[];
}

export interface Match {
  nodes: Int32Array;
  /** per edge variable: its edges / inner nodes in pattern (left-to-right) order */
  edges: number[][];
  inner: number[][];
}

interface Hop { edge: BoundGraphEdge; from: number; to: number; reverse: boolean }
type Step = { kind: 'anchor'; v: number } | ({ kind: 'hop' } & Hop);

export class GraphSearch {
  private steps: Step[] = [];
  private sufMin: number[] = [];
  private sufMax: number[] = [];
  private bind: Int32Array;
  private edgeLists: number[][];
  private innerLists: number[][];
  private usedNode: Int32Array;
  private usedEdge: Uint8Array;
  private count = 0;
  private budgets: StepBudget[];
  private stopped = false;
  private dist: Int32Array | null = null;

  constructor(readonly ctx: ExecContext, readonly spec: SearchSpec, private readonly emit: (m: Match) => boolean, readonly span?: { start: number; end: number }) {
    const g = spec.graph;
    this.bind = new Int32Array(spec.nodeVarCount).fill(-1);
    this.edgeLists = Array.from({ length: spec.edgeVarCount }, () => []);
    this.innerLists = Array.from({ length: spec.edgeVarCount }, () => []);
    this.usedNode = new Int32Array(g.ids.length);
    this.usedEdge = new Uint8Array(g.src.length);
    this.budgets = spec.budgets ?? [{ used: 0, max: MAX_SEARCH_STEPS }];
    this.plan();
  }

  /** Orders the work: sequences connected to what is bound so far, each from an anchor outwards. */
  private plan(): void {
    const { paths, nodeOk } = this.spec;
    const bound = new Set<number>();
    const pending = paths.map((_, i) => i);
    const passing = (v: number): number => { const ok = nodeOk[v]; return ok ? ok.reduce((a, x) => a + x, 0) : Infinity; };
    while (pending.length) {
      let at = bound.size ? pending.findIndex((i) => paths[i]!.nodes.some((v) => bound.has(v))) : 0;
      if (at < 0) at = 0;
      const path = paths[pending[at]!]!;
      pending.splice(at, 1);
      let anchor = 0;
      if (bound.size) anchor = path.nodes.findIndex((v) => bound.has(v));
      else path.nodes.forEach((v, i) => { if (passing(v) < passing(path.nodes[anchor]!)) anchor = i; });
      if (anchor < 0) anchor = 0;
      this.steps.push({ kind: 'anchor', v: path.nodes[anchor]! });
      for (let i = anchor; i < path.edges.length; i++) this.steps.push({ kind: 'hop', edge: path.edges[i]!, from: path.nodes[i]!, to: path.nodes[i + 1]!, reverse: false });
      for (let i = anchor - 1; i >= 0; i--) this.steps.push({ kind: 'hop', edge: path.edges[i]!, from: path.nodes[i + 1]!, to: path.nodes[i]!, reverse: true });
      for (const v of path.nodes) bound.add(v);
    }
    this.sufMin = new Array<number>(this.steps.length + 1).fill(0);
    this.sufMax = new Array<number>(this.steps.length + 1).fill(0);
    for (let i = this.steps.length - 1; i >= 0; i--) {
      const s = this.steps[i]!;
      this.sufMin[i] = this.sufMin[i + 1]! + (s.kind === 'hop' ? s.edge.min : 0);
      this.sufMax[i] = this.sufMax[i + 1]! + (s.kind === 'hop' ? s.edge.max : 0);
    }
  }

  run(): void {
    const L = this.spec.exactLength;
    if (L !== undefined && (L < this.sufMin[0]! || L > this.sufMax[0]!)) return;
    this.step(0, 0);
  }

  private tick(): void {
    for (const b of this.budgets) {
      if (++b.used > b.max) {
        throw runtimeError('KQL3021', `the graph pattern search took more than ${b.max} steps${b.max === MAX_QUERY_SEARCH_STEPS ? ' in this query' : ''}; narrow it with where conditions on the pattern's nodes or shorter variable-length edges`, this.span);
      }
    }
    if ((++this.count & 0xffff) === 0) checkDeadline(this.ctx);
  }

  private step(i: number, used: number): void {
    if (this.stopped) return;
    if (i === this.steps.length) {
      const m: Match = { nodes: this.bind.slice(), edges: this.edgeLists.map((x) => x.slice()), inner: this.innerLists.map((x) => x.slice()) };
      if (!this.emit(m)) this.stopped = true;
      return;
    }
    const s = this.steps[i]!;
    if (s.kind === 'hop') { this.hop(i, s, this.bind[s.from]!, 0, used, [], []); return; }
    if (this.bind[s.v]! >= 0) { this.step(i + 1, used); return; }
    const ok = this.spec.nodeOk[s.v];
    const n = this.spec.graph.ids.length;
    for (let x = 0; x < n && !this.stopped; x++) {
      if (ok && !ok[x]) continue;
      this.tick();
      this.bindNode(s.v, x);
      const next = this.steps[i + 1];
      if (this.spec.shortestPrune && next?.kind === 'hop') this.dist = this.distances(x, next);
      this.step(i + 1, used);
      this.unbindNode(s.v, x);
    }
  }

  private bindNode(v: number, x: number): void { this.bind[v] = x; this.usedNode[x]!++; }
  private unbindNode(v: number, x: number): void { this.bind[v] = -1; this.usedNode[x]!--; }

  /** Walks `depth` hops of a (variable-length) edge from `cur`; `edges`/`inner` hold the walk so far. */
  private hop(i: number, s: Hop, cur: number, depth: number, used: number, edges: number[], inner: number[]): void {
    if (this.stopped) return;
    this.tick();
    const { edge } = s;
    const L = this.spec.exactLength;
    const fits = (h: number): boolean => L === undefined || (used + h + this.sufMin[i + 1]! <= L && used + h + this.sufMax[i + 1]! >= L);
    if (depth >= edge.min && fits(depth)) this.arrive(i, s, cur, depth, used, edges, inner);
    if (depth >= edge.max || (L !== undefined && used + depth + 1 + this.sufMin[i + 1]! > L)) return;
    const g = this.spec.graph;
    const none = this.spec.cycles === 'none';
    if (depth >= 1) {
      // cur becomes an inner node of the variable-length edge
      const ok = this.spec.innerOk[edge.v];
      if ((ok && !ok[cur]) || (none && this.usedNode[cur]! > 0)) return;
      if (this.dist && this.dist[cur] !== depth) return;
      this.usedNode[cur]!++;
      inner.push(cur);
    }
    const edgeOk = this.spec.edgeOk[edge.v];
    const unique = this.spec.cycles === 'unique_edges';
    const follow = (list: number[], outward: boolean, skipLoops: boolean): void => {
      for (const e of list) {
        if (this.stopped) return;
        if (edgeOk && !edgeOk[e]) continue;
        if (unique && this.usedEdge[e]) continue;
        const next = outward ? g.dst[e]! : g.src[e]!;
        if (skipLoops && next === cur) continue;
        this.usedEdge[e] = 1;
        edges.push(e);
        this.hop(i, s, next, depth + 1, used, edges, inner);
        edges.pop();
        this.usedEdge[e] = 0;
      }
    };
    // pattern direction seen from the walk: 'right' goes left→right in the pattern
    const dir = walkDirection(s);
    if (dir === 'out' || dir === 'any') follow(g.out[cur]!, true, false);
    if (dir === 'in' || dir === 'any') follow(g.in[cur]!, false, dir === 'any');
    if (depth >= 1) { inner.pop(); this.usedNode[cur]!--; }
  }

  /** BFS hop counts from `from` along the hop's direction and filters (-1: unreachable within the bound). */
  private distances(from: number, s: Hop): Int32Array {
    const g = this.spec.graph;
    const dist = new Int32Array(g.ids.length).fill(-1);
    const edgeOk = this.spec.edgeOk[s.edge.v];
    const innerOk = this.spec.innerOk[s.edge.v];
    const dir = walkDirection(s);
    dist[from] = 0;
    let frontier = [from];
    for (let d = 0; d < s.edge.max && frontier.length; d++) {
      const next: number[] = [];
      for (const v of frontier) {
        this.tick();
        if (d >= 1 && innerOk && !innerOk[v]) continue;
        const visit = (e: number, w: number): void => {
          if ((edgeOk && !edgeOk[e]) || dist[w] !== -1) return;
          dist[w] = d + 1;
          next.push(w);
        };
        if (dir !== 'in') for (const e of g.out[v]!) visit(e, g.dst[e]!);
        if (dir !== 'out') for (const e of g.in[v]!) visit(e, g.src[e]!);
      }
      frontier = next;
    }
    return dist;
  }

  private arrive(i: number, s: Hop, x: number, depth: number, used: number, edges: number[], inner: number[]): void {
    if (this.dist && this.dist[x] !== depth) return;
    const t = s.to;
    const bound = this.bind[t]!;
    const none = this.spec.cycles === 'none';
    let fresh = false;
    if (bound >= 0) {
      if (bound !== x || (none && depth > 0)) return;
    } else {
      const ok = this.spec.nodeOk[t];
      // a zero-length edge puts both of its nodes on the one node it starts from: that is no cycle
      if ((ok && !ok[x]) || (none && depth > 0 && this.usedNode[x]! > 0)) return;
      this.bindNode(t, x);
      fresh = true;
    }
    const v = s.edge.v;
    this.edgeLists[v] = s.reverse ? [...edges].reverse() : [...edges];
    this.innerLists[v] = s.reverse ? [...inner].reverse() : [...inner];
    this.step(i + 1, used + depth);
    this.edgeLists[v] = [];
    this.innerLists[v] = [];
    if (fresh) this.unbindNode(t, x);
  }
}

/** Which adjacency a hop follows: 'right' edges go left→right in the pattern, so walking back follows in-edges. */
function walkDirection(s: Hop): 'out' | 'in' | 'any' {
  if (s.edge.dir === 'any') return 'any';
  return (s.edge.dir === 'right') !== s.reverse ? 'out' : 'in';
}
