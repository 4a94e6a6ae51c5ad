import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkKernelDeadline, withKernelDeadline } from './functions/index.js';
import { openWorkspace } from '../index.js';

test('checkKernelDeadline throws KQL3010 only inside an expired withKernelDeadline, and the previous deadline is restored', () => {
  checkKernelDeadline(); // no deadline outside a query
  assert.throws(() => withKernelDeadline(Date.now() - 1, () => checkKernelDeadline()), (e: { code?: string }) => e.code === 'KQL3010');
  assert.equal(withKernelDeadline(Date.now() + 60_000, () => { checkKernelDeadline(); return 7; }), 7);
  checkKernelDeadline();
});

test('a long geometry kernel stops at the query timeout instead of running on', async () => {
  const ws = await openWorkspace([]);
  // a ~1.3 km quadrilateral at S2 level 20 is ~25,000 cells (tens of thousands of visits): far beyond a 1 ms budget
  const q = `print c = geo_polygon_to_s2cells(dynamic({"type":"Polygon","coordinates":[[[0,0],[0.012,0.001],[0.013,0.012],[0.001,0.011],[0,0]]]}), 20)`;
  const t0 = Date.now();
  await assert.rejects(ws.query(q, { timeoutMs: 1 }), (e: { code?: string }) => e.code === 'KQL3010');
  assert.ok(Date.now() - t0 < 5000);
});
