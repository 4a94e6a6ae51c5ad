// MISP warninglists (false-positive screening): string, substring, hostname (domain + subdomains), cidr and regex
// lists, indexed for fast lookups (CIDR by prefix length), matched per IOC type via `matching_attributes`.
import { readdirSync, readFileSync } from 'node:fs';
import ipaddr from 'ipaddr.js';
import { RE2JS } from 're2js';
import type { Ioc } from './model.js';
import { IntelErrors, intelError } from './errors.js';

export interface Warninglist {
  /** Short id used in `warnings` (the bundled list's folder name); defaults to `name`. */
  id?: string;
  name: string;
  description: string;
  version: number;
  type: 'string' | 'substring' | 'hostname' | 'cidr' | 'regex';
  matching_attributes?: string[];
  list: string[];
}

const TYPES = ['string', 'substring', 'hostname', 'cidr', 'regex'];

/** Validates a parsed warninglist against the MISP schema's required fields; throws INT5005 with the reason. */
export function validateWarninglist(doc: unknown, file: string): Warninglist {
  const bad = (why: string) => intelError(IntelErrors.badWarninglist, `${file}: not a MISP warninglist: ${why}`);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw bad('expected a JSON object');
  const d = doc as Record<string, unknown>;
  if (typeof d.name !== 'string' || d.name === '') throw bad("missing 'name'");
  if (typeof d.type !== 'string' || !TYPES.includes(d.type)) throw bad(`'type' must be one of ${TYPES.join(', ')}`);
  if (!Array.isArray(d.list) || !d.list.every((x) => typeof x === 'string')) throw bad("'list' must be an array of strings");
  if (d.matching_attributes !== undefined && (!Array.isArray(d.matching_attributes) || !d.matching_attributes.every((x) => typeof x === 'string'))) {
    throw bad("'matching_attributes' must be an array of strings");
  }
  return {
    name: d.name, description: typeof d.description === 'string' ? d.description : '', version: typeof d.version === 'number' ? d.version : 0,
    type: d.type as Warninglist['type'], list: d.list as string[],
    ...(d.matching_attributes ? { matching_attributes: d.matching_attributes as string[] } : {}),
  };
}

/** MISP attribute types an IOC corresponds to, for `matching_attributes`. */
function attributeTypes(i: Ioc): string[] {
  switch (i.type) {
    // Not 'domain|ip': lists for that composite also name ip-src/ip-dst, and hostname lists never match an IP.
    case 'ipv4': case 'ipv6': case 'cidr':
      return i.port === undefined ? ['ip-src', 'ip-dst'] : ['ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port'];
    case 'domain': return i.port === undefined ? ['domain', 'hostname', 'domain|ip'] : ['domain', 'hostname', 'hostname|port', 'domain|ip'];
    case 'url': return ['url', 'uri', 'link'];
    case 'md5': case 'sha1': case 'sha256': return [i.type, `filename|${i.type}`];
    case 'email': return ['email', 'email-src', 'email-dst', 'email-reply-to'];
  }
}

function ipBits(addr: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  let v = 0n;
  for (const b of addr.toByteArray()) v = (v << 8n) | BigInt(b);
  return v;
}

/** What every list needs to know about one IOC, computed once per IOC. */
interface Probe {
  ioc: Ioc;
  attrs: string[];
  lower: string;
  host: string;
  /** IPv4 as an unsigned 32-bit number, IPv6 as a bigint; with the CIDR prefix when the IOC is a range. */
  v4?: number;
  v6?: bigint;
  prefix?: number;
}

function v4Number(text: string): number | undefined {
  let n = 0;
  let octet = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) { if (octet > 255) return undefined; n = n * 256 + octet; octet = 0; dots++; }
    else if (c >= 48 && c <= 57) octet = octet * 10 + (c - 48);
    else return undefined;
  }
  if (dots !== 3 || octet > 255) return undefined;
  return n * 256 + octet;
}

function hostOf(i: Ioc): string {
  if (i.type !== 'url') return i.value;
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^/:?#]+)/.exec(i.value);
  return m ? m[1]!.replace(/^\[|\]$/g, '') : i.value;
}

