// String scalar kernels (strlen, substring, strcat, split, indexof, countof, tolower, translate, …).

// Kernels take care of their own nulls: a string is never null, and a null non-string argument reads as "".
import { valueToString, parseDatetime, parseTimespan, parseTypeName } from '../../kql/types/index.js';
import type { DynamicValue, ScalarType, Value } from '../../kql/types/index.js';
import type { Kernel, KernelContext, ScalarKernel } from './kernel.js';
import { compileRegex, regexQuote } from './regex.js';
import type { KqlRegex, RegexMatch } from './regex.js';
import { foldCase, makeHasAnyIndex } from './string-ops.js';

/** Unicode code points in s (strlen counts code points, not UTF-16 units). */
function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { n--; i++; }
    }
  }
  return n;
}

/** Builds a ScalarKernel. */
export function kernel(name: string, make: (types: readonly ScalarType[], consts: readonly (Value | undefined)[], ctx: KernelContext) => Kernel): ScalarKernel {
  return { name, make };
}

/** tostring() of an argument of the given type (null gives ""). */
export function text(v: Value | undefined, type: ScalarType | undefined): string {
  if (typeof v === 'string') return v;
  return valueToString(v, type ?? 'dynamic');
}

/** An integer argument (int number or long bigint) as a JS number; null/undefined stays null. */
export function intArg(v: Value | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}

const long = (n: number): bigint => BigInt(n);

/** Per-unit invariant upper-casing (ß stays ß, as .NET's simple mapping does). */
export function upperInvariant(s: string): string {
  const up = s.toUpperCase();
  if (up.length === s.length) return up;
  let out = '';
  for (const ch of s) {
    const u = ch.toUpperCase();
    out += u.length === ch.length ? u : ch;
  }
  return out;
}

/** Reads the type named by a typeof() constant ('int', 'typeof(int)', …). */
export function typeFromConst(v: Value | undefined): ScalarType | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^\s*typeof\s*\(\s*(\w+)\s*\)\s*$/i.exec(v);
  return parseTypeName(m ? m[1]! : v.trim());
}

/** Converts extracted text to a KQL type the way extract(…, typeof(T)) does; unparsable text gives null. */
export function convertText(s: string, type: ScalarType): Value {
  const t = s.trim();
  switch (type) {
    case 'string': return s;
    case 'int': case 'long': {
      if (!/^[+-]?\d+$/.test(t)) return null;
      const b = BigInt(t);
      if (type === 'long') return b >= -(2n ** 63n) && b < 2n ** 63n ? b : null;
      return b >= -(2n ** 31n) && b < 2n ** 31n ? Number(b) : null;
    }
    case 'real': case 'decimal': {
      if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
      const l = t.toLowerCase();
      return l === 'nan' ? NaN : l === 'infinity' || l === '+infinity' ? Infinity : l === '-infinity' ? -Infinity : null;
    }
    case 'bool': {
      const l = t.toLowerCase();
      return l === 'true' || l === '1' ? true : l === 'false' || l === '0' ? false : null;
    }
    case 'datetime': return parseDatetime(t);
    case 'timespan': return parseTimespan(t);
    case 'guid': return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t) ? t.toLowerCase() : null;
    case 'dynamic':
      try { return JSON.parse(s) as DynamicValue; } catch { return s; }
  }
}

/** Index of the n-th non-overlapping occurrence of `find` in s, searched from start within a window of `len`
 *  positions that moves with each occurrence (len -1: unbounded); -1 when absent. */
function nthIndexOf(s: string, find: string, start: number, len: number, occurrence: number): number {
  let from = start;
  let pos = -1;
  for (let k = 0; k < occurrence; k++) {
    if (from > s.length) return -1;
    const limit = len < 0 ? s.length : Math.min(s.length, from + len);
    pos = s.indexOf(find, from);
    if (pos < 0 || pos + find.length > limit) return -1;
    from = pos + Math.max(1, find.length);
  }
  return pos;
}

/** countof(…, 'normal'): plain matches may overlap. */
export function countOccurrences(s: string, find: string): number {
  if (find === '') return 0;
  let n = 0;
  for (let i = s.indexOf(find); i >= 0; i = s.indexOf(find, i + 1)) n++;
  return n;
}

/** Appends the code points of an int or (nested) array argument; false when one is not a valid code point. */
function codepointsArg(v: Value | undefined, out: number[]): boolean {
  if (v === null || v === undefined) return false;
  if (Array.isArray(v)) return v.every((x) => codepointsArg(x as Value, out));
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return false;
  out.push(n);
  return true;
}

