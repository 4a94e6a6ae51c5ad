import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importIntelText } from '../import.js';
import { splitCsvLine } from './csv-split.js';

const csv = (s: string) => importIntelText(s, 'l.csv', { bundledWarninglists: false });

test('CSV list with value/type/port/confidence/family/first_seen/tags columns', () => {
  const s = csv([
    'indicator,type,port,confidence,malware_family,first_seen,tags',
    '68[.]134[.]58[.]120,ip,54984,75,Nanocore RAT,2026-05-23,"c2;rat"',
    'net883.com,domain,,90%,Nanocore RAT,2026-05-23 10:00:00,',
    'hxxp://net883[.]com/gate.php,url,,,,,',
    'whatever,registry,,,,,',
    '1.2.3.4,ip,70000,,,,',
    ',ip,,,,,',
  ].join('\n'));
  assert.equal(s.stats.files[0]!.format, 'csv');
  assert.deepEqual(s.iocs.map((i) => [i.type, i.value, i.port, i.confidence, i.family, i.firstSeen, i.tags]), [
    ['ipv4', '68.134.58.120', 54984, 75, 'Nanocore RAT', '2026-05-23T00:00:00Z', ['c2', 'rat']],
    ['domain', 'net883.com', undefined, 90, 'Nanocore RAT', '2026-05-23T10:00:00Z', []],
    ['url', 'http://net883.com/gate.php', undefined, undefined, undefined, undefined, []],
  ]);
  assert.deepEqual(s.rejected.map((r) => [r.location, r.reason]), [
    ['5', "unsupported type 'registry'"], ['6', "invalid port '70000'"], ['7', 'empty value column'],
  ]);
});

test('TSV and a typed value column (domain) without a type column', () => {
  const s = csv('domain\tfirst_seen\nEVIL.com.\t2026-01-01\nreadme.md\t\nnot a domain\t\n');
  assert.deepEqual(s.iocs.map((i) => i.value), ['evil.com', 'readme.md']);
  assert.deepEqual(s.rejected.map((r) => r.reason), ['whitespace in domain']);
});

test('a value column without type: detected per value; ip:port kept', () => {
  const s = csv('value;comment\n1.2.3.4:8080;x\nd41d8cd98f00b204e9800998ecf8427e;empty file\n');
  assert.deepEqual(s.iocs.map((i) => `${i.type} ${i.value}${i.port ? ':' + i.port : ''}`), ['ipv4 1.2.3.4:8080', 'md5 d41d8cd98f00b204e9800998ecf8427e']);
});

test('splitCsvLine: quotes, escaped quotes, ThreatFox ", " separators, broken quoting', () => {
  assert.deepEqual(splitCsvLine('"a", "b,c", "d""e", f ,', ','), ['a', 'b,c', 'd"e', 'f', '']);
  assert.deepEqual(splitCsvLine('a\tb\t"c"', '\t'), ['a', 'b', 'c']);
  assert.equal(splitCsvLine('"unterminated, x', ','), null);
  assert.equal(splitCsvLine('"a"junk, b', ','), null);
});
