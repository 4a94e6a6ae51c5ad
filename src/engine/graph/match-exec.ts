// graph-match and graph-shortest-paths: run the search, turn each batch of matches into a table of the bound
// per-match columns, and evaluate where/project on it with the ordinary expression compiler.
import type { Plan } from '../../kql/semantics/index.js';
import type { GraphMatchBody, GraphPlan } from '../../kql/semantics/index.js';
import type { Value } from '../../kql/types/index.js';
import { Table, normalizeNull, type Column } from '../../table/index.js';
import { toDynamic } from '../functions/conversion.js';
import type { RowFn } from '../expr/compile.js';
import { checkRows, compileFor, type ExecContext } from '../exec/context.js';
import { graphOf, type Graph } from './graph.js';
import { GraphSearch, operatorBudget, type Match, type SearchSpec } from './search.js';

type MatchPlan = Extract<Plan, { k: 'graphmatch' }>;
const BATCH = 2048;

export function execGraphMatch(ctx: ExecContext, p: MatchPlan): Table {
  const g = graphOf(ctx, p.input as GraphPlan);
  const spec: SearchSpec = { ...searchSpec(ctx, g, p), budgets: operatorBudget(ctx) };
  const out = new Output(ctx, g, p);
  if (!p.shortest) {
    const batch: Match[] = [];
    new GraphSearch(ctx, spec, (m) => {
      batch.push(m);
      if (batch.length >= BATCH) { out.flush(batch); batch.length = 0; }
      return true;
    }, p.span).run();
    out.flush(batch);
    return out.table();
  }
  // shortest paths: search one total length at a time; a (source, target) pair found at length L is done
  const path = p.paths[0]!;
  const first = path.nodes[0]!, last = path.nodes[path.nodes.length - 1]!;
  const minLen = path.edges.reduce((a, e) => a + e.min, 0);
  const maxLen = path.edges.reduce((a, e) => a + e.max, 0);
  const done = new Set<string>();
  if (path.edges.length === 1 && path.edges[0]!.min <= 1 && !p.pathPredicates) {
    // only per-element and endpoint conditions: every path along BFS-shortest routes is a shortest path
    const found = new Set<string>();
    const keep = (m: Match): boolean => {
      const k = `${m.nodes[first]},${m.nodes[last]}`;
      if (!p.allPaths && found.has(k)) return false;
      found.add(k);
      return true;
    };
    const batch: Match[] = [];
    new GraphSearch(ctx, { ...spec, cycles: 'none', shortestPrune: true }, (m) => {
      batch.push(m);
      if (batch.length >= BATCH) { out.flush(batch, keep); batch.length = 0; }
      return true;
    }, p.span).run();
    out.flush(batch, keep);
    return out.table();
  }
  for (let L = minLen; L <= maxLen; L++) {
    const found = new Set<string>();
    const batch: Match[] = [];
    const pairOf = (m: Match): string => `${m.nodes[first]},${m.nodes[last]}`;
    const keep = (m: Match): boolean => {
      const k = pairOf(m);
      if (!p.allPaths && found.has(k)) return false;
      found.add(k);
      return true;
    };
    new GraphSearch(ctx, { ...spec, cycles: 'none', exactLength: L }, (m) => {
      if (done.has(pairOf(m))) return true;
      batch.push(m);
      if (batch.length >= BATCH) { out.flush(batch, keep); batch.length = 0; }
      return true;
    }, p.span).run();
    out.flush(batch, keep);
    for (const k of found) done.add(k);
  }
  return out.table();
}

