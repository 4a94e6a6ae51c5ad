// Collects canonical IOCs from every input, merging duplicates (type+value+port) and recording rejections with their reason.
import type { Ioc, IocType, RejectedIoc } from './model.js';
import { canonicalize, type Canonical, type ValueHint } from './canonical/index.js';

export interface IocMeta {
  family?: string | undefined;
  threatType?: string | undefined;
  confidence?: number | undefined;
  firstSeen?: string | undefined;
  lastSeen?: string | undefined;
  tags?: readonly string[] | undefined;
  reference?: string | undefined;
}

export interface FileStats {
  file: string;
  format: string;
  /** values offered (accepted + rejected, before merging) */
  read: number;
  accepted: number;
  rejected: number;
}

const MAX_ECHO = 200;

/** Rejected inputs are echoed in reports: cap their length so a 10 KB hostile value stays readable. */
export function echo(input: string): string {
  return input.length <= MAX_ECHO ? input : `${input.slice(0, MAX_ECHO)}…(${input.length} chars)`;
}

/**
 * A stored string must not be a slice of a big input chunk (V8 would keep the whole chunk alive):
 * repeated strings (families, tags) are interned, unique ones copied.
 */
const interned = new Map<string, string>();
const MAX_INTERNED = 50_000;
/** Direct-mapped memo in front of the map: a feed repeats the same family/threat type/tag row after row, and an
 * equality check on a recent value is cheaper than hashing the new slice for a map lookup. */
const recent: string[] = new Array<string>(1024).fill('');
function own(s: string): string {
  const n = s.length;
  const slot = (n * 31 + s.charCodeAt(0) * 7 + s.charCodeAt(n - 1)) & 1023;
  const r = recent[slot]!;
  if (r === s) return r;
  let owned = interned.get(s);
  if (owned === undefined) {
    owned = copyOf(s);
    if (interned.size < MAX_INTERNED) interned.set(owned, owned);
  }
  recent[slot] = owned;
  return owned;
}
/** A flat copy (not a slice, not a cons string): independent of its input and fast to compare when sorting. */
const copyOf = (s: string): string => (s.length < 2 ? s : [s.slice(0, 1), s.slice(1)].join(''));

function cleanTags(tags: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const t of tags ?? []) {
    const s = String(t).trim();
    if (s !== '' && s.length <= 200 && !/[\u0000-\u001f]/.test(s) && !out.includes(s)) out.push(own(s));
  }
  return out.slice(); // exact capacity: a pushed-to array reserves 17 slots
}

function cleanText(v: string | undefined, max = 200): string | undefined {
  if (v === undefined) return undefined;
  const s = (/[\u0000-\u001f\u007f]/.test(v) ? v.replace(/[\u0000-\u001f\u007f]/g, ' ') : v).trim();
  return s === '' ? undefined : own(s.slice(0, max));
}

export class IocCollector {
  /** One map per type; key = value, or value + NUL + 5-digit port (so sorting keys sorts by value, then port). */
  private readonly maps = new Map<IocType, Map<string, Ioc>>();
  private count = 0;
  readonly rejected: RejectedIoc[] = [];
  readonly files: FileStats[] = [];
  private current: FileStats = { file: '', format: '', read: 0, accepted: 0, rejected: 0 };

  /** Start attributing values to `file` (a display name, e.g. the base name). */
  beginFile(file: string, format: string): void {
    this.current = { file, format, read: 0, accepted: 0, rejected: 0 };
    this.files.push(this.current);
  }

  get file(): string {
    return this.current.file;
  }

  reject(location: string, input: string, reason: string): void {
    this.current.read++;
    this.current.rejected++;
    this.rejected.push({ source: this.current.file, location, input: echo(input), reason });
  }

