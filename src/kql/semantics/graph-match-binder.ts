// graph-match / graph-shortest-paths binding. Pattern variables become columns of a per-match table
// (`n.prop` → column "n.prop"), graph functions become computed columns, and the ordinary expression binder
// binds where/project against that table; single-variable conjuncts of where are also bound on the node/edge tables.
import type { AssignItem, Expr, GraphOperator } from '../syntax/ast.js';
import type { Span } from '../text/index.js';
import type { ColumnSchema, ScalarType } from '../types/index.js';
import type { BExpr, NamedExpr, Plan } from './bound.js';
import type { Binder } from './binder.js';
import { bindExpr, fail } from './expr-binder.js';
import { derivedName, NameAllocator } from './naming.js';
import type { Scope } from './scope.js';
import { DEGREE_IN, DEGREE_OUT, type GraphMatchBody, type GraphPlan, type MatchColumn } from './graph-plan.js';
import { conjuncts, mapExpr, nameOf, walkExpr } from './graph-expr.js';
import { bindPattern } from './graph-pattern-binder.js';

type MatchOp = Extract<GraphOperator, { kind: 'graph-match' | 'graph-shortest-paths' }>;
const GRAPH_FNS = new Set(['all', 'any', 'map']);
const DEGREE_FNS: Record<string, string> = { node_degree_in: DEGREE_IN, node_degree_out: DEGREE_OUT };

interface Vars {
  nodes: Map<string, number>;
  edges: Map<string, { index: number; variable: boolean }>;
}

export function bindGraphMatch(b: Binder, g: GraphPlan, op: MatchOp, scope: Scope): Plan {
  const shortest = op.kind === 'graph-shortest-paths';
  let cycles: GraphMatchBody['cycles'] = 'unique_edges';
  let allPaths = false;
  for (const p of op.params) {
    const v = String(p.value);
    if (p.name === 'cycles') {
      if (v !== 'all' && v !== 'none' && v !== 'unique_edges') fail(b, 'KQL2008', `cycles must be all, none or unique_edges, not '${v}'`, p.span);
      cycles = v as GraphMatchBody['cycles'];
    } else {
      if (v !== 'any' && v !== 'all') fail(b, 'KQL2008', `output must be any or all, not '${v}'`, p.span);
      allPaths = v === 'all';
    }
  }
  const pat = bindPattern(b, op, shortest, scope);
  if (!op.project?.length) fail(b, 'KQL2006', `${op.kind} without a project clause is not supported: add 'project' with the columns to return`, op.span);
  const vars: Vars = {
    nodes: new Map(pat.nodeVars.map((n, i) => [n, i])),
    edges: new Map(pat.edgeVars.map((e, i) => [e.name, { index: i, variable: e.variable }])),
  };
  const rw = new Rewriter(b, g, vars, scope);
  const whereAst = op.where ? rw.rewrite(op.where) : undefined;
  const projAst = op.project!.map((it) => ({ it, expr: rw.rewrite(it.expr) }));
  const row = { columns: rw.columns.map((c): ColumnSchema => ({ name: c.name, type: c.type })) };
  let where: BExpr | undefined;
  if (whereAst) {
    where = bindExpr(b, whereAst, scope, row);
    if (where.type !== 'bool' && where.type !== 'dynamic') fail(b, 'KQL2005', `where needs a bool predicate, but this expression is ${where.type}`, op.where!.span);
  }
  const project = bindProject(b, projAst, scope, row);
  const filters = op.where ? pushdown(b, g, vars, op.where, scope, rw) : { nodeFilters: [], edgeFilters: [], pathPredicates: false };
  const body: GraphMatchBody = {
    k: 'graphmatch', input: g, shortest, cycles, allPaths, nodeVars: pat.nodeVars, edgeVars: pat.edgeVars, paths: pat.paths,
    columns: rw.columns, project, ...filters, ...(where ? { where } : {}),
  };
  return { ...body, schema: project.map((p) => ({ name: p.name, type: p.expr.type })), span: op.span } as Plan;
}

function bindProject(b: Binder, items: { it: AssignItem; expr: Expr }[], scope: Scope, row: { columns: ColumnSchema[] }): NamedExpr[] {
  const alloc = new NameAllocator();
  const out: NamedExpr[] = [];
  for (const { it, expr } of items) {
    const bound = bindExpr(b, expr, scope, row);
    const e = it.expr;
    const degree = e.kind === 'Call' && DEGREE_FNS[e.name] ? e.name : undefined;
    let name = it.names?.[0] ?? degree ?? derivedName(e) ?? alloc.nextColumn();
    // an unnamed expression whose derived name is taken gets a suffix (node_degree_in, node_degree_in1)
    if (!it.names?.length && out.some((x) => x.name === name)) name = alloc.unique(name);
    if (out.some((x) => x.name === name)) fail(b, 'KQL2009', `column '${name}' is projected more than once`, it.span);
    alloc.reserve(name);
    out.push({ name, expr: bound });
  }
  return out;
}

