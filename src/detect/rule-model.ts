// The Sentinel rule fields of a hunt, shared by the YAML and ARM renderers.
import { uuidV5 } from './guid.js';
import { outputColumns } from './hunt-common.js';
import type { Hunt } from './model.js';
import { TABLES, type SentinelEntity, type TableSpec } from './table-catalog.js';

export interface EntityMapping { entityType: string; fieldMappings: { identifier: string; columnName: string }[] }

export interface SentinelRule {
  id: string;
  huntingId: string;
  name: string;
  description: string;
  severity: 'Informational' | 'Low' | 'Medium' | 'High';
  requiredDataConnectors: { connectorId: string; dataTypes: string[] }[];
  queryFrequency: string;
  queryPeriod: string;
  triggerOperator: 'gt';
  triggerThreshold: number;
  tactics: string[];
  relevantTechniques: string[];
  query: string;
  entityMappings: EntityMapping[];
  customDetails: Record<string, string>;
  alertDetailsOverride: { alertDisplayNameFormat: string; alertDescriptionFormat: string };
  version: string;
}

export function tableSpec(name: string): TableSpec {
  const t = TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`unknown table ${name}`);
  return t;
}

function iocEntity(h: Hunt): SentinelEntity | null {
  switch (h.kind) {
    case 'ip': return { entityType: 'IP', fields: [{ identifier: 'Address', column: 'IocValue' }] };
    case 'cidr': return { entityType: 'IP', fields: [{ identifier: 'Address', column: 'MatchedValue' }] };
    case 'domain': return { entityType: 'DNS', fields: [{ identifier: 'DomainName', column: 'IocValue' }] };
    case 'url': return { entityType: 'URL', fields: [{ identifier: 'Url', column: 'IocValue' }] };
    case 'hash': return { entityType: 'FileHash', fields: [{ identifier: 'Algorithm', column: 'FileHashAlgorithm' }, { identifier: 'Value', column: 'IocValue' }] };
    case 'process': return { entityType: 'File', fields: [{ identifier: 'Name', column: 'IocValue' }] };
  }
}

/** Sentinel severity from the highest IOC confidence (unknown → Medium). */
export function severityFor(maxConfidence: number | null): SentinelRule['severity'] {
  if (maxConfidence === null) return 'Medium';
  return maxConfidence >= 80 ? 'High' : maxConfidence >= 50 ? 'Medium' : 'Low';
}

export function sentinelRule(h: Hunt, severity: SentinelRule['severity'], context: string): SentinelRule {
  const t = tableSpec(h.table);
  const cols = new Set(outputColumns(t, h.flavour, h.kind === 'hash' ? ['FileHashAlgorithm'] : []));
  const entities = [iocEntity(h), ...t.sentinelEntities].filter((e): e is SentinelEntity => !!e && e.fields.every((f) => cols.has(f.column)));
  const tiers = h.tiers.map((x) => `${x.tier}: ${x.meaning}`).join('; ');
  return {
    id: uuidV5(`analytics-rule\n${h.table}\n${h.kql}`),
    huntingId: uuidV5(`hunting-query\n${h.table}\n${h.kql}`),
    name: h.title.slice(0, 256),
    description: `${h.description} Tiers - ${tiers}. ${context}`.slice(0, 5000),
    severity,
    requiredDataConnectors: [{ connectorId: t.connector.connectorId, dataTypes: [...t.connector.dataTypes] }],
    queryFrequency: '1h',
    queryPeriod: '14d',
    triggerOperator: 'gt',
    triggerThreshold: 0,
    tactics: h.tactics,
    relevantTechniques: h.techniques,
    query: h.kql,
    entityMappings: entities.slice(0, 10).map((e) => ({ entityType: e.entityType, fieldMappings: e.fields.map((f) => ({ identifier: f.identifier, columnName: f.column })) })),
    customDetails: { IocType: 'IocType', IocValue: 'IocValue', IocPort: 'IocPort', Tier: 'Tier', MatchedColumn: 'MatchedColumn' },
    alertDetailsOverride: {
      alertDisplayNameFormat: `${h.title.replace(/ \(part \d+ of \d+\)$/, '').slice(0, 200)}: {{IocValue}}`,
      alertDescriptionFormat: `IOC {{IocValue}} ({{IocType}}) matched ${h.table} column {{MatchedColumn}}. ${h.description}`.slice(0, 5000),
    },
    version: '1.0.0',
  };
}
