import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Table } from '../../table/index.js';
import type { ExecContext } from '../exec/context.js';
import { executePlan } from '../exec/execute.js';
import { makeKernelContext } from '../kernel-context.js';
import { KqliteError } from '../../kql/text/index.js';
import { buildGraph } from './graph.js';
import { markComponents } from './components.js';
import { GraphSearch, type Match, type SearchSpec } from './search.js';

const edges = (rows: [string | null, string | null][]) => Table.fromRows([{ name: 's', type: 'string' }, { name: 't', type: 'string' }], rows.map(([a, b]) => [a ?? null, b ?? null]));
const shape = (nodeProps: { name: string; type: 'string' | 'long' }[] = []) => ({ nodeProps, edgeProps: [{ name: 's', type: 'string' as const }, { name: 't', type: 'string' as const }] });
const ctx = (): ExecContext => {
  const c: ExecContext = { tables: new Map(), kctx: makeKernelContext({}), materialized: new Map(), maxIntermediateRows: 1_000_000, run: (p) => executePlan(c, p) };
  return c;
};

test('buildGraph: node tables merge by id (first row wins), edge-only ids follow', () => {
  const n1 = Table.fromRows([{ name: 'id', type: 'string' }, { name: 'age', type: 'long' }], [['b', 2n], ['b', 99n]]);
  const n2 = Table.fromRows([{ name: 'key', type: 'string' }, { name: 'team', type: 'string' }], [['a', 'red'], ['b', 'blue']]);
  const g = buildGraph(edges([['a', 'b'], ['b', 'c']]), 's', 't', [{ table: n1, key: 'id' }, { table: n2, key: 'key' }],
    shape([{ name: 'id', type: 'string' }, { name: 'age', type: 'long' }, { name: 'key', type: 'string' }, { name: 'team', type: 'string' }]));
  assert.deepEqual(g.ids, ['b', 'a', 'c']);
  // per node: id, age, key, team, in-degree, out-degree (every key property holds the id)
  assert.deepEqual(g.nodes.rows(), [
    ['b', 2n, 'b', 'blue', 1n, 1n],
    ['a', null, 'a', 'red', 0n, 1n],
    ['c', null, 'c', '', 1n, 0n],
  ]);
  assert.deepEqual([...g.src], [1, 0]);
  assert.deepEqual([...g.dst], [0, 2]);
});

test('buildGraph: edges with a null id are left out; int and long ids are the same node', () => {
  const e = Table.fromRows([{ name: 's', type: 'long' }, { name: 't', type: 'long' }], [[1n, 2n], [null, 2n], [2n, null]]);
  const n = Table.fromRows([{ name: 'id', type: 'int' }], [[2], [3]]);
  const g = buildGraph(e, 's', 't', [{ table: n, key: 'id' }], { nodeProps: [{ name: 'id', type: 'int' }], edgeProps: [] });
  assert.deepEqual(g.ids, [2, 3, 1n]);
  assert.equal(g.edges.rowCount, 1);
  assert.deepEqual([...g.src, ...g.dst], [2, 0]);
});

test('markComponents: weak ignores direction, strong needs both directions; ids follow node order', () => {
  const g = buildGraph(edges([['a', 'b'], ['b', 'a'], ['b', 'c'], ['x', 'y']]), 's', 't', [], shape());
  const weak = markComponents(g, false, 'cc').nodes.column('cc')!.values;
  assert.deepEqual(weak, [0n, 0n, 0n, 1n, 1n]);
  const strong = markComponents(g, true, 'cc').nodes.column('cc')!.values;
  assert.deepEqual(strong, [0n, 0n, 1n, 2n, 3n]);
});

function search(spec: Partial<SearchSpec> & Pick<SearchSpec, 'graph' | 'paths'>): Match[] {
  const out: Match[] = [];
  const n = Math.max(...spec.paths.flatMap((p) => p.nodes)) + 1;
  const m = Math.max(...spec.paths.flatMap((p) => p.edges.map((e) => e.v))) + 1;
  const full: SearchSpec = { nodeVarCount: n, edgeVarCount: m, cycles: 'unique_edges', nodeOk: Array(n).fill(null), edgeOk: Array(m).fill(null), innerOk: Array(m).fill(null), ...spec };
  new GraphSearch(ctx(), full, (x) => { out.push(x); return true; }).run();
  return out;
}

test('GraphSearch: variable-length edges list edges and inner nodes in pattern order, both walk directions', () => {
  const g = buildGraph(edges([['a', 'b'], ['b', 'c'], ['c', 'd']]), 's', 't', [], shape());
  const d = new Uint8Array([0, 0, 0, 1]);
  // (x)-[e*3]->(y) anchored at y (the filtered node): walked right to left, reported left to right
  const ms = search({ graph: g, paths: [{ nodes: [0, 1], edges: [{ v: 0, dir: 'right', variable: true, min: 3, max: 3 }] }], nodeOk: [null, d] });
  assert.equal(ms.length, 1);
  assert.deepEqual([...ms[0]!.nodes], [0, 3]);
  assert.deepEqual(ms[0]!.edges[0], [0, 1, 2]);
  assert.deepEqual(ms[0]!.inner[0], [1, 2]);
});

test('GraphSearch: exactLength restricts the total hop count', () => {
  const g = buildGraph(edges([['a', 'b'], ['b', 'c'], ['a', 'c']]), 's', 't', [], shape());
  const path = { nodes: [0, 1], edges: [{ v: 0, dir: 'right' as const, variable: true, min: 1, max: 2 }] };
  assert.equal(search({ graph: g, paths: [path] }).length, 4);
  assert.deepEqual(search({ graph: g, paths: [path], exactLength: 2 }).map((m) => m.edges[0]), [[0, 1]]);
});

test('GraphSearch: the step budget is a KQL3021 error, not a truncated answer', () => {
  const rows: [string, string][] = [];
  for (let i = 0; i < 12; i++) for (let j = 0; j < 12; j++) if (i !== j) rows.push([`n${i}`, `n${j}`]);
  const g = buildGraph(edges(rows), 's', 't', [], shape());
  assert.throws(
    () => search({ graph: g, paths: [{ nodes: [0, 1], edges: [{ v: 0, dir: 'any', variable: true, min: 1, max: 8 }] }], budgets: [{ used: 0, max: 10_000 }] }),
    (e: unknown) => e instanceof KqliteError && e.code === 'KQL3021',
  );
});
