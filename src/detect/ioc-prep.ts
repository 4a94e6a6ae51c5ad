// Turns an IocSet into the sorted, de-duplicated value lists the hunt builders need.
import ipaddr from 'ipaddr.js';
import { IOC_TYPES, type Ioc, type IocSet, type IocType } from '../intel/model.js';
import { urlKey } from './url-key.js';

export interface IpMapRow { key: string; value: string; port: string }
export interface Cidr6Row { value: string; net: string; prefix: string }
export interface UrlRow { host: string; key: string; value: string }

export interface PreparedIocs {
  /** IOCs that will be hunted, sorted by type, value, port. */
  hunted: Ioc[];
  flaggedLeftOut: Ioc[];
  flaggedIncluded: number;
  /** IOCs that could not be hunted (bad shape, bad value, or a type without hunts), by input index. */
  skipped: { index: number; reason: string }[];
  ipPlain: string[];
  ipMap: IpMapRow[];
  cidr4: string[];
  cidr6: Cidr6Row[];
  domains: string[];
  urls: UrlRow[];
  hashes: Record<'sha256' | 'sha1' | 'md5', string[]>;
  families: string[];
}

const HASH_RE: Record<'sha256' | 'sha1' | 'md5', RegExp> = { sha256: /^[0-9a-f]{64}$/, sha1: /^[0-9a-f]{40}$/, md5: /^[0-9a-f]{32}$/ };

/** Validates the untrusted JSON shape of one IOC; returns a reason when unusable. */
function shapeProblem(x: unknown): string | null {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return 'not an object';
  const o = x as Record<string, unknown>;
  if (typeof o.type !== 'string' || !(IOC_TYPES as readonly string[]).includes(o.type)) return `unknown type ${JSON.stringify(o.type)}`;
  if (typeof o.value !== 'string' || o.value === '') return 'value is not a non-empty string';
  if (o.port !== undefined && (typeof o.port !== 'number' || !Number.isInteger(o.port) || o.port < 0 || o.port > 65535)) return 'port is not an integer 0..65535';
  return null;
}

const optString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A copy with only well-typed fields: optional fields of the wrong type are dropped, not trusted. */
function cleanIoc(o: Record<string, unknown>): Ioc {
  const c: Ioc = { type: o.type as IocType, value: o.value as string, tags: strings(o.tags), sources: strings(o.sources) };
  if (typeof o.port === 'number') c.port = o.port;
  for (const k of ['family', 'threatType', 'firstSeen', 'lastSeen', 'reference'] as const) {
    const v = optString(o[k]);
    if (v !== undefined) c[k] = v;
  }
  if (typeof o.confidence === 'number' && Number.isFinite(o.confidence)) c.confidence = Math.max(0, Math.min(100, o.confidence));
  const w = strings(o.warnings);
  if (w.length) c.warnings = w;
  return c;
}

export function compareIocs(a: Ioc, b: Ioc): number {
  return cmp(a.type, b.type) || cmp(a.value, b.value) || (a.port ?? -1) - (b.port ?? -1);
}
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const uniqSorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort(cmp);

/** The three spellings of an IPv6 address that logs use: compressed, zero-padded groups, full. */
function ipv6Spellings(v6: ipaddr.IPv6): string[] {
  return uniqSorted([v6.toRFC5952String(), v6.toNormalizedString(), v6.toNormalizedString().split(':').map((g) => g.padStart(4, '0')).join(':')].map((s) => s.toLowerCase()));
}

