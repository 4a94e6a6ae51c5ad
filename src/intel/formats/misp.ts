// MISP events ({"Event":…}, bare, {"response":[{"Event"}]}, arrays): attributes and object attributes, composites,
// ip-port objects (IP + dst-port become one IOC), to_ids=false as context (rejected with that reason), galaxy families.
import type { IocCollector, IocMeta } from '../collector.js';
import type { ValueHint } from '../canonical/index.js';
import { toIsoUtc } from '../time.js';
import { lineMeta } from './text-meta.js';

type Rec = Record<string, unknown>;
const isObj = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter(isObj) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined);

export const CONTEXT_ONLY = 'to_ids=false (context only)';

/** MISP attribute type → how to read its value; composites list one hint per `|` part (undefined = ignore that part). */
const TYPES: Record<string, Array<ValueHint | 'port' | undefined>> = {
  'ip-src': ['ip'], 'ip-dst': ['ip'], 'ip-src|port': ['ip', 'port'], 'ip-dst|port': ['ip', 'port'],
  domain: ['domain'], hostname: ['domain'], 'domain|ip': ['domain', 'ip'], 'hostname|port': ['domain', 'port'],
  url: ['url'], uri: ['url'], md5: ['md5'], sha1: ['sha1'], sha256: ['sha256'],
  'filename|md5': [undefined, 'md5'], 'filename|sha1': [undefined, 'sha1'], 'filename|sha256': [undefined, 'sha256'],
  'email-src': ['email'], 'email-dst': ['email'], email: ['email'], 'email-reply-to': ['email'], 'whois-registrant-email': ['email'],
};

const MALWARE_GALAXIES = ['malpedia', 'rat', 'banker', 'tool', 'ransomware', 'stealer', 'botnet', 'backdoor', 'android',
  'exploit-kit', 'mitre-malware', 'mitre-tool', 'malware'];

/** Family from galaxy tags: Malpedia first, then other malware galaxies, then a threat actor. */
export function familyFromTags(tags: string[]): string | undefined {
  const parsed = tags.map((t) => /^misp-galaxy:([a-z0-9-]+)="?(.*?)"?$/i.exec(t)).filter((m): m is RegExpExecArray => m !== null);
  for (const g of MALWARE_GALAXIES) {
    const m = parsed.find((p) => p[1]!.toLowerCase() === g);
    if (m && m[2]) return m[2];
  }
  return parsed.find((p) => p[1]!.toLowerCase() === 'threat-actor')?.[2] || undefined;
}

const tagNames = (v: unknown): string[] => arr(v).map((t) => str(t.name)).filter((s): s is string => s !== undefined);

export function mispEvents(doc: unknown): Rec[] {
  if (Array.isArray(doc)) return doc.flatMap(mispEvents);
  if (!isObj(doc)) return [];
  if (isObj(doc.Event)) return [doc.Event];
  if (Array.isArray(doc.response)) return doc.response.flatMap(mispEvents);
  if ('Attribute' in doc || 'Object' in doc) return [doc];
  return [];
}

export function importMisp(doc: unknown, col: IocCollector): void {
  for (const ev of mispEvents(doc)) importEvent(ev, col);
}

function importEvent(ev: Rec, col: IocCollector): void {
  const evTags = tagNames(ev.Tag);
  const evFamily = familyFromTags(evTags);
  const evDate = toIsoUtc(str(ev.date)) ?? toIsoUtc(str(ev.timestamp));
  const base = { evTags, evFamily, evDate };
  for (const a of arr(ev.Attribute)) attribute(a, col, base, undefined);
  for (const o of arr(ev.Object)) {
    const attrs = arr(o.Attribute);
    // ip-port style objects: the (usually to_ids=false) dst-port qualifies the object's IPs and hostnames.
    const ports = attrs.filter((a) => a.type === 'port' && /^(dst-port|port)$/.test(String(a.object_relation ?? '')));
    const portValues = ports.map((p) => str(p.value)).filter((p): p is string => p !== undefined);
    for (const a of attrs) {
      if (a.type === 'port') continue;
      const hostLike = ['ip-dst', 'ip-src', 'domain', 'hostname'].includes(String(a.type)) && portValues.length > 0;
      if (hostLike) for (const p of portValues) attribute(a, col, base, p);
      else attribute(a, col, base, undefined);
    }
  }
}

function attribute(a: Rec, col: IocCollector, base: { evTags: string[]; evFamily?: string | undefined; evDate?: string | undefined }, objectPort: string | undefined): void {
  const type = String(a.type ?? '');
  const value = str(a.value) ?? '';
  const location = str(a.uuid) ?? str(a.id) ?? `${type}`;
  if (a.deleted === true) { col.reject(location, value, 'deleted attribute'); return; }
  const parts = TYPES[type];
  // to_ids=false first: the producer marked the value as context, whatever its type.
  if (a.to_ids === false || a.to_ids === 0 || a.to_ids === '0') { col.reject(location, value, CONTEXT_ONLY); return; }
  if (!parts) { col.reject(location, value, `unsupported MISP attribute type '${type}'`); return; }
  const tags = [...base.evTags, ...tagNames(a.Tag)];
  const comment = typeof a.comment === 'string' ? lineMeta(a.comment) : {};
  const meta: IocMeta = {
    family: familyFromTags(tagNames(a.Tag)) ?? base.evFamily,
    threatType: comment.threatType,
    confidence: comment.confidence,
    firstSeen: toIsoUtc(str(a.first_seen)) ?? comment.firstSeen ?? base.evDate,
    lastSeen: toIsoUtc(str(a.last_seen)) ?? comment.lastSeen,
    tags,
  };
  // Split on the first `|` only up to the number of parts: IPv6 never contains `|`.
  const values = parts.length === 1 ? [value] : value.split('|');
  if (values.length !== parts.length) { col.reject(location, value, `composite '${type}' needs ${parts.length} parts separated by '|'`); return; }
  const portIdx = parts.indexOf('port');
  const port = portIdx >= 0 ? values[portIdx] : objectPort;
  let portNum: number | undefined;
  if (port !== undefined) {
    if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) { col.reject(location, value, `invalid port '${port}'`); return; }
    portNum = Number(port);
  }
  parts.forEach((hint, i) => {
    if (hint === undefined || hint === 'port') return;
    // domain|ip: each half is its own IOC; a port applies to host parts only.
    col.offer(values[i]!, hint, meta, location, hint === 'ip' || hint === 'domain' ? portNum : undefined);
  });
}
