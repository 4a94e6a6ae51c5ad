// Which reader a file needs, from its content (the first 64 KB, or the parsed JSON for JSON inputs).
import { csvHeader } from './formats/csv-list.js';

export const FORMATS = ['threatfox-json', 'threatfox-csv', 'threatfox-api', 'stix', 'misp', 'text', 'csv'] as const;
export type IntelFormat = (typeof FORMATS)[number];

export const isFormat = (s: string): s is IntelFormat => (FORMATS as readonly string[]).includes(s);

type Rec = Record<string, unknown>;
const isObj = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

export function looksLikeJson(head: string): boolean {
  return /^\uFEFF?\s*[[{]/.test(head);
}

/** Sniffs a JSON document's shape; undefined when it is none of the known intel formats. */
export function jsonFormat(doc: unknown): IntelFormat | undefined {
  if (Array.isArray(doc)) {
    const first = doc.find(isObj);
    if (!first) return undefined;
    if ('Event' in first) return 'misp';
    if ('ioc' in first) return 'threatfox-api';
    if ('ioc_value' in first) return 'threatfox-json';
    if (typeof first.type === 'string' && typeof first.id === 'string' && first.id.includes('--')) return 'stix';
    return undefined;
  }
  if (!isObj(doc)) return undefined;
  if ('query_status' in doc || ('ioc' in doc && 'ioc_type' in doc)) return 'threatfox-api';
  if (doc.type === 'bundle' || (typeof doc.type === 'string' && typeof doc.id === 'string' && doc.id.includes('--') && 'spec_version' in doc)) return 'stix';
  if (doc.type === 'indicator' && 'pattern' in doc) return 'stix';
  if ('Event' in doc || Array.isArray(doc.response) || 'Attribute' in doc || 'Object' in doc) return 'misp';
  if ('ioc_value' in doc) return 'threatfox-json';
  const firstVal = Object.values(doc)[0];
  const rec = Array.isArray(firstVal) ? firstVal[0] : firstVal;
  if (isObj(rec) && 'ioc_value' in rec) return 'threatfox-json';
  return undefined;
}

/** Formats decided from text: ThreatFox CSV (commented header), a CSV/TSV list with a value column, else free text. */
export function textFormat(head: string): IntelFormat {
  const lines = head.split(/\r?\n/, 40);
  if (lines.some((l) => /^#\s*"?first_seen_utc"?\s*,/.test(l) || (/^#\s*"/.test(l) && l.includes('"ioc_value"')))) return 'threatfox-csv';
  const first = lines.find((l) => l.trim() !== '' && !l.startsWith('#'));
  if (first !== undefined && /[,\t;]/.test(first) && !/^\s*[|<]/.test(first) && csvHeader(first)) return 'csv';
  return 'text';
}
