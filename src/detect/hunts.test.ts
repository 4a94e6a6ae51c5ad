import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Ioc, IocSet } from '../intel/model.js';
import { loadDefaultExclusions, parseExclusions } from './exclusions.js';
import { outputColumns } from './hunt-common.js';
import { planHunts } from './hunts.js';
import { prepareIocs } from './ioc-prep.js';
import { readFileSync } from 'node:fs';
import { analyzeKql, hostileValues, schemaColumns } from './kusto-oracle.test.js';
import type { Flavour } from './model.js';
import { TABLES, TIME_COLUMN } from './table-catalog.js';

const ioc = (type: Ioc['type'], value: string, extra: Partial<Ioc> = {}): Ioc => ({ type, value, tags: [], sources: ['t'], ...extra });

const MIXED = JSON.parse(readFileSync(new URL('../../test/fixtures/detect/mixed-iocs.json', import.meta.url), 'utf8')) as IocSet;

function plan(set: IocSet, maxQueryChars = 10000) {
  return planHunts({ prepared: prepareIocs(set, false), exclusions: loadDefaultExclusions(), flavours: ['sentinel', 'defender'], maxQueryChars, rat: true, label: 'Test' });
}

test('catalog columns exist in the table schemas of each flavour', () => {
  for (const flavour of ['sentinel', 'defender'] as Flavour[]) {
    const schemas = schemaColumns(flavour);
    for (const t of TABLES.filter((x) => x.flavours.includes(flavour))) {
      const have = new Set(schemas.get(t.name)?.map((c) => c.name));
      assert.ok(have.size > 0, `${t.name} has a ${flavour} schema`);
      const cols = [...t.entities, ...t.evidence, ...(t.ip ?? []).flatMap((c) => [c.column, c.portColumn ?? c.column]),
        ...(t.domain ?? []).filter((c) => !c.expr).map((c) => c.column), ...(t.url ?? []).map((c) => c.column), ...(t.hash ?? []).map((c) => c.column)];
      for (const c of cols) assert.ok(have.has(c), `${flavour} ${t.name}.${c}`);
      assert.ok(have.has(TIME_COLUMN[flavour]));
    }
  }
});

test('every hunt for every IOC type parses and binds clean against the schemas, with the contract columns', () => {
  const { hunts, notes } = plan(MIXED);
  assert.deepEqual(notes, []);
  const kinds = new Set(hunts.map((h) => h.kind));
  assert.deepEqual([...kinds].sort(), ['cidr', 'domain', 'hash', 'ip', 'process', 'url']);
  assert.ok(hunts.length > 60, `${hunts.length} hunts`);
  for (const h of hunts) {
    const r = analyzeKql(h.kql, h.flavour);
    assert.deepEqual(r.errors, [], `${h.id}\n${h.kql}`);
    const names = r.columns.map((c) => c.name);
    const t = TABLES.find((x) => x.name === h.table)!;
    assert.deepEqual(names, outputColumns(t, h.flavour, h.kind === 'hash' ? ['FileHashAlgorithm'] : []), h.id);
    const types = Object.fromEntries(r.columns.map((c) => [c.name, c.type]));
    for (const c of ['IocType', 'IocValue', 'IocPort', 'Tier', 'MatchedColumn', 'MatchedValue']) assert.equal(types[c], 'string', `${h.id} ${c}`);
    assert.equal(types[h.timeColumn], 'datetime');
    if (h.flavour === 'defender' && h.table.startsWith('Device')) for (const c of ['Timestamp', 'DeviceId', 'ReportId']) assert.ok(names.includes(c), `${h.id} ${c}`);
    assert.ok(h.kql.length <= 10000);
  }
});

test('only constructs from the kqlite engine subset appear in generated queries', () => {
  const allowed = new Set(['let', 'dynamic', 'datatable', 'where', 'extend', 'project', 'mv-expand', 'with_itemindex', 'join', 'kind', 'inner', 'on',
    'union', 'in', 'in~', 'has_any', 'and', 'or', 'not', 'contains', 'startswith', 'isnotempty', 'tolower', 'toupper', 'trim', 'trim_end',
    'tostring', 'toint', 'split', 'strcat', 'strcat_array', 'array_slice', 'iff', 'case', 'extract', 'parse_json', 'ipv4_is_in_range',
    'ipv4_is_in_any_range', 'ipv6_compare', 'string']);
  const { hunts } = plan(MIXED);
  for (const h of hunts) {
    const code = h.kql.replace(/@?"(?:[^"\\]|\\.)*"/g, '""');
    const words = code.match(/[A-Za-z_][A-Za-z0-9_~-]*(?=\s*\()|\|\s*[a-z-]+|\b(?:and|or|in~?|has_any|contains|startswith|on|kind)\b/g) ?? [];
    for (const w of words.map((x) => x.replace(/^\|\s*/, ''))) {
      if (/^[A-Z]/.test(w) && !['IocIp', 'IocIpMap'].includes(w)) continue; // table or let names before "("
      assert.ok(allowed.has(w), `${h.id}: ${w}`);
    }
  }
});

