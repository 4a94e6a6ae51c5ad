// Our own check of generated Sentinel YAML against the Azure-Sentinel repository validators' rules.
import { parse } from 'yaml';

export const VALID_CONNECTOR_IDS = new Set([
  'AzureActiveDirectory', 'AzureFirewall', 'AzureMonitor(VMInsights)', 'CEF', 'DNS', 'MicrosoftThreatProtection',
  'SecurityEvents', 'Syslog', 'Office365', 'OfficeATP', 'PaloAltoNetworks', 'ThreatIntelligence', 'ThreatIntelligenceTaxii',
]);
export const TACTICS = new Set([
  'InitialAccess', 'Execution', 'Persistence', 'PrivilegeEscalation', 'DefenseEvasion', 'CredentialAccess', 'Discovery',
  'LateralMovement', 'Collection', 'Exfiltration', 'CommandAndControl', 'Impact', 'PreAttack', 'Reconnaissance',
  'ResourceDevelopment', 'ImpairProcessControl', 'InhibitResponseFunction',
]);
/** Kill-chain tactics of the techniques we may emit (a technique needs one of them listed). */
const TECHNIQUE_TACTICS: Record<string, string[]> = {
  T1071: ['CommandAndControl'], T1219: ['CommandAndControl'], T1105: ['CommandAndControl'], T1204: ['Execution'], T1566: ['InitialAccess'],
};
/** entityType → [valid identifiers, required identifiers (any one)] (Models/EntityMappingIdentifiers.cs). */
const ENTITIES: Record<string, [string[], string[]]> = {
  Account: [['Name', 'FullName', 'NTDomain', 'DnsDomain', 'UPNSuffix', 'Sid', 'AadTenantId', 'AadUserId', 'PUID', 'IsDomainJoined', 'DisplayName', 'ObjectGuid'], ['FullName', 'Sid', 'Name', 'AadUserId', 'PUID', 'ObjectGuid']],
  DNS: [['DomainName'], ['DomainName']],
  File: [['Directory', 'Name'], ['Name']],
  FileHash: [['Algorithm', 'Value'], ['Algorithm+Value']],
  Host: [['DnsDomain', 'NTDomain', 'HostName', 'FullName', 'NetBiosName', 'AzureID', 'OMSAgentID', 'OSFamily', 'OSVersion', 'IsDomainJoined'], ['FullName', 'HostName', 'NetBiosName', 'AzureID', 'OMSAgentID']],
  IP: [['Address'], ['Address']],
  Process: [['ProcessId', 'CommandLine', 'ElevationToken', 'CreationTimeUtc'], ['CommandLine', 'ProcessId']],
  URL: [['Url'], ['Url']],
  Malware: [['Name', 'Category'], ['Name']],
};
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMN = /^[a-zA-Z_]+\w*$/;

type Doc = Record<string, unknown>;
const str = (v: unknown): v is string => typeof v === 'string';

/** `5m`/`1h`/`14d` → minutes; null when malformed. */
function minutes(v: unknown): number | null {
  const m = str(v) ? /^(\d+)([mhd])$/.exec(v) : null;
  return m ? Number(m[1]) * (m[2] === 'm' ? 1 : m[2] === 'h' ? 60 : 1440) : null;
}

function common(d: Doc, e: string[], outputColumns?: Set<string>): void {
  if (!str(d.id) || !GUID.test(d.id)) e.push('id must be a GUID');
  if (!str(d.name) || d.name.length === 0 || d.name.length > 256) e.push('name must be 1-256 characters');
  if (!str(d.description) || d.description.length === 0 || d.description.length > 5000) e.push('description must be 1-5000 characters');
  if (!str(d.query) || d.query.length === 0 || d.query.length > 10000) e.push('query must be 1-10000 characters');
  const rdc = d.requiredDataConnectors;
  if (!Array.isArray(rdc) || rdc.length === 0) e.push('requiredDataConnectors must be a non-empty list');
  else for (const c of rdc as Doc[]) {
    if (!str(c?.connectorId) || !VALID_CONNECTOR_IDS.has(c.connectorId)) e.push(`unknown connectorId ${JSON.stringify(c?.connectorId)}`);
    if (!Array.isArray(c?.dataTypes) || c.dataTypes.length === 0) e.push('each connector needs dataTypes');
  }
  const tactics = Array.isArray(d.tactics) ? (d.tactics as unknown[]) : [];
  for (const t of tactics) if (!str(t) || !TACTICS.has(t)) e.push(`unknown tactic ${JSON.stringify(t)}`);
  for (const t of Array.isArray(d.relevantTechniques) ? (d.relevantTechniques as unknown[]) : []) {
    if (!str(t) || !/^T\d{4}(\.\d{3})?$/.test(t)) { e.push(`bad technique ${JSON.stringify(t)}`); continue; }
    const need = TECHNIQUE_TACTICS[t.slice(0, 5)];
    if (!need) e.push(`technique ${t} has no known tactic`);
    else if (!need.some((x) => tactics.includes(x))) e.push(`technique ${t} without its tactic (${need.join('/')})`);
  }
  if (d.entityMappings !== undefined) entityMappings(d.entityMappings, e, outputColumns);
  if (!str(d.version) || !/^(\d+\.)(\d+\.)(\d+)$/.test(d.version) || d.version.length > 20) e.push('version must be X.Y.Z');
}