const unicodeToString = kernel('unicode_codepoints_to_string', () => (...args) => {
  const cps: number[] = [];
  for (const a of args) if (!codepointsArg(a, cps)) return '';
  let s = '';
  for (let i = 0; i < cps.length; i += 4096) s += String.fromCodePoint(...cps.slice(i, i + 4096));
  return s;
});

/** replace_strings(): earlier lookups claim their (non-overlapping) matches first; later ones fill the gaps. */
export function replaceStrings(s: string, lookups: readonly DynamicValue[], rewrites: readonly DynamicValue[]): string {
  const taken = new Uint8Array(s.length);
  const hits: { at: number; len: number; rep: string }[] = [];
  lookups.forEach((find, i) => {
    const rep = rewrites[i];
    if (typeof find !== 'string' || find === '' || typeof rep !== 'string') return;
    for (let at = s.indexOf(find); at >= 0; at = s.indexOf(find, at + 1)) {
      if (taken.subarray(at, at + find.length).some((x) => x === 1)) continue;
      taken.fill(1, at, at + find.length);
      hits.push({ at, len: find.length, rep });
    }
  });
  hits.sort((a, b) => a.at - b.at);
  let out = '';
  let last = 0;
  for (const h of hits) { out += s.slice(last, h.at) + h.rep; last = h.at + h.len; }
  return out + s.slice(last);
}

const UNITS = ['Bytes', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];

function formatBytes(size: number, precision: number, unit: string | undefined): string {
  let idx = unit === undefined ? -1 : UNITS.findIndex((u) => u.toLowerCase() === unit.toLowerCase() || (u === 'Bytes' && unit.toLowerCase() === 'b'));
  if (idx < 0) {
    idx = 0;
    while (idx < UNITS.length - 1 && Math.abs(size) >= 1024 ** (idx + 1)) idx++;
  }
  const v = size / 1024 ** idx;
  const p = Math.max(0, Math.min(20, precision));
  return `${idx === 0 && p === 0 ? String(Math.round(v)) : v.toFixed(p)} ${UNITS[idx]}`;
}

