// Kernels behind KQL's string operators (has, contains, startswith, =~, in~, has_any, …), called directly by
// the expression compiler. Terms are maximal runs of Unicode letters/digits (\p{L}\p{N}); `_` is not alphanumeric.
// Case-insensitive forms fold each UTF-16 unit with invariant lower-casing (length-preserving, like .NET).
import type { KqlRegex } from './regex.js';

const ASCII_ALNUM = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_ALNUM[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;
const UNICODE_ALNUM = /^[\p{L}\p{N}]$/u;
const NON_ASCII = /[^\x00-\x7f]/;
const TERM_RE = /[\p{L}\p{N}]+/gu;

/** Whether the code point is a letter or digit (the term alphabet). */
export function isAlnumCode(cp: number): boolean {
  if (cp < 128) return ASCII_ALNUM[cp] === 1;
  return UNICODE_ALNUM.test(String.fromCodePoint(cp));
}

/** Alphanumeric test of the character starting at index i (surrogate pairs read whole). */
function alnumAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  if (c < 128) return ASCII_ALNUM[c] === 1;
  return isAlnumCode(s.codePointAt(i)!);
}

/** Alphanumeric test of the character ending just before index i. */
function alnumBefore(s: string, i: number): boolean {
  if (i <= 0) return false;
  const c = s.charCodeAt(i - 1);
  if (c < 128) return ASCII_ALNUM[c] === 1;
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const hi = s.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return isAlnumCode(s.codePointAt(i - 2)!);
  }
  return isAlnumCode(c);
}

const foldCache = new Map<number, string>();
/** Invariant, length-preserving lower-casing (one UTF-16 unit in, one out). */
export function foldCase(s: string): string {
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  // Fast path unless a unit changed length (İ) or JS applied its context-dependent final sigma.
  const low = s.toLowerCase();
  if (low.length === s.length && !low.includes('ς')) return low;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) { out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : s[i]; continue; }
    let f = foldCache.get(c);
    if (f === undefined) {
      const ch = String.fromCharCode(c);
      const low = ch.toLowerCase();
      f = low.length === 1 ? low : c === 0x130 ? 'i' : ch; // simple mapping: İ → i, as .NET invariant
      foldCache.set(c, f);
    }
    out += f;
  }
  return out;
}

/** Finds needle (already folded when case-insensitive) in hay under the term rule; edges as flags. */
function findBounded(hay: string, needle: string, checkStart: boolean, checkEnd: boolean): boolean {
  const n = needle.length;
  let from = 0;
  for (;;) {
    const idx = hay.indexOf(needle, from);
    if (idx < 0) return false;
    if ((!checkStart || !alnumBefore(hay, idx)) && (!checkEnd || !alnumAt(hay, idx + n))) return true;
    from = idx + 1;
  }
}

/** A prepared `has` test: needle is a whole term (or, with punctuation, a phrase bounded by term edges). */
export function makeHas(needle: string, caseSensitive = false): (hay: string) => boolean {
  if (needle === '') return () => true;
  const n = caseSensitive ? needle : foldCase(needle);
  const cs = alnumAt(n, 0);
  const ce = alnumBefore(n, n.length);
  return caseSensitive ? (h) => findBounded(h, n, cs, ce) : (h) => findBounded(foldCase(h), n, cs, ce);
}

/** `has` / `has_cs`. An empty needle is found in every string (as with contains). */
export function hasTerm(hay: string, needle: string, caseSensitive = false): boolean {
  return makeHas(needle, caseSensitive)(hay);
}

/** `hasprefix`: some term starts with needle. */
export function hasPrefix(hay: string, needle: string, caseSensitive = false): boolean {
  if (needle === '') return true;
  const n = caseSensitive ? needle : foldCase(needle);
  return findBounded(caseSensitive ? hay : foldCase(hay), n, alnumAt(n, 0), false);
}

/** `hassuffix`: some term ends with needle. */
export function hasSuffix(hay: string, needle: string, caseSensitive = false): boolean {
  if (needle === '') return true;
  const n = caseSensitive ? needle : foldCase(needle);
  return findBounded(caseSensitive ? hay : foldCase(hay), n, false, alnumBefore(n, n.length));
}

export const containsCs = (hay: string, needle: string): boolean => hay.includes(needle);
export const containsCi = (hay: string, needle: string): boolean => foldCase(hay).includes(foldCase(needle));
export const startsWithCs = (hay: string, needle: string): boolean => hay.startsWith(needle);
export const startsWithCi = (hay: string, needle: string): boolean =>
  needle.length <= hay.length && foldCase(hay.slice(0, needle.length)) === foldCase(needle);
