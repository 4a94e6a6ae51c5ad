import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileScenario, CONDITION_KEYS, ExclusionFileError, exclusionWhere, loadDefaultExclusions, mergeExclusions, parseExclusions,
  type ExclusionScenario,
} from './exclusions.js';
import { analyzeKql } from './kusto-oracle.test.js';

const problems = (text: string): string[] => {
  try { parseExclusions(text, 'x.yaml'); return []; } catch (e) { assert.ok(e instanceof ExclusionFileError); return e.problems; }
};

test('the default file holds the five write-up scenarios, the vendor-specific one disabled', () => {
  const s = loadDefaultExclusions();
  assert.deepEqual(s.map((x) => [x.name, x.enabled]), [
    ['scheduled-job-from-system32', true], ['admin-log-analysis-tool', true], ['software-update-program-files', true],
    ['signed-third-party-tool', false], ['monitoring-tool', true],
  ]);
  assert.deepEqual(s[0]!.when, { folderPathStartsWith: ['C:\\Windows\\System32\\'], parentProcess: ['schtasks.exe', 'taskeng.exe', 'taskhostw.exe'] });
  assert.deepEqual(s[1]!.when.commandLineHasAny, ['-log', '-parse']);
  assert.deepEqual(s[2]!.when.parentProcess, ['msiexec.exe', 'setup.exe']);
  assert.deepEqual(s[4]!.when.commandLineHasAny, ['-monitor']);
  assert.ok(s.every((x) => x.appliesTo.join() === 'process' && x.description.length > 20));
  assert.match(s[0]!.origin, /default\.yaml:9$/);
});

test('a scenario compiles to ANDed conditions; scenarios OR inside one where not(...)', () => {
  const s: ExclusionScenario = { name: 'a', description: '', enabled: true, appliesTo: ['process'], origin: 'f:1',
    when: { folderPathStartsWith: ['C:\\A\\', 'D:\\'], parentProcess: ['x.exe'], commandLineHasAny: ['-q'], host: ['h1'] } };
  assert.equal(compileScenario(s, 'DeviceProcessEvents'),
    '((FolderPath startswith "C:\\\\A\\\\" or FolderPath startswith "D:\\\\") and InitiatingProcessFileName in~ ("x.exe") and ProcessCommandLine has_any ("-q") and DeviceName in~ ("h1"))');
  assert.equal(compileScenario(s, 'DeviceNetworkEvents'),
    '((InitiatingProcessFolderPath startswith "C:\\\\A\\\\" or InitiatingProcessFolderPath startswith "D:\\\\") and InitiatingProcessParentFileName in~ ("x.exe") and InitiatingProcessCommandLine has_any ("-q") and DeviceName in~ ("h1"))');
  assert.equal(compileScenario(s, 'DnsEvents'), null);
  assert.equal(compileScenario({ ...s, when: { grandparentProcess: ['y'] } }, 'DeviceNetworkEvents'), null);
  const w = exclusionWhere([s, { ...s, name: 'b', when: { accountName: ['svc'] } }, { ...s, name: 'off', enabled: false }], 'process', 'DeviceProcessEvents');
  assert.deepEqual(w.applied, ['a', 'b']);
  assert.match(w.kql, /^\| where not\(\n {4}\(.*\)\n {4}or \(AccountName in~ \("svc"\)\)\n {2}\)$/s);
  assert.equal(exclusionWhere([s], 'ip', 'DeviceProcessEvents').kql, '');
});

test('every condition compiles to KQL that binds on every Device table it claims to support, in both flavours', () => {
  const all: ExclusionScenario = { name: 'all', description: '', enabled: true, appliesTo: ['process'], origin: 'f:1',
    when: Object.fromEntries(CONDITION_KEYS.map((k) => [k, ['v"1', 'v\\2']])) };
  for (const flavour of ['sentinel', 'defender'] as const) {
    for (const table of ['DeviceProcessEvents', 'DeviceNetworkEvents', 'DeviceFileEvents', 'DeviceImageLoadEvents', 'DeviceEvents']) {
      const partial: ExclusionScenario = { ...all, when: Object.fromEntries(Object.entries(all.when).filter(([k]) => compileScenario({ ...all, when: { [k]: ['x'] } }, table))) };
      const p = compileScenario(partial, table);
      assert.ok(p, table);
      assert.deepEqual(analyzeKql(`${table} | where not${p}`, flavour).errors, [], `${flavour} ${table}: ${p}`);
    }
  }
});

test('validation errors name file:line:col and every problem at once', () => {
  assert.deepEqual(problems('scenarios: [\n'), ['x.yaml:2:1: Flow sequence in block collection must be sufficiently indented and end with a ]']);
  assert.deepEqual(problems('foo: 1\nscenarios: []\n'), ['x.yaml:1:1: unknown key \'foo\' (expected \'scenarios\')']);
  assert.deepEqual(problems('scenarios: 3\n'), ['x.yaml:1:12: \'scenarios\' must be a list']);
  const p = problems([
    'scenarios:',
    '  - name: a',
    '    when: {parentProcess: x.exe}',
    '  - name: a',
    '    enabled: yes please',
    '    colour: red',
    '    appliesTo: [dns]',
    '    when: {bogus: [1], folderPathStartsWith: []}',
    '  - description: no name',
  ].join('\n'));
  assert.deepEqual(p, [
    "x.yaml:3:27: condition 'parentProcess' must be a non-empty list of strings",
    "x.yaml:2:5: scenario 'a' has no conditions under 'when'",
    "x.yaml:5:14: 'enabled' must be true or false",
    "x.yaml:6:5: unknown scenario key 'colour'",
    'x.yaml:7:16: \'appliesTo\' must be a non-empty list of ip, cidr, domain, url, hash, process',
    "x.yaml:8:12: unknown condition 'bogus' (known: folderPathStartsWith, parentProcess, grandparentProcess, commandLineHasAny, companyName, accountName, accountDomain, host, tokenElevation)",
    "x.yaml:8:46: condition 'folderPathStartsWith' must be a non-empty list of strings",
    "x.yaml:4:5: duplicate scenario name 'a'",
    "x.yaml:4:5: scenario 'a' has no conditions under 'when'",
    'x.yaml:9:5: scenario without a \'name\'',
    "x.yaml:9:5: scenario '' has no conditions under 'when'",
  ]);
  assert.deepEqual(problems('scenarios:\n  - name: a\n    name: b\n    when: {host: [h]}\n'), ['x.yaml:3:5: Map keys must be unique']);
});

test('extra scenarios add to the defaults; a same-named one replaces its default', () => {
  const extra = parseExclusions('scenarios:\n  - name: signed-third-party-tool\n    when:\n      companyName: [Contoso Ltd]\n  - name: lab-hosts\n    appliesTo: [ip, domain]\n    when:\n      host: [lab-01]\n', 'site.yaml');
  const merged = mergeExclusions(loadDefaultExclusions(), extra);
  assert.equal(merged.length, 6);
  const signed = merged.find((s) => s.name === 'signed-third-party-tool')!;
  assert.equal(signed.enabled, true);
  assert.deepEqual(signed.when, { companyName: ['Contoso Ltd'] });
  assert.equal(signed.origin, 'site.yaml:2');
  assert.deepEqual(merged.find((s) => s.name === 'lab-hosts')!.appliesTo, ['ip', 'domain']);
});
