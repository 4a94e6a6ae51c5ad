// The query and check commands as a user runs them: formats, exit codes, diagnostics on stderr, --dump stages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './main.js';

const root = new URL('../../', import.meta.url).pathname;
const ws = join(root, 'test/fixtures/nanocore-ws');

function capture(cwd = root) {
  let out = '', err = '';
  return {
    io: { stdout: { write: (s: string) => { out += s; return true; }, columns: 100 }, stderr: { write: (s: string) => { err += s; return true; } }, cwd },
    out: () => out, err: () => err,
  };
}

test('query: json result format with typed columns and 7-digit datetimes', async () => {
  const c = capture();
  const code = await run(['query', '--data', ws, '--format', 'json', 'DnsEvents | where Name == "net883.com" | project TimeGenerated, Name'], c.io);
  assert.equal(code, 0, c.err());
  assert.deepEqual(JSON.parse(c.out()), {
    columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Name', type: 'string' }],
    rows: [['2026-05-23T09:59:58.0000000Z', 'net883.com']],
  });
});

test('query: ndjson and csv', async () => {
  const q = 'print a = 1, b = "x,y", t = 1d';
  const n = capture();
  assert.equal(await run(['query', '--format', 'ndjson', q], n.io), 0);
  assert.equal(n.out(), '{"a":1,"b":"x,y","t":"1.00:00:00"}\n');
  const c = capture();
  assert.equal(await run(['query', '--format', 'csv', q], c.io), 0);
  assert.equal(c.out(), 'a,b,t\r\n1,"x,y",1.00:00:00\r\n');
});

test('query: a table that fits the terminal', async () => {
  const c = capture();
  assert.equal(await run(['query', `print s = "${'x'.repeat(300)}", n = 1`], c.io), 0);
  for (const line of c.out().split('\n')) assert.ok(line.length <= 100, line);
  assert.match(c.out(), /…/);
  assert.match(c.out(), /\(1 row\)/);
});

test('query: errors are rendered with line:col and a caret, exit 2', async () => {
  const c = capture();
  assert.equal(await run(['query', 'print x = 1\n| where y > 1'], c.io), 2);
  assert.match(c.err(), /^2:9: error KQL2002 The name 'y' does not refer to any known column/m);
  assert.match(c.err(), /2 \| \| where y > 1\n {2}\| {9}\^/);
});

test('query: usage errors exit 2; query from a file', async () => {
  const u = capture();
  assert.equal(await run(['query', '--format', 'xml', 'print 1'], u.io), 2);
  assert.match(u.err(), /unknown --format 'xml'/);
  const dir = mkdtempSync(join(tmpdir(), 'kq-'));
  try {
    writeFileSync(join(dir, 'q.kql'), 'print answer = 6 * 7');
    const c = capture(dir);
    assert.equal(await run(['query', '-f', 'q.kql', '--format', 'csv'], c.io), 0);
    assert.equal(c.out(), 'answer\r\n42\r\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('query --dump shows each pipeline stage', async () => {
  const q = 'DnsEvents | where Name has "x" | project Name';
  const plan = capture();
  assert.equal(await run(['query', '--dump', 'plan', q], plan.io), 0);
  assert.match(plan.out(), /scan DnsEvents reads \{Name\}/);
  const syn = capture();
  assert.equal(await run(['query', '--dump', 'syntax', q], syn.io), 0);
  assert.match(syn.out(), /^\(query expr=\(Pipe/);
  const tok = capture();
  assert.equal(await run(['query', '--dump', 'tokens', 'print 1'], tok.io), 0);
  assert.match(tok.out(), /0-5 ident "print"/);
});

test('check: .kql and Sentinel YAML, file:line:col diagnostics, exit 1 on errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kq-check-'));
  try {
    writeFileSync(join(dir, 'ok.kql'), 'DnsEvents | where Name has "net883.com" | project TimeGenerated, Computer');
    writeFileSync(join(dir, 'bad.kql'), 'DnsEvents\n| where Nmae has "x"');
    writeFileSync(join(dir, 'rule.yaml'), 'id: 1\nname: test\nquery: |\n  CommonSecurityLog\n  | where DestinationIP in ("1.2.3.4")\n  | project TimeGenerated, Bogus\n');
    const ok = capture(dir);
    assert.equal(await run(['check', 'ok.kql'], ok.io), 0, ok.out());
    const bad = capture(dir);
    assert.equal(await run(['check', 'bad.kql', 'rule.yaml'], bad.io), 1);
    assert.match(bad.out(), /^bad\.kql:2:9: error KQL2002 The name 'Nmae'/m);
    assert.match(bad.out(), /^rule\.yaml:6:28: error KQL2002 The name 'Bogus'/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('query: --cache DIR (or $KQLITE_CACHE_DIR) keeps loaded columns; results and totals are the same from the cache', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'kqlite-clicache-'));
  try {
    const q = 'DnsEvents | summarize n = count() by Name | order by n desc, Name asc | take 3';
    const first = capture(), second = capture();
    assert.equal(await run(['query', '--data', ws, '--cache', cache, '--format', 'json', '--verbose', q], first.io), 0, first.err());
    const withEnv = { ...second.io, env: { KQLITE_CACHE_DIR: cache } };
    assert.equal(await run(['query', '--data', ws, '--format', 'json', '--verbose', q], withEnv), 0, second.err());
    assert.equal(second.out(), first.out());
    assert.equal(second.err(), first.err());
    assert.ok(readdirSync(cache).some((n) => n.endsWith('.bin')));
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
