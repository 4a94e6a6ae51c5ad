// Free-text intel (plain, Markdown, HTML): refang each line, extract candidates, attach the metadata the text states.
import type { IocCollector, IocMeta } from '../collector.js';
import { canonicalize, looksLikeFileName } from '../canonical/index.js';
import { refang } from '../refang.js';
import { htmlToLines, looksLikeHtml, type TextLines } from './html.js';
import { findCandidates, isCodeIdentifier, isVersionContext, type Candidate } from './text-extract.js';
import { isTableRule, lineMeta, rowMeta, tableCells, tableHeader, type LineMeta } from './text-meta.js';

export const MAX_LINE = 100_000;

interface Found { c: Candidate; line: number; text: string; defanged: boolean; meta: IocMeta }

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
      if (!inTable) { inTable = true; header = tableHeader(cells); if (header) continue; }
      else if (header) row = rowMeta(cells, header);
    } else { inTable = false; header = undefined; }
    const r = refang(line);
    line = r.text;
    const lm: LineMeta = lineMeta(line);
    if (lm.familyDecl) familyDecls.push({ idx: i, family: lm.familyDecl });
    const cands = findCandidates(line);
    let any = false;
    for (const c of cands) {
      if (c.hint === 'url' && lm.isReference && !r.marks.subarray(c.start, c.end).includes(1)) continue;
      const defanged = r.marks.subarray(c.start, c.end).includes(1);
      const meta: IocMeta = { ...row };
      for (const k of ['confidence', 'firstSeen', 'lastSeen', 'threatType', 'tags'] as const) {
        if (meta[k] === undefined && lm[k] !== undefined) (meta as Record<string, unknown>)[k] = lm[k];
      }
      found.push({ c, line: i, text: line, defanged, meta });
      any = true;
    }
    if (!any && !lm.familyDecl && (lm.confidence !== undefined || lm.firstSeen || lm.lastSeen || lm.threatType || lm.tags)) {
      docMeta.push({ idx: i, meta: lm });
    }
  }
  // Walk IOCs in line order, carrying the document-level family and metadata declared so far.
  const META_KEYS = ['confidence', 'firstSeen', 'lastSeen', 'threatType', 'tags'] as const;
  const carried: IocMeta = {};
  let fi = -1;
  let di = 0;
  for (const f of found) {
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
