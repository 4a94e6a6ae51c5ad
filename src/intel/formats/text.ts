// Free-text intel (plain, Markdown, HTML): refang each line, extract candidates, attach the metadata the text states.
import type { IocCollector, IocMeta } from '../collector.js';
import { canonicalize, looksLikeFileName } from '../canonical/index.js';
import { refang } from '../refang.js';
import { htmlToLines, looksLikeHtml, type TextLines } from './html.js';
import { findCandidates, isCodeIdentifier, isVersionContext, type Candidate } from './text-extract.js';
import { isTableRule, lineMeta, normHeader, rowMeta, tableCells, tableHeader, type LineMeta } from './text-meta.js';

export const MAX_LINE = 100_000;
/** Header cells that mark a table as a list of indicators (its values count even when not defanged). */
const IOC_COLUMN_WORDS = new Set(['indicator', 'indicators', 'ioc', 'iocs', 'value', 'indicatorvalue', 'iocvalue', 'observable',
  'domain', 'domains', 'ip', 'ips', 'ipaddress', 'url', 'urls', 'hash', 'hashes', 'sha', 'md', 'host', 'hostname', 'address', 'cc', 'server']);
const HOSTS_LINE = /^\s*(?:127\.0\.0\.1|0\.0\.0\.0|::1?)\s+(?=\S)/;

interface Found { c: Candidate; line: number; text: string; defanged: boolean; meta: IocMeta; inTable: boolean }

function plainLines(text: string): TextLines {
  const lines = text.split(/\r\n|\r|\n/);
  return { lines, lineNos: lines.map((_, i) => i + 1) };
}

export function importText(text: string, col: IocCollector): void {
  const { lines, lineNos } = looksLikeHtml(text) ? htmlToLines(text) : plainLines(text);
  const found: Found[] = [];
  const familyDecls: Array<{ idx: number; family: string }> = [];
  const docMeta: Array<{ idx: number; meta: IocMeta }> = [];
  let header: ReturnType<typeof tableHeader>;
  let inTable = false;
  let iocTable = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.length > MAX_LINE) {
      col.reject(String(lineNos[i]), line, `line longer than ${MAX_LINE} characters skipped`);
      continue;
    }
    // Tables: a header row naming metadata columns applies to the rows below it until the table ends.
    const cells = tableCells(line);
    if (isTableRule(line)) continue;
    let row: IocMeta = {};
    if (cells) {
      if (!inTable) {
        inTable = true;
        header = tableHeader(cells);
        iocTable = cells.some((c) => IOC_COLUMN_WORDS.has(normHeader(c)));
        if (header || iocTable) continue;
      } else if (header) row = rowMeta(cells, header);
    } else { inTable = false; header = undefined; iocTable = false; }
    const r = refang(line);
    line = r.text;
    const lm: LineMeta = lineMeta(line);
    if (lm.familyDecl) familyDecls.push({ idx: i, family: lm.familyDecl });
    // Hosts-file lines (`0.0.0.0 evil.com`, ThreatFox hostfile): the leading sink address is not an IOC.
    const hosts = HOSTS_LINE.exec(line);
    const cands = hosts ? findCandidates(line).filter((c) => c.start >= hosts[0].length) : findCandidates(line);
    let any = false;
    for (const c of cands) {
      if (c.hint === 'url' && lm.isReference && !r.marks.subarray(c.start, c.end).includes(1)) continue;
      const defanged = r.marks.subarray(c.start, c.end).includes(1);
      const meta: IocMeta = { ...row };
      for (const k of ['confidence', 'firstSeen', 'lastSeen', 'threatType', 'tags'] as const) {
        if (meta[k] === undefined && lm[k] !== undefined) (meta as Record<string, unknown>)[k] = lm[k];
      }
      found.push({ c, line: i, text: line, defanged, meta, inTable: Boolean(cells && iocTable) });
      any = true;
    }
    if (!any && !lm.familyDecl && (lm.confidence !== undefined || lm.firstSeen || lm.lastSeen || lm.threatType || lm.tags)) {
      docMeta.push({ idx: i, meta: lm });
    }
  }
  const keep = documentRules(found);
  // Walk IOCs in line order, carrying the document-level family and metadata declared so far.
  const META_KEYS = ['confidence', 'firstSeen', 'lastSeen', 'threatType', 'tags'] as const;
  const carried: IocMeta = {};
  let fi = -1;
  let di = 0;
  for (const f of found) {
    const verdict = keep.get(f);
    if (verdict === 'skip') continue;
    if (typeof verdict === 'string') { col.reject(String(lineNos[f.line]), f.c.raw, verdict); continue; }
    while (fi + 1 < familyDecls.length && familyDecls[fi + 1]!.idx <= f.line) fi++;
    while (di < docMeta.length && docMeta[di]!.idx < f.line) {
      for (const k of META_KEYS) if (docMeta[di]!.meta[k] !== undefined) (carried as Record<string, unknown>)[k] = docMeta[di]!.meta[k];
      di++;
    }
    const meta: IocMeta = { ...f.meta };
    const fam = fi >= 0 ? familyDecls[fi] : familyDecls[0];
    if (meta.family === undefined && fam) meta.family = fam.family;
    for (const k of META_KEYS) if (meta[k] === undefined && carried[k] !== undefined) (meta as Record<string, unknown>)[k] = carried[k];
    emit({ ...f, meta }, lineNos, col);
  }
}

