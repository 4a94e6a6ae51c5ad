import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { importIntelText } from '../import.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/intel/${name}`, import.meta.url), 'utf8');

test('JSON export: 262 real records, every ioc_type, times in ISO UTC, nulls absent, RFC1918 C2s flagged', () => {
  const s = importIntelText(fixture('threatfox-json-export-2023-01-subset.json'), 'tf.json');
  assert.equal(s.stats.files[0]!.format, 'threatfox-json');
  assert.deepEqual(s.stats.byType, { ipv4: 75, domain: 57, url: 66, md5: 27, sha1: 8, sha256: 29 });
  assert.equal(s.rejected.length, 0);
  const first = s.iocs.find((i) => i.value === '192.253.245.243')!;
  assert.deepEqual(first, {
    type: 'ipv4', value: '192.253.245.243', port: 7771, family: 'AsyncRAT', threatType: 'botnet_cc', confidence: 75,
    firstSeen: '2023-01-21T00:05:11Z', tags: ['asyncrat'], sources: ['tf.json:1071114'],
    reference: 'https://bazaar.abuse.ch/sample/14d3276ca733ff2efebeb3208f7e233da4df8735514c216e5fa52a83e9110f8b/',
  });
  const flagged = s.iocs.filter((i) => i.warnings?.includes('rfc1918'));
  assert.equal(flagged.length, 3);
  assert.ok(flagged.every((i) => i.port !== undefined && i.family === 'Remcos'));
  assert.ok(s.iocs.some((i) => i.lastSeen !== undefined));
});

test('CSV export (14 columns, CRLF, "None", trailer) gives the same IOCs as the JSON export', () => {
  const json = importIntelText(fixture('threatfox-json-export-2023-01-subset.json'), 'tf', {});
  const csv = importIntelText(fixture('DERIVED-threatfox-csv-layout-from-json-subset.csv'), 'tf', {});
  assert.equal(csv.stats.files[0]!.format, 'threatfox-csv');
  const strip = (s: typeof json) => s.iocs.map(({ sources: _s, ...rest }) => rest);
  assert.deepEqual(strip(csv), strip(json));
  assert.equal(csv.iocs.find((i) => i.value === '192.253.245.243')!.sources[0], 'tf:10');
});

test('CSV export: the 15-column layout with is_compromised is read by column name', () => {
  const csv = [
    '################################################################',
    '# ThreatFox IOCs: recent additions - CSV format                #',
    '#',
    '# "first_seen_utc","ioc_id","ioc_value","ioc_type","threat_type","fk_malware","malware_alias","malware_printable","last_seen_utc","confidence_level","is_compromised","reference","tags","anonymous","reporter"',
    '"2024-05-01 10:00:00", "1", "https://app.patch.com/x.js", "url", "payload_delivery", "js.clearfake", "None", "ClearFake", "2024-05-02 11:00:00", "100", "True", "None", "ClearFake,compromised-site", "0", "abuse_ch"',
    '"2024-05-01 10:00:01", "2", "[2a02:cf40:1::5]:443", "ip:port", "botnet_cc", "unknown", "None", "Unknown malware", "", "50", "False", "", "None", "0", "x"',
    '"2024-05-01 10:00:02", "3", "2a02:cf40:1::5:40669", "ip:port", "botnet_cc", "win.x", "None", "X", "", "50", "False", "", "None", "0", "x"',
    '"2024-05-01 10:00:03", "4", "abc", "sha3_384_hash", "payload", "win.x", "None", "X", "", "50", "False", "", "None", "0", "x"',
    '"2024-05-01 10:00:04", "5", "evil.com"]);", "domain", "botnet_cc", "win.x", "None", "X", "", "50", "False", "", "None", "0", "x"',
    '# Number of entries: 5',
  ].join('\r\n');
  const s = importIntelText(csv, 'f.csv', { bundledWarninglists: false });
  assert.deepEqual(s.iocs.map((i) => [i.type, i.value, i.port, i.family, i.tags, i.lastSeen]), [
    ['ipv6', '2a02:cf40:1::5', 443, undefined, [], undefined],
    ['ipv6', '2a02:cf40:1::5', 40669, 'X', [], undefined],
    ['url', 'https://app.patch.com/x.js', undefined, 'ClearFake', ['ClearFake', 'compromised-site', 'compromised'], '2024-05-02T11:00:00Z'],
  ]);
  assert.deepEqual(s.rejected.map((r) => [r.location, r.reason]), [
    ['8', "unsupported ThreatFox ioc_type 'sha3_384_hash'"],
    ['9', 'malformed quoted field (unterminated, or text after the closing quote)'],
  ]);
});

