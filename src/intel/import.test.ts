import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { importIntel, importIntelText, iocSetJsonChunks, parseIocSet } from './index.js';

const FIX = fileURLToPath(new URL('../../test/fixtures/intel/', import.meta.url));
const NANOCORE = ['nanocore-writeup-defanged.txt', 'nanocore-example.stix21.json', 'nanocore-example.misp.json'];
const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

test('the same IOCs from a write-up, a STIX bundle and a MISP event merge into one set with every source', async () => {
  const s = await importIntel(NANOCORE, { cwd: FIX });
  assert.deepEqual(s.iocs.map((i) => [i.type, i.value, i.port, i.sources.length, i.confidence, i.firstSeen]), [
    ['ipv4', '68.134.58.120', 54984, 3, undefined, '2026-05-23T00:00:00Z'],
    ['domain', 'algerium.io', undefined, 3, undefined, '2026-05-23T00:00:00Z'],
    ['domain', 'net883.com', undefined, 3, 75, '2026-05-23T00:00:00Z'],
  ]);
  assert.deepEqual(s.iocs[2]!.sources, [
    'nanocore-writeup-defanged.txt:5', 'nanocore-example.stix21.json:indicator--3ee2bca6-c38d-5fbf-9ae7-7ab366e9ceed',
    'nanocore-example.misp.json:2b92f22d-3cba-58d6-b51f-4b0ea5311294',
  ]);
  assert.equal(s.stats.merged, 6);
  assert.deepEqual(s.stats.files.map((f) => f.format), ['text', 'stix', 'misp']);
});

test('merge rules: earliest firstSeen, latest lastSeen, highest confidence, union of tags and sources', () => {
  const csv = ['value,confidence,first_seen,last_seen,tags,family', 'evil.com,50,2026-03-01,2026-03-05,a,Fam1',
    'EVIL.COM.,80,2026-02-01,2026-03-02,b;a,Fam2', 'evil.com,,2026-04-01,2026-04-09,,'].join('\n');
  const s = importIntelText(csv, 'm.csv', { bundledWarninglists: false });
  assert.deepEqual(s.iocs, [{
    type: 'domain', value: 'evil.com', family: 'Fam1', confidence: 80, firstSeen: '2026-02-01T00:00:00Z', lastSeen: '2026-04-09T00:00:00Z',
    tags: ['a', 'b'], sources: ['m.csv:2', 'm.csv:3', 'm.csv:4'],
  }]);
  assert.equal(JSON.stringify(Object.keys(s.iocs[0]!)), JSON.stringify(['type', 'value', 'family', 'confidence', 'firstSeen', 'lastSeen', 'tags', 'sources']));
});

test('in one text, a bare IP also given with ports is not a separate IOC; output order is type, value, port', () => {
  const s = importIntelText('b.com\n1.2.3.4:80\n1.2.3.4\n::1\na.com\n1.2.3.4:8\n' + 'f'.repeat(32), 'o.txt', { bundledWarninglists: false });
  assert.deepEqual(s.iocs.map((i) => `${i.type} ${i.value}${i.port !== undefined ? ':' + i.port : ''}`),
    ['ipv4 1.2.3.4:8', 'ipv4 1.2.3.4:80', 'ipv6 ::1', 'domain a.com', 'domain b.com', `md5 ${'f'.repeat(32)}`]);
  // from different files the port-less IP is its own IOC
  const lines = ['1.2.3.4', '1.2.3.4:80'];
  assert.deepEqual(importIntelText(lines[0]!, 'a.txt', { bundledWarninglists: false }).iocs.map((i) => i.port), [undefined]);
});

test('filters: --type, --min-confidence, --since, --family (case-insensitive, word match)', async () => {
  const tf = ['threatfox-json-export-2023-01-subset.json'];
  const all = await importIntel(tf, { cwd: FIX, bundledWarninglists: false });
  const t = await importIntel(tf, { cwd: FIX, types: ['domain', 'url'] });
  assert.equal(t.iocs.length, 57 + 66);
  assert.equal(t.stats.filtered.type, 262 - 123);
  const c = await importIntel(tf, { cwd: FIX, minConfidence: 90 });
  assert.ok(c.iocs.length > 0 && c.iocs.every((i) => (i.confidence ?? 0) >= 90));
  assert.equal(c.iocs.length + c.stats.filtered.minConfidence, all.iocs.length);
  const d = await importIntel(tf, { cwd: FIX, since: '2023-01-25' });
  assert.ok(d.iocs.length > 0 && d.iocs.every((i) => (i.lastSeen ?? i.firstSeen)! >= '2023-01-25T00:00:00Z'));
  const f = await importIntel(tf, { cwd: FIX, family: 'asyncrat' });
  assert.ok(f.iocs.length > 0 && f.iocs.every((i) => i.family === 'AsyncRAT'));
  const w = importIntelText('Family: Nanocore RAT\nnet883[.]com', 'x.txt', { family: ['nanocore'] });
  assert.equal(w.iocs.length, 1);
  const none = importIntelText('net883[.]com', 'x.txt', { minConfidence: 10 });
  assert.equal(none.iocs.length, 0, 'IOCs without a confidence do not pass --min-confidence');
});