/** Replaces pattern-variable references by per-match columns, collecting the columns as it goes. */
class Rewriter {
  columns: { name: string; type: ScalarType; src: MatchColumn }[] = [];
  constructor(readonly b: Binder, readonly g: GraphPlan, readonly vars: Vars, readonly scope: Scope) {}

  private add(name: string, type: ScalarType, src: MatchColumn, span: Span): Expr {
    if (!this.columns.some((c) => c.name === name)) this.columns.push({ name, type, src });
    return { kind: 'Name', name, span };
  }

  rewrite(e: Expr): Expr {
    return mapExpr(e, (x) => {
      if (x.kind === 'Member' && x.target.kind === 'Name') {
        const v = x.target.name;
        const n = this.vars.nodes.get(v);
        if (n !== undefined) {
          const p = this.prop(this.g.shape.nodeProps, x.name, `node '${v}'`, x.span);
          return this.add(`${v}.${p.name}`, p.type, { kind: 'node', v: n, prop: p.name }, x.span);
        }
        const ed = this.vars.edges.get(v);
        if (ed) {
          const p = this.prop(this.g.shape.edgeProps, x.name, `edge '${v}'`, x.span);
          return this.add(`${v}.${p.name}`, ed.variable ? 'dynamic' : p.type, { kind: 'edge', v: ed.index, prop: p.name }, x.span);
        }
        return undefined;
      }
      if (x.kind === 'Name' && (this.vars.nodes.has(x.name) || this.vars.edges.has(x.name))) {
        fail(this.b, 'KQL2007', `'${x.name}' is a graph pattern variable: use ${x.name}.property, or pass it to a graph function`, x.span);
      }
      if (x.kind !== 'Call') return undefined;
      const degree = DEGREE_FNS[x.name];
      if (degree) {
        const v = nameOf(x.args[0]);
        const n = v === undefined ? undefined : this.vars.nodes.get(v);
        if (x.args.length !== 1 || n === undefined) fail(this.b, 'KQL2008', `${x.name}() takes a node variable of the pattern`, x.span);
        return this.add(`${v}.${degree}`, 'long', { kind: 'node', v: n!, prop: degree }, x.span);
      }
      if (x.name === 'inner_nodes') fail(this.b, 'KQL2008', 'inner_nodes() can only be the first argument of all(), any() or map()', x.span);
      if (x.name === 'labels') fail(this.b, 'KQL2006', 'labels() reads graph labels, which make-graph graphs do not have in kqlite', x.span);
      if (GRAPH_FNS.has(x.name)) {
        const target = this.elementTarget(x.args[0]);
        if (!target) return undefined;
        if (x.args.length !== 2) fail(this.b, 'KQL2004', `${x.name}() takes an edge (or inner_nodes(edge)) and an expression`, x.span);
        const body = this.bindElementExpr(x.args[1]!, target.inner);
        if (x.name !== 'map' && body.type !== 'bool' && body.type !== 'dynamic') fail(this.b, 'KQL2005', `${x.name}() needs a bool condition, but this is ${body.type}`, x.args[1]!.span);
        const fn = x.name as 'all' | 'any' | 'map';
        return this.add(`$fn${this.columns.length}`, fn === 'map' ? 'dynamic' : 'bool', { kind: 'fn', fn, v: target.v, inner: target.inner, body }, x.span);
      }
      return undefined;
    });
  }

  /** The first argument of all/any/map: an edge variable, or inner_nodes(edge variable). */
  elementTarget(a: Expr | undefined): { v: number; inner: boolean } | undefined {
    const inner = a?.kind === 'Call' && a.name === 'inner_nodes';
    const name = inner ? nameOf((a as Extract<Expr, { kind: 'Call' }>).args[0]) : nameOf(a);
    if (name === undefined) {
      if (inner) fail(this.b, 'KQL2008', 'inner_nodes() takes an edge variable of the pattern', a!.span);
      return undefined;
    }
    const ed = this.vars.edges.get(name);
    if (!ed) {
      if (inner || this.vars.nodes.has(name)) fail(this.b, 'KQL2008', `'${name}' is not an edge variable of the pattern`, a!.span);
      return undefined;
    }
    return { v: ed.index, inner };
  }

