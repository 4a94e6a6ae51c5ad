import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../syntax/parser.js';
import { bind } from './binder.js';
import type { Plan } from './bound.js';

const catalog = {
  tableSchema: (n: string) => (n === 'Edges'
    ? [{ name: 's', type: 'string' as const }, { name: 't', type: 'string' as const }, { name: 'w', type: 'long' as const }]
    : n === 'Nodes' ? [{ name: 'id', type: 'string' as const }, { name: 'age', type: 'long' as const }] : undefined),
  tableNames: () => ['Edges', 'Nodes'],
};
function bound(q: string): { plan?: Plan; codes: string[] } {
  const r = bind(parse(q).query, catalog);
  return { ...(r.plan ? { plan: r.plan } : {}), codes: r.diagnostics.map((d) => d.code) };
}
const G = 'Edges | make-graph s --> t with Nodes on id';

test('graph-match binds to a graphmatch plan over a makegraph plan, with the project schema', () => {
  const { plan, codes } = bound(`${G} | graph-match (a)-[e*1..2]->(b) where a.age > 3 project a.id, ws = e.w, n = node_degree_out(b)`);
  assert.deepEqual(codes, []);
  assert.equal(plan!.k, 'graphmatch');
  assert.deepEqual(plan!.schema, [{ name: 'a_id', type: 'string' }, { name: 'ws', type: 'dynamic' }, { name: 'n', type: 'long' }]);
  const m = plan as Extract<Plan, { k: 'graphmatch' }>;
  assert.equal(m.input.k, 'makegraph');
  assert.deepEqual(m.nodeVars, ['a', 'b']);
  assert.deepEqual(m.edgeVars, [{ name: 'e', variable: true }]);
  assert.deepEqual(m.columns.map((c) => [c.name, c.type]), [['a.age', 'long'], ['a.id', 'string'], ['e.w', 'dynamic'], ['b.$node_degree_out', 'long']]);
});

test('single-variable conjuncts of where are pushed down; mixed ones are not', () => {
  const { plan } = bound(`${G} | graph-match (a)-[e]->(b)-[f*1..3]->(c) where a.age > 3 and e.w == 1 and all(f, w > 0) and all(inner_nodes(f), age < 9) and b.age < c.age project a.id`);
  const m = plan as Extract<Plan, { k: 'graphmatch' }>;
  assert.deepEqual(m.nodeFilters.map((f) => f.v), [0]);
  assert.deepEqual(m.edgeFilters.map((f) => [f.v, f.inner]), [[0, false], [1, false], [1, true]]);
  assert.ok(m.where);
});

test('a conjunct whose bare name is also a property is not pushed down (its meaning would change)', () => {
  const { plan } = bound(`let age = 5; ${G} | graph-match (a)-->(b) where a.age > age project a.id`);
  assert.deepEqual((plan as Extract<Plan, { k: 'graphmatch' }>).nodeFilters, []);
});

test('graph-to-table with as names both tables for later statements', () => {
  const { plan, codes } = bound(`${G} | graph-to-table nodes as N with_node_id=Id, edges as X with_source_id=S; X | project S, w`);
  assert.deepEqual(codes, []);
  assert.deepEqual(plan!.schema, [{ name: 'S', type: 'long' }, { name: 'w', type: 'long' }]);
});

test('graph misuse is KQL2020; bad patterns and unknown properties are binding errors', () => {
  const cases: [string, string][] = [
    [`${G} | where s == "x"`, 'KQL2020'],
    [`${G} | take 1`, 'KQL2020'],
    ['Edges | graph-match (a)-->(b) project a.id', 'KQL2020'],
    [`${G} | make-graph s --> t`, 'KQL2020'],
    [`Edges | union (${G})`, 'KQL2020'],
    [`let k = "x"; ${G} | graph-match (a)-[e*1..k]->(b) project a.id`, 'KQL2008'],
    [`${G} | graph-match (a)-[e*3..2]->(b) project a.id`, 'KQL2008'],
    [`${G} | graph-match (a)-[e*1..65]->(b) project a.id`, 'KQL2008'],
    [`${G} | graph-match (a)<-[e]->(b) project a.id`, 'KQL2006'],
    [`${G} | graph-to-table nodes, edges as E`, 'KQL2008'],
    [`${G} | graph-match (a)-->(b) project a.nope`, 'KQL2002'],
    [`${G} | graph-match (a)-[e]->(b) project e.nope`, 'KQL2002'],
    [`${G} | graph-match (a)-[e]->(b), (c)-[e]->(d) project a.id`, 'KQL2006'],
    [`${G} | graph-match (a)-[a]->(b) project b.id`, 'KQL2008'],
    [`${G} | graph-match (a)-->(b) project all(a, age > 1)`, 'KQL2008'],
    [`${G} | graph-match (a)-[e*1..2]->(b) project map(e, node_degree_in())`, 'KQL2008'],
    [`${G} | graph-match (a)-[e*1..2]->(b) project any(e, w)`, 'KQL2005'],
    [`${G} | graph-match (a)-[e*1..2]->(b) project labels(a)`, 'KQL2006'],
    [`${G} | graph-shortest-paths (a)-[e*1..2]->(b), (b)-->(c) project a.id`, 'KQL2008'],
    [`${G} | graph-shortest-paths output=some (a)-[e*1..2]->(b) project a.id`, 'KQL2008'],
    [`${G} | graph-mark-components kind=medium`, 'KQL2008'],
    ['Edges | make-graph s --> w', 'KQL2005'],
    [`Edges | make-graph s --> t with Nodes on age`, 'KQL2005'],
    [`Edges | make-graph s --> t with Nodes on id partitioned-by w (graph-match (a)-->(b) project a.id)`, 'KQL2002'],
    [`Edges | make-graph s --> t partitioned-by w (take 1)`, 'KQL2020'],
  ];
  for (const [q, code] of cases) assert.deepEqual(bound(q).codes, [code], q);
});
