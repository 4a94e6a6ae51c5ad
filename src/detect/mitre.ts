// ATT&CK mapping for generated rules; techniques only with a tactic that Sentinel's validator accepts for them.
import type { HuntKind } from './model.js';

export interface Technique { id: string; name: string; tactic: string }

/** The techniques we emit, each with its kill-chain tactic (Sentinel tactic names, no spaces). */
export const TECHNIQUES: Record<string, Technique> = {
  T1071: { id: 'T1071', name: 'Application Layer Protocol', tactic: 'CommandAndControl' },
  T1219: { id: 'T1219', name: 'Remote Access Software', tactic: 'CommandAndControl' },
  T1105: { id: 'T1105', name: 'Ingress Tool Transfer', tactic: 'CommandAndControl' },
  T1204: { id: 'T1204', name: 'User Execution', tactic: 'Execution' },
  T1566: { id: 'T1566', name: 'Phishing', tactic: 'InitialAccess' },
};

const RAT_RE = /\b(rat|remote access|backdoor)\b|nanocore|njrat|remcos|asyncrat|darkcomet|quasar|netwire|warzone|dcrat/i;

/** Techniques for a hunt kind; `rat` adds Remote Access Software where the traffic or the process is the RAT. */
export function techniquesFor(kind: HuntKind, table: string, rat: boolean): string[] {
  const t: string[] = [];
  if (kind === 'ip' || kind === 'cidr' || kind === 'domain' || kind === 'url') t.push('T1071');
  if (kind === 'url' && (table === 'UrlClickEvents' || table === 'EmailUrlInfo')) t.push('T1566');
  if (kind === 'url' && table === 'DeviceFileEvents') t.push('T1105');
  if (kind === 'hash' || kind === 'process') t.push('T1204');
  if (rat && kind !== 'hash') t.push('T1219');
  return [...new Set(t)].sort();
}

export function tacticsFor(techniques: string[]): string[] {
  return [...new Set(techniques.map((id) => TECHNIQUES[id]!.tactic))].sort();
}

/** True when any family, threat type or tag reads like remote-access malware. */
export function looksLikeRat(texts: string[]): boolean {
  return texts.some((x) => RAT_RE.test(x));
}