function entityMappings(v: unknown, e: string[], cols?: Set<string>): void {
  if (!Array.isArray(v) || v.length < 1 || v.length > 10) { e.push('entityMappings must have 1-10 entries'); return; }
  for (const m of v as Doc[]) {
    const spec = str(m?.entityType) ? ENTITIES[m.entityType] : undefined;
    if (!spec) { e.push(`unknown entityType ${JSON.stringify(m?.entityType)}`); continue; }
    const fm = Array.isArray(m.fieldMappings) ? (m.fieldMappings as Doc[]) : [];
    if (fm.length < 1 || fm.length > 3) e.push(`${m.entityType}: 1-3 fieldMappings`);
    const ids = fm.map((f) => f?.identifier);
    if (new Set(ids).size !== ids.length) e.push(`${m.entityType}: duplicate identifier`);
    for (const f of fm) {
      if (!str(f?.identifier) || !spec[0].includes(f.identifier)) e.push(`${m.entityType}: invalid identifier ${JSON.stringify(f?.identifier)}`);
      if (!str(f?.columnName) || f.columnName.length > 500 || !COLUMN.test(f.columnName)) e.push(`${m.entityType}: bad columnName ${JSON.stringify(f?.columnName)}`);
      else if (cols && !cols.has(f.columnName)) e.push(`${m.entityType}: column ${f.columnName} is not in the query output`);
    }
    const ok = spec[1].some((req) => req.split('+').every((r) => ids.includes(r)));
    if (!ok) e.push(`${m.entityType}: needs one of ${spec[1].join(' | ')}`);
  }
}

/** The parsed rule with the problems every rule can have, or the problems alone when it is not a YAML mapping. */
function parseRule(yamlText: string, outputColumns?: Set<string>): { d: Doc; e: string[] } | string[] {
  const e: string[] = [];
  if (/[^\x00-\x7f]/.test(yamlText)) e.push('file contains non-ASCII characters');
  let d: Doc;
  try { d = parse(yamlText) as Doc; } catch (x) { return [`YAML does not parse: ${(x as Error).message}`]; }
  if (typeof d !== 'object' || d === null) return ['not a YAML mapping'];
  common(d, e, outputColumns);
  return { d, e };
}

/** Problems of an analytics-rule YAML text; [] when valid. `outputColumns` enables the entity-column check. */
export function validateAnalyticsRule(yamlText: string, outputColumns?: Set<string>): string[] {
  const r = parseRule(yamlText, outputColumns);
  if (Array.isArray(r)) return r;
  const { d, e } = r;
  if (!['Informational', 'Low', 'Medium', 'High'].includes(d.severity as string)) e.push('severity must be Informational, Low, Medium or High');
  if (!['Scheduled', 'NRT'].includes(d.kind as string)) e.push('kind must be Scheduled or NRT');
  const f = minutes(d.queryFrequency);
  const p = minutes(d.queryPeriod);
  if (f === null || f < 5 || f > 20160) e.push('queryFrequency must be 5m..14d');
  if (p === null || p < 5 || p > 20160) e.push('queryPeriod must be 5m..14d');
  if (f !== null && p !== null && p < f) e.push('queryPeriod must be >= queryFrequency');
  if (f !== null && p !== null && p >= 2880 && f < 60) e.push("when queryPeriod >= 2 days, queryFrequency must be >= 1 hour");
  if (!['gt', 'lt', 'eq', 'ne', 'GreaterThan', 'LessThan', 'Equal', 'NotEqual'].includes(d.triggerOperator as string)) e.push('bad triggerOperator');
  if (!Number.isInteger(d.triggerThreshold) || (d.triggerThreshold as number) < 0 || (d.triggerThreshold as number) > 10000) e.push('triggerThreshold must be an integer 0..10000');
  const cd = d.customDetails as Doc | undefined;
  if (cd !== undefined) {
    const entries = Object.entries(cd ?? {});
    if (entries.length > 20) e.push('customDetails: at most 20 entries');
    for (const [k, v] of entries) {
      if (k.length > 20 || !/^[a-zA-Z]+\w*$/.test(k)) e.push(`customDetails key ${k} invalid`);
      if (!str(v) || v.length > 500 || !COLUMN.test(v)) e.push(`customDetails value for ${k} invalid`);
    }
  }
  const ado = d.alertDetailsOverride as Doc | undefined;
  if (ado !== undefined) {
    for (const [k, max] of [['alertDisplayNameFormat', 256], ['alertDescriptionFormat', 5000]] as const) {
      const v = ado?.[k];
      if (v === undefined) continue;
      if (!str(v) || v.length < 1 || v.length > max) e.push(`${k} must be 1-${max} characters`);
      else if ((v.match(/\{\{[^}]*\}\}/g) ?? []).length > 3) e.push(`${k}: at most 3 {{column}} placeholders`);
    }
  }
  return e;
}

/** Problems of a hunting-query YAML text; [] when valid. */
export function validateHuntingQuery(yamlText: string, outputColumns?: Set<string>): string[] {
  const r = parseRule(yamlText, outputColumns);
  if (Array.isArray(r)) return r;
  const { d, e } = r;
  for (const k of ['severity', 'queryFrequency', 'queryPeriod', 'triggerOperator', 'triggerThreshold', 'kind']) if (k in d) e.push(`hunting queries have no ${k}`);
  return e;
}