/** Evaluates the pushed-down filters into per-variable masks. */
function searchSpec(ctx: ExecContext, g: Graph, p: MatchPlan): SearchSpec {
  const mask = (t: Table, preds: GraphMatchBody['nodeFilters']): Uint8Array | null => {
    if (!preds.length) return null;
    const fns = preds.map((f) => compileFor(ctx, t, f.pred));
    const m = new Uint8Array(t.rowCount);
    for (let i = 0; i < t.rowCount; i++) m[i] = fns.every((f) => f(i) === true) ? 1 : 0;
    return m;
  };
  return {
    graph: g,
    paths: p.paths,
    nodeVarCount: p.nodeVars.length,
    edgeVarCount: p.edgeVars.length,
    cycles: p.cycles,
    nodeOk: p.nodeVars.map((_, v) => mask(g.nodes, p.nodeFilters.filter((f) => f.v === v))),
    edgeOk: p.edgeVars.map((_, v) => mask(g.edges, p.edgeFilters.filter((f) => f.v === v && !f.inner))),
    innerOk: p.edgeVars.map((_, v) => mask(g.nodes, p.edgeFilters.filter((f) => f.v === v && f.inner))),
  };
}

/** Accumulates the projected rows of the matches that pass where. The per-match table's column arrays are
 *  refilled for each batch, so where/project (and any toscalar() in them) are compiled once. */
class Output {
  private cols: Value[][];
  private rows = 0;
  private fnBodies: (RowFn | undefined)[];
  private batchCols: Value[][];
  private where: RowFn | undefined;
  private proj: RowFn[];
  private readers: ((m: Match) => Value)[];

  constructor(readonly ctx: ExecContext, readonly g: Graph, readonly p: MatchPlan) {
    this.cols = p.schema.map(() => []);
    this.fnBodies = p.columns.map((c) => (c.src.kind === 'fn' ? compileFor(ctx, c.src.inner ? g.nodes : g.edges, c.src.body) : undefined));
    this.batchCols = p.columns.map(() => []);
    const t = new Table(p.columns.map((c, j) => ({ name: c.name, type: c.type, values: this.batchCols[j]! })), 0);
    this.where = p.where ? compileFor(ctx, t, p.where) : undefined;
    this.proj = p.project.map((it) => compileFor(ctx, t, it.expr));
    this.readers = this.cellReaders();
  }

  flush(batch: Match[], keep?: (m: Match) => boolean): void {
    if (!batch.length) return;
    this.readers.forEach((read, j) => {
      const vals = this.batchCols[j]!;
      vals.length = batch.length;
      for (let i = 0; i < batch.length; i++) vals[i] = read(batch[i]!);
    });
    for (let i = 0; i < batch.length; i++) {
      if (this.where && this.where(i) !== true) continue;
      if (keep && !keep(batch[i]!)) continue;
      this.proj.forEach((f, j) => this.cols[j]!.push(normalizeNull(f(i), this.p.schema[j]!.type)));
      this.rows++;
    }
    checkRows(this.ctx, this.rows, this.p.shortest ? 'graph-shortest-paths' : 'graph-match');
  }

  /** One reader per per-match column (property columns resolved once). */
  private cellReaders(): ((m: Match) => Value)[] {
    const { g, p } = this;
    return p.columns.map((c, j) => {
      const src = c.src;
      if (src.kind === 'node') {
        const vals = g.nodes.column(src.prop)!.values;
        return (m) => vals[m.nodes[src.v]!] ?? null;
      }
      if (src.kind === 'edge') {
        const col = g.edges.column(src.prop)!;
        const vals = col.values;
        if (!p.edgeVars[src.v]!.variable) return (m) => vals[m.edges[src.v]![0]!] ?? null;
        return (m) => m.edges[src.v]!.map((e) => toDynamic(vals[e] ?? null, col.type));
      }
      const body = this.fnBodies[j]!;
      const pick = (m: Match): number[] => (src.inner ? m.inner[src.v]! : m.edges[src.v]!);
      if (src.fn === 'all') return (m) => pick(m).every((x) => body(x) === true);
      if (src.fn === 'any') return (m) => pick(m).some((x) => body(x) === true);
      return (m) => pick(m).map((x) => toDynamic(body(x), src.body.type));
    });
  }

  table(): Table {
    const cols: Column[] = this.p.schema.map((c, j) => ({ name: c.name, type: c.type, values: this.cols[j]! }));
    return new Table(cols, this.rows);
  }
}