  /** Canonicalize `raw` and add it, or record why not. Returns the canonical result. */
  offer(raw: string, hint: ValueHint, meta: IocMeta, location: string, port?: number): Canonical {
    const c = canonicalize(raw, hint);
    if (!c.ok) {
      this.reject(location, raw, c.reason);
      return c;
    }
    if (port !== undefined) {
      if (c.port !== undefined && c.port !== port) {
        this.reject(location, raw, `conflicting ports ${c.port} and ${port}`);
        return { ok: false, reason: 'conflicting ports' };
      }
      if (c.type === 'cidr' || c.type === 'url' || c.type === 'email' || c.type === 'md5' || c.type === 'sha1' || c.type === 'sha256') {
        this.reject(location, raw, `a port cannot apply to a ${c.type}`);
        return { ok: false, reason: 'port on non-host' };
      }
      c.port = port;
    }
    this.add(c.type, c.value, c.port, meta, location);
    return c;
  }

  /** Add an already canonical value. */
  add(type: IocType, value: string, port: number | undefined, meta: IocMeta, location: string): void {
    this.current.read++;
    this.current.accepted++;
    const key = port === undefined ? value : portKey(value, port);
    let map = this.maps.get(type);
    if (!map) { map = new Map(); this.maps.set(type, map); }
    const source = [this.current.file, ':', location].join('');
    const confidence = typeof meta.confidence === 'number' && Number.isFinite(meta.confidence) && meta.confidence >= 0 && meta.confidence <= 100
      ? Math.round(meta.confidence) : undefined;
    const existing = map.get(key);
    if (!existing) {
      const ioc = newIoc(type, copyOf(value), port, meta, confidence, source);
      map.set(port === undefined ? ioc.value : key, ioc);
      this.count++;
      return;
    }
    merge(existing, meta, confidence, source);
  }

  get size(): number {
    return this.count;
  }

  /** IOCs in output order (type in model order, value in code-unit order, port with none first). */
  sorted(): Ioc[] {
    const out: Ioc[] = [];
    const types = [...this.maps.keys()].sort((a, b) => TYPE_ORDER[a] - TYPE_ORDER[b]);
    for (const t of types) {
      const m = this.maps.get(t)!;
      // The built-in string sort (no JS comparator) is several times faster on million-key maps.
      const keys = [...m.keys()].sort();
      for (const k of keys) out.push(m.get(k)!);
    }
    return out;
  }

  iocs(): Ioc[] {
    const out: Ioc[] = [];
    for (const m of this.maps.values()) for (const i of m.values()) out.push(i);
    return out;
  }
}

const portKey = (value: string, port: number): string => [value, '\u0000', String(port).padStart(5, '0')].join('');

/** A new IOC with keys in output order; the common feed shapes are single literals (every field in-object). */
function newIoc(type: IocType, value: string, port: number | undefined, meta: IocMeta, confidence: number | undefined, source: string): Ioc {
  const family = cleanText(meta.family);
  const threatType = cleanText(meta.threatType, 64);
  const reference = cleanText(meta.reference, 2048);
  const tags = cleanTags(meta.tags);
  const sources = [source];
  const { firstSeen, lastSeen } = meta;
  if (family && threatType && confidence !== undefined && firstSeen && !reference) {
    if (port === undefined) {
      return lastSeen ? { type, value, family, threatType, confidence, firstSeen, lastSeen, tags, sources } : { type, value, family, threatType, confidence, firstSeen, tags, sources };
    }
    return lastSeen ? { type, value, port, family, threatType, confidence, firstSeen, lastSeen, tags, sources } : { type, value, port, family, threatType, confidence, firstSeen, tags, sources };
  }
  const ioc = { type, value } as Ioc;
  if (port !== undefined) ioc.port = port;
  if (family) ioc.family = family;
  if (threatType) ioc.threatType = threatType;
  if (confidence !== undefined) ioc.confidence = confidence;
  if (firstSeen) ioc.firstSeen = firstSeen;
  if (lastSeen) ioc.lastSeen = lastSeen;
  ioc.tags = tags;
  ioc.sources = sources;
  if (reference) ioc.reference = reference;
  return ioc;
}

/** Past a few sources, membership goes through a Set so an IOC seen 100k times (a hosts file's 0.0.0.0) stays linear. */
const sourceSets = new WeakMap<Ioc, Set<string>>();
function addSource(ioc: Ioc, source: string): void {
  if (ioc.sources.length < 16) { if (!ioc.sources.includes(source)) ioc.sources.push(source); return; }
  let set = sourceSets.get(ioc);
  if (!set) { set = new Set(ioc.sources); sourceSets.set(ioc, set); }
  if (!set.has(source)) { set.add(source); ioc.sources.push(source); }
}