export const endsWithCs = (hay: string, needle: string): boolean => hay.endsWith(needle);
export const endsWithCi = (hay: string, needle: string): boolean =>
  needle.length <= hay.length && foldCase(hay.slice(hay.length - needle.length)) === foldCase(needle);
/** `=~` */
export const equalsCi = (a: string, b: string): boolean => a === b || (a.length === b.length && foldCase(a) === foldCase(b));

/** `matches regex`: the string contains a match (not anchored). */
export const matchesRegex = (hay: string, re: KqlRegex): boolean => re.test(hay);

/** Whether some maximal alphanumeric run of s (with a length marked in `lengths`: 256 slots, the last standing
 *  for 255 and longer) is a key: a whole-term needle, or the key term of a phrase that matches hay. */
function someTerm(s: string, lengths: Uint8Array, keys: Map<string, true | Phrase[]>, hay: string): boolean {
  const n = s.length;
  let i = 0;
  while (i < n) {
    // Inlined ASCII test (the hot path); other characters go through the Unicode test.
    let c = s.charCodeAt(i);
    while (i < n && (c < 128 ? ASCII_ALNUM[c] === 0 : !alnumAt(s, i))) c = s.charCodeAt(++i);
    if (i >= n) return false;
    const start = i;
    while (i < n && (c < 128 ? ASCII_ALNUM[c] === 1 : alnumAt(s, i))) {
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      c = s.charCodeAt(i);
    }
    const len = i - start;
    if (lengths[len < 255 ? len : 255] !== 1) continue;
    const hit = keys.get(s.slice(start, i));
    if (hit === true) return true;
    if (hit !== undefined && hit.some((p) => findBounded(hay, p.needle, p.start, p.end))) return true;
  }
  return false;
}

interface Phrase { needle: string; start: boolean; end: boolean; index: number }

/** Needles grouped for fast lookup: whole terms in a Set, punctuated needles keyed by their longest term. */
class NeedleIndex {
  /** term → true for a whole-term needle, or the punctuated needles keyed by that term. */
  readonly keys = new Map<string, true | Phrase[]>();
  readonly bare: Phrase[] = [];
  readonly lengths = new Uint8Array(256);
  hasEmpty = false;

  constructor(needles: readonly string[], cs: boolean) {
    needles.forEach((raw, index) => {
      const n = cs ? raw : foldCase(raw);
      if (n === '') { this.hasEmpty = true; return; }
      const runs = n.match(/[\p{L}\p{N}]+/gu) ?? [];
      if (runs.length === 1 && runs[0] === n) {
        this.keys.set(n, true); // a whole-term needle makes any phrase keyed by it redundant
        this.lengths[Math.min(n.length, 255)] = 1;
        return;
      }
      const p: Phrase = { needle: n, start: alnumAt(n, 0), end: alnumBefore(n, n.length), index };
      if (runs.length === 0) { this.bare.push(p); return; }
      // Every term of a punctuated needle is bounded on both sides, so it occurs as a whole term of a match.
      const key = runs.reduce((a, b) => (b.length > a.length ? b : a));
      const list = this.keys.get(key);
      if (list === undefined) this.keys.set(key, [p]);
      else if (list !== true) list.push(p);
      this.lengths[Math.min(key.length, 255)] = 1;
    });
  }

  /** Whether any needle matches the (already folded) hay. */
  any(h: string): boolean {
    if (this.hasEmpty) return true;
    for (const p of this.bare) if (h.includes(p.needle)) return true;
    return someTerm(h, this.lengths, this.keys, h);
  }

  /** Key terms by the FNV-1a hash of their (folded) text, for the allocation-free ASCII scan. */
  private hashed: Map<number, [string, true | Phrase[]][]> | undefined;

  /** Case-insensitive `any` on an unfolded hay: one pass over ASCII text hashing each term as it goes, slicing
   *  only terms whose hash is a key; non-ASCII text falls back to folding the whole value. */
  anyCi(hay: string): boolean {
    if (this.hasEmpty) return true;
    if (this.bare.length) return this.any(foldCase(hay));
    let table = this.hashed;
    if (!table) {
      table = new Map();
      for (const [term, hit] of this.keys) {
        const h = fnv(term);
        const list = table.get(h);
        if (list) list.push([term, hit]); else table.set(h, [[term, hit]]);
      }
      this.hashed = table;
    }
    const n = hay.length;
    let folded: string | undefined;
    let i = 0;
    while (i < n) {
      let c = hay.charCodeAt(i);
      while (i < n && c < 128 && ASCII_ALNUM[c] === 0) c = hay.charCodeAt(++i);
      if (i >= n) return false;
      if (c >= 128) return this.any(foldCase(hay));
      const start = i;
      let h = 0x811c9dc5;
      while (i < n && c < 128 && ASCII_ALNUM[c] === 1) {
        h = Math.imul(h ^ (c >= 65 && c <= 90 ? c + 32 : c), 16777619);
        c = hay.charCodeAt(++i);
      }
      if (i < n && c >= 128) return this.any(foldCase(hay));
      const len = i - start;
      if (this.lengths[len < 255 ? len : 255] !== 1) continue;
      const cands = table.get(h);
      if (cands === undefined) continue;
      const term = hay.slice(start, i).toLowerCase();
      for (const [t, hit] of cands) {
        if (t !== term) continue;
        if (hit === true) return true;
        folded ??= hay.toLowerCase();
        if (hit.some((p) => findBounded(folded!, p.needle, p.start, p.end))) return true;
      }
    }
    return false;
  }
}

