// Canonical IP text: strict dotted-quad IPv4 (no octal/hex/short forms), RFC 5952 IPv6, CIDR, host:port splitting.
import ipaddr from 'ipaddr.js';

export type IpResult = { ok: true; type: 'ipv4' | 'ipv6'; value: string } | { ok: false; reason: string };
export type CidrResult = { ok: true; type: 'ipv4' | 'ipv6' | 'cidr'; value: string } | { ok: false; reason: string };

const V4_SHAPE = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const V6_CHARS = /^[0-9A-Fa-f:.]+$/;

export function canonicalIpv4(s: string): IpResult {
  if (!V4_SHAPE.test(s)) return { ok: false, reason: 'not a dotted-quad IPv4 address' };
  const parts = s.split('.');
  for (const p of parts) {
    if (p.length > 1 && p[0] === '0') return { ok: false, reason: `ambiguous leading zero in IPv4 octet '${p}'` };
    if (Number(p) > 255) return { ok: false, reason: `IPv4 octet ${p} is out of range` };
  }
  return { ok: true, type: 'ipv4', value: s };
}

/** IPv6 in RFC 5952 form; an IPv4-mapped address (::ffff:a.b.c.d) becomes the IPv4 address it carries. */
export function canonicalIpv6(s: string): IpResult {
  if (s.includes('%')) return { ok: false, reason: 'IPv6 zone index is not allowed' };
  if (!V6_CHARS.test(s) || !s.includes(':')) return { ok: false, reason: 'not an IPv6 address' };
  if (!ipaddr.IPv6.isValid(s)) return { ok: false, reason: 'invalid IPv6 address' };
  const a = ipaddr.IPv6.parse(s);
  if (a.isIPv4MappedAddress()) return { ok: true, type: 'ipv4', value: a.toIPv4Address().toString() };
  return { ok: true, type: 'ipv6', value: a.toRFC5952String() };
}

export function canonicalIp(s: string): IpResult {
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  return s.includes(':') ? canonicalIpv6(s) : canonicalIpv4(s);
}

/** `a.b.c.d/n` or `v6/n` → network address form; a host route (/32, /128) becomes a plain IP. */
export function canonicalCidr(s: string): CidrResult {
  const slash = s.indexOf('/');
  if (slash < 0) return canonicalIp(s);
  const ip = canonicalIp(s.slice(0, slash));
  if (!ip.ok) return ip;
  const bitsText = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return { ok: false, reason: `invalid CIDR prefix length '${bitsText}'` };
  const bits = Number(bitsText);
  const max = ip.type === 'ipv4' ? 32 : 128;
  if (bits > max) return { ok: false, reason: `CIDR prefix /${bits} is too long for ${ip.type}` };
  if (bits === 0) return { ok: false, reason: 'CIDR /0 matches every address' };
  if (bits === max) return ip;
  const bytes = ipaddr.parse(ip.value).toByteArray();
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    bytes[i]! &= (0xff << (8 - keep)) & 0xff;
  }
  const net = ipaddr.fromByteArray(bytes);
  const text = net.kind() === 'ipv6' ? (net as ipaddr.IPv6).toRFC5952String() : net.toString();
  return { ok: true, type: 'cidr', value: `${text}/${bits}` };
}

export type PortResult = { ok: true; port: number } | { ok: false; reason: string };

export function parsePort(s: string): PortResult {
  if (!/^\d{1,5}$/.test(s)) return { ok: false, reason: `invalid port '${s.length > 12 ? s.slice(0, 12) + '…' : s}'` };
  const n = Number(s);
  if (n < 1 || n > 65535) return { ok: false, reason: `port ${n} is out of range 1-65535` };
  return { ok: true, port: n };
}

export type HostPort = { host: string; port?: string };

/** Splits `host:port`, `[v6]:port`, and ThreatFox's bracket-less `v6:port` (on the LAST colon). */
export function splitHostPort(s: string, portRequired: boolean): HostPort {
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close > 0) {
      const rest = s.slice(close + 1);
      if (rest.startsWith(':')) return { host: s.slice(1, close), port: rest.slice(1) };
      if (rest === '') return { host: s.slice(1, close) };
    }
    return { host: s };
  }
  const last = s.lastIndexOf(':');
  if (last < 0) return { host: s };
  const first = s.indexOf(':');
  // One colon: host:port. Several: IPv6, with a trailing port only when required (typed ip:port) or the whole is not IPv6.
  if (first === last) return { host: s.slice(0, last), port: s.slice(last + 1) };
  if (portRequired || !ipaddr.IPv6.isValid(s)) return { host: s.slice(0, last), port: s.slice(last + 1) };
  return { host: s };
}