/** IOCs that gained a field after creation (their key order is no longer canonical). */
export const needsReorder = new WeakSet<Ioc>();

function merge(ioc: Ioc, meta: IocMeta, confidence: number | undefined, source: string): void {
  const keys = Object.keys(ioc).length;
  if (!ioc.family) { const f = cleanText(meta.family); if (f) ioc.family = f; }
  if (!ioc.threatType) { const t = cleanText(meta.threatType, 64); if (t) ioc.threatType = t; }
  if (confidence !== undefined && (ioc.confidence === undefined || confidence > ioc.confidence)) ioc.confidence = confidence;
  if (meta.firstSeen && (!ioc.firstSeen || meta.firstSeen < ioc.firstSeen)) ioc.firstSeen = meta.firstSeen;
  if (meta.lastSeen && (!ioc.lastSeen || meta.lastSeen > ioc.lastSeen)) ioc.lastSeen = meta.lastSeen;
  for (const t of cleanTags(meta.tags)) if (!ioc.tags.includes(t)) ioc.tags.push(t);
  addSource(ioc, source);
  if (!ioc.reference) { const r = cleanText(meta.reference, 2048); if (r) ioc.reference = r; }
  if (Object.keys(ioc).length !== keys) needsReorder.add(ioc);
}

const TYPE_ORDER: Record<IocType, number> = { ipv4: 0, ipv6: 1, cidr: 2, domain: 3, url: 4, md5: 5, sha1: 6, sha256: 7, email: 8 };

/** Deterministic output order: type (model order), then value (code-unit order), then port (none first). */
export function compareIocs(a: Ioc, b: Ioc): number {
  const t = TYPE_ORDER[a.type] - TYPE_ORDER[b.type];
  if (t !== 0) return t;
  if (a.value !== b.value) return a.value < b.value ? -1 : 1;
  return (a.port ?? -1) - (b.port ?? -1);
}

/**
 * Sorts IOCs in output order. Per type, the distinct values go through the built-in string sort (no JS comparator:
 * several times faster on million-IOC sets); IOCs sharing a value are ordered by port.
 */
export function sortIocs(iocs: Ioc[]): Ioc[] {
  const byType = new Map<IocType, Map<string, Ioc[]>>();
  for (const i of iocs) {
    let m = byType.get(i.type);
    if (!m) { m = new Map(); byType.set(i.type, m); }
    const same = m.get(i.value);
    if (same) same.push(i);
    else m.set(i.value, [i]);
  }
  const out: Ioc[] = [];
  const types = [...byType.keys()].sort((a, b) => TYPE_ORDER[a] - TYPE_ORDER[b]);
  for (const t of types) {
    const m = byType.get(t)!;
    const values = [...m.keys()].sort();
    for (const v of values) {
      const same = m.get(v)!;
      if (same.length > 1) same.sort((a, b) => (a.port ?? -1) - (b.port ?? -1));
      for (const i of same) out.push(i);
    }
  }
  return out;
}

/** Key order of a serialized IOC, fixed so files diff cleanly. */
export function orderedIoc(i: Ioc): Ioc {
  const o: Record<string, unknown> = { type: i.type, value: i.value };
  if (i.port !== undefined) o.port = i.port;
  if (i.family !== undefined) o.family = i.family;
  if (i.threatType !== undefined) o.threatType = i.threatType;
  if (i.confidence !== undefined) o.confidence = i.confidence;
  if (i.firstSeen !== undefined) o.firstSeen = i.firstSeen;
  if (i.lastSeen !== undefined) o.lastSeen = i.lastSeen;
  o.tags = i.tags;
  o.sources = i.sources;
  if (i.reference !== undefined) o.reference = i.reference;
  if (i.warnings !== undefined && i.warnings.length > 0) o.warnings = i.warnings;
  return o as unknown as Ioc;
}
