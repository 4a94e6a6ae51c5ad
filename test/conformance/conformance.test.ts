// The doc-derived conformance corpus: the pass set must match known-failures.txt exactly, so any change
// (a new failure or a newly passing case) shows up as a diff to review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCases, readKnownFailures, runCases, summarize } from './run-cases.js';

test('conformance corpus matches known-failures.txt', async () => {
  const outcomes = await runCases(loadCases());
  const known = readKnownFailures();
  const ids = new Set(outcomes.map((o) => o.id));
  const newFailures = outcomes.filter((o) => !o.ok && !known.has(o.id)).map((o) => `${o.id}: ${o.reason}`);
  const newPasses = outcomes.filter((o) => o.ok && known.has(o.id)).map((o) => o.id);
  const stale = [...known.keys()].filter((id) => !ids.has(id));
  assert.deepEqual(newFailures, [], 'cases failing that are not in known-failures.txt');
  assert.deepEqual(newPasses, [], 'cases now passing: remove them from known-failures.txt (npm run conformance -- --update)');
  assert.deepEqual(stale, [], 'known-failures.txt names cases that are not in cases.jsonl');
  const s = summarize(outcomes);
  assert.equal(s.total, 645);
  assert.ok(s.pass > 0);
});
