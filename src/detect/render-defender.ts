// Defender XDR custom detection rules (Microsoft Graph `security/rules/detectionRules` request bodies).
import type { Hunt } from './model.js';
import { tableSpec } from './rule-model.js';
import { TECHNIQUES } from './mitre.js';

/** Columns a custom detection query must return (besides one entity column). */
export const DEFENDER_REQUIRED = ['Timestamp', 'ReportId'] as const;

/** The rule body, or null when the table has no entity column Defender accepts (e.g. EmailUrlInfo). */
export function defenderRule(h: Hunt, severity: 'informational' | 'low' | 'medium' | 'high', recommended: string): string | null {
  const t = tableSpec(h.table);
  if (!t.defenderAsset) return null;
  const category = TECHNIQUES[h.techniques[0] ?? '']?.tactic ?? 'CommandAndControl';
  const body = {
    displayName: h.title.slice(0, 256),
    isEnabled: true,
    queryCondition: { queryText: h.kql },
    schedule: { period: '1H' },
    detectionAction: {
      alertTemplate: {
        title: h.title.slice(0, 256),
        description: h.description,
        severity,
        category,
        recommendedActions: recommended,
        mitreTechniques: h.techniques,
        impactedAssets: [{ '@odata.type': t.defenderAsset.odataType, identifier: t.defenderAsset.identifier }],
      },
      responseActions: [],
    },
  };
  return JSON.stringify(body, null, 2) + '\n';
}
