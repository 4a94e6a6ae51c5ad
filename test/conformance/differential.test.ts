// Differential test against Microsoft's parser/analyzer on a fixed sample (every 10th input) of the doc cases and
// .kqltest queries; the full run is `npm run differential`. Disagreements must be listed with a reason in
// differential-exceptions.txt. Skipped when the devDependency is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gatherInputs, runDifferential } from './differential-run.js';
import { loadKusto, readExceptions } from './differential.js';

test('kqlite agrees with Microsoft\'s parser on syntax errors and result schemas (sample)', { skip: !loadKusto() && 'no @kusto/language-service-next' }, async (t) => {
  const inputs = gatherInputs().filter((_, i) => i % 10 === 0);
  const { checked, disagreements } = await runDifferential(inputs);
  const known = readExceptions();
  const unlisted = disagreements.filter((d) => !known.has(`${d.key} ${d.kind}`)).map((d) => `${d.key}  ${d.kind}  ${d.detail}`);
  t.diagnostic(`checked ${checked} queries, ${disagreements.length} listed disagreements`);
  assert.deepEqual(unlisted, [], 'disagreements not in differential-exceptions.txt (fix, or list with a reason)');
});