function probe(i: Ioc, attrs: string[]): Probe {
  // Canonical IPs, domains and hashes are already lower-case; only URLs and emails need folding.
  const lower = i.type === 'url' || i.type === 'email' ? i.value.toLowerCase() : i.value;
  const p: Probe = { ioc: i, attrs, lower, host: i.type === 'url' ? hostOf(i).toLowerCase() : lower };
  if (i.type === 'ipv4' || i.type === 'ipv6' || i.type === 'cidr') {
    const slash = i.value.indexOf('/');
    const addr = slash < 0 ? i.value : i.value.slice(0, slash);
    if (slash >= 0) p.prefix = Number(i.value.slice(slash + 1));
    if (addr.includes(':')) { try { p.v6 = ipBits(ipaddr.IPv6.parse(addr)); } catch { /* canonical values always parse */ } }
    else p.v4 = v4Number(addr);
  }
  return p;
}

class CompiledList {
  readonly name: string;
  private readonly attrs?: Set<string>;
  private readonly strings = new Set<string>();
  /** string-list entries with a leading dot: suffix on a label boundary (MISP's google list uses them). */
  private readonly suffixes = new Set<string>();
  private readonly regexes: RE2JS[] = [];
  private readonly v4 = new Map<number, Set<number>>();
  private readonly v6 = new Map<number, Set<bigint>>();

  constructor(readonly wl: Warninglist) {
    this.name = wl.id ?? wl.name;
    if (wl.matching_attributes) this.attrs = new Set(wl.matching_attributes);
    for (const raw of wl.list) {
      const e = raw.trim();
      if (e === '') continue;
      if (wl.type === 'cidr') this.addCidr(e);
      else if (wl.type === 'regex') this.addRegex(e);
      else if (wl.type === 'string' && e.startsWith('.')) this.suffixes.add(e.slice(1).toLowerCase());
      else this.strings.add(wl.type === 'hostname' ? e.toLowerCase().replace(/^\.+|\.+$/g, '') : e.toLowerCase());
    }
  }

  private addCidr(e: string): void {
    try {
      const [addr, bits] = e.includes('/') ? ipaddr.parseCIDR(e) : [ipaddr.parse(e), e.includes(':') ? 128 : 32];
      const mapped = addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress();
      if (addr.kind() === 'ipv4' || mapped) {
        const a = mapped ? (addr as ipaddr.IPv6).toIPv4Address() : (addr as ipaddr.IPv4);
        const len = mapped ? bits - 96 : bits;
        if (len < 0) return;
        const n = v4Number(a.toString())!;
        const net = Math.floor(n / 2 ** (32 - len));
        if (!this.v4.has(len)) this.v4.set(len, new Set());
        this.v4.get(len)!.add(net);
      } else {
        const net = ipBits(addr) >> BigInt(128 - bits);
        if (!this.v6.has(bits)) this.v6.set(bits, new Set());
        this.v6.get(bits)!.add(net);
      }
    } catch { /* an unparsable entry cannot match anything */ }
  }

  private addRegex(e: string): void {
    const m = /^\/(.*)\/([a-z]*)$/s.exec(e);
    try {
      this.regexes.push(RE2JS.compile(m ? m[1]! : e, m && m[2]!.includes('i') ? RE2JS.CASE_INSENSITIVE : 0));
    } catch { /* not RE2-compatible: skipped */ }
  }

  private matchIp(p: Probe): boolean {
    // A CIDR IOC is flagged only when it lies entirely inside a listed range.
    if (p.v4 !== undefined) {
      for (const [len, set] of this.v4) {
        if (p.prefix !== undefined && p.prefix < len) continue;
        if (set.has(Math.floor(p.v4 / 2 ** (32 - len)))) return true;
      }
    } else if (p.v6 !== undefined) {
      for (const [len, set] of this.v6) {
        if (p.prefix !== undefined && p.prefix < len) continue;
        if (set.has(p.v6 >> BigInt(128 - len))) return true;
      }
    }
    return false;
  }

  private labelSuffix(h: string, set: Set<string>, includeSelf: boolean): boolean {
    if (includeSelf && set.has(h)) return true;
    for (let dot = h.indexOf('.'); dot >= 0; dot = h.indexOf('.', dot + 1)) if (set.has(h.slice(dot + 1))) return true;
    return false;
  }

  applies(p: Probe): boolean {
    return !this.attrs || p.attrs.some((t) => this.attrs!.has(t));
  }

  eachString(exact: (v: string) => void, suffix: (v: string) => void): void {
    for (const v of this.strings) exact(v);
    for (const v of this.suffixes) suffix(v);
  }

  eachNet(v4: (len: number, net: number) => void, v6: (len: number, net: bigint) => void): void {
    for (const [len, set] of this.v4) for (const n of set) v4(len, n);
    for (const [len, set] of this.v6) for (const n of set) v6(len, n);
  }

