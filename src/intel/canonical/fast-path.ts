// Cheap checks that prove a feed value already canonical (lower-case hex hash, dotted-quad IPv4[:port]), so the
// regex/refang path runs only for the rest. Every value these accept, the full path returns unchanged.
import type { IocType } from '../model.js';

export type FastResult = { ok: true; type: IocType; value: string; port?: number };

const HASH_LEN: Record<string, number> = { md5: 32, sha1: 40, sha256: 64 };

function lowerHex(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** End index of a canonical dotted quad starting at 0 (no leading zeros, octets ≤ 255), or -1. */
function dottedQuadEnd(s: string): number {
  let i = 0;
  for (let octet = 0; octet < 4; octet++) {
    if (octet > 0) { if (s.charCodeAt(i) !== 46) return -1; i++; }
    const start = i;
    let n = 0;
    while (i < s.length && i - start < 3) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
      i++;
    }
    const len = i - start;
    if (len === 0 || n > 255 || (len > 1 && s.charCodeAt(start) === 48)) return -1;
  }
  return i;
}

/** Port text as parsePort accepts it (1–5 digits, 1..65535), or undefined. */
function portOf(s: string, from: number): number | undefined {
  const len = s.length - from;
  if (len < 1 || len > 5) return undefined;
  let n = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + (c - 48);
  }
  return n >= 1 && n <= 65535 ? n : undefined;
}

/** The canonical result for an already-canonical hash or IPv4 (with the hint's port rule), else undefined. */
export function fastCanonical(s: string, hint: string): FastResult | undefined {
  switch (hint) {
    case 'md5': case 'sha1': case 'sha256':
      return s.length === HASH_LEN[hint] && lowerHex(s) ? { ok: true, type: hint, value: s } : undefined;
    case 'ip:port': {
      const end = dottedQuadEnd(s);
      if (end < 0 || s.charCodeAt(end) !== 58) return undefined;
      const port = portOf(s, end + 1);
      return port === undefined ? undefined : { ok: true, type: 'ipv4', value: s.slice(0, end), port };
    }
    case 'ip': case 'ipv4':
      return dottedQuadEnd(s) === s.length ? { ok: true, type: 'ipv4', value: s } : undefined;
    default:
      return undefined;
  }
}
