import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { importIntelText } from '../import.js';
import { familyFromTags } from './misp.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/intel/${name}`, import.meta.url), 'utf8');
const misp = (doc: unknown) => importIntelText(JSON.stringify(doc), 'e.json', { bundledWarninglists: false });

test('CIRCL Qakbot/Emotet event: ip-port objects become IP+port IOCs; context attributes rejected as to_ids=false', () => {
  const s = importIntelText(fixture('circl-osint-qakbot-emotet-2017-11-06.misp.json'), 'q.json', { bundledWarninglists: false });
  assert.equal(s.stats.files[0]!.format, 'misp');
  assert.equal(s.iocs.filter((i) => i.type === 'ipv4' && i.port !== undefined).length, 24);
  assert.equal(s.iocs.filter((i) => i.type === 'ipv4' && i.port === undefined).length, 19);
  const obj = s.iocs.find((i) => i.value === '64.183.173.170')!;
  assert.equal(obj.port, 995);
  assert.equal(obj.family, 'Qakbot', 'banker galaxy before the generic tool galaxy');
  assert.equal(obj.firstSeen, '2017-11-06T00:00:00Z');
  assert.ok(obj.tags.includes('tlp:white'));
  assert.equal(s.stats.contextOnly, 10);
  const reasons = new Set(s.rejected.map((r) => r.reason));
  assert.deepEqual([...reasons].sort(), ["to_ids=false (context only)", "unsupported MISP attribute type 'filename'"]);
});

test('CIRCL FALLCHILL event: ip-dst|port composites incl. the RFC1918 one, galaxy family, hashes from file objects', () => {
  const s = importIntelText(fixture('circl-osint-fallchill-2017-11-14.misp.json'), 'f.json');
  const priv = s.iocs.find((i) => i.value === '10.10.30.110' && i.port === 1992)!;
  assert.deepEqual(priv.warnings, ['rfc1918', 'rfc5735']);
  assert.equal(priv.family, 'FALLCHILL');
  assert.ok(s.iocs.find((i) => i.value === '125.212.132.222' && i.port === 443));
  assert.ok(s.iocs.some((i) => i.type === 'md5' && i.value === 'e48fe20eb1f5a5887f2ac631fed9ed63'));
  assert.ok(s.rejected.some((r) => r.reason === "unsupported MISP attribute type 'ssdeep'"));
});

test('hand-made Nanocore event: malpedia galaxy family, comment metadata, event date as first seen', () => {
  const s = importIntelText(fixture('nanocore-example.misp.json'), 'n.json', { bundledWarninglists: false });
  assert.deepEqual(s.iocs.map((i) => [i.type, i.value, i.port, i.family, i.confidence, i.threatType, i.firstSeen]), [
    ['ipv4', '68.134.58.120', 54984, 'Nanocore', undefined, undefined, '2026-05-23T00:00:00Z'],
    ['domain', 'algerium.io', undefined, 'Nanocore', undefined, undefined, '2026-05-23T00:00:00Z'],
    ['domain', 'net883.com', undefined, 'Nanocore', 75, 'botnet_cc', '2026-05-23T00:00:00Z'],
  ]);
});

test('envelopes: {"response":[{"Event"}]}, bare events and arrays; composites and attribute first/last seen', () => {
  const attrs = [
    { type: 'domain|ip', value: 'evil.com|2001:DB8::8888', to_ids: true, uuid: 'u1' },
    { type: 'hostname|port', value: 'c2.evil.com|8443', to_ids: true, uuid: 'u2' },
    { type: 'filename|sha256', value: `a.exe|${'C'.repeat(64)}`, to_ids: true, uuid: 'u3' },
    { type: 'url', value: 'hxxp://evil[.]com/x', to_ids: true, uuid: 'u4', first_seen: '2026-02-01T10:00:00.000000+02:00', last_seen: '2026-02-03T00:00:00+00:00' },
    { type: 'email-src', value: 'Bad@Evil.com', to_ids: true, uuid: 'u5' },
    { type: 'ip-dst|port', value: '1.2.3.4|99999', to_ids: true, uuid: 'u6' },
    { type: 'ip-dst', value: '1.2.3.4', to_ids: true, uuid: 'u7', deleted: true },
    { type: 'regkey', value: 'HKLM\\x', to_ids: true, uuid: 'u8' },
    { type: 'ip-src', value: '9.9.9.9', to_ids: false, uuid: 'u9' },
  ];
  const s = misp({ response: [{ Event: { date: '2026-01-01', Tag: [{ name: 'misp-galaxy:threat-actor="APT X"' }], Attribute: attrs } }] });
  assert.deepEqual(s.iocs.map((i) => [i.type, i.value, i.port ?? null, i.family, i.firstSeen, i.lastSeen ?? null]), [
    ['ipv6', '2001:db8::8888', null, 'APT X', '2026-01-01T00:00:00Z', null],
    ['domain', 'c2.evil.com', 8443, 'APT X', '2026-01-01T00:00:00Z', null],
    ['domain', 'evil.com', null, 'APT X', '2026-01-01T00:00:00Z', null],
    ['url', 'http://evil.com/x', null, 'APT X', '2026-02-01T08:00:00Z', '2026-02-03T00:00:00Z'],
    ['sha256', 'c'.repeat(64), null, 'APT X', '2026-01-01T00:00:00Z', null],
    ['email', 'Bad@evil.com', null, 'APT X', '2026-01-01T00:00:00Z', null],
  ]);
  assert.deepEqual(s.rejected.map((r) => [r.location, r.reason]), [
    ['u6', "invalid port '99999'"], ['u7', 'deleted attribute'], ['u8', "unsupported MISP attribute type 'regkey'"], ['u9', 'to_ids=false (context only)'],
  ]);
  const bare = misp([{ Event: { Attribute: [{ type: 'md5', value: 'd'.repeat(32), to_ids: true }] } }, { Attribute: [{ type: 'sha1', value: 'e'.repeat(40) }] }]);
  assert.deepEqual(bare.iocs.map((i) => i.type), ['md5', 'sha1']);
});

test('family from galaxy tags prefers Malpedia, then malware galaxies, then a threat actor', () => {
  assert.equal(familyFromTags(['misp-galaxy:threat-actor="Lazarus Group"', 'misp-galaxy:rat="FALLCHILL"']), 'FALLCHILL');
  assert.equal(familyFromTags(['misp-galaxy:tool="Emotet"', 'misp-galaxy:malpedia="Nanocore"']), 'Nanocore');
  assert.equal(familyFromTags(['misp-galaxy:threat-actor="APT28"']), 'APT28');
  assert.equal(familyFromTags(['tlp:white']), undefined);
});