/** FNV-1a over UTF-16 units (the same hash anyCi computes on the fly for ASCII terms). */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h;
}

/** Prepared `has_any` (case-insensitive unless cs): fast for many needles (one tokenization per value). */
export function makeHasAny(needles: readonly string[], cs = false): (hay: string) => boolean {
  const idx = new NeedleIndex(needles, cs);
  return cs ? (h) => idx.any(h) : (h) => idx.anyCi(h);
}

/** Prepared `has_all`: every needle is present (vacuously true for no needles). */
export function makeHasAll(needles: readonly string[], cs = false): (hay: string) => boolean {
  const fold = cs ? (s: string) => s : foldCase;
  const terms = new Set<string>();
  const phrases: ((h: string) => boolean)[] = [];
  for (const raw of needles) {
    const n = fold(raw);
    if (n === '') continue;
    if (/^[\p{L}\p{N}]+$/u.test(n)) terms.add(n);
    else {
      const start = alnumAt(n, 0);
      const end = alnumBefore(n, n.length);
      phrases.push((h) => findBounded(h, n, start, end));
    }
  }
  return (hay) => {
    const h = fold(hay);
    if (terms.size > 0) {
      const seen = new Set<string>();
      for (const m of h.matchAll(TERM_RE)) if (terms.has(m[0]) && seen.add(m[0]).size === terms.size) break;
      if (seen.size < terms.size) return false;
    }
    return phrases.every((p) => p(h));
  };
}

/** Index of the first needle present in hay under `has` (has_any_index), or -1. */
export function makeHasAnyIndex(needles: readonly string[]): (hay: string) => number {
  const tests = needles.map((n) => makeHas(foldCase(n), true)); // applied to the folded hay
  return (hay) => {
    const h = foldCase(hay);
    for (let i = 0; i < tests.length; i++) if (tests[i]!(h)) return i;
    return -1;
  };
}

/** Prepared `in` (cs) / `in~` (ci) over string values. */
export function makeInSet(values: readonly string[], ci = false): (s: string) => boolean {
  if (!ci) {
    const set = new Set(values);
    return (s) => set.has(s);
  }
  const set = new Set(values.map(foldCase));
  return (s) => set.has(foldCase(s));
}

/** KQL string operators (positive forms) that makeStringOp prepares. */
export type StringOpName =
  | 'has' | 'has_cs' | 'hasprefix' | 'hasprefix_cs' | 'hassuffix' | 'hassuffix_cs' | 'contains' | 'contains_cs'
  | 'startswith' | 'startswith_cs' | 'endswith' | 'endswith_cs' | '==' | '=~';

/** A predicate for `hay <op> needle` with the (constant) needle folded once; negated forms are `!` of it. */
export function makeStringOp(op: StringOpName, needle: string): (hay: string) => boolean {
  const n = foldCase(needle);
  switch (op) {
    case 'has': return makeHas(needle, false);
    case 'has_cs': return makeHas(needle, true);
    case 'hasprefix': return needle === '' ? () => true : (h) => findBounded(foldCase(h), n, alnumAt(n, 0), false);
    case 'hasprefix_cs': return (h) => hasPrefix(h, needle, true);
    case 'hassuffix': return needle === '' ? () => true : (h) => findBounded(foldCase(h), n, false, alnumBefore(n, n.length));
    case 'hassuffix_cs': return (h) => hasSuffix(h, needle, true);
    case 'contains': return (h) => foldCase(h).includes(n);
    case 'contains_cs': return (h) => h.includes(needle);
    case 'startswith': return (h) => h.length >= n.length && foldCase(h.slice(0, n.length)) === n;
    case 'startswith_cs': return (h) => h.startsWith(needle);
    case 'endswith': return (h) => h.length >= n.length && foldCase(h.slice(h.length - n.length)) === n;
    case 'endswith_cs': return (h) => h.endsWith(needle);
    case '==': return (h) => h === needle;
    case '=~': return (h) => h === needle || (h.length === n.length && foldCase(h) === n);
  }
}
