import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { importIntelText } from '../import.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/intel/${name}`, import.meta.url), 'utf8');
const text = (s: string, source = 'w.md') => importIntelText(s, source, { format: 'text', bundledWarninglists: false });
const brief = (s: string) => text(s).iocs.map((i) => `${i.type} ${i.value}${i.port !== undefined ? `:${i.port}` : ''}`);

test('the Nanocore write-up yields exactly the three IOCs an analyst would extract, with the stated metadata', () => {
  const set = importIntelText(fixture('nanocore-writeup-defanged.txt'), 'nanocore-writeup-defanged.txt', { format: 'text' });
  assert.deepEqual(set.rejected, []);
  assert.deepEqual(set.iocs, [
    { type: 'ipv4', value: '68.134.58.120', port: 54984, family: 'Nanocore RAT', tags: [], sources: ['nanocore-writeup-defanged.txt:7'] },
    { type: 'domain', value: 'algerium.io', family: 'Nanocore RAT', tags: [], sources: ['nanocore-writeup-defanged.txt:6'] },
    {
      type: 'domain', value: 'net883.com', family: 'Nanocore RAT', threatType: 'botnet_cc', confidence: 75,
      firstSeen: '2026-05-23T00:00:00Z', tags: [], sources: ['nanocore-writeup-defanged.txt:5'],
    },
  ]);
});

test('file names are never domains; a defanged one is taken because the author meant it', () => {
  const s = text('Dropped nanocore.exe and schtasks.exe, see readme.md, helper.dll, run.ps1, setup.zip, libx.so.\nC2: evil[.]zip');
  assert.deepEqual(s.iocs.map((i) => i.value), ['evil.zip']);
  assert.deepEqual(s.rejected.map((r) => r.input).sort(), ['libx.so', 'readme.md', 'setup.zip']);
  assert.ok(s.rejected.every((r) => /file name/.test(r.reason)));
});

test('version numbers are not IPs; plain IPs are', () => {
  const s = text('Runs on Windows version 10.0.19041.1 with agent version 1.2.3.4 (v2.3.4.5, Build: 5.6.7.8); beacon to 45.12.109.195 every 60s');
  assert.deepEqual(s.iocs.map((i) => i.value), ['45.12.109.195']);
  assert.deepEqual(s.rejected.map((r) => r.reason), ['looks like a version number, not an IP address', 'looks like a version number, not an IP address']);
});

test('prose words, clock times, MACs and code identifiers produce nothing and no rejection noise', () => {
  const s = text('At 10:30:00 the e.g. Node.js write-up. MAC 00:1a:2b:3c:4d:5e. std::string i.e. done. Uses System.Net and System.IO, built with ASP.NET; T1059.001 cmd.exe kernel32.dll');
  assert.deepEqual(s.iocs, []);
  assert.deepEqual(s.rejected, []);
});

test('a defanged value that fails validation is reported with its reason', () => {
  const s = text('C2 at evil[.]notatld and 999[.]1[.]1[.]1');
  assert.deepEqual(s.iocs, []);
  assert.deepEqual(s.rejected.map((r) => [r.input, r.reason]), [
    ['evil.notatld', "unknown public suffix '.notatld'"],
    ['999.1.1.1', 'IPv4 octet 999 is out of range'],
  ]);
});

test('Markdown: tables apply their confidence / first-seen / family columns to their rows', () => {
  const md = [
    '# Report', '', 'Malware family: AgentTesla', '',
    '| Indicator | Type | Confidence | First seen |',
    '|---|---|---:|---|',
    '| `bad[.]example[.]net` | domain | 90 | 2026-01-02 |',
    '| hxxps://cdn[.]evil[.]org/p.exe | url | 60% | 2026-01-03 10:00 |',
    '',
    'Other: 203.0.113[.]7 (confidence 30%)',
  ].join('\n');
  const s = text(md);
  const byValue = Object.fromEntries(s.iocs.map((i) => [i.value, i]));
  assert.equal(byValue['bad.example.net']!.confidence, 90);
  assert.equal(byValue['bad.example.net']!.firstSeen, '2026-01-02T00:00:00Z');
  assert.equal(byValue['https://cdn.evil.org/p.exe']!.confidence, 60);
  assert.equal(byValue['https://cdn.evil.org/p.exe']!.firstSeen, '2026-01-03T10:00:00Z');
  assert.equal(byValue['203.0.113.7']!.confidence, 30);
  assert.ok(s.iocs.every((i) => i.family === 'AgentTesla'));
  assert.deepEqual(byValue['bad.example.net']!.sources, ['w.md:7']);
});