function emit(f: Found, lineNos: number[], col: IocCollector): void {
  const { c, defanged } = f;
  const location = String(lineNos[f.line]);
  const canon = canonicalize(c.raw, c.hint);
  if (!canon.ok) {
    // Prose is full of dotted words and clock times: only a deliberately defanged value earns a rejection entry.
    if (defanged) col.reject(location, c.raw, canon.reason);
    return;
  }
  if (!defanged && canon.type === 'domain' && isCodeIdentifier(c.raw.replace(/:\d+$/, ''))) return;
  if (!defanged && canon.type === 'domain' && looksLikeFileName(canon.value)) {
    col.reject(location, c.raw, 'looks like a file name, not a domain (defang it to force)');
    return;
  }
  if (!defanged && canon.type === 'ipv4' && isVersionContext(f.text, c.start)) {
    col.reject(location, c.raw, 'looks like a version number, not an IP address');
    return;
  }
  col.add(canon.type, canon.value, canon.port, f.meta, location);
}

const NETWORK_HINTS = new Set(['domain', 'url', 'email', 'ipv4', 'ipv6']);

/** The bare address of a candidate (no port, lower case), for comparing occurrences within one document. */
function bareValue(f: Found): string | undefined {
  const canon = canonicalize(f.c.raw, f.c.hint);
  if (!canon.ok || !NETWORK_HINTS.has(canon.type)) return undefined;
  return `${canon.type}:${canon.value}`;
}

/**
 * Whole-document rules a careful analyst applies:
 * - A write-up that defangs its IOCs leaves references, sources and contacts (`abuse.ch`, a blog URL, the SOC's
 *   mail address) plain: in such a document a plain network value outside an IOC table is not an IOC — unless
 *   the same address is also given defanged (e.g. repeated inside a KQL example), which is then a duplicate.
 * - An address given with a port (`1.2.3.4:443`) and also bare is one indicator: the bare mention is not a
 *   second, broader IOC.
 * Returns, per candidate, 'skip' (silently dropped), a rejection reason, or nothing (keep).
 */
function documentRules(found: Found[]): Map<Found, 'skip' | string> {
  const out = new Map<Found, 'skip' | string>();
  const bare = new Map<Found, string | undefined>(found.map((f) => [f, bareValue(f)]));
  const defangedValues = new Set<string>();
  const withPort = new Set<string>();
  for (const f of found) {
    const b = bare.get(f);
    if (!b) continue;
    if (f.defanged) defangedValues.add(b);
    const canon = canonicalize(f.c.raw, f.c.hint);
    if (canon.ok && canon.port !== undefined) withPort.add(b);
  }
  const docDefangs = defangedValues.size > 0;
  for (const f of found) {
    const b = bare.get(f);
    if (!b) continue;
    const canon = canonicalize(f.c.raw, f.c.hint);
    if (!canon.ok) continue;
    if (canon.port === undefined && withPort.has(b) && (canon.type === 'ipv4' || canon.type === 'ipv6' || canon.type === 'domain')) { out.set(f, 'skip'); continue; }
    if (!docDefangs || f.defanged || f.inTable) continue;
    if (canon.type === 'domain' && looksLikeFileName(canon.value)) continue; // emit() gives the better reason
    if (defangedValues.has(b)) { out.set(f, 'skip'); continue; }
    out.set(f, 'not defanged in a write-up that defangs its IOCs: taken as a reference, source or contact (defang it to hunt it)');
  }
  return out;
}
