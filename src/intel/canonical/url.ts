// Canonical URLs: scheme and host lower-cased, host canonical (domain/IP), default port dropped, path/query kept verbatim.
import { canonicalDomain, describeChar } from './domain.js';
import { canonicalIpv4, canonicalIpv6, parsePort } from './ip.js';

export type UrlResult = { ok: true; value: string; host: string } | { ok: false; reason: string };

export const MAX_URL = 2048;
const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ftp: 21, ftps: 990, ws: 80, wss: 443, sftp: 22 };
const URL_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]{0,15}):\/\/([^/?#]*)(.*)$/s;
// Unencoded whitespace, controls, quotes, angle brackets, backslash and backtick never occur in a real URL.
const BAD_URL_CHAR = /[\s"<>\\`\u0000-\u001f\u007f-\u009f]/;

export function canonicalUrl(input: string): UrlResult {
  if (input.length > MAX_URL) return { ok: false, reason: `URL longer than ${MAX_URL} characters` };
  const bad = BAD_URL_CHAR.exec(input);
  if (bad) return { ok: false, reason: `${describeChar(bad[0])} in URL` };
  const m = URL_SHAPE.exec(input);
  if (!m) return { ok: false, reason: 'URL without scheme://host' };
  const scheme = m[1]!.toLowerCase();
  if (!(scheme in DEFAULT_PORTS)) return { ok: false, reason: `unsupported URL scheme '${scheme}'` };
  let authority = m[2]!;
  const rest = m[3]!;
  let userinfo = '';
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    userinfo = authority.slice(0, at + 1);
    authority = authority.slice(at + 1);
  }
  let hostText = authority;
  let portText: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return { ok: false, reason: 'unclosed IPv6 bracket in URL host' };
    hostText = authority.slice(0, close + 1);
    const after = authority.slice(close + 1);
    if (after.startsWith(':')) portText = after.slice(1);
    else if (after !== '') return { ok: false, reason: 'invalid URL authority' };
  } else {
    const colon = authority.lastIndexOf(':');
    if (colon >= 0) {
      hostText = authority.slice(0, colon);
      portText = authority.slice(colon + 1);
    }
  }
  let host: string;
  if (hostText.startsWith('[')) {
    const ip = canonicalIpv6(hostText.slice(1, -1));
    if (!ip.ok) return { ok: false, reason: `URL host: ${ip.reason}` };
    host = ip.type === 'ipv6' ? `[${ip.value}]` : ip.value;
  } else if (/^[\d.]+$/.test(hostText)) {
    const ip = canonicalIpv4(hostText);
    if (!ip.ok) return { ok: false, reason: `URL host: ${ip.reason}` };
    host = ip.value;
  } else {
    const d = canonicalDomain(hostText, true);
    if (!d.ok) return { ok: false, reason: `URL host: ${d.reason}` };
    host = d.value;
  }
  let port = '';
  if (portText !== undefined && portText !== '') {
    const p = parsePort(portText);
    if (!p.ok) return { ok: false, reason: `URL ${p.reason}` };
    if (p.port !== DEFAULT_PORTS[scheme]) port = `:${p.port}`;
  }
  const hostOnly = host.startsWith('[') ? host.slice(1, -1) : host;
  return { ok: true, value: `${scheme}://${userinfo}${host}${port}${rest}`, host: hostOnly };
}
