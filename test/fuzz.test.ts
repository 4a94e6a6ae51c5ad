// Seeded fuzzing of the whole query pipeline: mutated doc and hunting queries plus pathological nesting must
// give a result or a coded diagnostic, never an uncaught exception. Longer runs: scripts/fuzz.mjs --count N.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mutate, rng, runFuzz } from './fuzz/fuzzer.js';

test('mutation is deterministic for a seed', () => {
  const a = rng(5), b = rng(5);
  const q = 'print x = strlen("abc") | extend y = x + 1';
  assert.equal(mutate(q, a), mutate(q, b));
});

test('fuzzed queries never crash the engine', async (t) => {
  const report = await runFuzz(1200, 20261203);
  t.diagnostic(`ran ${report.ran} inputs; slowest ${report.maxMs} ms`);
  assert.ok(report.ran > 1200);
  assert.deepEqual(report.crashes, []);
});
