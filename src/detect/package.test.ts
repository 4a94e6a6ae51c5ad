import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { IocSet } from '../intel/model.js';
import { buildPackage, writePackage, validateAnalyticsRule, validateHuntingQuery } from './index.js';
import { outputColumns } from './hunt-common.js';
import { analyzeKql } from './kusto-oracle.test.js';
import { tableSpec } from './rule-model.js';

const NANOCORE = JSON.parse(readFileSync(new URL('../../test/fixtures/detect/nanocore-iocs.json', import.meta.url), 'utf8')) as IocSet;
const MIXED = JSON.parse(readFileSync(new URL('../../test/fixtures/detect/mixed-iocs.json', import.meta.url), 'utf8')) as IocSet;
const file = (pkg: ReturnType<typeof buildPackage>, path: string): string => {
  const f = pkg.files.find((x) => x.path === path);
  assert.ok(f, `missing ${path}`);
  return f.content;
};

test('Nanocore: the report summarises the family, defanged IOCs, hunts, connectors, exclusions and ATT&CK', () => {
  const pkg = buildPackage(NANOCORE, { iocSetName: 'nanocore-iocs.json' });
  const r = file(pkg, 'report.md');
  assert.match(r, /^# Nanocore - detection package/);
  assert.match(r, /- Family: Nanocore\n- IOCs hunted: 3 \(domain 2, ipv4 1\)\n- Left out: 0 flagged/);
  assert.match(r, /- Confidence: 75\n- First seen: 2026-05-23T00:00:00\.000Z/);
  assert.match(r, /\| ipv4 \| `68\[\.\]134\[\.\]58\[\.\]120` \| 54984 \| 75 \|/);
  assert.match(r, /\| domain \| `net883\[\.\]com` \|/);
  assert.match(r, /\| domain \| `algerium\[\.\]io` \|/);
  const tablesPart = r.slice(r.indexOf('## IOCs'), r.indexOf('## Hunts'));
  assert.doesNotMatch(tablesPart, /net883\.com|68\.134\.58\.120|algerium\.io/);
  for (const h of ['Nanocore IP addresses in CommonSecurityLog', 'Nanocore domains in DnsEvents', 'Nanocore process name in DeviceProcessEvents']) assert.ok(r.includes(`### ${h}`), h);
  assert.match(r, /```kql\nlet IocProcessName = dynamic\(\["nanocore\.exe"\]\);/);
  assert.match(r, /\| DnsEvents \| sentinel \| DNS \| 2 \|/);
  assert.match(r, /\| DeviceNetworkEvents \| sentinel, defender \| MicrosoftThreatProtection \|/);
  for (const s of ['scheduled-job-from-system32', 'admin-log-analysis-tool', 'software-update-program-files', 'signed-third-party-tool \\(disabled\\)', 'monitoring-tool']) assert.match(r, new RegExp(`### ${s}`));
  assert.match(r, /Applied in: `process-deviceprocessevents-sentinel`, `process-deviceprocessevents-defender`/);
  assert.match(r, /\| T1071 \| Application Layer Protocol \| CommandAndControl \|/);
  assert.match(r, /\| T1219 \| Remote Access Software \| CommandAndControl \|/);
  assert.match(r, /## What to do on a hit\n\n- \*\*High tier\*\*/);
  const proc = pkg.hunts.find((h) => h.id === 'process-deviceprocessevents-sentinel')!;
  assert.deepEqual(proc.exclusionsApplied, ['scheduled-job-from-system32', 'admin-log-analysis-tool', 'software-update-program-files', 'monitoring-tool']);
  assert.match(proc.kql, /\| where not\(\n {4}\(FolderPath startswith "C:\\\\Windows\\\\System32\\\\" and InitiatingProcessFileName in~ \("schtasks\.exe"/);
  const ip = pkg.hunts.find((h) => h.id === 'ip-commonsecuritylog-sentinel')!;
  assert.match(ip.kql, /"68\.134\.58\.120", "68\.134\.58\.120", "54984"/);
  assert.deepEqual(ip.tiers.map((t) => t.tier), ['high', 'medium']);
});

test('the package is byte-for-byte deterministic and the manifest lists every file with its digest', () => {
  const a = buildPackage(MIXED);
  const b = buildPackage(JSON.parse(JSON.stringify(MIXED)) as IocSet);
  assert.deepEqual(a.files, b.files);
  const m = JSON.parse(file(a, 'manifest.json')) as { iocSet: { sha256: string }; files: { path: string; sha256: string; size: number }[] };
  assert.deepEqual(m.files.map((f) => f.path), a.files.filter((f) => f.path !== 'manifest.json').map((f) => f.path));
  for (const f of m.files) {
    const content = file(a, f.path);
    assert.equal(f.sha256, createHash('sha256').update(content).digest('hex'));
    assert.equal(f.size, Buffer.byteLength(content));
  }
  assert.equal(m.iocSet.sha256, createHash('sha256').update(JSON.stringify(MIXED)).digest('hex'));
});

test('Sentinel YAML passes our validator, its query binds, and ids are stable GUIDs unique per content', () => {
  const pkg = buildPackage(MIXED);
  const ids = new Set<string>();
  const yamls = pkg.files.filter((f) => f.path.startsWith('sentinel/'));
  assert.equal(yamls.length, 2 * pkg.hunts.filter((h) => h.flavour === 'sentinel').length);
  for (const f of yamls) {
    const d = parse(f.content) as { id: string; query: string };
    const hunt = pkg.hunts.find((h) => f.path === `sentinel/${h.id}.analytics-rule.yaml` || f.path === `sentinel/${h.id}.hunting-query.yaml`)!;
    const cols = new Set(outputColumns(tableSpec(hunt.table), 'sentinel', hunt.kind === 'hash' ? ['FileHashAlgorithm'] : []));
    const errs = f.path.endsWith('analytics-rule.yaml') ? validateAnalyticsRule(f.content, cols) : validateHuntingQuery(f.content, cols);
    assert.deepEqual(errs, [], f.path);
    assert.equal(d.query, hunt.kql);
    assert.ok(!ids.has(d.id), `duplicate id in ${f.path}`);
    ids.add(d.id);
  }
  const again = buildPackage(MIXED).files.find((f) => f.path === yamls[0]!.path)!;
  assert.equal((parse(again.content) as { id: string }).id, (parse(yamls[0]!.content) as { id: string }).id);
});

test('ARM templates are deployable-shaped JSON with the alert rule and the saved search', () => {
  const pkg = buildPackage(NANOCORE);
  const arms = pkg.files.filter((f) => f.path.startsWith('arm/'));
  assert.equal(arms.length, pkg.hunts.filter((h) => h.flavour === 'sentinel').length);
  for (const f of arms) {
    const t = JSON.parse(f.content);
    assert.equal(t.$schema, 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#');
    assert.deepEqual(Object.keys(t.parameters), ['workspace']);
    const [rule, search] = t.resources;
    assert.equal(rule.type, 'Microsoft.OperationalInsights/workspaces/providers/alertRules');
    assert.equal(rule.kind, 'Scheduled');
    assert.match(rule.name, /^\[concat\(parameters\('workspace'\),'\/Microsoft\.SecurityInsights\/[0-9a-f-]{36}'\)\]$/);
    assert.equal(rule.properties.queryFrequency, 'PT1H');
    assert.equal(rule.properties.queryPeriod, 'P14D');
    assert.equal(rule.properties.triggerOperator, 'GreaterThan');
    assert.equal(rule.properties.suppressionEnabled, false);
    assert.ok(rule.properties.enabled === true && rule.properties.query.length <= 10000);
    assert.equal(search.type, 'Microsoft.OperationalInsights/workspaces/savedSearches');
    assert.equal(search.properties.category, 'Hunting Queries');
    assert.equal(search.properties.query, rule.properties.query);
    assert.deepEqual(search.properties.tags.map((x: { name: string }) => x.name), ['description', 'tactics', 'techniques']);
  }
});

test('Defender rules carry Timestamp, DeviceId/ReportId columns and an impacted asset; tables without an entity get none', () => {
  const pkg = buildPackage(MIXED);
  const defs = pkg.files.filter((f) => f.path.startsWith('defender/'));
  assert.ok(defs.length > 5);
  for (const f of defs) {
    const d = JSON.parse(f.content);
    const q: string = d.queryCondition.queryText;
    assert.deepEqual(analyzeKql(q, 'defender').errors, []);
    const cols = analyzeKql(q, 'defender').columns.map((c) => c.name);
    assert.ok(cols.includes('Timestamp') && cols.includes('ReportId'), f.path);
    assert.ok(cols.includes('DeviceId') || cols.includes('AccountUpn'), f.path);
    assert.equal(d.schedule.period, '1H');
    assert.equal(d.detectionAction.alertTemplate.impactedAssets.length, 1);
  }
  assert.ok(!defs.some((f) => f.path.includes('emailurlinfo')));
  assert.ok(pkg.hunts.some((h) => h.table === 'EmailUrlInfo' && h.flavour === 'defender'));
});

test('flagged IOCs are left out unless asked for, and counted', () => {
  const set: IocSet = { iocs: [...NANOCORE.iocs, { type: 'ipv4', value: '8.8.8.8', tags: [], sources: [], warnings: ['public-dns-v4'] }], rejected: [] };
  const out = buildPackage(set);
  assert.equal(out.summary.flaggedLeftOut, 1);
  assert.ok(!out.hunts.some((h) => h.kql.includes('"8.8.8.8"')));
  assert.match(file(out, 'report.md'), /- Left out: 1 flagged by false-positive lists/);
  const inc = buildPackage(set, { includeFlagged: true });
  assert.equal(inc.summary.flaggedIncluded, 1);
  assert.ok(inc.hunts.some((h) => h.kql.includes('"8.8.8.8"')));
});

test('bad entries are skipped with a reason, never thrown; the flavour option limits output', () => {
  const set = { iocs: [null, { type: 'nope', value: 'x' }, { type: 'ipv4', value: '999.1.1.1' }, { type: 'sha256', value: 'zz' },
    { type: 'domain', value: 'ok.example', firstSeen: 5, family: ['x'], confidence: 'high', tags: 'a', warnings: 'w' }],
    rejected: [{ source: 'f', location: '1', input: 'x', reason: 'bad' }] } as unknown as IocSet;
  const pkg = buildPackage(set, { flavours: ['defender'] });
  assert.equal(pkg.summary.invalidSkipped, 4);
  assert.equal(pkg.summary.huntedIocs, 1);
  assert.ok(pkg.hunts.every((h) => h.flavour === 'defender'));
  assert.ok(!pkg.files.some((f) => f.path.startsWith('sentinel/') || f.path.startsWith('arm/')));
  assert.match(file(pkg, 'report.md'), /input #3: not a sha256 hash: zz/);
  assert.match(file(pkg, 'report.md'), /4 not huntable; 1 rejected at import/);
  assert.match(file(pkg, 'report.md'), /\| domain \| `ok\[\.\]example` \|  \|  \|  \|  \|  \|/);
  assert.deepEqual(buildPackage({ iocs: [], rejected: [] }).hunts, []);
});

test('writePackage writes every file under the directory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlite-detect-'));
  try {
    const pkg = buildPackage(NANOCORE);
    await writePackage(pkg, dir);
    for (const f of pkg.files) assert.equal(readFileSync(join(dir, f.path), 'utf8'), f.content);
    await assert.rejects(writePackage({ ...pkg, files: [{ path: '../escape.txt', content: 'x' }] }, dir), /outside/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
