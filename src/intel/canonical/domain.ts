// Canonical domain names: lower-case, no trailing dot, punycode, and a known public suffix (PSL incl. private section).
import { domainToASCII } from 'node:url';
import { parse } from 'tldts';

export type DomainResult = { ok: true; value: string } | { ok: false; reason: string };

const MAX_DOMAIN = 253;
// Letters, digits, hyphen, underscore and dots only; anything else (quotes, brackets, pipes, spaces, controls) is hostile.
const ASCII_DOMAIN = /^[a-z0-9_.-]+$/;
const BAD_CHAR = /[\s"'`<>()[\]{}|\\;,/:@?#=*!$%&+^~\u0000-\u001f\u007f-\u009f]/;

export function describeChar(c: string): string {
  const code = c.codePointAt(0)!;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
  if (/\s/u.test(c)) return 'whitespace';
  return `invalid character '${c}'`;
}

/** `allowSuffix`: a URL host may be a public suffix itself (`https://qoto.io/x`); a domain IOC may not (too broad). */
export function canonicalDomain(input: string, allowSuffix = false): DomainResult {
  if (input.length > MAX_DOMAIN + 1) return { ok: false, reason: `domain longer than ${MAX_DOMAIN} characters` };
  const bad = BAD_CHAR.exec(input);
  if (bad) return { ok: false, reason: `${describeChar(bad[0])} in domain` };
  let s = input.endsWith('.') ? input.slice(0, -1) : input;
  if (s === '') return { ok: false, reason: 'empty domain' };
  if (!ASCII_DOMAIN.test(s.toLowerCase())) {
    const ascii = domainToASCII(s);
    if (!ascii) return { ok: false, reason: 'invalid internationalized domain name' };
    s = ascii;
  }
  s = s.toLowerCase();
  if (!ASCII_DOMAIN.test(s)) return { ok: false, reason: 'invalid character in domain' };
  if (s.length > MAX_DOMAIN) return { ok: false, reason: `domain longer than ${MAX_DOMAIN} characters` };
  const labels = s.split('.');
  if (labels.length < 2) return { ok: false, reason: 'a domain needs at least two labels' };
  for (const l of labels) {
    if (l === '') return { ok: false, reason: 'empty label in domain' };
    if (l.length > 63) return { ok: false, reason: 'domain label longer than 63 characters' };
    if (l.startsWith('-') || l.endsWith('-')) return { ok: false, reason: `label '${l}' starts or ends with a hyphen` };
  }
  const tld = labels[labels.length - 1]!;
  if (/^\d+$/.test(tld)) return { ok: false, reason: 'numeric top-level label (not a domain; an IP address?)' };
  if (tld.includes('_')) return { ok: false, reason: 'underscore in top-level label' };
  const p = parse(s, { allowPrivateDomains: true, validateHostname: false });
  if (!p.isIcann && !p.isPrivate) return { ok: false, reason: `unknown public suffix '.${tld}'` };
  if (p.domain === null && !allowSuffix) return { ok: false, reason: `'${s}' is a public suffix, not a domain` };
  return { ok: true, value: s };
}

/** Real TLDs that are far more often file extensions in prose (`readme.md`, `setup.zip`, `libx.so`, `invoice.one`). */
export const FILE_EXTENSION_TLDS: ReadonlySet<string> = new Set(['md', 'zip', 'mov', 'sh', 'py', 'so', 'ps', 'one', 'pm']);

/** True when a name found in prose, not defanged, is probably a file name. */
export function looksLikeFileName(domain: string): boolean {
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  return FILE_EXTENSION_TLDS.has(tld);
}
