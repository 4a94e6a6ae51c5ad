// Key/value extraction for parse-kv: explicit delimiters (greedy or not, with quotes and an escape), a regex with
// key and value groups, or (no options) a best-effort scan for each wanted key followed by ':' or '='.
import { compileRegex } from './regex.js';

export interface KvOptions {
  pairDelimiter?: string;
  kvDelimiter?: string;
  quote?: string;
  escape?: string;
  greedy?: boolean;
  regex?: string;
}

/** Reads a quoted value starting at s[i] (an opening quote); returns the unescaped text and the index after it. */
function readQuoted(s: string, i: number, escape: string | undefined): [string, number] {
  const q = s[i]!;
  let out = '';
  let j = i + 1;
  while (j < s.length && s[j] !== q) {
    if (escape && s[j] === escape && j + 1 < s.length) { out += s[j + 1]; j += 2; continue; }
    out += s[j++];
  }
  return [out, j + 1];
}

function delimited(s: string, o: KvOptions): Map<string, string> {
  const pd = o.pairDelimiter ?? ' ', kd = o.kvDelimiter!, quotes = o.quote ?? '';
  const out = new Map<string, string>();
  let i = 0;
  const startsPair = (at: number): boolean => {
    // a key (quoted or up to kd without a pair delimiter) then kd
    if (quotes.includes(s[at] ?? '\u0000')) { const [, e] = readQuoted(s, at, o.escape); return s.startsWith(kd, e); }
    const k = s.indexOf(kd, at);
    const p = s.indexOf(pd, at);
    return k > at && (p < 0 || k < p);
  };
  while (i < s.length) {
    while (s.startsWith(pd, i)) i += pd.length;
    if (i >= s.length) break;
    let key: string;
    if (quotes.includes(s[i]!)) [key, i] = readQuoted(s, i, o.escape);
    else { const k = s.indexOf(kd, i); const p = s.indexOf(pd, i); if (k < 0 || (p >= 0 && p < k)) { i = p < 0 ? s.length : p; continue; } key = s.slice(i, k); i = k; }
    if (!s.startsWith(kd, i)) continue;
    i += kd.length;
    let value: string;
    if (quotes.includes(s[i] ?? '\u0000')) [value, i] = readQuoted(s, i, o.escape);
    else if (o.greedy) {
      let j = s.indexOf(pd, i);
      while (j >= 0 && !startsPair(j + pd.length)) j = s.indexOf(pd, j + pd.length);
      value = s.slice(i, j < 0 ? s.length : j);
      i = j < 0 ? s.length : j;
    } else {
      const j = s.indexOf(pd, i);
      value = s.slice(i, j < 0 ? s.length : j);
      i = j < 0 ? s.length : j;
    }
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}

function bestEffort(s: string, keys: readonly string[], o: KvOptions): Map<string, string> {
  const out = new Map<string, string>();
  const quotes = o.quote ?? '"\'';
  for (const key of keys) {
    let from = 0;
    for (;;) {
      const at = s.indexOf(key, from);
      if (at < 0) break;
      from = at + 1;
      if (at > 0 && /[\w]/.test(s[at - 1]!)) continue;
      let j = at + key.length;
      while (s[j] === ' ') j++;
      if (s[j] !== ':' && s[j] !== '=') continue;
      j++;
      while (s[j] === ' ') j++;
      if (quotes.includes(s[j] ?? '\u0000')) { out.set(key, readQuoted(s, j, o.escape)[0]); break; }
      let e = j;
      while (e < s.length && !/[\s,;]/.test(s[e]!)) e++;
      out.set(key, s.slice(j, e));
      break;
    }
  }
  return out;
}

export function extractKv(s: string, keys: readonly string[], o: KvOptions): Map<string, string> {
  if (o.regex !== undefined) {
    const out = new Map<string, string>();
    for (const m of compileRegex(o.regex).matchAll(s)) {
      const k = m.groups[1], v = m.groups[2];
      if (k !== undefined && !out.has(k)) out.set(k, v ?? '');
    }
    return out;
  }
  return o.kvDelimiter !== undefined ? delimited(s, o) : bestEffort(s, keys, o);
}
