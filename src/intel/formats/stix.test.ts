import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { importIntelText } from '../import.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/intel/${name}`, import.meta.url), 'utf8');
const stix = (doc: unknown, opts = {}) => importIntelText(JSON.stringify(doc), 'b.json', { bundledWarninglists: false, ...opts });

test('OASIS Poison Ivy bundle: OR patterns split into IOCs, the malformed domain and file:name patterns rejected', () => {
  const s = importIntelText(fixture('oasis-poisonivy-report-bundle.json'), 'poisonivy.json', { bundledWarninglists: false });
  assert.equal(s.stats.files[0]!.format, 'stix');
  assert.equal(s.iocs.filter((i) => i.type === 'domain').length, 24);
  assert.equal(s.iocs.filter((i) => i.type === 'ipv4').length, 18);
  assert.deepEqual(s.rejected.map((r) => [r.location, r.input, r.reason]), [
    ['indicator--4e4c4ad7-4909-456a-b6fa-e24a6f682a40', "domain-name:value = 'domain autuo.xicp.net'", 'whitespace in domain'],
    ['indicator--137acf67-cedc-4a07-8719-72759174de3a', "file:name = 'CBricksDoc'", 'comparison on file:name cannot be expressed as an IOC'],
    ['indicator--0b71628d-31dd-4eb8-baee-39f19c0a14b0', "file:name = 'CPiShellPutDoc'", 'comparison on file:name cannot be expressed as an IOC'],
  ]);
  const ip = s.iocs.find((i) => i.value === '113.10.246.30')!;
  assert.equal(ip.sources.length, 4, 'shared IP merged across four indicators');
  assert.equal(ip.firstSeen, '2015-05-15T09:12:16Z');
  assert.ok(s.iocs.find((i) => i.value === '60.10.1.115'), 'the valid alternative next to the malformed domain is kept');
  assert.equal(s.iocs.find((i) => i.value === 'www.webserver.dynssl.com')!.family, 'PIVY Variant (8010cae3e8431bb11ed6dc9acabb93b7,)');
});

test('OASIS C2 bundle: IPv4 + SHA-256 with the family from the indicates relationship; 10.0.0.0 flagged', () => {
  const s = importIntelText(fixture('oasis-indicators-for-C2-with-COA.json'), 'c2.json');
  assert.deepEqual(s.iocs.map((i) => [i.type, i.value, i.family, i.warnings]), [
    ['ipv4', '10.0.0.0', 'Poison Ivy', ['rfc1918', 'rfc5735']],
    ['sha256', 'ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c', 'Poison Ivy', undefined],
  ]);
  const single = importIntelText(fixture('oasis-indicator-for-c2-ip-address.json'), 'one.json', { bundledWarninglists: false });
  assert.deepEqual(single.iocs.map((i) => [i.value, i.firstSeen, i.sources]), [['10.0.0.0', '2014-05-08T09:00:00Z', ['one.json:indicator--33fe3b22-0201-47cf-85d0-97c02164528d']]]);
});

test('hand-made Nanocore bundle: network-traffic ip:port, labels as tags, confidence, threat type from labels', () => {
  const s = importIntelText(fixture('nanocore-example.stix21.json'), 'n.json', { bundledWarninglists: false });
  assert.deepEqual(s.iocs.map((i) => [i.type, i.value, i.port, i.family, i.confidence, i.threatType, i.tags]), [
    ['ipv4', '68.134.58.120', 54984, 'Nanocore RAT', undefined, 'botnet_cc', ['nanocore', 'botnet_cc']],
    ['domain', 'algerium.io', undefined, 'Nanocore RAT', undefined, undefined, ['nanocore']],
    ['domain', 'net883.com', undefined, 'Nanocore RAT', 75, 'botnet_cc', ['nanocore', 'botnet_cc']],
  ]);
});

test('indicator fields: valid_until → lastSeen, revoked and non-STIX patterns rejected, CIDR values, type mismatch', () => {
  const ind = (id: string, pattern: string, extra = {}) => ({ type: 'indicator', spec_version: '2.1', id: `indicator--${id}`, pattern, pattern_type: 'stix', valid_from: '2026-01-01T00:00:00.123Z', ...extra });
  const s = stix({
    type: 'bundle', id: 'bundle--1', objects: [
      ind('1', "[ipv4-addr:value = '223.166.0.0/15']", { valid_until: '2026-03-01T00:00:00Z', confidence: 85, external_references: [{ source_name: 'x', url: 'https://ref.example/a' }] }),
      ind('2', "[ipv4-addr:value = '1.2.3.4']", { revoked: true }),
      ind('3', 'alert tcp any any', { pattern_type: 'snort' }),
      ind('4', "[ipv4-addr:value = '2001:db8::1']"),
      ind('5', "[ipv6-addr:value = '2001:DB8::1']"),
      { type: 'indicator', id: 'indicator--6' },
    ],
  });
  assert.deepEqual(s.iocs.map((i) => [i.type, i.value, i.firstSeen, i.lastSeen, i.confidence, i.reference]), [
    ['ipv6', '2001:db8::1', '2026-01-01T00:00:00Z', undefined, undefined, undefined],
    ['cidr', '223.166.0.0/15', '2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z', 85, 'https://ref.example/a'],
  ]);
  assert.deepEqual(s.rejected.map((r) => r.reason), [
    'indicator is revoked', "pattern_type 'snort' is not supported (only 'stix')", 'ipv4-addr value is not an ipv4 address', 'indicator without a pattern',
  ]);
});
