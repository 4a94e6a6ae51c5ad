// STIX 2.1 bundles (or a bare indicator / array of objects): indicator patterns → IOCs; family from `indicates` → malware.
import type { IocCollector, IocMeta } from '../collector.js';
import { canonicalize } from '../canonical/index.js';
import { toIsoUtc } from '../time.js';
import { parseStixPattern } from './stix-pattern.js';
import { interpretPattern } from './stix-pattern-iocs.js';
import { THREAT_TYPES } from './text-meta.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function stixObjects(doc: unknown): Obj[] {
  if (Array.isArray(doc)) return doc.filter(isObj);
  if (isObj(doc) && Array.isArray(doc.objects)) return doc.objects.filter(isObj);
  if (isObj(doc)) return [doc];
  return [];
}

function familyIndex(objects: Obj[]): Map<string, string> {
  const malware = new Map<string, Obj>();
  for (const o of objects) if ((o.type === 'malware' || o.type === 'tool') && typeof o.id === 'string') malware.set(o.id, o);
  const family = new Map<string, string>();
  // First `indicates` target that is a family wins; otherwise the first malware indicated.
  const candidates = new Map<string, Obj[]>();
  for (const r of objects) {
    if (r.type !== 'relationship' || r.relationship_type !== 'indicates') continue;
    const m = malware.get(String(r.target_ref));
    if (!m || typeof r.source_ref !== 'string') continue;
    const list = candidates.get(r.source_ref) ?? [];
    list.push(m);
    candidates.set(r.source_ref, list);
  }
  for (const [ind, list] of candidates) {
    const pick = list.find((m) => m.is_family === true) ?? list[0]!;
    const name = str(pick.name) ?? strs(pick.aliases)[0];
    if (name) family.set(ind, name.trim());
  }
  return family;
}

function indicatorMeta(ind: Obj, family: string | undefined): IocMeta {
  const labels = strs(ind.labels);
  const threatType = labels.find((l) => THREAT_TYPES.has(l.toLowerCase()))?.toLowerCase();
  const conf = typeof ind.confidence === 'number' ? ind.confidence : undefined;
  const refs = Array.isArray(ind.external_references) ? ind.external_references.filter(isObj) : [];
  const reference = refs.map((r) => str(r.url)).find((u) => u && /^https?:\/\//i.test(u));
  return {
    family, threatType, confidence: conf, tags: labels, reference,
    firstSeen: toIsoUtc(ind.valid_from), lastSeen: toIsoUtc(ind.valid_until),
  };
}

export function importStix(doc: unknown, col: IocCollector): void {
  const objects = stixObjects(doc);
  const families = familyIndex(objects);
  let n = 0;
  for (const ind of objects) {
    n++;
    if (ind.type !== 'indicator') continue;
    const id = str(ind.id) ?? `object[${n - 1}]`;
    const pattern = ind.pattern;
    if (typeof pattern !== 'string') { col.reject(id, '', 'indicator without a pattern'); continue; }
    const ptype = str(ind.pattern_type) ?? 'stix';
    if (ptype !== 'stix') { col.reject(id, pattern, `pattern_type '${ptype}' is not supported (only 'stix')`); continue; }
    if (ind.revoked === true) { col.reject(id, pattern, 'indicator is revoked'); continue; }
    const parsed = parseStixPattern(pattern);
    if (!parsed.ok) { col.reject(id, pattern, parsed.reason); continue; }
    const meaning = interpretPattern(parsed.ast, pattern);
    for (const r of meaning.rejected) col.reject(id, r.input, r.reason);
    const meta = indicatorMeta(ind, families.get(id));
    if (meaning.start) meta.firstSeen = toIsoUtc(meaning.start) ?? meta.firstSeen;
    if (meaning.stop) meta.lastSeen = toIsoUtc(meaning.stop) ?? meta.lastSeen;
    for (const v of meaning.values) {
      const c = canonicalize(v.value, v.hint);
      if (!c.ok) { col.reject(id, v.text, c.reason); continue; }
      const want = v.objectType === 'ipv4-addr' ? 'ipv4' : v.objectType === 'ipv6-addr' ? 'ipv6' : undefined;
      const family = c.type === 'cidr' ? (c.value.includes(':') ? 'ipv6' : 'ipv4') : c.type;
      if (want && family !== want) { col.reject(id, v.text, `${v.objectType} value is not an ${want} address`); continue; }
      if (v.port !== undefined && c.port !== undefined && c.port !== v.port) { col.reject(id, v.text, 'conflicting ports'); continue; }
      if (v.port !== undefined && c.type === 'cidr') { col.reject(id, v.text, 'a CIDR range cannot carry a port'); continue; }
      col.add(c.type, c.value, v.port ?? c.port, meta, id);
    }
  }
}