  matches(p: Probe): boolean {
    if (!this.applies(p)) return false;
    switch (this.wl.type) {
      case 'cidr': return this.matchIp(p);
      case 'string': return this.strings.has(p.lower) || (this.suffixes.size > 0 && this.labelSuffix(p.lower, this.suffixes, false));
      case 'substring': {
        for (const s of this.strings) if (p.lower.includes(s)) return true;
        return false;
      }
      case 'hostname': return this.labelSuffix(p.host, this.strings, true);
      case 'regex': return this.regexes.some((r) => r.matcher(p.ioc.value).find());
    }
  }
}

export class WarninglistSet {
  private readonly lists: CompiledList[];
  private readonly others: CompiledList[];
  /** Lists that apply, per IOC shape (type + has port): most IOCs skip most lists outright. */
  private readonly othersFor = new Map<string, CompiledList[]>();
  private readonly appliesFor = new Map<string, Set<CompiledList>>();
  private readonly attrsFor = new Map<string, string[]>();
  /** Which merged indexes can matter for an IOC shape (an IP never needs the hostname walk). */
  private readonly needFor = new Map<string, { exact: boolean; host: boolean; suffix: boolean }>();
  private v4Lens: Array<[number, number, Map<number, CompiledList[]>]> = [];
  /** string and hostname lists merged: exact values, host suffixes (hostname lists), value suffixes (".x" string entries). */
  private readonly exact = new Map<string, CompiledList[]>();
  private readonly hostSuffix = new Map<string, CompiledList[]>();
  private readonly valueSuffix = new Map<string, CompiledList[]>();
  /** Every label suffix of a suffix key: a right-to-left walk stops at the first suffix no key ends with. */
  private readonly hostPartial = new Set<string>();
  private readonly valuePartial = new Set<string>();
  /** All CIDR lists merged: prefix length → network → lists (one lookup per prefix length, not per list). */
  private readonly v4 = new Map<number, Map<number, CompiledList[]>>();
  private readonly v6 = new Map<number, Map<bigint, CompiledList[]>>();

  constructor(lists: Warninglist[]) {
    this.lists = lists.map((l) => new CompiledList(l));
    this.others = this.lists.filter((l) => l.wl.type === 'substring' || l.wl.type === 'regex');
    for (const l of this.lists) {
      if (l.wl.type === 'cidr') l.eachNet((len, net) => index(this.v4, len, net, l), (len, net) => index(this.v6, len, net, l));
      else if (l.wl.type === 'string') l.eachString((v) => add(this.exact, v, l), (v) => add(this.valueSuffix, v, l));
      else if (l.wl.type === 'hostname') l.eachString((v) => add(this.hostSuffix, v, l), () => undefined);
    }
    this.v4Lens = [...this.v4].map(([len, nets]) => [len, 2 ** (32 - len), nets]);
    closeSuffixes(this.hostSuffix, this.hostPartial);
    closeSuffixes(this.valueSuffix, this.valuePartial);
  }
  get names(): string[] {
    return this.lists.map((l) => l.name);
  }
  /** Names of the lists an IOC falls in, in list order. */
  check(i: Ioc): string[] {
    if (this.lists.length === 0) return [];
    const shape = i.port === undefined ? i.type : PORT_SHAPE[i.type];
    let attrs = this.attrsFor.get(shape);
    if (!attrs) { attrs = attributeTypes(i); this.attrsFor.set(shape, attrs); }
    const p = probe(i, attrs);
    const hits = scratchHits;
    hits.length = 0;
    // A CIDR IOC is flagged only when it lies entirely inside a listed range.
    if (p.v4 !== undefined) {
      for (const [len, div, nets] of this.v4Lens) {
        if (p.prefix !== undefined && p.prefix < len) continue;
        const ls = nets.get(Math.floor(p.v4 / div));
        if (ls) for (const l of ls) if (l.applies(p) && !hits.includes(l)) hits.push(l);
      }
    } else if (p.v6 !== undefined) {
      for (const [len, nets] of this.v6) {
        if (p.prefix !== undefined && p.prefix < len) continue;
        const ls = nets.get(p.v6 >> BigInt(128 - len));
        if (ls) for (const l of ls) if (l.applies(p) && !hits.includes(l)) hits.push(l);
      }
    }
    let applies = this.appliesFor.get(shape);
    if (!applies) { applies = new Set(this.lists.filter((l) => l.applies(p))); this.appliesFor.set(shape, applies); }
    let others = this.othersFor.get(shape);
    if (!others) { others = this.others.filter((l) => applies!.has(l)); this.othersFor.set(shape, others); }
    for (const l of others) if (l.matches(p) && !hits.includes(l)) hits.push(l);
    let need = this.needFor.get(shape);
    if (!need) {
      const has = (t: string) => [...applies!].some((l) => l.wl.type === t);
      need = { exact: has('string'), host: has('hostname'), suffix: has('string') };
      this.needFor.set(shape, need);
    }
    if (need.exact) take(this.exact.get(p.lower), applies, hits);
    if (need.host) {
      take(this.hostSuffix.get(p.host), applies, hits);
      walkSuffixes(p.host, this.hostPartial, (s) => take(this.hostSuffix.get(s), applies, hits));
    }
    if (need.suffix) walkSuffixes(p.lower, this.valuePartial, (s) => take(this.valueSuffix.get(s), applies, hits));
    if (hits.length === 0) return [];
    const out: string[] = [];
    for (const l of this.lists) if (hits.includes(l) && !out.includes(l.name)) out.push(l.name);
    return out;
  }
}

