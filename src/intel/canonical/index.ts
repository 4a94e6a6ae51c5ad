// One entry point that turns a raw (possibly defanged) value into a canonical IOC value, or says why not.
import type { IocType } from '../model.js';
import { canonicalDomain, describeChar } from './domain.js';
import { canonicalCidr, parsePort, splitHostPort } from './ip.js';
import { canonicalUrl } from './url.js';
import { refangText } from '../refang.js';
import { fastCanonical } from './fast-path.js';

export { canonicalDomain, looksLikeFileName, FILE_EXTENSION_TLDS } from './domain.js';
export { canonicalIp, canonicalIpv4, canonicalIpv6, canonicalCidr, parsePort, splitHostPort } from './ip.js';
export { canonicalUrl } from './url.js';

/** What the source says the value is; 'ip' = IPv4/IPv6/CIDR, 'ip:port' = IP with a required port, 'hash' = by length. */
export type ValueHint = IocType | 'ip' | 'ip:port' | 'host' | 'host:port' | 'hash' | 'auto';

export type Canonical =
  | { ok: true; type: IocType; value: string; port?: number }
  | { ok: false; reason: string };

const HASH_BY_LENGTH: Record<number, IocType> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };
const HASH_LENGTH: Record<string, number> = { md5: 32, sha1: 40, sha256: 64 };
export const MAX_VALUE = 4096;

export function canonicalHash(s: string, want?: 'md5' | 'sha1' | 'sha256'): Canonical {
  if (!/^[0-9A-Fa-f]+$/.test(s)) return { ok: false, reason: 'hash is not hexadecimal' };
  const type = HASH_BY_LENGTH[s.length];
  if (want && s.length !== HASH_LENGTH[want]) return { ok: false, reason: `${want} must be ${HASH_LENGTH[want]} hex digits, got ${s.length}` };
  if (!type) return { ok: false, reason: `unsupported hash length ${s.length} (md5 32, sha1 40, sha256 64)` };
  return { ok: true, type, value: s.toLowerCase() };
}

export function canonicalEmail(s: string): Canonical {
  const at = s.lastIndexOf('@');
  if (at <= 0) return { ok: false, reason: 'email address without local part or @' };
  const local = s.slice(0, at);
  if (local.length > 64 || !/^[A-Za-z0-9._%+-]+$/.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return { ok: false, reason: 'invalid email local part' };
  }
  const d = canonicalDomain(s.slice(at + 1));
  if (!d.ok) return { ok: false, reason: `email domain: ${d.reason}` };
  return { ok: true, type: 'email', value: `${local}@${d.value}` };
}

function withPort(c: Canonical, portText: string | undefined): Canonical {
  if (!c.ok || portText === undefined) return c;
  const p = parsePort(portText);
  if (!p.ok) return p;
  if (c.type === 'cidr') return { ok: false, reason: 'a CIDR range cannot carry a port' };
  return { ...c, port: p.port };
}

function host(s: string, portRequired: boolean, allowPort: boolean): Canonical {
  const hp = allowPort ? splitHostPort(s, portRequired) : { host: s, port: undefined };
  if (portRequired && hp.port === undefined) return { ok: false, reason: 'expected ip:port' };
  const h = hp.host;
  let c: Canonical;
  if (/^[\d.]+(\/\d+)?$/.test(h) || (h.includes(':') && /^[0-9A-Fa-f:.]+(?:%[\w.-]*)?(?:\/\d+)?$/.test(h))) c = canonicalCidr(h);
  else {
    const d = canonicalDomain(h);
    c = d.ok ? { ok: true, type: 'domain', value: d.value } : d;
  }
  return withPort(c, hp.port);
}

/** Canonicalize one value (refanged first). Structured feeds pass a hint; text extraction passes the detected kind. */
export function canonicalize(raw: string, hint: ValueHint = 'auto'): Canonical {
  if (raw.length > MAX_VALUE) return { ok: false, reason: `value longer than ${MAX_VALUE} characters` };
  const fast = fastCanonical(raw, hint);
  if (fast) return fast;
  const s = refangText(raw.trim());
  if (s === '') return { ok: false, reason: 'empty value' };
  const ctl = /[\u0000-\u001f\u007f-\u009f]/.exec(s);
  if (ctl) return { ok: false, reason: `${describeChar(ctl[0])} in value` };
  switch (hint) {
    case 'md5': case 'sha1': case 'sha256': return canonicalHash(s, hint);
    case 'hash': return canonicalHash(s);
    case 'url': {
      const u = canonicalUrl(s);
      return u.ok ? { ok: true, type: 'url', value: u.value } : u;
    }
    case 'email': return canonicalEmail(s);
    case 'domain': {
      const hp = splitHostPort(s, false);
      const d = canonicalDomain(hp.host);
      return withPort(d.ok ? { ok: true, type: 'domain', value: d.value } : d, hp.port);
    }
    case 'ipv4': case 'ipv6': case 'cidr': case 'ip': {
      const c = host(s, false, true);
      if (c.ok && c.type === 'domain') return { ok: false, reason: 'not an IP address' };
      if (c.ok && (hint === 'ipv4' || hint === 'ipv6') && c.type !== hint) return { ok: false, reason: `not an ${hint} address` };
      return c;
    }
    case 'ip:port': {
      const c = host(s, true, true);
      if (c.ok && c.type === 'domain') return { ok: false, reason: 'not an IP address' };
      return c;
    }
    case 'host': return host(s, false, false);
    case 'host:port': return host(s, false, true);
    case 'auto': return auto(s);
  }
}

function auto(s: string): Canonical {
  if (/^[A-Za-z][A-Za-z0-9+.-]{0,15}:\/\//.test(s)) {
    const u = canonicalUrl(s);
    return u.ok ? { ok: true, type: 'url', value: u.value } : u;
  }
  if (/^[0-9A-Fa-f]{32}$|^[0-9A-Fa-f]{40}$|^[0-9A-Fa-f]{64}$/.test(s)) return canonicalHash(s);
  if (s.includes('@') && !s.startsWith('[')) return canonicalEmail(s);
  return host(s, false, true);
}
