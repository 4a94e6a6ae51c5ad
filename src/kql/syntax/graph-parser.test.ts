import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from './parser.js';
import type { GraphOperator, Operator } from './ast.js';

type MatchOp = Extract<GraphOperator, { patterns: unknown }>;

/** The operators of a single-statement query, in pipeline order. */
function ops(q: string): Operator[] {
  const r = parse(q);
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  const st = r.query.statements[0]!;
  assert.equal(st.kind, 'query');
  const out: Operator[] = [];
  let e = (st as { expr: { kind: string; input?: unknown; op?: Operator } }).expr;
  while (e.kind === 'Pipe') { out.unshift(e.op!); e = e.input as typeof e; }
  return out;
}

test('make-graph: source, target, node tables with keys, with_node_id', () => {
  const [mg] = ops('T | make-graph a --> b with N1 on id, (N2 | take 1) on key') as [Extract<GraphOperator, { kind: 'make-graph' }>];
  assert.equal(mg.kind, 'make-graph');
  assert.equal(mg.source.name, 'a');
  assert.equal(mg.target.name, 'b');
  assert.deepEqual(mg.nodes.map((n) => n.key.name), ['id', 'key']);
  const [mg2] = ops('T | make-graph a --> b with_node_id = name') as [Extract<GraphOperator, { kind: 'make-graph' }>];
  assert.equal(mg2.withNodeId?.name, 'name');
});

test('make-graph partitioned-by parses the inner graph operators', () => {
  const [mg] = ops('T | make-graph a --> b with N on id partitioned-by t (graph-match (x)-->(y) project x.id)') as [Extract<GraphOperator, { kind: 'make-graph' }>];
  assert.equal(mg.partition?.column.name, 't');
  assert.deepEqual(mg.partition?.ops.map((o) => o.kind), ['graph-match']);
});

test('graph-match pattern: directions, names, variable-length bounds, sequences, where and project', () => {
  const [, gm] = ops('T | make-graph a --> b | graph-match cycles=none (x)-[e*1..3]->(y)<--(z)-[f]-(w)--(), (y)-[*2..2]->(v) where x.p == 1 project x.p, n = 2');
  assert.equal(gm!.kind, 'graph-match');
  const m = gm as unknown as MatchOp;
  assert.deepEqual(m.params.map((p) => [p.name, p.value]), [['cycles', 'none']]);
  assert.equal(m.patterns.length, 2);
  const [p0, p1] = m.patterns;
  assert.deepEqual(p0!.nodes.map((n) => n.name), ['x', 'y', 'z', 'w', undefined]);
  assert.deepEqual(p0!.edges.map((e) => [e.name, e.dir, e.variable, e.min, e.max]), [
    ['e', 'right', true, 1, 3], [undefined, 'left', false, undefined, undefined], ['f', 'any', false, undefined, undefined], [undefined, 'any', false, undefined, undefined],
  ]);
  assert.deepEqual(p1!.edges.map((e) => [e.variable, e.min, e.max]), [[true, 2, 2]]);
  assert.ok(m.where);
  assert.equal(m.project?.length, 2);
});

test('variable-length bounds: integer literals or constant names; both are required', () => {
  const [, gm] = ops('T | make-graph a --> b | graph-match (x)-[e*lo..3]-(y)<-[f]->(z) project x.p');
  const [e, f] = (gm as unknown as MatchOp).patterns[0]!.edges;
  assert.deepEqual([e!.variable, typeof e!.min === 'object' ? e!.min.name : e!.min, e!.max], [true, 'lo', 3]);
  assert.equal(f!.dir, 'both');
  for (const q of ['(x)-[e*1..]->(y)', '(x)-[e*2]->(y)', '(x)-[e*..3]->(y)', '(x)-[e*]->(y)']) {
    assert.ok(parse(`T | make-graph a --> b | graph-match ${q} project x.p`).diagnostics.some((d) => d.code === 'KQL1004'), q);
  }
});

test('graph-shortest-paths output option; graph-to-table parts; graph-mark-components options', () => {
  const [, sp] = ops('T | make-graph a --> b | graph-shortest-paths output=all (x)-[e*1..5]->(y) project x.p');
  assert.deepEqual((sp as MatchOp).params.map((p) => p.value), ['all']);
  const [, gt] = ops('T | make-graph a --> b | graph-to-table nodes as N with_node_id=Id, edges as E with_source_id=S with_target_id=D');
  assert.deepEqual((gt as Extract<GraphOperator, { kind: 'graph-to-table' }>).parts.map((p) => [p.what, p.as, p.nodeId, p.sourceId, p.targetId]), [
    ['nodes', 'N', 'Id', undefined, undefined], ['edges', 'E', undefined, 'S', 'D'],
  ]);
  const [, mc] = ops('T | make-graph a --> b | graph-mark-components kind=strong with_component_id=c');
  assert.deepEqual((mc as Extract<GraphOperator, { kind: 'graph-mark-components' }>).params.map((p) => [p.name, p.value]), [['kind', 'strong'], ['with_component_id', 'c']]);
});

test('syntax errors are KQL1xxx diagnostics, never exceptions', () => {
  for (const q of [
    'T | make-graph a -> b',
    'T | make-graph a --> b | graph-match (x) - [e]->(y) project x.p',
    'T | make-graph a --> b | graph-match (x)- ->(y) project x.p',
    'T | make-graph a --> b | graph-to-table nodes with_node_id=I as N',
    'T | make-graph a --> b | graph-match (x)-[e*1..3->(y) project x.p',
    'T | make-graph a --> b | graph-match x-->(y) project x.p',
    'T | make-graph a --> b | graph-to-table vertices',
    'T | make-graph a --> b | graph-to-table nodes, nodes',
    'T | make-graph a --> b | graph-match (x)-->(y) project x.p extra',
  ]) {
    const r = parse(q);
    assert.ok(r.diagnostics.some((d) => d.code.startsWith('KQL1')), q);
  }
});