const PORT_SHAPE: Record<Ioc['type'], string> = {
  ipv4: 'ipv4:port', ipv6: 'ipv6:port', cidr: 'cidr:port', domain: 'domain:port', url: 'url:port', md5: 'md5:port', sha1: 'sha1:port',
  sha256: 'sha256:port', email: 'email:port',
};

/** Adds every text after a dot of every key (and the key itself) to `partial`. */
function closeSuffixes(keys: Map<string, CompiledList[]>, partial: Set<string>): void {
  for (const k of keys.keys()) {
    partial.add(k);
    for (let d = k.indexOf('.'); d >= 0; d = k.indexOf('.', d + 1)) partial.add(k.slice(d + 1));
  }
}

/** Calls `fn` with each text after a dot of `h`, shortest first, while some key can still end with it. */
function walkSuffixes(h: string, partial: Set<string>, fn: (suffix: string) => void): void {
  for (let d = h.lastIndexOf('.'); d >= 0; d = d === 0 ? -1 : h.lastIndexOf('.', d - 1)) {
    const s = h.slice(d + 1);
    if (!partial.has(s)) return;
    fn(s);
  }
}

/** Reused by every check (synchronous, never re-entered): one IOC's matching lists. */
const scratchHits: CompiledList[] = [];

function take(ls: CompiledList[] | undefined, applies: Set<CompiledList>, hits: CompiledList[]): void {
  if (ls) for (const l of ls) if (applies.has(l) && !hits.includes(l)) hits.push(l);
}

function add(m: Map<string, CompiledList[]>, key: string, l: CompiledList): void {
  const ls = m.get(key);
  if (!ls) m.set(key, [l]);
  else if (!ls.includes(l)) ls.push(l);
}

function index<K>(m: Map<number, Map<K, CompiledList[]>>, len: number, net: K, l: CompiledList): void {
  let byNet = m.get(len);
  if (!byNet) { byNet = new Map(); m.set(len, byNet); }
  const ls = byNet.get(net);
  if (!ls) byNet.set(net, [l]);
  else if (!ls.includes(l)) ls.push(l);
}

const BUNDLED_DIR = new URL('../../data/warninglists/', import.meta.url);
let bundled: Warninglist[] | undefined;

/** The curated lists shipped in data/warninglists/<id>/list.json (loaded once). */
export function bundledWarninglists(): Warninglist[] {
  if (bundled) return bundled;
  const out: Warninglist[] = [];
  let dirs: string[] = [];
  try { dirs = readdirSync(BUNDLED_DIR).sort(); } catch { dirs = []; }
  for (const d of dirs) {
    const file = new URL(`${d}/list.json`, BUNDLED_DIR);
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch { continue; }
    out.push({ ...validateWarninglist(JSON.parse(text), `data/warninglists/${d}/list.json`), id: d });
  }
  bundled = out;
  return out;
}

export function loadWarninglistFile(path: string): Warninglist {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) {
    throw intelError(IntelErrors.unreadable, `cannot read warninglist '${path}': ${(e as Error).message}`, e);
  }
  let doc: unknown;
  try { doc = JSON.parse(text); } catch (e) {
    throw intelError(IntelErrors.badWarninglist, `${path}: invalid JSON: ${(e as Error).message}`, e);
  }
  return validateWarninglist(doc, path);
}
