// The .kqltest golden suite: every test/kql/**/*.kqltest case must give exactly its expected table or diagnostics.
// KQLTEST_UPDATE=1 rewrites the expected sections from the current output (review the diff!).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatKqlCase, parseKqlTest } from './kqltest/format.js';
import { normalizeExpected, runCase } from './kqltest/run-case.js';

const root = new URL('./kql/', import.meta.url).pathname;
function walk(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p) : n.endsWith('.kqltest') ? [p] : [];
  });
}
const update = process.env.KQLTEST_UPDATE === '1';

for (const file of walk(root).sort()) {
  const text = readFileSync(file, 'utf8');
  const cases = parseKqlTest(file, text);
  const rel = file.slice(root.length);
  test(rel, async (t) => {
    const updated: string[] = [];
    for (const c of cases) {
      let got: Awaited<ReturnType<typeof runCase>>;
      try {
        got = await runCase(c);
      } catch (e) {
        // an engine crash fails this case only, with the stack, and the rest of the file still runs
        got = { kind: 'error', text: `CRASH ${(e as Error).stack ?? String(e)}` };
      }
      if (update) { updated.push(formatKqlCase({ ...c, expect: got })); continue; }
      await t.test(`${c.title} (line ${c.line})`, () => {
        assert.notEqual(c.expect.kind, 'none', 'case has no expected result; run with KQLTEST_UPDATE=1 and review');
        assert.deepEqual(got, normalizeExpected(c));
      });
    }
    if (update) {
      const header = text.slice(0, text.indexOf('=== ') < 0 ? text.length : text.indexOf('=== '));
      writeFileSync(file, header + updated.join('\n\n') + '\n');
    }
  });
}
