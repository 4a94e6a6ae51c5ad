// A query with several tabular statements returns one result per statement, in order (the first is Kusto's first
// result table); `let` statements produce none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWorkspace } from '../src/index.js';
import { run } from '../src/cli/main.js';

test('several tabular statements: the first result, then the others in order', async () => {
  const ws = await openWorkspace([]);
  const r = await ws.query('let T = datatable(a:long) [1, 2, 3]; T | count; T | where a > 1; print done = true');
  assert.deepEqual(r.rows, [[3]]);
  assert.deepEqual(r.more?.map((m) => m.rows), [[[2], [3]], [[true]]]);
  const single = await ws.query('print x = 1');
  assert.equal(single.more, undefined);
});

test('graph-to-table … as N, edges as X: the named edges table feeds a later statement', async () => {
  const ws = await openWorkspace([]);
  const r = await ws.query(`let E = datatable(src:string, dst:string, w:long) ["a","b",1, "b","c",2, "c","a",3, "c","d",4];
E | make-graph src --> dst with_node_id=name | graph-to-table nodes as N with_node_id=NodeId, edges as X;
X | summarize edges = count(), heavy = countif(w > 2)`);
  assert.equal(r.rows.length, 4);
  assert.deepEqual(r.more?.[0]?.rows, [[4, 2]]);
});

test('kqlite query prints every result, separated by a blank line', async () => {
  let out = '';
  const io = { stdout: { write: (s: string) => { out += s; return true; }, columns: 80 }, stderr: { write: () => true }, cwd: process.cwd() };
  assert.equal(await run(['query', 'print x = 1; print y = 2'], io), 0);
  assert.match(out, /x\n-\n1\n\(1 row\)\n\ny\n-\n2\n\(1 row\)/);
});
