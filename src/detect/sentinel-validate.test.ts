import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, stringify } from 'yaml';
import { validateAnalyticsRule, validateHuntingQuery } from './sentinel-validate.js';

const GOOD = {
  id: '0b2f5e8a-1c3d-5e6f-8a9b-0c1d2e3f4a5b', name: 'n', description: 'd', severity: 'Medium',
  requiredDataConnectors: [{ connectorId: 'DNS', dataTypes: ['DnsEvents'] }], queryFrequency: '1h', queryPeriod: '14d',
  triggerOperator: 'gt', triggerThreshold: 0, tactics: ['CommandAndControl'], relevantTechniques: ['T1071'],
  query: 'DnsEvents | project IocValue = Name', entityMappings: [{ entityType: 'DNS', fieldMappings: [{ identifier: 'DomainName', columnName: 'IocValue' }] }],
  customDetails: { Tier: 'Tier' }, alertDetailsOverride: { alertDisplayNameFormat: 'x {{IocValue}}' }, version: '1.0.0', kind: 'Scheduled',
};
const with_ = (patch: Record<string, unknown>): string => stringify({ ...GOOD, ...patch });

test('a well-formed analytics rule passes', () => {
  assert.deepEqual(validateAnalyticsRule(stringify(GOOD), new Set(['IocValue', 'Tier'])), []);
});

test('each Azure-Sentinel validator rule is enforced', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ id: 'not-a-guid' }, /id must be a GUID/],
    [{ name: 'x'.repeat(257) }, /name must be 1-256/],
    [{ description: 'x'.repeat(5001) }, /description must be 1-5000/],
    [{ severity: 'Critical' }, /severity/],
    [{ requiredDataConnectors: [{ connectorId: 'MadeUp', dataTypes: ['X'] }] }, /unknown connectorId/],
    [{ requiredDataConnectors: [] }, /requiredDataConnectors/],
    [{ queryFrequency: '2m' }, /queryFrequency must be 5m\.\.14d/],
    [{ queryPeriod: '15d' }, /queryPeriod must be 5m\.\.14d/],
    [{ queryFrequency: '2h', queryPeriod: '1h' }, /queryPeriod must be >= queryFrequency/],
    [{ queryFrequency: '30m', queryPeriod: '2d' }, /queryFrequency must be >= 1 hour/],
    [{ triggerOperator: 'gte' }, /triggerOperator/],
    [{ triggerThreshold: 10001 }, /triggerThreshold/],
    [{ tactics: ['Command and Control'] }, /unknown tactic/],
    [{ tactics: ['Execution'] }, /technique T1071 without its tactic/],
    [{ relevantTechniques: ['1071'] }, /bad technique/],
    [{ query: 'x'.repeat(10001) }, /query must be 1-10000/],
    [{ entityMappings: [{ entityType: 'IP', fieldMappings: [{ identifier: 'Addr', columnName: 'IocValue' }] }] }, /invalid identifier/],
    [{ entityMappings: [{ entityType: 'FileHash', fieldMappings: [{ identifier: 'Value', columnName: 'IocValue' }] }] }, /needs one of Algorithm\+Value/],
    [{ entityMappings: [{ entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'Bad Column' }] }] }, /bad columnName/],
    [{ entityMappings: [{ entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'Missing' }] }] }, /not in the query output/],
    [{ entityMappings: [{ entityType: 'Robot', fieldMappings: [] }] }, /unknown entityType/],
    [{ customDetails: { 'bad key': 'Tier' } }, /customDetails key/],
    [{ alertDetailsOverride: { alertDisplayNameFormat: '{{a}}{{b}}{{c}}{{d}}' } }, /at most 3/],
    [{ version: '1.0' }, /version must be X\.Y\.Z/],
    [{ kind: 'Fusion' }, /kind must be/],
    [{ description: 'caf\u00e9' }, /non-ASCII/],
  ];
  for (const [patch, re] of cases) {
    const errs = validateAnalyticsRule(with_(patch), new Set(['IocValue', 'Tier']));
    assert.ok(errs.some((e) => re.test(e)), `${JSON.stringify(patch).slice(0, 80)} → ${JSON.stringify(errs)}`);
  }
  assert.deepEqual(validateAnalyticsRule('a: [\n'), [validateAnalyticsRule('a: [\n')[0]!]);
  assert.match(validateAnalyticsRule('a: [\n')[0]!, /YAML does not parse/);
});

test('hunting queries take the common fields and reject scheduling fields', () => {
  const h = { ...GOOD } as Record<string, unknown>;
  for (const k of ['severity', 'queryFrequency', 'queryPeriod', 'triggerOperator', 'triggerThreshold', 'kind', 'customDetails', 'alertDetailsOverride']) delete h[k];
  assert.deepEqual(validateHuntingQuery(stringify(h)), []);
  assert.ok(validateHuntingQuery(stringify({ ...h, severity: 'High' })).some((e) => /no severity/.test(e)));
  assert.equal((parse(stringify(h)) as { id: string }).id, GOOD.id);
});