test('ASCII tables work like Markdown tables', () => {
  const t = ['+------------------+------------+', '| ioc              | confidence |', '+------------------+------------+',
    '| evil[.]com       | 80         |', '+------------------+------------+'].join('\n');
  const s = text(t);
  assert.deepEqual(s.iocs.map((i) => [i.value, i.confidence]), [['evil.com', 80]]);
});

test('document-level "Confidence:" lines apply to the IOCs after them', () => {
  const s = text('Confidence: 40%\n- a[.]evil.com\nConfidence: 95\n- b[.]evil.com');
  assert.deepEqual(s.iocs.map((i) => [i.value, i.confidence]), [['a.evil.com', 40], ['b.evil.com', 95]]);
});

test('reference links are not IOCs, defanged URLs are', () => {
  const s = text('Reference: https://blog.vendor.com/post\nPayload: hxxp://evil[.]com/x.bin');
  assert.deepEqual(s.iocs.map((i) => i.value), ['http://evil.com/x.bin']);
});

test('URLs, emails and domains are extracted once (no domain duplicate from a URL or email)', () => {
  assert.deepEqual(brief('hxxp://evil[.]com/gate.php?id=1, mail bad[@]evil[.]com'), ['url http://evil.com/gate.php?id=1', 'email bad@evil.com']);
  assert.deepEqual(brief('(see hxxps://evil[.]com/a).'), ['url https://evil.com/a']);
  assert.deepEqual(brief('[link](hxxps://evil[.]com/a)'), ['url https://evil.com/a']);
});

test('hashes, CIDRs, bracketed IPv6 with port, host:port, and Markdown emphasis', () => {
  const md = `sha256 ${'A'.repeat(64)} md5 \`${'b'.repeat(32)}\` range 198.51.100.0/24 v6 [2001:db8::5]:8443 host evil[.]com:8080 _google.com_ **c2_node.evil.com**`;
  assert.deepEqual(brief(md).sort(), [
    // the line defangs evil[.]com, so the plain _google.com_, **c2_node.evil.com** and [2001:db8::5]:8443 read as references
    'cidr 198.51.100.0/24', 'domain evil.com:8080',
    `md5 ${'b'.repeat(32)}`, `sha256 ${'a'.repeat(64)}`,
  ].sort());
});

test('HTML: tags stripped, entities decoded, table columns applied, scripts ignored, line numbers kept', () => {
  const html = [
    '<!DOCTYPE html><html><head><style>a.b{}</style><script>var x = "evil.com";</script></head><body>',
    '<p>Family: <b>Emotet</b></p>',
    '<table><tr><th>IOC</th><th>Confidence</th></tr>',
    '<tr><td>bad&#91;.&#93;example&#46;com</td><td>85</td></tr>',
    '<tr><td>hxxp://x&lsqb;.&rsqb;org/a?b=1&amp;c=2</td><td>50</td></tr></table>',
    '</body></html>',
  ].join('\n');
  const s = importIntelText(html, 'r.html', { bundledWarninglists: false });
  assert.deepEqual(s.iocs.map((i) => [i.value, i.confidence, i.family, i.sources[0]]), [
    ['bad.example.com', 85, 'Emotet', 'r.html:4'],
    ['http://x.org/a?b=1&c=2', 50, 'Emotet', 'r.html:5'],
  ]);
});

test('very long lines and hostile text do not hang or crash', () => {
  const long = 'a.'.repeat(60_000) + 'com ' + '1.'.repeat(50_000) + ' ' + ':'.repeat(40_000) + ' ' + 'f'.repeat(50_000);
  const s = text(long);
  assert.ok(Array.isArray(s.iocs));
  const huge = 'x'.repeat(200_000);
  assert.equal(text(huge).rejected[0]!.reason, 'line longer than 100000 characters skipped');
});