test('bad options and unusable files are INT5xxx errors', async () => {
  await assert.rejects(importIntel(['nope.json'], { cwd: FIX }), code('INT5001'));
  await assert.rejects(importIntel(['x'], { since: 'yesterday' }), code('INT5006'));
  await assert.rejects(importIntel(['x'], { minConfidence: 101 }), code('INT5006'));
  assert.throws(() => importIntelText('{"hello": 1}', 'h.json'), code('INT5002'));
  assert.throws(() => importIntelText('{"Event": ', 'h.json'), code('INT5003'));
  assert.throws(() => importIntelText('x', 'h', { types: ['hostname' as never] }), code('INT5006'));
});

test('gzip input, streamed CSV and in-memory CSV give identical results', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'intel-'));
  const lines = ['# "first_seen_utc","ioc_id","ioc_value","ioc_type","threat_type","fk_malware","malware_alias","malware_printable","last_seen_utc","confidence_level","reference","tags","anonymous","reporter"'];
  for (let i = 0; i < 5000; i++) lines.push(`"2024-01-01 00:00:00", "${i}", "198.18.${i >> 8}.${i & 255}:${1000 + i}", "ip:port", "botnet_cc", "win.x", "None", "X", "", "75", "None", "None", "0", "r"`);
  const text = lines.join('\r\n') + '\r\n# Number of entries: 5000\r\n';
  writeFileSync(join(dir, 'f.csv.gz'), gzipSync(text));
  writeFileSync(join(dir, 'f.csv'), text);
  const a = await importIntel(['f.csv.gz'], { cwd: dir });
  const b = await importIntel(['f.csv'], { cwd: dir });
  const c = importIntelText(text, 'f.csv');
  assert.equal(a.iocs.length, 5000);
  assert.deepEqual(b.iocs, c.iocs);
  assert.deepEqual(a.iocs.map((i) => i.value), b.iocs.map((i) => i.value));
  assert.ok(a.iocs.every((i) => i.warnings?.includes('rfc5735')), '198.18/15 is benchmark space (rfc5735)');
});

test('forced --format overrides detection', () => {
  const s = importIntelText('value\nevil[.]com', 'x', { format: 'text', bundledWarninglists: false });
  assert.equal(s.stats.files[0]!.format, 'text');
  assert.deepEqual(s.iocs.map((i) => i.value), ['evil.com']);
});

test('chunked JSON output equals JSON.stringify(set, null, 2) and reads back with parseIocSet', async () => {
  const s = await importIntel([...NANOCORE, 'circl-osint-fallchill-2017-11-14.misp.json'], { cwd: FIX });
  const text = [...iocSetJsonChunks(s)].join('');
  assert.equal(text, JSON.stringify({ iocs: s.iocs, rejected: s.rejected }, null, 2) + '\n');
  const back = parseIocSet(text, 'x.json');
  assert.deepEqual(back.iocs, s.iocs);
  assert.equal([...iocSetJsonChunks({ iocs: [], rejected: [] })].join(''), '{\n  "iocs": [],\n  "rejected": []\n}\n');
  assert.throws(() => parseIocSet('{"iocs": [{"type": "hostname", "value": "x"}]}', 'y'), code('INT5007'));
  assert.throws(() => parseIocSet('[]', 'y'), code('INT5007'));
});

test('import is deterministic: same inputs, same bytes', async () => {
  const files = ['oasis-poisonivy-report-bundle.json', 'threatfox-json-export-2023-01-subset.json', ...NANOCORE];
  const a = [...iocSetJsonChunks(await importIntel(files, { cwd: FIX }))].join('');
  const b = [...iocSetJsonChunks(await importIntel([...files], { cwd: FIX }))].join('');
  assert.equal(a, b);
});

test('a UTF-8 BOM does not hide the format', () => {
  const s = importIntelText('\uFEFF{"Event": {"Attribute": [{"type": "domain", "value": "evil.com", "to_ids": true}]}}', 'bom.json', { bundledWarninglists: false });
  assert.deepEqual(s.iocs.map((i) => i.value), ['evil.com']);
});

test('a JSON array of strings is read as a value list', () => {
  const s = importIntelText('["evil[.]com", "1.2.3.4:443", "nope nope"]', 'list.json', { bundledWarninglists: false });
  assert.deepEqual(s.iocs.map((i) => `${i.type} ${i.value}${i.port ? ':' + i.port : ''}`), ['ipv4 1.2.3.4:443', 'domain evil.com']);
  assert.deepEqual(s.rejected.map((r) => [r.location, r.reason]), [['[2]', 'whitespace in domain']]);
});
