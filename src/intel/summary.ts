// Human-readable summaries: the one-paragraph import report (stderr) and `intel show` for an IOC-set file.
import type { IocSet, IocType } from './model.js';
import { IOC_TYPES } from './model.js';
import type { ImportStats } from './options.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function countBy<T>(items: readonly T[], key: (t: T) => string | undefined): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const i of items) { const k = key(i); if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1); }
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function typeCounts(byType: Partial<Record<IocType, number>>): string {
  const parts = IOC_TYPES.filter((t) => byType[t]).map((t) => `${t} ${byType[t]}`);
  return parts.length ? parts.join(', ') : 'none';
}

export function importSummary(s: ImportStats): string {
  const parts: string[] = [];
  parts.push(`Imported ${plural(s.total, 'IOC')} (${typeCounts(s.byType)}) from ${plural(s.files.length, 'file')}`);
  if (s.merged) parts.push(`${s.merged} duplicate${s.merged === 1 ? '' : 's'} merged`);
  const lists = Object.entries(s.flaggedByList).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`);
  parts.push(`${s.flagged} flagged by warninglists${lists.length ? ` (${lists.join(', ')})` : ''}`);
  parts.push(`${s.rejected} rejected${s.contextOnly ? ` (${s.contextOnly} MISP to_ids=false context)` : ''}`);
  const f = s.filtered;
  const filt = Object.entries(f).filter(([, v]) => v > 0).map(([k, v]) => `${v} by --${k === 'minConfidence' ? 'min-confidence' : k}`);
  if (filt.length) parts.push(`filtered out ${filt.join(', ')}`);
  const per = s.files.map((x) => `${x.file} [${x.format}] ${x.read} read, ${x.accepted} accepted, ${x.rejected} rejected`);
  return `${parts.join('; ')}. Per source: ${per.join('; ') || 'none'}.\n`;
}

function table(title: string, rows: Array<[string, number]>, limit = 20): string {
  if (!rows.length) return `${title}: none\n`;
  const shown = rows.slice(0, limit);
  const w = Math.max(...shown.map(([k]) => k.length));
  let s = `${title}:\n` + shown.map(([k, v]) => `  ${k.padEnd(w)}  ${v}\n`).join('');
  if (rows.length > limit) s += `  … ${rows.length - limit} more\n`;
  return s;
}

const sourceFile = (s: string): string => { const k = s.lastIndexOf(':'); return k > 0 ? s.slice(0, k) : s; };

export function showSummary(set: IocSet, name: string): string {
  const { iocs, rejected } = set;
  let out = `${name}: ${plural(iocs.length, 'IOC')}, ${rejected.length} rejected\n`;
  out += table('By type', IOC_TYPES.map((t) => [t, iocs.filter((i) => i.type === t).length] as [string, number]).filter(([, n]) => n > 0));
  const withPort = iocs.filter((i) => i.port !== undefined).length;
  if (withPort) out += `  (${withPort} with a port)\n`;
  out += table('By family', countBy(iocs, (i) => i.family ?? '(none)'));
  out += table('By source', countBy(iocs.flatMap((i) => [...new Set(i.sources.map(sourceFile))]), (s) => s));
  const flagged = iocs.filter((i) => i.warnings?.length);
  out += table(`Flagged (${flagged.length}, not hunted by default)`, countBy(flagged.flatMap((i) => i.warnings ?? []), (w) => w));
  for (const i of flagged.slice(0, 10)) out += `    ${i.type} ${i.value}${i.port !== undefined ? `:${i.port}` : ''}  [${(i.warnings ?? []).join(', ')}]\n`;
  if (flagged.length > 10) out += `    … ${flagged.length - 10} more\n`;
  const reasons = countBy(rejected, (r) => r.reason);
  out += table('Rejected by reason', reasons);
  for (const r of rejected.slice(0, 10)) out += `    ${r.source}:${r.location}  ${JSON.stringify(r.input)}  ${r.reason}\n`;
  if (rejected.length > 10) out += `    … ${rejected.length - 10} more\n`;
  return out;
}