const plainKernels: ScalarKernel[] = [
  kernel('strlen', (t) => (s) => long(codePointLength(text(s, t[0])))),
  kernel('substring', (t) => (s, start, length) => {
    const str = text(s, t[0]);
    let b = intArg(start);
    if (b === null) return '';
    if (b < 0) b = Math.max(0, str.length + b);
    if (length === undefined) return str.slice(b);
    const n = intArg(length);
    if (n === null) return str.slice(b);
    return n <= 0 ? '' : str.slice(b, b + n);
  }),
  kernel('strcat', (t) => (...args) => args.map((a, i) => text(a, t[i])).join('')),
  kernel('strcat_delim', (t) => (d, ...args) => args.map((a, i) => text(a, t[i + 1])).join(text(d, t[0]))),
  kernel('split', (t) => (s, d, index) => {
    const str = text(s, t[0]);
    const delim = text(d, t[1]);
    const parts = delim === '' ? [str] : str.split(delim);
    if (index === undefined) return parts;
    const i = intArg(index);
    if (i === null) return parts;
    return i >= 0 && i < parts.length ? [parts[i]!] : [];
  }),
  kernel('replace_string', (t) => (s, find, rep) => {
    const f = text(find, t[1]);
    const str = text(s, t[0]);
    return f === '' ? str : str.split(f).join(text(rep, t[2]));
  }),
  kernel('replace_strings', (t) => (s, lookups, rewrites) =>
    (Array.isArray(lookups) && Array.isArray(rewrites) ? replaceStrings(text(s, t[0]), lookups, rewrites) : text(s, t[0]))),
  kernel('indexof', (t) => (s, find, start, length, occurrence) => {
    const str = text(s, t[0]);
    let b = start === undefined ? 0 : intArg(start);
    const len = length === undefined ? -1 : intArg(length);
    const occ = occurrence === undefined ? 1 : intArg(occurrence);
    if (b === null || len === null || occ === null || len < -1 || occ < 0) return null;
    if (b < 0) b = Math.max(0, str.length + b);
    if (occ === 0) return -1n;
    return long(nthIndexOf(str, text(find, t[1]), b, len, occ));
  }),
  kernel('tolower', (t) => (s) => foldCase(text(s, t[0]))),
  kernel('toupper', (t) => (s) => upperInvariant(text(s, t[0]))),
  kernel('strrep', (t) => (s, count, delim) => {
    const n = Math.min(intArg(count) ?? 0, 1024);
    if (n <= 0) return '';
    return new Array<string>(n).fill(text(s, t[0])).join(delim === undefined ? '' : text(delim, t[2]));
  }),
  kernel('reverse', (t) => (s) => Array.from(text(s, t[0])).reverse().join('')),
  kernel('strcmp', (t) => (a, b) => {
    const x = text(a, t[0]);
    const y = text(b, t[1]);
    return x === y ? 0n : x < y ? -1n : 1n;
  }),
  kernel('string_size', (t) => (s) => long(Buffer.byteLength(text(s, t[0]), 'utf8'))),
  kernel('translate', (t) => (from, to, s) => {
    const src = Array.from(text(from, t[0]));
    const dst = Array.from(text(to, t[1]));
    const map = new Map<string, string>();
    // Characters past the end of the replacement list map to its last character; an empty list deletes them.
    src.forEach((c, i) => { if (!map.has(c)) map.set(c, dst.length === 0 ? '' : dst[Math.min(i, dst.length - 1)]!); });
    let out = '';
    for (const c of text(s, t[2])) out += map.get(c) ?? c;
    return out;
  }),
  kernel('isascii', (t) => (s) => !/[^\x00-\x7f]/.test(text(s, t[0]))),
  kernel('isutf8', (t) => (s) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text(s, t[0]))),
  kernel('unicode_codepoints_from_string', (t) => (s) => Array.from(text(s, t[0]), (c) => c.codePointAt(0)!)),
  unicodeToString,
  { name: 'make_string', make: unicodeToString.make },
  kernel('to_utf8', (t) => (s) => Array.from(Buffer.from(text(s, t[0]), 'utf8'))),
  kernel('has_any_index', (t, consts) => {
    const prepared = Array.isArray(consts[1]) ? makeHasAnyIndex(consts[1].map((v) => text(v as Value, 'dynamic'))) : null;
    return (s, values) => {
      if (!Array.isArray(values)) return null;
      const f = prepared ?? makeHasAnyIndex(values.map((v) => text(v as Value, 'dynamic')));
      return long(f(text(s, t[0])));
    };
  }),
  kernel('format_bytes', (t) => (size, precision, unit) => {
    const n = size === null || size === undefined ? null : Number(size);
    if (n === null || !Number.isFinite(n)) return '';
    return formatBytes(n, intArg(precision ?? 0) ?? 0, unit === undefined ? undefined : text(unit, t[2]));
  }),
];

// ---- Regex-based kernels (extract, extract_all, replace_regex, trim, indexof_regex, countof) ----------------

/** The regex of argument i: compiled once when constant, else per value (through the cache). */
function regexArg(types: readonly ScalarType[], consts: readonly (Value | undefined)[], i: number, wrap?: (p: string) => string): (v: Value) => KqlRegex {
  // A wrapped pattern is validated alone first, so `)(` cannot pair up with the wrapper's parentheses.
  const compile = wrap ? (p: string) => (compileRegex(p), compileRegex(wrap(p))) : (p: string) => compileRegex(p);
  const c = consts[i];
  if (typeof c === 'string') {
    const re = compile(c);
    return () => re;
  }
  return (v) => compile(text(v, types[i]));
}

function extractAll(re: KqlRegex, s: string, select: (number | string)[] | null): DynamicValue {
  const pick = (m: RegexMatch, g: number | string): string =>
    (typeof g === 'number' ? m.groups[g] : m.named?.[g]) ?? '';
  const groups: (number | string)[] = select ?? (re.groupCount === 0 ? [0] : Array.from({ length: re.groupCount }, (_, k) => k + 1));
  const out: DynamicValue[] = [];
  for (const m of re.matchAll(s)) out.push(groups.length === 1 ? pick(m, groups[0]!) : groups.map((g) => pick(m, g)));
  return out.length === 0 ? null : out;
}

/** Index of the n-th non-overlapping regex match at or after start, in a window of len chars that moves on. */
function nthRegexIndex(re: KqlRegex, s: string, start: number, len: number, occurrence: number): number {
  let cur = start;
  let pos = -1;
  for (let k = 0; k < occurrence; k++) {
    if (cur > s.length) return -1;
    const m = re.exec(len < 0 ? s.slice(cur) : s.slice(cur, cur + len));
    if (!m) return -1;
    pos = cur + m.index;
    cur += m.end > m.index ? m.end : m.index + 1;
  }
  return pos;
}

