// IPv4/IPv6 kernels: parse/format, masks, comparison and range tests, with Kusto's IP-prefix notation
// (`10.0.0.0/8`, `fe80::/10`). IPv4 is handled as a uint32 number, IPv6 as a 128-bit bigint; IPv4 text given
// to an ipv6_* function becomes ::ffff:a.b.c.d and its prefix counts from bit 96. Invalid input gives null
// (for string results: "").
import type { ScalarType, Value } from '../../kql/types/index.js';
import type { ScalarKernel, Kernel } from './kernel.js';
import { big, num } from './conversion.js';

export interface Ipv4 { readonly addr: number; readonly prefix: number }
export interface Ipv6 { readonly addr: bigint; readonly prefix: number }

const V4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function splitPrefix(text: string, max: number): { body: string; prefix: number } | null {
  const s = text.trim();
  const i = s.indexOf('/');
  if (i < 0) return { body: s, prefix: max };
  const p = s.slice(i + 1).trim();
  if (!/^\d{1,3}$/.test(p) || Number(p) > max) return null;
  return { body: s.slice(0, i).trim(), prefix: Number(p) };
}

function v4Address(body: string): number | null {
  const m = V4_RE.exec(body);
  if (!m) return null;
  let a = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return null;
    a = a * 256 + o;
  }
  return a;
}

/** `a.b.c.d[/p]` → address and prefix (32 when absent); null when not valid IPv4 text. */
export function parseIpv4(text: string): Ipv4 | null {
  const sp = splitPrefix(text, 32);
  if (!sp) return null;
  const addr = v4Address(sp.body);
  return addr === null ? null : { addr, prefix: sp.prefix };
}

/** Network mask for a prefix length, as a uint32. */
export const v4Mask = (p: number): number => (p <= 0 ? 0 : p >= 32 ? 0xffffffff : (0xffffffff << (32 - p)) >>> 0);
export const v4Apply = (addr: number, p: number): number => (addr & v4Mask(p)) >>> 0;
export const v4Text = (a: number): string => [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');

const V6_MAX = (1n << 128n) - 1n;
export const v6Mask = (p: number): bigint => (p <= 0 ? 0n : (V6_MAX >> BigInt(128 - Math.min(p, 128))) << BigInt(128 - Math.min(p, 128)));

/** 1-4 hex digits as a number; -1 when not that. */
function hex4(g: string): number {
  if (g.length === 0 || g.length > 4) return -1;
  let w = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (d < 0) return -1;
    w = w * 16 + d;
  }
  return w;
}

/** The 128 bits of IPv6 text without prefix (`::`, embedded dotted IPv4); null when not valid. */
function v6Address(body: string): { addr: bigint; dotted: boolean } | null {
  if (body === '' || body.length > 45) return null;
  const dbl = body.indexOf('::');
  if (dbl >= 0 && body.indexOf('::', dbl + 1) >= 0) return null;
  const head = dbl < 0 ? body : body.slice(0, dbl), tail = dbl < 0 ? '' : body.slice(dbl + 2);
  const h = head === '' ? [] : head.split(':'), t = tail === '' ? [] : tail.split(':');
  const end = dbl < 0 ? h : t;
  let v4: number | null = null;
  if (end.length && end[end.length - 1]!.includes('.')) {
    v4 = v4Address(end.pop()!);
    if (v4 === null) return null;
  }
  const n = h.length + t.length + (v4 === null ? 0 : 2);
  if (dbl < 0 ? n !== 8 : n > 7) return null;
  const words = new Array<number>(8).fill(0);
  for (let i = 0; i < h.length; i++) { const w = hex4(h[i]!); if (w < 0) return null; words[i] = w; }
  const tailAt = 8 - t.length - (v4 === null ? 0 : 2);
  for (let i = 0; i < t.length; i++) { const w = hex4(t[i]!); if (w < 0) return null; words[tailAt + i] = w; }
  if (v4 !== null) { words[6] = v4 >>> 16; words[7] = v4 & 0xffff; }
  let addr = 0n;
  for (let i = 0; i < 8; i += 2) addr = (addr << 32n) | BigInt(words[i]! * 0x10000 + words[i + 1]!);
  // `::a.b.c.d` is read as the IPv4-mapped ::ffff:a.b.c.d, as Kusto does.
  if (v4 !== null && addr >> 32n === 0n) addr |= 0xffffn << 32n;
  return { addr, dotted: v4 !== null };
}

/** IPv6 text (or IPv4 text, mapped to ::ffff:0:0/96) with an optional prefix; null when not valid.
 *  A prefix after dotted IPv4 text counts IPv4 bits (so it becomes 96 + p). */
export function parseIpv6(text: string): Ipv6 | null {
  if (text.length > 200) return null;
  const s = text.trim();
  const slash = s.indexOf('/');
  const body = (slash < 0 ? s : s.slice(0, slash)).trim();
  const v4 = v4Address(body);
  const a = v4 === null ? v6Address(body) : { addr: (0xffffn << 32n) | BigInt(v4), dotted: true };
  if (!a) return null;
  const sp = splitPrefix(s, a.dotted ? 32 : 128);
  if (!sp) return null;
  return { addr: a.addr, prefix: a.dotted ? 96 + sp.prefix : sp.prefix };
}