  /** The condition/expression of all/any/map: bound against the element's own properties. */
  bindElementExpr(e: Expr, inner: boolean): BExpr {
    const cols = elementColumns(this.g, inner);
    const body = mapExpr(e, (x) => {
      if (x.kind === 'Call' && DEGREE_FNS[x.name] && x.args.length === 0) {
        if (!inner) fail(this.b, 'KQL2008', `${x.name}() without arguments reads the current inner node: use it inside all/any/map(inner_nodes(e), …)`, x.span);
        return { kind: 'Name', name: DEGREE_FNS[x.name]!, span: x.span };
      }
      if (x.kind === 'Call' && (GRAPH_FNS.has(x.name) && this.elementTarget(x.args[0]))) fail(this.b, 'KQL2006', `nested ${x.name}() over graph elements is not supported`, x.span);
      if (x.kind === 'Member' && x.target.kind === 'Name' && !cols.some((c) => c.name === nameOf(x.target))
        && (this.vars.nodes.has(x.target.name) || this.vars.edges.has(x.target.name))) {
        fail(this.b, 'KQL2006', 'the expression of all()/any()/map() can only read the properties of the current element (write the property name alone)', x.span);
      }
      return undefined;
    });
    return bindExpr(this.b, body, this.scope, { columns: cols });
  }

  prop(props: ColumnSchema[], name: string, what: string, span: Span): ColumnSchema {
    const p = props.find((c) => c.name === name);
    if (!p) {
      const list = props.map((c) => c.name).join(', ');
      fail(this.b, 'KQL2002', `${what} has no property '${name}'${list ? ` (its properties: ${list})` : ' (this graph has no properties for it)'}`, span);
    }
    return p!;
  }
}

function elementColumns(g: GraphPlan, inner: boolean): ColumnSchema[] {
  return inner ? [...g.shape.nodeProps, { name: DEGREE_IN, type: 'long' }, { name: DEGREE_OUT, type: 'long' }] : g.shape.edgeProps;
}

/** Single-variable conjuncts of where, bound on the node/edge tables so the search can prune early. */
function pushdown(b: Binder, g: GraphPlan, vars: Vars, where: Expr, scope: Scope, rw: Rewriter): Pick<GraphMatchBody, 'nodeFilters' | 'edgeFilters' | 'pathPredicates'> {
  const nodeFilters: GraphMatchBody['nodeFilters'] = [];
  const edgeFilters: GraphMatchBody['edgeFilters'] = [];
  let pathPredicates = false;
  for (const c of conjuncts(where)) {
    if (c.kind === 'Call' && c.name === 'all' && c.args.length === 2) {
      const t = rw.elementTarget(c.args[0]);
      if (t && !mentionsVars(c.args[1]!, vars)) {
        edgeFilters.push({ v: t.v, inner: t.inner, pred: rw.bindElementExpr(c.args[1]!, t.inner) });
        continue;
      }
    }
    if (mentionsEdgeVars(c, vars)) pathPredicates = true;
    const used = new Set<string>();
    let blocked = false;
    walkExpr(c, (x) => {
      if (x.kind === 'Call' && (GRAPH_FNS.has(x.name) || x.name === 'inner_nodes')) blocked = true;
      if (x.kind === 'Name' && (vars.nodes.has(x.name) || vars.edges.has(x.name))) used.add(x.name);
    });
    if (blocked || used.size !== 1) continue;
    const v = [...used][0]!;
    const n = vars.nodes.get(v);
    const ed = vars.edges.get(v);
    if (n === undefined && (!ed || ed.variable)) continue;
    const cols = n !== undefined ? elementColumns(g, true) : g.shape.edgeProps;
    // a bare name that is also a property would change meaning once `v.` is stripped
    let clash = false;
    const single = mapExpr(c, (x) => {
      if (x.kind === 'Member' && nameOf(x.target) === v) return { kind: 'Name', name: x.name, span: x.span };
      if (x.kind === 'Call' && DEGREE_FNS[x.name] && nameOf(x.args[0]) === v) return { kind: 'Name', name: DEGREE_FNS[x.name]!, span: x.span };
      if (x.kind === 'Name' && cols.some((col) => col.name === x.name)) clash = true;
      return undefined;
    });
    if (clash) continue;
    const pred = bindExpr(b, single, scope, { columns: cols });
    if (n !== undefined) nodeFilters.push({ v: n, pred });
    else edgeFilters.push({ v: ed!.index, inner: false, pred });
  }
  return { nodeFilters, edgeFilters, pathPredicates };
}

/** Does `e` read an edge variable (its properties, or its elements through a graph function)? */
function mentionsEdgeVars(e: Expr, vars: Vars): boolean {
  let hit = false;
  walkExpr(e, (x) => { if (x.kind === 'Name' && vars.edges.has(x.name)) hit = true; });
  return hit;
}

function mentionsVars(e: Expr, vars: Vars): boolean {
  let hit = false;
  walkExpr(e, (x) => { if (x.kind === 'Member' && x.target.kind === 'Name' && (vars.nodes.has(x.target.name) || vars.edges.has(x.target.name))) hit = true; });
  return hit;
}

