// Runs the doc-derived conformance corpus (test/conformance/cases.jsonl) through kqlite and prints pass/fail
// per case, per doc page and in total, plus the core-pages and all-pages pass rates.
// Usage: node --import tsx scripts/conformance.mjs [--verbose] [--pages] [--update] [--filter SUBSTR] [--cases FILE]
import { writeFileSync } from 'node:fs';
import { loadCases, runCases, summarize, formatKnownFailures, readKnownFailures } from '../test/conformance/run-cases.ts';

const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const opt = (f) => { const i = args.indexOf(f); return i >= 0 ? args[i + 1] : undefined; };
process.env.TZ = 'UTC';

let cases = loadCases(opt('--cases'));
const filter = opt('--filter');
if (filter) cases = cases.filter((c) => c.id.includes(filter) || c.page.includes(filter));
const outcomes = await runCases(cases);

for (const o of outcomes) {
  if (flag('--verbose') || (!o.ok && !flag('--quiet'))) console.log(`${o.ok ? 'PASS' : 'FAIL'} ${o.id}${o.ok ? '' : ': ' + o.reason}`);
}
if (flag('--pages')) {
  const pages = new Map();
  for (const o of outcomes) {
    const p = pages.get(o.page) ?? [0, 0];
    p[o.ok ? 0 : 1]++;
    pages.set(o.page, p);
  }
  for (const [page, [pass, fail]] of [...pages].sort()) console.log(`${String(pass).padStart(3)}/${String(pass + fail).padEnd(3)} ${page.replace('data-explorer/kusto/', '')}`);
}
const s = summarize(outcomes);
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : '0.0') + '%';
console.log(`core pages (excl. geo, series, graph, plugins, functions library): ${s.corePass}/${s.coreTotal} = ${pct(s.corePass, s.coreTotal)} (target 92%)`);
console.log(`all cases: ${s.pass}/${s.total} = ${pct(s.pass, s.total)} (target 70%)`);

if (!filter && !opt('--cases')) {
  const known = readKnownFailures();
  const newFail = outcomes.filter((o) => !o.ok && !known.has(o.id)).map((o) => o.id);
  const newPass = outcomes.filter((o) => o.ok && known.has(o.id)).map((o) => o.id);
  if (flag('--update')) writeFileSync(new URL('../test/conformance/known-failures.txt', import.meta.url), formatKnownFailures(outcomes));
  else {
    if (newFail.length) console.log(`new failures (not in known-failures.txt): ${newFail.join(', ')}`);
    if (newPass.length) console.log(`now passing (remove from known-failures.txt or run --update): ${newPass.join(', ')}`);
    if (newFail.length || newPass.length) process.exitCode = 1;
  }
}