export function prepareIocs(set: IocSet, includeFlagged: boolean): PreparedIocs {
  const out: PreparedIocs = {
    hunted: [], flaggedLeftOut: [], flaggedIncluded: 0, skipped: [], ipPlain: [], ipMap: [], cidr4: [], cidr6: [],
    domains: [], urls: [], hashes: { sha256: [], sha1: [], md5: [] }, families: [],
  };
  const list: unknown[] = Array.isArray(set?.iocs) ? set.iocs : [];
  const seen = new Set<string>();
  list.forEach((raw, index) => {
    const problem = shapeProblem(raw);
    if (problem) { out.skipped.push({ index, reason: problem }); return; }
    const ioc = cleanIoc(raw as Record<string, unknown>);
    const flagged = Array.isArray(ioc.warnings) && ioc.warnings.length > 0;
    if (flagged && !includeFlagged) { out.flaggedLeftOut.push(ioc); return; }
    const reason = addValue(out, ioc);
    if (reason) { out.skipped.push({ index, reason }); return; }
    if (flagged) out.flaggedIncluded++;
    const id = `${ioc.type}\u0000${ioc.value}\u0000${ioc.port ?? ''}`;
    if (!seen.has(id)) { seen.add(id); out.hunted.push(ioc); }
  });
  out.hunted.sort(compareIocs);
  out.ipPlain = uniqSorted(out.ipPlain);
  out.ipMap = dedupe(out.ipMap, (r) => `${r.key} ${r.value} ${r.port}`).sort((a, b) => cmp(a.key, b.key) || cmp(a.value, b.value) || cmp(a.port, b.port));
  out.cidr4 = uniqSorted(out.cidr4);
  out.cidr6 = dedupe(out.cidr6, (r) => r.value).sort((a, b) => cmp(a.value, b.value));
  out.domains = uniqSorted(out.domains);
  out.urls = dedupe(out.urls, (r) => r.value).sort((a, b) => cmp(a.host, b.host) || cmp(a.value, b.value));
  for (const k of ['sha256', 'sha1', 'md5'] as const) out.hashes[k] = uniqSorted(out.hashes[k]);
  out.families = uniqSorted(out.hunted.map((i) => (typeof i.family === 'string' ? i.family.trim() : '')).filter(Boolean));
  return out;
}

function dedupe<T>(rows: T[], key: (r: T) => string): T[] {
  const m = new Map<string, T>();
  for (const r of rows) if (!m.has(key(r))) m.set(key(r), r);
  return [...m.values()];
}

/** Adds one IOC to the lists; returns why it cannot be hunted, if so. */
function addValue(out: PreparedIocs, ioc: Ioc): string | null {
  const t: IocType = ioc.type;
  const port = ioc.port === undefined ? '' : String(ioc.port);
  if (t === 'ipv4' || t === 'ipv6') {
    const dotted = /^\d{1,3}(\.\d{1,3}){3}$/.test(ioc.value);
    if (t === 'ipv4' ? !dotted || !ipaddr.IPv4.isValidFourPartDecimal(ioc.value) : !ioc.value.includes(':') || !ipaddr.IPv6.isValid(ioc.value)) {
      return `not an ${t} address: ${ioc.value}`;
    }
    let addr = ipaddr.parse(ioc.value);
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
    if (addr.kind() === 'ipv4') {
      const v4 = addr.toString();
      if (port) out.ipMap.push({ key: v4, value: v4, port }); else out.ipPlain.push(v4);
    } else {
      const v6 = addr as ipaddr.IPv6;
      const canonical = v6.toRFC5952String().toLowerCase();
      for (const key of ipv6Spellings(v6)) out.ipMap.push({ key, value: canonical, port });
    }
    return null;
  }
  if (t === 'cidr') {
    if (!ipaddr.isValidCIDR(ioc.value)) return `not a CIDR range: ${ioc.value}`;
    const [net, prefix] = ipaddr.parseCIDR(ioc.value);
    if (net.kind() === 'ipv4') out.cidr4.push(`${net.toString()}/${prefix}`);
    else out.cidr6.push({ value: ioc.value, net: (net as ipaddr.IPv6).toRFC5952String(), prefix: String(prefix) });
    return null;
  }
  if (t === 'domain') {
    const d = ioc.value.toLowerCase().replace(/\.+$/, '');
    if (!d || /[\s/]/.test(d)) return `not a domain name: ${ioc.value}`;
    out.domains.push(d);
    return null;
  }
  if (t === 'url') {
    const k = urlKey(ioc.value);
    if (!k) return `URL without a host: ${ioc.value}`;
    out.urls.push({ host: k.host, key: k.key, value: ioc.value });
    return null;
  }
  if (t === 'md5' || t === 'sha1' || t === 'sha256') {
    const h = ioc.value.toLowerCase();
    if (!HASH_RE[t].test(h)) return `not a ${t} hash: ${ioc.value}`;
    out.hashes[t].push(h);
    return null;
  }
  return 'email addresses are not hunted yet';
}
