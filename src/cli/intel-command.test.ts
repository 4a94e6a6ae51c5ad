import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { intelCommand } from './intel-command.js';

const FIX = fileURLToPath(new URL('../../test/fixtures/intel/', import.meta.url));

async function run(argv: string[], cwd = FIX) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => { stdout += s; } }, stderr: { write: (s: string) => { stderr += s; } }, cwd };
  const code = await intelCommand(argv, io);
  return { code, stdout, stderr };
}

test('intel import writes the pretty IOC-set JSON to stdout and a one-paragraph summary to stderr', async () => {
  const r = await run(['import', 'nanocore-writeup-defanged.txt', 'nanocore-example.misp.json']);
  assert.equal(r.code, 0);
  const set = JSON.parse(r.stdout);
  assert.deepEqual(set.iocs.map((i: { value: string }) => i.value), ['68.134.58.120', 'algerium.io', 'net883.com']);
  assert.deepEqual(set.rejected, []);
  assert.ok(r.stdout.startsWith('{\n  "iocs": [\n    {\n      "type": "ipv4"'));
  assert.match(r.stderr, /^Imported 3 IOCs \(ipv4 1, domain 2\) from 2 files; 3 duplicates merged; 0 flagged by warninglists; 0 rejected\. Per source: nanocore-writeup-defanged\.txt \[text\] 3 read, 3 accepted, 0 rejected; nanocore-example\.misp\.json \[misp\] 3 read, 3 accepted, 0 rejected\.\n$/);
});

test('intel import --out FILE with filters, then intel show FILE summarizes it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-intel-'));
  const out = join(dir, 'iocs.json');
  const r = await run(['import', 'threatfox-json-export-2023-01-subset.json', 'circl-osint-fallchill-2017-11-14.misp.json',
    '--out', out, '--type', 'ipv4,domain', '--min-confidence', '50']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  const set = JSON.parse(readFileSync(out, 'utf8'));
  assert.ok(set.iocs.every((i: { type: string; confidence?: number }) => ['ipv4', 'domain'].includes(i.type) && (i.confidence ?? 0) >= 50));
  assert.match(r.stderr, /flagged by warninglists \(rfc1918 3, rfc5735 3\)/);
  assert.match(r.stderr, /filtered out \d+ by --type, \d+ by --min-confidence/);
  const all = await run(['import', 'circl-osint-fallchill-2017-11-14.misp.json', '--out', out]);
  assert.equal(all.code, 0);
  const show = await run(['show', out]);
  assert.equal(show.code, 0);
  assert.match(show.stdout, /^.*iocs\.json: 108 IOCs, 12 rejected\n/);
  assert.match(show.stdout, /By type:\n  ipv4    90\n  md5     14\n  sha1    2\n  sha256  2\n  \(3 with a port\)/);
  assert.match(show.stdout, /By family:\n  FALLCHILL  108/);
  assert.match(show.stdout, /Flagged \(2, not hunted by default\):\n  rfc1918  2\n  rfc5735  2\n    ipv4 10\.10\.30\.110  \[rfc1918, rfc5735\]/);
  assert.match(show.stdout, /Rejected by reason:\n  to_ids=false \(context only\)\s+\d+/);
});

test('--warninglist adds a list; --no-warninglists drops the bundled ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-wl-'));
  writeFileSync(join(dir, 'ours.json'), JSON.stringify({ name: 'ours', description: 'x', version: 1, type: 'hostname', list: ['net883.com'] }));
  writeFileSync(join(dir, 'w.txt'), 'net883[.]com\n10[.]0[.]0[.]1');
  const a = await run(['import', 'w.txt', '--warninglist', 'ours.json'], dir);
  const set = JSON.parse(a.stdout);
  assert.deepEqual(set.iocs.map((i: { warnings?: string[] }) => i.warnings), [['rfc1918', 'rfc5735'], ['ours']]);
  const b = await run(['import', 'w.txt', '--no-warninglists'], dir);
  assert.ok(JSON.parse(b.stdout).iocs.every((i: { warnings?: string[] }) => i.warnings === undefined));
});

test('usage and input errors exit 2 with a message on stderr', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['import'], /missing input FILE/],
    [['import', 'x.json', '--bogus'], /Unknown option '--bogus'/],
    [['import', 'missing.json'], /INT5001 cannot read/],
    [['import', 'nanocore-example.misp.json', '--format', 'yaml'], /unknown --format 'yaml'/],
    [['import', 'nanocore-example.misp.json', '--min-confidence', 'high'], /--min-confidence must be a number/],
    [['import', 'nanocore-example.misp.json', '--since', 'last week'], /INT5006 --since must be a date/],
    [['import', 'nanocore-example.misp.json', '--type', 'hostname'], /unknown --type 'hostname'/],
    [['import', 'nanocore-example.misp.json', '--warninglist', 'nope.json'], /INT5001 cannot read warninglist/],
    [['import', 'defang-corpus.tsv', '--format', 'misp'], /INT5003 .*invalid JSON/],
    [['show'], /expected exactly one IOC-set FILE/],
    [['show', 'nanocore-example.misp.json'], /INT5007 .*not an IOC set/],
    [['show', 'missing.json'], /INT5001/],
    [['frobnicate'], /unknown sub-command 'frobnicate'/],
    [[], /missing sub-command/],
  ];
  for (const [argv, re] of cases) {
    const r = await run(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.stderr, re, argv.join(' '));
    assert.equal(r.stdout, '', argv.join(' '));
  }
});

test('--help prints usage and exits 0', async () => {
  const r = await run(['import', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /usage: kqlite intel import FILE/);
  const s = await run(['--help']);
  assert.match(s.stdout, /kqlite intel show FILE/);
});