test('long IOC lists are split so every query stays within the limit, without losing a value', () => {
  const iocs: Ioc[] = [];
  for (let i = 0; i < 1500; i++) iocs.push(ioc('ipv4', `10.${(i >> 8) & 255}.${i & 255}.${(i * 7) & 255}`), ioc('domain', `d${i}.example.org`));
  const { hunts } = plan({ iocs, rejected: [] }, 6000);
  const ipParts = hunts.filter((h) => h.kind === 'ip' && h.table === 'CommonSecurityLog');
  assert.ok(ipParts.length > 1);
  assert.equal(ipParts.reduce((n, h) => n + h.iocCount, 0), 1500);
  for (const [i, h] of ipParts.entries()) {
    assert.ok(h.kql.length <= 6000);
    assert.equal(h.id, `ip-commonsecuritylog-sentinel-part-${i + 1}-of-${ipParts.length}`);
  }
  assert.ok(ipParts[0]!.preview && ipParts[0]!.preview.length < 3000);
  const r = analyzeKql(ipParts[ipParts.length - 1]!.kql, 'sentinel');
  assert.deepEqual(r.errors, []);
});

test('hostile values in domains, URLs and exclusions still give valid queries whose literals round-trip', () => {
  const values = hostileValues(11, 25).filter((v) => v.length < 300);
  const domains = values.map((v, i) => `x${i}${v}`.replace(/[\s/]/g, '_'));
  const urls = values.map((v, i) => `http://h${i}.example/${v}`);
  const set: IocSet = { iocs: [...domains.map((d) => ioc('domain', d)), ...urls.map((u) => ioc('url', u)), ioc('domain', 'nanocore.example', { family: 'Nano"core\nRAT' })], rejected: [] };
  const yaml = `scenarios:\n${values.slice(0, 10).map((v, i) => `  - name: s${i}\n    when:\n      commandLineHasAny: [${JSON.stringify(v || 'e')}]\n      parentProcess: [${JSON.stringify(v + 'x')}]`).join('\n')}\n`;
  const exclusions = parseExclusions(yaml, 'hostile.yaml').map((s) => ({ ...s, appliesTo: ['domain' as const, 'url' as const, 'process' as const] }));
  const prepared = prepareIocs(set, false);
  // a raw line break ends the URL for both our key and the KQL regexes: such URLs are reported, not hunted
  assert.deepEqual(prepared.skipped.map((x) => x.reason.startsWith('URL without a host')), prepared.skipped.map(() => true));
  const hunted = new Set(prepared.urls.map((u) => u.value));
  assert.ok(hunted.size >= urls.length - prepared.skipped.length && hunted.size > 10);
  const { hunts } = planHunts({ prepared, exclusions, flavours: ['sentinel', 'defender'], maxQueryChars: 10000, rat: false, label: 'X' });
  assert.ok(hunts.length > 10);
  for (const h of hunts) {
    const r = analyzeKql(h.kql, h.flavour);
    assert.deepEqual(r.errors, [], h.id);
    const lits = new Set(r.literals);
    if (h.kind === 'domain') for (const d of domains) assert.ok(lits.has(d.toLowerCase().replace(/\.+$/, '')) || !h.kql.includes('IocDomain'), `${h.id} lost ${JSON.stringify(d)}`);
    if (h.kind === 'url') for (const u of hunted) assert.ok(lits.has(u), `${h.id} lost ${JSON.stringify(u)}`);
    if (h.exclusionsApplied.length) for (const v of values.slice(0, 10)) assert.ok(lits.has(v + 'x'), `${h.id} lost exclusion ${JSON.stringify(v)}`);
    assert.match(h.kql, /^[\x20-\x7e\n]*$/);
  }
});

test('family names become one executable name; titles use an ASCII-only label', async () => {
  const { processNameForFamily } = await import('./hunt-files.js');
  const { familyLabel } = await import('./package.js');
  assert.equal(processNameForFamily('Nanocore'), 'nanocore.exe');
  assert.equal(processNameForFamily('NanoCore RAT'), 'nanocore.exe');
  assert.equal(processNameForFamily('win.nanocore'), 'nanocore.exe');
  assert.equal(processNameForFamily('Agent Tesla'), 'agenttesla.exe');
  assert.equal(processNameForFamily('RAT'), null);
  assert.equal(processNameForFamily('"; drop'), 'drop.exe');
  assert.equal(familyLabel(['Nano"core\nRAT']), 'Nano core RAT');
  assert.equal(familyLabel([]), 'Threat intel');
  assert.equal(familyLabel(['日本']), 'Threat intel');
  assert.equal(familyLabel(['A', 'B', 'C']), 'A and 2 other families');
});