/** Full-form lower-case IPv6 text: `0000:0000:0000:0000:0000:ffff:c0a8:0101`. */
export function v6Text(a: bigint): string {
  return a.toString(16).padStart(32, '0').match(/.{4}/g)!.join(':');
}

const PRIVATE_V4: readonly [number, number][] = [[0x0a000000, 8], [0xac100000, 12], [0xc0a80000, 16]];

const str = (v: Value): string | null => (typeof v === 'string' ? v : null);
/** An optional prefix argument: undefined → `max`; null or out of range → null. */
function prefixArg(v: Value | undefined, max: number): number | null {
  if (v === undefined) return max;
  const p = num(v);
  return p === null || !Number.isInteger(p) || p < 0 || p > max ? null : p;
}

function v4Of(v: Value, type: ScalarType | undefined): Ipv4 | null {
  if (typeof v === 'string') return parseIpv4(v);
  if (type === 'string' || v === null) return null;
  const b = big(v);
  return b === null || b < 0n || b > 0xffffffffn ? null : { addr: Number(b), prefix: 32 };
}

const cmp = (a: bigint | number, b: bigint | number) => (a < b ? -1 : a > b ? 1 : 0);

function v4Compare(a: Value, b: Value, p: Value | undefined): number | null {
  const x = parseIpv4(str(a) ?? ''), y = parseIpv4(str(b) ?? ''), q = prefixArg(p, 32);
  if (!x || !y || q === null) return null;
  const pre = Math.min(x.prefix, y.prefix, q);
  return cmp(v4Apply(x.addr, pre), v4Apply(y.addr, pre));
}

function v6Compare(a: Value, b: Value, p: Value | undefined): number | null {
  const x = parseIpv6(str(a) ?? ''), y = parseIpv6(str(b) ?? ''), q = prefixArg(p, 128);
  if (!x || !y || q === null) return null;
  const m = v6Mask(Math.min(x.prefix, y.prefix, q));
  return cmp(x.addr & m, y.addr & m);
}

/** Ranges for *_in_any_range: each argument a string or a dynamic array of strings. */
function rangeList(args: readonly Value[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (typeof a === 'string') out.push(a);
    else if (Array.isArray(a)) for (const x of a) out.push(typeof x === 'string' ? x : '');
  }
  return out;
}

/** A range test kernel: `ip` against one or more ranges (strings or dynamic arrays). Constant ranges are parsed
 *  once. True if any range holds the ip; null if none does and the ip or some range is invalid. */
function rangeTest<T>(parse: (s: string) => T | null, holds: (ip: T, range: T) => boolean) {
  const parseAll = (vals: readonly Value[]) => rangeList(vals as Value[]).map(parse);
  return (_types: readonly ScalarType[], consts: readonly (Value | undefined)[]): Kernel => {
    const rc = consts.slice(1);
    const fixed = rc.length > 0 && rc.every((c) => c !== undefined) ? parseAll(rc as Value[]) : null;
    return (ip, ...rs) => {
      const x = typeof ip === 'string' ? parse(ip) : null;
      if (x === null) return null;
      let unknown = false;
      for (const r of fixed ?? parseAll(rs)) {
        if (r === null) unknown = true;
        else if (holds(x, r)) return true;
      }
      return unknown ? null : false;
    };
  };
}

/** ip lies in range: equal on the range's prefix bits (and the ip's own prefix, if shorter). */
const v4Holds = (x: Ipv4, r: Ipv4) => { const p = Math.min(x.prefix, r.prefix); return v4Apply(x.addr, p) === v4Apply(r.addr, p); };
const v6Holds = (x: Ipv6, r: Ipv6) => { const m = v6Mask(Math.min(x.prefix, r.prefix)); return (x.addr & m) === (r.addr & m); };

/** Every properly delimited IPv4 address in a text (runs of digits and dots bounded by non-alphanumerics). */
export function ipv4sInText(text: string): number[][] {
  const out: number[][] = [];
  for (const m of text.matchAll(/[A-Za-z0-9.]+/g)) {
    const raw = m[0];
    let a = 0, b = raw.length;
    while (a < b && raw[a] === '.') a++;
    while (b > a && raw[b - 1] === '.') b--;
    const run = raw.slice(a, b);
    if (!V4_RE.test(run)) continue;
    const octets = run.split('.').map(Number);
    if (octets.every((o) => o <= 255)) out.push(octets);
  }
  return out;
}

/** The four octets of a plain IPv4 address (no prefix); null when not valid. */
function ipv4Octets(text: string): number[] | null {
  const s = text.trim();
  return V4_RE.test(s) && parseIpv4(s) ? s.split('.').map(Number) : null;
}