const regexKernels: ScalarKernel[] = [
  kernel('extract', (t, consts) => {
    const re = regexArg(t, consts, 0);
    const type = t.length > 3 ? typeFromConst(consts[3]) ?? 'string' : 'string';
    return (pattern, group, s) => {
      const g = intArg(group);
      const r = re(pattern);
      const m = g === null || g < 0 || g > r.groupCount ? null : r.exec(text(s, t[2]));
      const v = m ? m.groups[g!] : undefined;
      if (v === undefined) return type === 'string' ? '' : null;
      return type === 'string' ? v : convertText(v, type);
    };
  }),
  kernel('extract_all', (t, consts) => {
    const re = regexArg(t, consts, 0);
    if (t.length < 3) return (pattern, s) => extractAll(re(pattern), text(s, t[1]), null);
    return (pattern, groups, s) => {
      if (!Array.isArray(groups) || groups.length === 0) return null;
      const sel = groups.map((g) => (typeof g === 'string' ? g : Number(g)));
      const r = re(pattern);
      if (sel.some((g) => typeof g === 'number' && (!Number.isInteger(g) || g < 0 || g > r.groupCount))) return null;
      return extractAll(r, text(s, t[2]), sel);
    };
  }),
  kernel('replace_regex', (t, consts) => {
    const re = regexArg(t, consts, 1);
    return (s, pattern, rep) => re(pattern).replaceAll(text(s, t[0]), text(rep, t[2]));
  }),
  kernel('replace', (t, consts) => {
    const re = regexArg(t, consts, 0);
    return (pattern, rep, s) => re(pattern).replaceAll(text(s, t[2]), text(rep, t[1]));
  }),
  kernel('trim', (t, consts) => {
    const start = regexArg(t, consts, 0, (p) => `\\A(?:${p})+`);
    const end = regexArg(t, consts, 0, (p) => `(?:${p})+\\z`);
    return (pattern, s) => trimEnd(end(pattern), trimStart(start(pattern), text(s, t[1])));
  }),
  kernel('trim_start', (t, consts) => {
    const start = regexArg(t, consts, 0, (p) => `\\A(?:${p})+`);
    return (pattern, s) => trimStart(start(pattern), text(s, t[1]));
  }),
  kernel('trim_end', (t, consts) => {
    const end = regexArg(t, consts, 0, (p) => `(?:${p})+\\z`);
    return (pattern, s) => trimEnd(end(pattern), text(s, t[1]));
  }),
  kernel('indexof_regex', (t, consts) => {
    const re = regexArg(t, consts, 1);
    return (s, pattern, start, length, occurrence) => {
      const b = start === undefined ? 0 : intArg(start);
      const len = length === undefined ? -1 : intArg(length);
      const occ = occurrence === undefined ? 1 : intArg(occurrence);
      if (b === null || len === null || occ === null || b < 0 || len < -1 || occ < 0) return null;
      if (occ === 0) return -1n;
      return BigInt(nthRegexIndex(re(pattern), text(s, t[0]), b, len, occ));
    };
  }),
  kernel('countof', (t, consts) => {
    const constKind = typeof consts[2] === 'string' ? consts[2].toLowerCase() : undefined;
    const re = constKind === 'regex' ? regexArg(t, consts, 1) : (v: Value) => compileRegex(text(v, t[1]));
    return (s, find, kind) => {
      const str = text(s, t[0]);
      const k = kind === undefined ? 'normal' : text(kind, t[2]).toLowerCase();
      if (k !== 'regex') return BigInt(countOccurrences(str, text(find, t[1])));
      if (text(find, t[1]) === '') return 0n;
      let n = 0n;
      for (const it = re(find).matchAll(str); !it.next().done;) n++;
      return n;
    };
  }),
  kernel('regex_quote', (t) => (s) => regexQuote(text(s, t[0]))),
];

function trimStart(re: KqlRegex, s: string): string {
  const m = re.exec(s);
  return m && m.index === 0 ? s.slice(m.end) : s;
}

function trimEnd(re: KqlRegex, s: string): string {
  const m = re.exec(s);
  return m && m.end === s.length ? s.slice(0, m.index) : s;
}

export const kernels: ScalarKernel[] = [...plainKernels, ...regexKernels];
