// Analysis without data (kqlite check, analyze()): after bag_unpack / pivot the added columns are unknown, so
// later references to them are not errors (KQL2017 warns once), as Microsoft's analyzer treats such schemas.
// Running the query with data binds against the real columns, so a truly missing name is still an error there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, openWorkspace } from '../src/index.js';

const Q = `datatable(d:dynamic) [dynamic({"User":"bob","Count":3})]
| evaluate bag_unpack(d)
| where User == "bob"
| summarize total = sum(toint(Count)) by User`;

test('analysis: names after bag_unpack bind (KQL2017 warning, no error)', () => {
  const diags = analyze(Q);
  assert.deepEqual(diags.map((d) => `${d.severity} ${d.code}`), ['warning KQL2017']);
});

test('running with data: the real unpacked columns are used; a name the data lacks is still KQL2002', async () => {
  const ws = await openWorkspace([]);
  assert.deepEqual((await ws.query(Q)).rows, [['bob', 3]]);
  await assert.rejects(ws.query(Q.replace('where User', 'where NoSuchColumn')), (e: { code?: string }) => e.code === 'KQL2002');
});

test('analysis: an operator that drops columns (project) closes the schema again', () => {
  const diags = analyze(`datatable(d:dynamic) [dynamic({"a":1})] | evaluate bag_unpack(d) | project a | where b == 1`);
  assert.ok(diags.some((d) => d.severity === 'error' && d.code === 'KQL2002'));
});
