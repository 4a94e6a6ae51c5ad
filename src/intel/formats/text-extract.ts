// Finds IOC candidates in one refanged line: URLs, emails, IPs (with port / CIDR), IPv6, hashes, domains (with port).
// Regexes use bounded character classes only (no nested ambiguous quantifiers) so hostile text cannot make them hang.
import type { ValueHint } from '../canonical/index.js';

export interface Candidate { raw: string; hint: ValueHint; start: number; end: number }

const URL_RE = /\b(?:https?|ftps?|sftp|wss?):\/\/(?:\[[0-9A-Fa-f:.]{2,45}\])?[^\s<>"'`[\]{}|\\^]*/gi;
const EMAIL_RE = /(?<![\p{L}\p{N}._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[\p{L}\p{N}][\p{L}\p{N}_-]{0,62}\.){1,10}[\p{L}\p{N}-]{2,63}(?![\p{L}\p{N}-])/gu;
const IPV6_BRACKET_RE = /\[([0-9A-Fa-f:.]{2,45})\](?::(\d{1,6})(?!\d))?/g;
const IPV4_RE = /(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,3})(?!\d)|:(\d{1,6})(?!\d))?(?![\w]|\.\d)/g;
const IPV6_RE = /(?<![\w:.])[0-9A-Fa-f:]{2,50}(?:\/\d{1,3})?(?![\w:])/g;
const HASH_RE = /(?<![0-9A-Za-z])[0-9A-Fa-f]{32,128}(?![0-9A-Za-z])/g;
const DOMAIN_RE = /(?<![\p{L}\p{N}@.-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}_-]{0,61}[\p{L}\p{N}])?\.){1,20}(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})(?![\p{L}\p{N}-])(?::(\d{1,6})(?!\d))?/gu;

function trimUrl(u: string): string {
  let s = u.replace(/[.,;:!?*'"]+$/, '');
  // Drop a closing parenthesis that belongs to the prose (or a Markdown link), not the URL.
  while (s.endsWith(')') && (s.match(/\(/g)?.length ?? 0) < (s.match(/\)/g)?.length ?? 0)) s = s.slice(0, -1).replace(/[.,;:!?]+$/, '');
  return s;
}

export function findCandidates(line: string): Candidate[] {
  const out: Candidate[] = [];
  const taken: Array<[number, number]> = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && b > x);
  const take = (raw: string, hint: ValueHint, start: number) => {
    const end = start + raw.length;
    if (!free(start, end)) return;
    taken.push([start, end]);
    out.push({ raw, hint, start, end });
  };
  for (const m of line.matchAll(URL_RE)) take(trimUrl(m[0]), 'url', m.index);
  if (line.includes('@')) for (const m of line.matchAll(EMAIL_RE)) take(m[0], 'email', m.index);
  if (line.includes('[')) {
    for (const m of line.matchAll(IPV6_BRACKET_RE)) if (m[1]!.includes(':')) take(m[0], 'ip', m.index);
  }
  for (const m of line.matchAll(IPV4_RE)) take(m[0], m[2] !== undefined ? 'ip' : 'ip', m.index);
  if (line.includes(':')) {
    for (const m of line.matchAll(IPV6_RE)) {
      const s = m[0];
      if ((s.match(/:/g)?.length ?? 0) >= 2 && /[0-9A-Fa-f]/.test(s)) take(s, 'ip', m.index);
    }
  }
  for (const m of line.matchAll(HASH_RE)) take(m[0], 'hash', m.index);
  for (const m of line.matchAll(DOMAIN_RE)) take(m[0], 'host:port', m.index);
  return out.sort((a, b) => a.start - b.start);
}

/** "version 1.2.3.4", "v10.0.19041.1" — dotted numbers that are not addresses. */
export function isVersionContext(line: string, start: number): boolean {
  return /(?:\bv|\bver|\bversion|\bbuild|\brelease|\bupdate|\bkb)\.?\s*[:=#]?\s*$/i.test(line.slice(Math.max(0, start - 16), start));
}

/** `System.Net`, `System.IO`, `ASP.NET`: code identifiers whose last label happens to be a TLD. */
export function isCodeIdentifier(raw: string): boolean {
  return raw.split('.').every((l) => /^[A-Z]/.test(l));
}