test('hostile values inside every format are rejected, never passed through', () => {
  const stix = JSON.stringify({ type: 'bundle', id: 'bundle--1', objects: [{ type: 'indicator', id: 'indicator--1', pattern_type: 'stix',
    pattern: "[domain-name:value = 'evil.com\"]);' OR domain-name:value = 'ok.evil.com' OR url:value = 'http://x.com/a b']" }] });
  const a = importIntelText(stix, 's.json', { bundledWarninglists: false });
  assert.deepEqual(a.iocs.map((i) => i.value), ['ok.evil.com']);
  assert.deepEqual(a.rejected.map((r) => r.reason), ["invalid character '\"' in domain", 'whitespace in URL']);
  const misp = JSON.stringify({ Event: { Attribute: [{ type: 'domain', value: 'evil.com\nx', to_ids: true, uuid: 'u' }, { type: 'hostname', value: 'x'.repeat(10_000) + '.com', to_ids: true, uuid: 'v' }] } });
  const b = importIntelText(misp, 'm.json', { bundledWarninglists: false });
  assert.deepEqual(b.iocs, []);
  assert.deepEqual(b.rejected.map((r) => r.reason), ['control character U+000A in value', 'value longer than 4096 characters']);
  assert.ok(b.rejected[1]!.input.length < 300, 'a 10 KB input is echoed truncated');
  const tf = JSON.stringify({ 1: [{ ioc_value: 'a b.com', ioc_type: 'domain' }], 2: [{ ioc_value: '1.2.3.4:99999', ioc_type: 'ip:port' }], 3: [{ ioc_value: '[::1]:80', ioc_type: 'ip:port' }] });
  const c = importIntelText(tf, 't.json', { bundledWarninglists: false });
  assert.deepEqual(c.iocs.map((i) => [i.type, i.value, i.port]), [['ipv6', '::1', 80]]);
  assert.deepEqual(c.rejected.map((r) => r.reason), ['whitespace in domain', 'port 99999 is out of range 1-65535']);
});

test('a "Malware:" line that names an IOC is not a family declaration', () => {
  const s = text('Malware family: Remcos\n- Malware: hxxp://evil[.]com/payload.exe\n- C2: 1.2.3[.]4');
  assert.deepEqual(s.iocs.map((i) => [i.value, i.family]), [['1.2.3.4', 'Remcos'], ['http://evil.com/payload.exe', 'Remcos']]);
});

test('hosts-file lines (ThreatFox hostfile): the sink address is skipped, the names are IOCs', () => {
  const lines = ['# ThreatFox hostfile', ...Array.from({ length: 3000 }, (_, i) => `127.0.0.1\tc2-${i}.evil.com`), '0.0.0.0 other.evil.net'];
  const s = text(lines.join('\n'));
  assert.equal(s.iocs.length, 3001);
  assert.ok(s.iocs.every((i) => i.type === 'domain'));
});

test('an IOC repeated on many lines merges into one with every source, in linear time', () => {
  const s = text(Array.from({ length: 20_000 }, () => 'evil[.]com').join('\n'));
  assert.equal(s.iocs.length, 1);
  assert.equal(s.iocs[0]!.sources.length, 20_000);
  assert.equal(s.iocs[0]!.sources[19_999], 'w.md:20000');
});

test('a write-up that defangs its IOCs: plain references, sources and contacts are not IOCs', () => {
  const s = text([
    'Source: abuse.ch ThreatFox, see https://threatfox.abuse.ch/browse/malware/win.nanocore/',
    'C2: net883[.]com and 68[.]134[.]58[.]120:54984',
    'let malicious_ips = dynamic(["68.134.58.120"]); // the same IP, plain, inside a KQL example',
    'let d = dynamic(["net883.com"]);',
    'Questions: soc@contoso.com',
  ].join('\n'));
  assert.deepEqual(s.iocs.map((i) => `${i.type} ${i.value}${i.port ? ':' + i.port : ''}`), ['ipv4 68.134.58.120:54984', 'domain net883.com']);
  assert.deepEqual(s.rejected.map((r) => r.input).sort(), ['abuse.ch', 'https://threatfox.abuse.ch/browse/malware/win.nanocore/', 'soc@contoso.com']);
  assert.ok(s.rejected.every((r) => /not defanged/.test(r.reason)));
});

test('without defanging, plain values are IOCs; a bare IP also given with its port is one IOC', () => {
  const s = text('C2 1.2.3.4:8080 and evil.com\nblock 1.2.3.4 now');
  assert.deepEqual(s.iocs.map((i) => `${i.type} ${i.value}${i.port ? ':' + i.port : ''}`).sort(), ['domain evil.com', 'ipv4 1.2.3.4:8080']);
});

test('values in an IOC table count even when the document defangs elsewhere', () => {
  const s = text('| Indicator | Type |\n|---|---|\n| evil.com | domain |\n| bad[.]org | domain |\n\nSee vendor.com');
  assert.deepEqual(s.iocs.map((i) => i.value).sort(), ['bad.org', 'evil.com']);
  assert.deepEqual(s.rejected.map((r) => r.input), ['vendor.com']);
});