/** An IPv4 prefix to look for: a full address or 1-3 octets ending with a dot; null when not valid. */
function ipv4PrefixOctets(text: string): number[] | null {
  const s = text.trim();
  if (V4_RE.test(s)) return ipv4Octets(s);
  if (!/^(\d{1,3}\.){1,3}$/.test(s)) return null;
  const octets = s.slice(0, -1).split('.').map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** has_ipv4 / has_ipv4_prefix and their *_any_* forms: does any wanted prefix start an address found in the text? */
function textHasIpv4(text: Value, wanted: string[], prefixes: boolean): boolean {
  if (typeof text !== 'string') return false;
  const targets = wanted.map(prefixes ? ipv4PrefixOctets : ipv4Octets).filter((t): t is number[] => t !== null);
  if (targets.length === 0) return false;
  return ipv4sInText(text).some((ip) => targets.some((t) => t.every((o, i) => ip[i] === o)));
}

/** The smallest list of CIDR blocks covering start..end (inclusive). */
export function rangeToCidrs(start: number, end: number): string[] {
  const out: string[] = [];
  let cur = start;
  while (cur <= end) {
    let size = 32;
    while (size > 0) {
      const block = 2 ** (32 - (size - 1));
      if (cur % block !== 0 || cur + block - 1 > end) break;
      size--;
    }
    out.push(`${v4Text(cur)}/${size}`);
    cur += 2 ** (32 - size);
  }
  return out;
}

const k = (name: string, make: (types: readonly ScalarType[]) => Kernel): ScalarKernel => ({ name, make });

export const kernels: ScalarKernel[] = [
  k('parse_ipv4', () => (s) => { const x = parseIpv4(str(s ?? null) ?? ''); return x ? BigInt(v4Apply(x.addr, x.prefix)) : null; }),
  k('parse_ipv4_mask', () => (s, p) => {
    const x = parseIpv4(str(s ?? null) ?? ''), q = prefixArg(p ?? null, 32);
    return x && q !== null ? BigInt(v4Apply(x.addr, Math.min(x.prefix, q))) : null;
  }),
  k('ipv4_is_private', () => (s) => {
    const x = parseIpv4(str(s ?? null) ?? '');
    return x ? PRIVATE_V4.some(([net, p]) => v4Apply(x.addr, p) === net) : null;
  }),
  { name: 'ipv4_is_in_range', make: rangeTest(parseIpv4, v4Holds) },
  { name: 'ipv4_is_in_any_range', make: rangeTest(parseIpv4, v4Holds) },
  k('ipv4_is_match', () => (a, b, p) => { const c = v4Compare(a ?? null, b ?? null, p); return c === null ? null : c === 0; }),
  k('ipv4_compare', () => (a, b, p) => { const c = v4Compare(a ?? null, b ?? null, p); return c === null ? null : BigInt(c); }),
  k('ipv4_netmask_suffix', () => (s) => { const x = parseIpv4(str(s ?? null) ?? ''); return x ? BigInt(x.prefix) : null; }),
  k('format_ipv4', (t) => (ip, p) => {
    const x = v4Of(ip ?? null, t[0]), q = prefixArg(p === null ? -1 : p, 32);
    return x && q !== null ? v4Text(v4Apply(x.addr, Math.min(x.prefix, q))) : '';
  }),
  k('format_ipv4_mask', (t) => (ip, p) => {
    const x = v4Of(ip ?? null, t[0]), q = prefixArg(p === null ? -1 : p, 32);
    if (!x || q === null) return '';
    const pre = Math.min(x.prefix, q);
    return `${v4Text(v4Apply(x.addr, pre))}/${pre}`;
  }),
  k('parse_ipv6', () => (s) => { const x = parseIpv6(str(s ?? null) ?? ''); return x ? v6Text(x.addr & v6Mask(x.prefix)) : ''; }),
  k('parse_ipv6_mask', () => (s, p) => {
    const x = parseIpv6(str(s ?? null) ?? ''), q = prefixArg(p ?? null, 128);
    return x && q !== null ? v6Text(x.addr & v6Mask(Math.min(x.prefix, q))) : '';
  }),
  k('ipv6_compare', () => (a, b, p) => { const c = v6Compare(a ?? null, b ?? null, p); return c === null ? null : BigInt(c); }),
  k('ipv6_is_match', () => (a, b, p) => { const c = v6Compare(a ?? null, b ?? null, p); return c === null ? null : c === 0; }),
  { name: 'ipv6_is_in_range', make: rangeTest(parseIpv6, v6Holds) },
  { name: 'ipv6_is_in_any_range', make: rangeTest(parseIpv6, v6Holds) },
  k('has_ipv4', () => (t, ip) => textHasIpv4(t ?? null, rangeList([ip ?? null]), false)),
  k('has_ipv4_prefix', () => (t, ip) => textHasIpv4(t ?? null, rangeList([ip ?? null]), true)),
  k('has_any_ipv4', () => (t, ...ips) => textHasIpv4(t ?? null, rangeList(ips), false)),
  k('has_any_ipv4_prefix', () => (t, ...ips) => textHasIpv4(t ?? null, rangeList(ips), true)),
  k('ipv4_range_to_cidr_list', () => (a, b) => {
    const x = parseIpv4(str(a ?? null) ?? ''), y = parseIpv4(str(b ?? null) ?? '');
    return x && y && x.prefix === 32 && y.prefix === 32 ? rangeToCidrs(x.addr, y.addr) : null;
  }),
];
