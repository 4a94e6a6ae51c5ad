// After all inputs are read: warninglist screening, filters, deterministic order, statistics.
import type { Ioc, IocSet, IocType } from './model.js';
import { IOC_TYPES } from './model.js';
import { needsReorder, orderedIoc, type IocCollector } from './collector.js';
import { CONTEXT_ONLY } from './formats/misp.js';
import type { ImportOptions, ImportStats } from './options.js';
import { IntelErrors, intelError } from './errors.js';
import { toIsoUtc } from './time.js';
import { WarninglistSet } from './warninglists.js';

export function familyMatches(family: string | undefined, wanted: string[]): boolean {
  if (!family) return false;
  const f = family.toLowerCase();
  const words = f.split(/[\s_.,/-]+/);
  return wanted.some((w) => f === w || words.includes(w) || f.startsWith(`${w} `));
}

export function validateOptions(opts: ImportOptions): { since?: string; families: string[]; types?: Set<IocType> } {
  const out: { since?: string; families: string[]; types?: Set<IocType> } = { families: [] };
  if (opts.minConfidence !== undefined && !(Number.isFinite(opts.minConfidence) && opts.minConfidence >= 0 && opts.minConfidence <= 100)) {
    throw intelError(IntelErrors.badOption, `--min-confidence must be a number from 0 to 100, got '${opts.minConfidence}'`);
  }
  if (opts.since !== undefined) {
    const s = toIsoUtc(opts.since);
    if (!s) throw intelError(IntelErrors.badOption, `--since must be a date like 2026-05-23 or 2026-05-23T10:00:00Z, got '${opts.since}'`);
    out.since = s;
  }
  const fam = opts.family === undefined ? [] : Array.isArray(opts.family) ? opts.family : [opts.family];
  out.families = fam.flatMap((f) => f.split(',')).map((f) => f.trim().toLowerCase()).filter(Boolean);
  if (opts.types) {
    for (const t of opts.types) if (!IOC_TYPES.includes(t)) throw intelError(IntelErrors.badOption, `unknown IOC type '${t}' (one of ${IOC_TYPES.join(', ')})`);
    out.types = new Set(opts.types);
  }
  return out;
}

export function finish(col: IocCollector, opts: ImportOptions, lists: WarninglistSet): IocSet & { stats: ImportStats } {
  const v = validateOptions(opts);
  const filtered = { type: 0, minConfidence: 0, since: 0, family: 0 };
  const kept: Ioc[] = [];
  // Sorted before filtering: filters keep the relative order.
  for (const ioc of col.sorted()) {
    if (v.types && !v.types.has(ioc.type)) { filtered.type++; continue; }
    if (opts.minConfidence !== undefined && (ioc.confidence === undefined || ioc.confidence < opts.minConfidence)) { filtered.minConfidence++; continue; }
    if (v.since !== undefined) {
      const seen = ioc.lastSeen ?? ioc.firstSeen;
      if (seen === undefined || seen < v.since) { filtered.since++; continue; }
    }
    if (v.families.length && !familyMatches(ioc.family, v.families)) { filtered.family++; continue; }
    const w = lists.check(ioc);
    if (w.length) ioc.warnings = w;
    kept.push(needsReorder.has(ioc) ? orderedIoc(ioc) : ioc);
  }
  const byType: Partial<Record<IocType, number>> = {};
  const flaggedByList: Record<string, number> = {};
  let flagged = 0;
  for (const i of kept) {
    byType[i.type] = (byType[i.type] ?? 0) + 1;
    if (i.warnings?.length) {
      flagged++;
      for (const w of i.warnings) flaggedByList[w] = (flaggedByList[w] ?? 0) + 1;
    }
  }
  const accepted = col.files.reduce((a, f) => a + f.accepted, 0);
  const stats: ImportStats = {
    files: col.files, total: kept.length, byType, flagged, flaggedByList,
    rejected: col.rejected.length, contextOnly: col.rejected.filter((r) => r.reason === CONTEXT_ONLY).length,
    merged: accepted - col.size, filtered,
  };
  return { iocs: kept, rejected: col.rejected, stats };
}
