// Sentinel content: analytics-rule and hunting-query YAML (Azure-Sentinel repository format) and ARM templates.
import { stringify } from 'yaml';
import { uuidV5 } from './guid.js';
import type { SentinelRule } from './rule-model.js';

const YAML_OPTS = { blockQuote: 'literal' as const, lineWidth: 0, minContentWidth: 0 };

export function analyticsRuleYaml(r: SentinelRule): string {
  return stringify({
    id: r.id, name: r.name, description: r.description, severity: r.severity,
    requiredDataConnectors: r.requiredDataConnectors, queryFrequency: r.queryFrequency, queryPeriod: r.queryPeriod,
    triggerOperator: r.triggerOperator, triggerThreshold: r.triggerThreshold, tactics: r.tactics,
    relevantTechniques: r.relevantTechniques, query: r.query, entityMappings: r.entityMappings,
    customDetails: r.customDetails, alertDetailsOverride: r.alertDetailsOverride,
    eventGroupingSettings: { aggregationKind: 'AlertPerResult' }, version: r.version, kind: 'Scheduled',
  }, YAML_OPTS);
}

export function huntingQueryYaml(r: SentinelRule): string {
  return stringify({
    id: r.huntingId, name: r.name, description: r.description, requiredDataConnectors: r.requiredDataConnectors,
    tactics: r.tactics, relevantTechniques: r.relevantTechniques, query: r.query, entityMappings: r.entityMappings,
    version: r.version,
  }, YAML_OPTS);
}

const ARM_OPERATOR = { gt: 'GreaterThan' } as const;
/** `1h` → `PT1H`, `14d` → `P14D`, `5m` → `PT5M`. */
export function isoDuration(s: string): string {
  const m = /^(\d+)([mhd])$/.exec(s);
  if (!m) throw new Error(`bad duration ${s}`);
  return m[2] === 'd' ? `P${m[1]}D` : `PT${m[1]}${m[2]!.toUpperCase()}`;
}

/** One deployable template: the scheduled analytics rule and the hunting query (saved search) of a hunt. */
export function armTemplate(r: SentinelRule): string {
  const ruleName = uuidV5(`arm-alert-rule\n${r.id}`);
  const searchName = uuidV5(`arm-saved-search\n${r.huntingId}`);
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { workspace: { type: 'String', metadata: { description: 'Name of the Log Analytics workspace with Microsoft Sentinel' } } },
    resources: [
      {
        id: `[concat(resourceId('Microsoft.OperationalInsights/workspaces/providers', parameters('workspace'), 'Microsoft.SecurityInsights'),'/alertRules/${ruleName}')]`,
        name: `[concat(parameters('workspace'),'/Microsoft.SecurityInsights/${ruleName}')]`,
        type: 'Microsoft.OperationalInsights/workspaces/providers/alertRules',
        kind: 'Scheduled',
        apiVersion: '2023-02-01',
        properties: {
          displayName: r.name, description: r.description, severity: r.severity, enabled: true, query: r.query,
          queryFrequency: isoDuration(r.queryFrequency), queryPeriod: isoDuration(r.queryPeriod),
          triggerOperator: ARM_OPERATOR[r.triggerOperator], triggerThreshold: r.triggerThreshold,
          suppressionDuration: 'PT5H', suppressionEnabled: false, tactics: r.tactics, techniques: r.relevantTechniques,
          entityMappings: r.entityMappings, customDetails: r.customDetails, alertDetailsOverride: r.alertDetailsOverride,
          eventGroupingSettings: { aggregationKind: 'AlertPerResult' }, templateVersion: r.version,
        },
      },
      {
        type: 'Microsoft.OperationalInsights/workspaces/savedSearches',
        apiVersion: '2020-08-01',
        name: `[concat(parameters('workspace'), '/${searchName}')]`,
        properties: {
          category: 'Hunting Queries', displayName: r.name, query: r.query, version: 2,
          tags: [
            { name: 'description', value: r.description },
            { name: 'tactics', value: r.tactics.join(',') },
            { name: 'techniques', value: r.relevantTechniques.join(',') },
          ],
        },
      },
    ],
  };
  return JSON.stringify(template, null, 2) + '\n';
}
