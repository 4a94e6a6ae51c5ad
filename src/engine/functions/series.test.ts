import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernels } from './series.js';
import { signatures } from '../../kql/semantics/functions/series.js';

test('every series signature has a kernel and vice versa (plugin kernels "evaluate …" have no signature)', () => {
  const named = kernels.map((k) => k.name).filter((n) => !n.startsWith('evaluate '));
  assert.deepEqual(signatures.map((s) => s.name).sort(), named.sort());
  assert.ok(kernels.some((k) => k.name === 'evaluate activity_metrics'));
});

test('internal names cannot be written in a query (they contain a space)', () => {
  for (const s of signatures) if (!/^series_[a-z_]+$/.test(s.name)) assert.match(s.name, / \(bag\)$/);
});