test('API responses: query_status/data envelope and a bare detail record; " UTC" suffix and tag arrays', () => {
  const a = importIntelText(fixture('api-search_ioc-response.json'), 'api.json', { bundledWarninglists: false });
  assert.equal(a.stats.files[0]!.format, 'threatfox-api');
  assert.deepEqual(a.iocs, [{
    type: 'ipv4', value: '139.180.203.104', port: 443, family: 'Cobalt Strike', threatType: 'payload_delivery', confidence: 50,
    firstSeen: '2021-01-04T15:22:41Z', tags: ['CobaltStrike'], sources: ['api.json:1337'],
  }]);
  const b = importIntelText(fixture('api-query-ioc-by-id-response.json'), 'id.json', { bundledWarninglists: false });
  assert.deepEqual(b.iocs.map((i) => [i.type, i.value, i.family, i.tags, i.firstSeen, i.reference]), [
    ['md5', '4e5902809c2d4b55dc13e686249a2ea9', undefined, ['APT', 'gamaredon'], '2023-03-21T09:46:56Z', 'https://twitter.com/StopMalvertisin/status/1637909891607334913'],
  ]);
  const none = importIntelText('{"query_status":"no_result","data":"Your search did not yield any results"}', 'x.json');
  assert.deepEqual(none.iocs, []);
});

test('a declared hash type must match the value', () => {
  const s = importIntelText(JSON.stringify({ 9: [{ ioc_value: 'a'.repeat(40), ioc_type: 'md5_hash' }] }), 'x.json', { bundledWarninglists: false });
  assert.deepEqual(s.rejected.map((r) => r.reason), ['md5 must be 32 hex digits, got 40']);
});

test('streamed JSON export (any chunking) gives the same result as parsing it whole', async () => {
  const { IocCollector, sortIocs } = await import('../collector.js');
  const { ThreatFoxJsonStream } = await import('./threatfox-json-stream.js');
  const { importThreatFoxJson } = await import('./threatfox.js');
  const text = fixture('threatfox-json-export-2023-01-subset.json');
  const whole = new IocCollector();
  whole.beginFile('tf.json', 'threatfox-json');
  importThreatFoxJson(JSON.parse(text), whole);
  for (const size of [1, 7, 4096]) {
    const col = new IocCollector();
    col.beginFile('tf.json', 'threatfox-json');
    const s = new ThreatFoxJsonStream(col);
    for (let i = 0; i < text.length; i += size) s.feed(text.slice(i, i + size));
    // JSON.parse orders integer-like keys numerically; the stream keeps file order: compare in output order.
    assert.deepEqual(sortIocs(col.iocs()), sortIocs(whole.iocs()), `chunk size ${size}`);
  }
  const bad = new IocCollector();
  bad.beginFile('b.json', 'threatfox-json');
  new ThreatFoxJsonStream(bad).feed('{"1": [{"ioc_value": "a.com", "ioc_type": "domain"}], "2": [{"ioc_value": tru}], "3": [{"ioc_value": "x\\"}{", "ioc_type": "domain"}]}');
  assert.deepEqual(bad.iocs().map((i) => i.value), ['a.com']);
  assert.deepEqual(bad.rejected.map((r) => [r.location, r.reason]), [['2', 'invalid JSON record'], ['3', "invalid character '\"' in domain"]]);
});

test('streamed JSON export: escapes, braces and quotes inside strings survive every chunk boundary', async () => {
  const { IocCollector } = await import('../collector.js');
  const { ThreatFoxJsonStream } = await import('./threatfox-json-stream.js');
  const recs: Record<string, unknown[]> = {};
  for (let n = 0; n < 12; n++) {
    recs[`k\\"${n}{`] = [{ ioc_value: `h${n}.example.org`, ioc_type: 'domain', malware_printable: `Fam \\ "q" {${n}} [x] \u00e9\\\\`, tags: `t${n},a\\b` }];
  }
  const text = JSON.stringify(recs, null, 1);
  const run = (size: number) => {
    const col = new IocCollector();
    col.beginFile('tf.json', 'threatfox-json');
    const s = new ThreatFoxJsonStream(col);
    for (let i = 0; i < text.length; i += size) s.feed(text.slice(i, i + size));
    return { iocs: col.sorted(), rejected: col.rejected };
  };
  const whole = run(text.length);
  assert.equal(whole.iocs.length, 12);
  assert.equal(whole.rejected.length, 0);
  assert.equal(whole.iocs[0]!.family, 'Fam \\ "q" {0} [x] \u00e9\\\\');
  assert.deepEqual(whole.iocs.find((i) => i.value === 'h3.example.org')!.sources, ['tf.json:k\\"3{']);
  for (let size = 1; size <= 17; size++) assert.deepEqual(run(size), whole, `chunk size ${size}`);
});
