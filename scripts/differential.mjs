// Differential run against Microsoft's parser/analyzer over every doc case and .kqltest query.
// Usage: node --import tsx scripts/differential.mjs [--all] [--update]
//   default: prints disagreements not listed in test/conformance/differential-exceptions.txt
//   --all: prints every disagreement; --update: rewrites the exceptions file (keeps existing reasons).
import { writeFileSync } from 'node:fs';
import { gatherInputs, runDifferential } from '../test/conformance/differential-run.ts';
import { loadKusto, readExceptions } from '../test/conformance/differential.ts';

process.env.TZ = 'UTC';
const args = process.argv.slice(2);
if (!loadKusto()) { console.error('@kusto/language-service-next is not installed (npm install --include=dev)'); process.exit(2); }
const { checked, disagreements } = await runDifferential(gatherInputs());
const known = readExceptions();
const fresh = disagreements.filter((d) => !known.has(`${d.key} ${d.kind}`));
for (const d of args.includes('--all') ? disagreements : fresh) console.log(`${d.key}  ${d.kind}  ${d.detail}`);
const seen = new Set(disagreements.map((d) => `${d.key} ${d.kind}`));
const stale = [...known.keys()].filter((k) => !seen.has(k));
console.log(`checked ${checked} queries: ${disagreements.length} disagreements (${disagreements.filter((d) => d.kind === 'syntax').length} syntax, ${disagreements.filter((d) => d.kind === 'schema').length} schema); not listed: ${fresh.length}; listed but now agreeing: ${stale.length}`);
if (args.includes('--update')) {
  const lines = disagreements.map((d) => `${d.key}  ${d.kind}  ${known.get(`${d.key} ${d.kind}`) ?? d.detail.replace(/\s+/g, ' ').slice(0, 200)}`);
  writeFileSync(new URL('../test/conformance/differential-exceptions.txt', import.meta.url), '# kqlite vs Microsoft parser/analyzer disagreements: `key  syntax|schema  reason`. Regenerate the list with\n# `npm run differential -- --update` (existing reasons are kept) and write a reason for each new line.\n' + lines.join('\n') + '\n');
} else if (fresh.length || stale.length) process.exitCode = 1;
