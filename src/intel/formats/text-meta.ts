// Metadata a write-up states in words: "Malware family: X", "confidence 75%", "first seen 2026-05-23", "botnet_cc",
// and the columns of a Markdown/ASCII/HTML table that apply to the rows below its header.
import type { IocMeta } from '../collector.js';
import { toIsoUtc } from '../time.js';
import { findCandidates } from './text-extract.js';

/** ThreatFox threat types (the vocabulary feeds and write-ups share). */
export const THREAT_TYPES: ReadonlySet<string> = new Set(['botnet_cc', 'payload_delivery', 'payload', 'cc_skimming']);

const FAMILY_DECL = /^[\s>*#_`|-]*(?:malware[ _-]?family|threat[ _-]?family|family|malware)\s*[*_`]*\s*[:=]\s*(.+)$/i;
const CONFIDENCE = /\bconfidence(?:[ _-]?level)?\s*[*_`]*\s*(?:[:=]|of|is)?\s*(\d{1,3})(?:\s*%|\b)/i;
const DATE = String.raw`(\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)?(?:\s*(?:Z|UTC))?)`;
const FIRST_SEEN = new RegExp(String.raw`\bfirst[ _-]?seen(?:[ _-]?utc)?\s*[*_\`]*\s*(?:[:=]|on)?\s*` + DATE, 'i');
const LAST_SEEN = new RegExp(String.raw`\blast[ _-]?seen(?:[ _-]?utc)?\s*[*_\`]*\s*(?:[:=]|on)?\s*` + DATE, 'i');
const THREAT = /\b(botnet_cc|payload_delivery|cc_skimming)\b/i;
const TAGS = /^[\s>*#_`|-]*tags?\s*[*_`]*\s*[:=]\s*(.+)$/i;
const REFERENCE = /^[\s>*#_`|-]*(?:references?|sources?|see|read more|via|link)\s*[*_`]*\s*[:=]?\s*(https?:\/\/\S+)/i;

export interface LineMeta extends IocMeta {
  /** The line declares the malware family for the document. */
  familyDecl?: string;
  /** URLs on this line are references, not IOCs. */
  isReference?: boolean;
}

function cleanFamily(s: string): string | undefined {
  const v = s.split(/[(;,|[]/)[0]!.replace(/[*_`"]/g, '').trim().replace(/[.:]+$/, '').trim();
  return v !== '' && v.length <= 100 ? v : undefined;
}

export function lineMeta(line: string): LineMeta {
  const m: LineMeta = {};
  const fam = FAMILY_DECL.exec(line);
  // "Malware: hxxp://x[.]com/a.exe" names an IOC, not a family.
  if (fam) { const f = cleanFamily(fam[1]!); if (f && findCandidates(f).length === 0) m.familyDecl = f; }
  const conf = CONFIDENCE.exec(line);
  if (conf && Number(conf[1]) <= 100) m.confidence = Number(conf[1]);
  const fs = FIRST_SEEN.exec(line);
  if (fs) m.firstSeen = toIsoUtc(fs[1]);
  const ls = LAST_SEEN.exec(line);
  if (ls) m.lastSeen = toIsoUtc(ls[1]);
  const tt = THREAT.exec(line);
  if (tt) m.threatType = tt[1]!.toLowerCase();
  const tags = TAGS.exec(line);
  if (tags) m.tags = tags[1]!.split(/[,;]/).map((t) => t.replace(/[*_`]/g, '').trim()).filter(Boolean);
  const ref = REFERENCE.exec(line);
  if (ref) { m.isReference = true; m.reference = ref[1]!.replace(/[).,;]+$/, ''); }
  return m;
}

type Column = 'confidence' | 'firstSeen' | 'lastSeen' | 'family' | 'threatType' | 'tags';
const HEADER_WORDS: Record<string, Column> = {
  confidence: 'confidence', confidencelevel: 'confidence', conf: 'confidence', score: 'confidence',
  firstseen: 'firstSeen', firstseenutc: 'firstSeen', date: 'firstSeen', seen: 'firstSeen', observed: 'firstSeen',
  lastseen: 'lastSeen', lastseenutc: 'lastSeen',
  family: 'family', malware: 'family', malwarefamily: 'family', threatfamily: 'family',
  threattype: 'threatType', tags: 'tags', tag: 'tags', labels: 'tags',
};

export const normHeader = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');

export function tableCells(line: string): string[] | undefined {
  const t = line.trim();
  if (!t.startsWith('|') || t.length < 3) return undefined;
  const cells = t.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
  return cells.length >= 1 ? cells : undefined;
}

export const isTableRule = (line: string): boolean => /^\s*(?:\|?\s*:?-{3,}:?\s*)(?:\|\s*:?-{3,}:?\s*)*\|?\s*$|^\s*\+[-=+]+\+\s*$/.test(line);

/** A header row maps column index → metadata field; undefined when no cell names a known column. */
export function tableHeader(cells: string[]): Map<number, Column> | undefined {
  const map = new Map<number, Column>();
  cells.forEach((c, i) => { const col = HEADER_WORDS[normHeader(c)]; if (col) map.set(i, col); });
  return map.size ? map : undefined;
}

export function rowMeta(cells: string[], header: Map<number, Column>): IocMeta {
  const m: IocMeta = {};
  for (const [i, col] of header) {
    const v = (cells[i] ?? '').replace(/[*_`]/g, '').trim();
    if (v === '' || v === '-') continue;
    if (col === 'confidence') { const n = /^(\d{1,3})\s*%?$/.exec(v); if (n && Number(n[1]) <= 100) m.confidence = Number(n[1]); }
    else if (col === 'firstSeen') m.firstSeen = toIsoUtc(v);
    else if (col === 'lastSeen') m.lastSeen = toIsoUtc(v);
    else if (col === 'family') m.family = cleanFamily(v);
    else if (col === 'threatType') m.threatType = v.toLowerCase();
    else m.tags = v.split(/[,;]/).map((t) => t.trim()).filter(Boolean);
  }
  return m;
}
