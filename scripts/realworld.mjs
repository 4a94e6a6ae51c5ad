// Measures kqlite's parser and binder on real-world hunting/detection YAML files against Microsoft's
// parser/analyzer (issue 3 targets: >= 99% syntax agreement, >= 95% clean binding). The queries themselves
// are never stored in the repository: point this script at a directory of YAML files kept elsewhere.
// Usage: node --import tsx scripts/realworld.mjs <dir> [--json out.json] [--verbose]
//        node --import tsx scripts/realworld.mjs --query '<kql>'   (one query, both sides)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { parse } from '../src/kql/syntax/parser.js';
import { analyze } from '../src/index.js';
import { loadKusto, msGlobals } from '../test/conformance/differential.ts';

process.env.TZ = 'UTC';
const args = process.argv.slice(2);
const dir = args.includes('--query') ? '.' : args.find((a) => !a.startsWith('--'));
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const verbose = args.includes('--verbose');
if (!dir) { console.error('usage: node --import tsx scripts/realworld.mjs <dir-of-yaml> [--json out.json] [--verbose]'); process.exit(2); }
if (!loadKusto()) { console.error('@kusto/language-service-next is not installed (npm install --include=dev)'); process.exit(2); }

// Sentinel's Device*/Email* tables carry both the Log Analytics columns and the Defender XDR ones (Timestamp, ...).
const schemaRoot = new URL('../schemas/', import.meta.url);
const tables = {};
function addSchemas(url) {
  for (const f of readdirSync(url).filter((n) => n.endsWith('.json'))) {
    const s = JSON.parse(readFileSync(new URL(f, url), 'utf8'));
    const cols = tables[s.name] ?? (tables[s.name] = []);
    for (const c of s.columns) if (!cols.some((x) => x.name === c.name)) cols.push({ name: c.name, type: c.type });
  }
}
addSchemas(schemaRoot);
addSchemas(new URL('defender-xdr/', schemaRoot));
const catalog = { tableSchema: (n) => tables[n], tableNames: () => Object.keys(tables) };
const globals = msGlobals(catalog);
const K = loadKusto();

function msDiagnostics(list) {
  const out = [];
  const n = typeof list?.Count === 'number' ? list.Count : 0;
  for (let i = 0; i < n; i++) {
    const d = list.getItem(i);
    if (String(d.Severity) === 'Error') out.push({ code: String(d.Code), message: String(d.Message) });
  }
  return out;
}

function msJudge(query) {
  try {
    const parsed = K.Language.KustoCode.Parse(query, globals);
    const syn = msDiagnostics(parsed.GetSyntaxDiagnostics());
    if (syn.length) return { syntax: syn };
    const code = K.Language.KustoCode.ParseAndAnalyze(query, globals);
    return { bind: msDiagnostics(code.GetDiagnostics()) };
  } catch (e) {
    return { crashed: String(e?.message ?? e) };
  }
}

function ourJudge(query) {
  try {
    const p = parse(query);
    const syn = p.diagnostics.filter((d) => d.severity === 'error' && d.code.startsWith('KQL1'));
    if (syn.length) return { syntax: syn };
    return { bind: analyze(query, { tables }).filter((d) => d.severity === 'error') };
  } catch (e) {
    return { crashed: String(e?.stack ?? e) };
  }
}

// Groups messages by code plus the message with quoted names and numbers masked.
// Long quoted text (URLs, literals) is masked; short names (functions, tables, operators) stay, as they are the cause.
const pattern = (d) => `${d.code} ${String(d.message).replace(/'[^']{25,}'/g, "'…'").replace(/"[^"]{25,}"/g, '"…"').replace(/argument \d+/g, 'argument N')}`;

// --query <kql>: judge one query on both sides (handy for minimal repros), then exit.
if (args.includes('--query')) {
  const q = args[args.indexOf('--query') + 1] ?? '';
  console.log(JSON.stringify({ microsoft: msJudge(q), kqlite: ourJudge(q) }, (k, v) => (typeof v === 'bigint' ? String(v) : v), 1));
  process.exit(0);
}

const files = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n)).sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b));
const rows = [];
for (const f of files) {
  let query;
  try { query = YAML.parse(readFileSync(join(dir, f), 'utf8'))?.query; } catch { /* unreadable YAML counts as no query */ }
  if (typeof query !== 'string' || !query.trim()) { rows.push({ id: f, noQuery: true }); continue; }
  rows.push({ id: f, ms: msJudge(query), ours: ourJudge(query) });
}

const withQuery = rows.filter((r) => !r.noQuery);
const msParses = withQuery.filter((r) => r.ms.bind);
const weParse = msParses.filter((r) => !r.ours.syntax && !r.ours.crashed);
const msBinds = msParses.filter((r) => r.ms.bind.length === 0);
const weBind = msBinds.filter((r) => r.ours.bind && r.ours.bind.length === 0);
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : 'n/a');

const groups = new Map();
function note(kind, r, d) {
  const key = `${kind}: ${pattern(d)}`;
  const g = groups.get(key) ?? { key, count: 0, example: r.id, message: `${d.code} ${d.message}` };
  g.count++;
  groups.set(key, g);
}
for (const r of msParses) {
  if (r.ours.crashed) note('crash', r, { code: 'CRASH', message: r.ours.crashed.split('\n')[0] });
  else if (r.ours.syntax) note('syntax', r, r.ours.syntax[0]);
}
for (const r of msBinds) if (r.ours.bind?.length) note('bind', r, r.ours.bind[0]);
const top = [...groups.values()].sort((a, b) => b.count - a.count);

console.log(`files: ${files.length} (with a query: ${withQuery.length})`);
console.log(`Microsoft parses without syntax errors: ${msParses.length}; kqlite parses ${weParse.length} of them (${pct(weParse.length, msParses.length)}%, target >= 99%)`);
console.log(`Microsoft binds cleanly: ${msBinds.length}; kqlite binds ${weBind.length} of them cleanly (${pct(weBind.length, msBinds.length)}%, target >= 95%)`);
const msSyntaxFail = withQuery.filter((r) => r.ms.syntax);
console.log(`(Microsoft syntax errors: ${msSyntaxFail.length}; Microsoft crashed: ${withQuery.filter((r) => r.ms.crashed).length}; Microsoft parses but cannot bind: ${msParses.length - msBinds.length})`);
console.log(`\nkqlite failures on queries Microsoft accepts, grouped (count, example, first message):`);
for (const g of top.slice(0, verbose ? top.length : 15)) console.log(`${String(g.count).padStart(4)}  ${g.example.padEnd(10)} ${g.key}\n      e.g. ${g.message}`);
if (verbose) {
  console.log('\nMicrosoft-side binding errors (out of the binding measurement):');
  const ms = new Map();
  for (const r of msParses) if (r.ms.bind.length) { const k = pattern(r.ms.bind[0]); ms.set(k, [...(ms.get(k) ?? []), r.id]); }
  for (const [k, ids] of [...ms].sort((a, b) => b[1].length - a[1].length)) console.log(`${String(ids.length).padStart(4)}  ${k}  [${ids.slice(0, 5).join(' ')}]`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(rows, null, 1));
