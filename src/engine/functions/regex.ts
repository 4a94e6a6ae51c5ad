// Kusto regexes (Rust `regex` crate syntax) on re2js: linear-time matching, never backtracking.
// translateRegex() rewrites the Rust-only syntax re2js lacks; compileRegex() caches compiled patterns.
import { RE2JS } from 're2js';
import { KernelError } from './kernel.js';

export interface RegexMatch {
  index: number;
  end: number;
  /** groups[0] is the whole match; an unmatched group is undefined. */
  groups: (string | undefined)[];
  named?: Record<string, string | undefined>;
}

export interface KqlRegex {
  readonly source: string;
  /** Number of capture groups (not counting group 0). */
  readonly groupCount: number;
  /** groupNames[i] is the name of group i, if named. */
  readonly groupNames: readonly (string | undefined)[];
  test(s: string): boolean;
  exec(s: string, from?: number): RegexMatch | null;
  /** Every non-overlapping match, left to right. */
  matchAll(s: string): Generator<RegexMatch>;
  /** Replaces every match; `\0`..`\9` name groups, `\\` is a backslash, everything else (also `$`) is literal. */
  replaceAll(s: string, replacement: string): string;
}

// Rust's Unicode-aware Perl classes, spelled with RE2 Unicode categories.
const WORD = '\\p{L}\\p{Nl}\\p{M}\\p{Nd}\\p{Pc}';
const SPACE = '\\t-\\r\\x{85}\\p{Z}';
const LONG_CATEGORIES: Record<string, string> = {
  letter: 'L', lowercaseletter: 'Ll', uppercaseletter: 'Lu', titlecaseletter: 'Lt', modifierletter: 'Lm', otherletter: 'Lo',
  mark: 'M', number: 'N', decimalnumber: 'Nd', digit: 'Nd', letternumber: 'Nl', othernumber: 'No', punctuation: 'P',
  symbol: 'S', separator: 'Z', spaceseparator: 'Zs', other: 'C', control: 'Cc', format: 'Cf', privateuse: 'Co',
  connectorpunctuation: 'Pc', dashpunctuation: 'Pd', mathsymbol: 'Sm', currencysymbol: 'Sc',
};

function fail(pattern: string, why: string): never {
  throw new KernelError('KQL3005', `invalid regular expression '${pattern}': ${why}`);
}

/** Rewrites Kusto (Rust) regex syntax into re2js syntax; throws KernelError KQL3005 on unsupported constructs. */
export function translateRegex(pattern: string): { source: string; lookbehind: boolean } {
  let out = '';
  let lookbehind = false;
  const verbose: boolean[] = [false]; // (?x) state per open group
  let i = 0;
  const n = pattern.length;
  const isVerbose = () => verbose[verbose.length - 1]!;
  while (i < n) {
    const c = pattern[i]!;
    if (isVerbose() && /\s/.test(c)) { i++; continue; }
    if (isVerbose() && c === '#') { while (i < n && pattern[i] !== '\n') i++; continue; }
    if (c === '\\') {
      const [text, len, lb] = translateEscape(pattern, i, false);
      out += text; i += len; lookbehind ||= lb;
      continue;
    }
    if (c === '[') {
      const [text, len] = translateClass(pattern, i);
      out += text; i += len;
      continue;
    }
    if (c === '(') {
      const g = translateGroupOpen(pattern, i, isVerbose());
      out += g.text; i += g.len;
      if (g.bare) verbose[verbose.length - 1] = g.x; // (?x) applies to the rest of the enclosing group
      else verbose.push(g.x);
      continue;
    }
    if (c === ')') { if (verbose.length > 1) verbose.pop(); out += c; i++; continue; }
    out += c; i++;
  }
  return { source: out, lookbehind };
}

function hexEscape(pattern: string, i: number, len: number, digits: string): [string, number, boolean] {
  if (!/^[0-9a-fA-F]+$/.test(digits)) fail(pattern, `bad escape at ${i}`);
  return [`\\x{${digits}}`, len, false];
}

/** Returns [replacement, consumed length, needsLookbehind]. */
function translateEscape(pattern: string, i: number, inClass: boolean): [string, number, boolean] {
  const d = pattern[i + 1];
  if (d === undefined) fail(pattern, 'trailing backslash');
  switch (d) {
    case 'd': return ['\\p{Nd}', 2, false];
    case 'D': return ['\\P{Nd}', 2, false];
    case 'w': return [inClass ? WORD : `[${WORD}]`, 2, false];
    case 's': return [inClass ? SPACE : `[${SPACE}]`, 2, false];
    // Inside a class these go through the set evaluator (translateClass); the ASCII forms are a last resort.
    case 'W': return [inClass ? '\\W' : `[^${WORD}]`, 2, false];
    case 'S': return [inClass ? '\\S' : `[^${SPACE}]`, 2, false];
    case '<': return inClass ? ['<', 2, false] : ['\\b(?<!\\w)', 2, true];
    case '>': return inClass ? ['>', 2, false] : ['\\b(?<=\\w)', 2, true];
    case 'b': {
      const m = inClass ? null : /^\{([a-z-]+)\}/.exec(pattern.slice(i + 2));
      if (!m) return ['\\b', 2, false];
      if (m[1] === 'start') return ['\\b(?<!\\w)', 2 + m[0].length, true];
      if (m[1] === 'end') return ['\\b(?<=\\w)', 2 + m[0].length, true];
      if (m[1] === 'start-half') return ['(?<!\\w)', 2 + m[0].length, true];
      return fail(pattern, `\\b{${m[1]}} is not supported`);
    }
    case 'u': case 'U': case 'x': {
      const rest = pattern.slice(i + 2);
      const braced = /^\{([^}]*)\}/.exec(rest);
      if (braced) return hexEscape(pattern, i, 2 + braced[0].length, braced[1]!);
      const width = d === 'x' ? 2 : d === 'u' ? 4 : 8;
      return hexEscape(pattern, i, 2 + width, rest.slice(0, width).length === width ? rest.slice(0, width) : '!');
    }
    case 'p': case 'P': {
      const m = /^\{\s*([^}]*)\}/.exec(pattern.slice(i + 2));
      if (!m) return [pattern.slice(i, i + 3), 3, false];
      let name = m[1]!.trim();
      const eq = /^(?:sc|script|gc|general_category)\s*[=:]\s*(.+)$/i.exec(name);
      if (eq) name = eq[1]!;
      const key = name.replace(/[\s_-]/g, '').toLowerCase();
      if (key === 'any') return [d === 'p' ? (inClass ? '\\x{0}-\\x{10FFFF}' : '(?s:.)') : '[^\\x{0}-\\x{10FFFF}]', 2 + m[0].length, false];
      const short = LONG_CATEGORIES[key] ?? name.replace(/[\s-]/g, '_');
      return [`\\${d}{${short}}`, 2 + m[0].length, false];
    }
    case 'k': fail(pattern, 'backreferences (\\k<name>) are not supported');
  }
  if (d >= '1' && d <= '9') fail(pattern, `backreferences (\\${d}) are not supported`);
  return [pattern.slice(i, i + 2), 2, false];
}

/** Translates one bracketed class. Classes RE2 cannot express (nesting, `&&` `--` `~~`, \W or \S inside)
 *  are evaluated to explicit code point ranges by the set evaluator below. */
function translateClass(pattern: string, start: number): [string, number] {
  let i = start + 1;
  let out = '[';
  if (pattern[i] === '^') { out += '^'; i++; }
  if (pattern[i] === ']') { out += '\\]'; i++; } // a leading ']' is literal
  for (;;) {
    const c = pattern[i];
    if (c === undefined) fail(pattern, 'unclosed character class');
    if (c === ']') return [out + ']', i + 1 - start];
    if (c === '\\') {
      if (pattern[i + 1] === 'W' || pattern[i + 1] === 'S') return evalClassToRe2(pattern, start);
      const [text, len] = translateEscape(pattern, i, true);
      out += text; i += len;
      continue;
    }
    if (c === '[') {
      const m = /^\[:\^?[a-z]+:\]/.exec(pattern.slice(i));
      if (m) { out += m[0]; i += m[0].length; continue; }
      return evalClassToRe2(pattern, start);
    }
    const two = pattern.slice(i, i + 2);
    if (two === '&&' || two === '~~' || (two === '--' && pattern[i + 2] !== ']')) return evalClassToRe2(pattern, start);
    out += c; i++;
  }
}

// ---- Character class set evaluation (Rust's nested classes and &&, --, ~~) -------------------------------

/** Sorted, disjoint, non-adjacent inclusive code point ranges. */
type Ranges = [number, number][];
const MAX_CP = 0x10ffff;

function normalize(r: Ranges): Ranges {
  const s = [...r].sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  for (const [a, b] of s) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
function complement(r: Ranges): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (const [a, b] of r) { if (a > next) out.push([next, a - 1]); next = b + 1; }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}
const intersect = (a: Ranges, b: Ranges): Ranges => complement(normalize([...complement(a), ...complement(b)]));
const subtract = (a: Ranges, b: Ranges): Ranges => intersect(a, complement(b));

const propertyCache = new Map<string, Ranges>();
/** Code point ranges of a JS Unicode property escape (scanned once per process). */
function jsPropertyRanges(source: string): Ranges | null {
  const hit = propertyCache.get(source);
  if (hit) return hit;
  let re: RegExp;
  try { re = new RegExp(source, 'u'); } catch { return null; }
  const out: Ranges = [];
  for (let cp = 0; cp <= MAX_CP; cp++) {
    if (cp === 0xd800) { cp = 0xdfff; continue; }
    if (!re.test(String.fromCodePoint(cp))) continue;
    const last = out[out.length - 1];
    if (last && last[1] === cp - 1) last[1] = cp; else out.push([cp, cp]);
  }
  propertyCache.set(source, out);
  return out;
}

const POSIX: Record<string, Ranges> = {
  alnum: [[48, 57], [65, 90], [97, 122]], alpha: [[65, 90], [97, 122]], ascii: [[0, 127]], blank: [[9, 9], [32, 32]],
  cntrl: [[0, 31], [127, 127]], digit: [[48, 57]], graph: [[33, 126]], lower: [[97, 122]], print: [[32, 126]],
  punct: [[33, 47], [58, 64], [91, 96], [123, 126]], space: [[9, 13], [32, 32]], upper: [[65, 90]],
  word: [[48, 57], [65, 90], [95, 95], [97, 122]], xdigit: [[48, 57], [65, 70], [97, 102]],
};
const SIMPLE_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 };

function propertySet(pattern: string, name: string, negated: boolean): Ranges {
  const eq = /^(?:sc|script|gc|general_category)\s*[=:]\s*(.+)$/i.exec(name.trim());
  const bare = (eq ? eq[1]! : name).trim();
  const key = bare.replace(/[\s_-]/g, '').toLowerCase();
  const candidates = [LONG_CATEGORIES[key], bare, bare.replace(/[\s-]/g, '_'), `Script=${bare.replace(/[\s-]/g, '_')}`];
  for (const c of candidates) {
    if (c === undefined || !/^[\w=]+$/.test(c)) continue;
    const r = key === 'any' ? [[0, MAX_CP]] as Ranges : jsPropertyRanges(`\\p{${c}}`);
    if (r) return negated ? complement(r) : r;
  }
  return fail(pattern, `unknown Unicode class '${name}'`);
}

/** Parses a Rust class starting at pattern[start] === '['; returns its ranges and the index after ']'. */
function parseClassSet(pattern: string, start: number): [Ranges, number] {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '^') { negate = true; i++; }
  const atom = (): [Ranges, number] | null => {
    const c = pattern[i];
    if (c === undefined) fail(pattern, 'unclosed character class');
    if (c === '[') {
      const m = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
      if (m) {
        const set = POSIX[m[2]!] ?? fail(pattern, `unknown POSIX class '${m[2]}'`);
        i += m[0].length;
        return [m[1] ? complement(set) : set, -1];
      }
      const [set, end] = parseClassSet(pattern, i);
      i = end;
      return [set, -1];
    }
    if (c === '\\') {
      const d = pattern[i + 1] ?? fail(pattern, 'trailing backslash');
      const cls: Record<string, () => Ranges> = {
        d: () => propertySet(pattern, 'Nd', false), D: () => propertySet(pattern, 'Nd', true),
        s: () => propertySet(pattern, 'White_Space', false), S: () => propertySet(pattern, 'White_Space', true),
        w: () => jsPropertyRanges('[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]')!,
        W: () => complement(jsPropertyRanges('[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]')!),
      };
      if (cls[d]) { i += 2; return [cls[d]!(), -1]; }
      if (d === 'p' || d === 'P') {
        const m = /^\{([^}]*)\}/.exec(pattern.slice(i + 2));
        const name = m ? m[1]! : pattern[i + 2] ?? fail(pattern, 'bad \\p escape');
        i += 2 + (m ? m[0].length : 1);
        return [propertySet(pattern, name, d === 'P'), -1];
      }
      if (d === 'x' || d === 'u' || d === 'U') {
        const m = /^\{([0-9a-fA-F]+)\}/.exec(pattern.slice(i + 2)) ?? new RegExp(`^([0-9a-fA-F]{${d === 'x' ? 2 : d === 'u' ? 4 : 8}})`).exec(pattern.slice(i + 2));
        if (!m) fail(pattern, `bad \\${d} escape`);
        i += 2 + m[0].length;
        const cp = parseInt(m[1]!, 16);
        return [[[cp, cp]], cp];
      }
      const cp = SIMPLE_ESCAPES[d] ?? (/[A-Za-z0-9]/.test(d) ? fail(pattern, `unsupported escape \\${d} in a class`) : d.codePointAt(0)!);
      i += 1 + String.fromCodePoint(pattern.codePointAt(i + 1)!).length;
      return [[[cp, cp]], cp];
    }
    const cp = pattern.codePointAt(i)!;
    i += String.fromCodePoint(cp).length;
    return [[[cp, cp]], cp];
  };
  const union = (first: boolean): Ranges => {
    const parts: Ranges = [];
    let lead = first;
    for (;;) {
      const c = pattern[i];
      if (c === undefined) fail(pattern, 'unclosed character class');
      if (c === ']' && !lead) return normalize(parts);
      lead = false;
      const two = pattern.slice(i, i + 2);
      if ((two === '&&' || two === '~~' || two === '--') && parts.length > 0) return normalize(parts);
      if (c === ']') { parts.push([93, 93]); i++; continue; }
      const [set, cp] = atom()!;
      if (cp >= 0 && pattern[i] === '-' && pattern[i + 1] !== ']' && pattern[i + 1] !== '-') {
        i++;
        const [, hi] = atom()!;
        if (hi < cp) fail(pattern, 'invalid character class range');
        parts.push([cp, hi]);
        continue;
      }
      parts.push(...set);
    }
  };
  let set = union(true);
  for (;;) {
    const two = pattern.slice(i, i + 2);
    if (two !== '&&' && two !== '--' && two !== '~~') break;
    i += 2;
    const rhs = union(false);
    set = two === '&&' ? intersect(set, rhs) : two === '--' ? subtract(set, rhs) : normalize([...subtract(set, rhs), ...subtract(rhs, set)]);
  }
  if (pattern[i] !== ']') fail(pattern, 'unclosed character class');
  return [negate ? complement(set) : set, i + 1];
}

/** Evaluates a class to an explicit RE2 class (surrogate code points left out). */
function evalClassToRe2(pattern: string, start: number): [string, number] {
  const [set, end] = parseClassSet(pattern, start);
  const usable = subtract(set, [[0xd800, 0xdfff]]);
  const hex = (n: number) => `\\x{${n.toString(16)}}`;
  const body = usable.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');
  return [body === '' ? '[^\\x{0}-\\x{10ffff}]' : `[${body}]`, end - start];
}

interface GroupOpen { text: string; len: number; x: boolean; bare: boolean }

/** Translates `(`, `(?:`, `(?P<n>`, `(?flags)` or `(?flags:`; x is the verbose flag inside. */
function translateGroupOpen(pattern: string, i: number, verbose: boolean): GroupOpen {
  if (pattern[i + 1] !== '?') return { text: '(', len: 1, x: verbose, bare: false };
  const rest = pattern.slice(i + 2);
  if (/^(?:=|!|<=|<!)/.test(rest)) fail(pattern, 'look-around ((?=, (?!, (?<=, (?<!) is not supported');
  if (rest.startsWith('P=') || rest.startsWith('P>')) fail(pattern, 'backreferences ((?P=name)) are not supported');
  const named = /^(?:P?<)([A-Za-z_][A-Za-z0-9_.[\]]*)>/.exec(rest);
  if (named) return { text: `(?P<${named[1]}>`, len: 2 + named[0].length, x: verbose, bare: false };
  const flags = /^([a-zA-Z-]*)([:)])/.exec(rest);
  if (!flags) return { text: '(?', len: 2, x: verbose, bare: false };
  let x = verbose;
  let keep = '';
  let neg = false;
  for (const f of flags[1]!) {
    if (f === '-') { neg = true; keep += '-'; continue; }
    if (f === 'x') { x = !neg; continue; }
    if (f === 'u' || f === 'R') continue; // Unicode is always on; CRLF mode is approximated by \n lines
    if (!'imsU'.includes(f)) fail(pattern, `unknown flag '${f}'`);
    keep += f;
  }
  keep = keep.replace(/-$/, '');
  const len = 2 + flags[0].length;
  if (flags[2] === ')') return { text: keep === '' ? '' : `(?${keep})`, len, x, bare: true };
  return { text: keep === '' ? '(?:' : `(?${keep}:`, len, x, bare: false };
}

interface Compiled { re: RE2JS; names: (string | undefined)[]; count: number }

const CACHE_LIMIT = 512;
const cache = new Map<string, Compiled>();

function compileCached(pattern: string, flags: string): Compiled {
  const key = flags + '\u0000' + pattern;
  const hit = cache.get(key);
  if (hit) { cache.delete(key); cache.set(key, hit); return hit; }
  for (const f of flags) if (!'imsU'.includes(f)) fail(pattern, `unknown flag '${f}'`);
  const { source, lookbehind } = translateRegex(pattern);
  let re: RE2JS;
  try {
    re = RE2JS.compile(flags ? `(?${flags})${source}` : source, lookbehind ? RE2JS.LOOKBEHINDS : 0);
  } catch (e) {
    const msg = e instanceof Error ? e.message.replace(/^error parsing regexp: /, '') : String(e);
    fail(pattern, msg);
  }
  const count = re.groupCount();
  const names: (string | undefined)[] = new Array(count + 1).fill(undefined);
  for (const [name, idx] of Object.entries(re.namedGroups())) names[idx] = name;
  const entry = { re, names, count };
  cache.set(key, entry);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return entry;
}

function toMatch(m: RegExpMatchArray, names: readonly (string | undefined)[]): RegexMatch {
  const groups = Array.from(m, (g) => (g === null ? undefined : g));
  const index = m.index ?? 0;
  const r: RegexMatch = { index, end: index + (groups[0]?.length ?? 0), groups };
  if (names.some((x) => x !== undefined)) {
    r.named = {};
    names.forEach((nm, k) => { if (nm !== undefined) r.named![nm] = groups[k]; });
  }
  return r;
}

/** Compiles a Kusto regex (cached); `flags` is a subset of "imsU". Throws KernelError KQL3005 when invalid. */
export function compileRegex(pattern: string, flags = ''): KqlRegex {
  const { re, names, count } = compileCached(pattern, flags);
  return {
    source: pattern,
    groupCount: count,
    groupNames: names,
    test: (s) => re.test(s),
    exec(s, from = 0) {
      if (from > s.length) return null;
      const m = re.matcher(s);
      if (!m.find(Math.max(0, from))) return null;
      const groups: (string | undefined)[] = [];
      for (let g = 0; g <= count; g++) groups.push(m.group(g) ?? undefined);
      const r: RegexMatch = { index: m.start(), end: m.end(), groups };
      if (names.some((x) => x !== undefined)) {
        r.named = {};
        names.forEach((nm, k) => { if (nm !== undefined) r.named![nm] = groups[k]; });
      }
      return r;
    },
    *matchAll(s) {
      for (const m of re.matchAll(s)) yield toMatch(m, names);
    },
    replaceAll(s, replacement) {
      const parts = parseReplacement(replacement);
      let out = '';
      let last = 0;
      for (const m of re.matchAll(s)) {
        const idx = m.index ?? 0;
        out += s.slice(last, idx);
        for (const p of parts) out += typeof p === 'string' ? p : (m[p] ?? '');
        last = idx + m[0].length;
      }
      return out + s.slice(last);
    },
  };
}

/** Splits a rewrite pattern into literal text and group numbers (a missing group yields ''). */
export function parseReplacement(rep: string): (string | number)[] {
  const parts: (string | number)[] = [];
  let lit = '';
  const group = (g: number) => { if (lit) parts.push(lit); lit = ''; parts.push(g); };
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i]!;
    const d = rep[i + 1];
    if (c === '\\' && d !== undefined && d >= '0' && d <= '9') { group(Number(d)); i++; continue; }
    if (c === '\\' && d === '\\') { lit += '\\'; i++; continue; }
    lit += c;
  }
  if (lit) parts.push(lit);
  return parts;
}

/** Rust's regex::escape set. */
export function regexQuote(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$#&\-~]/g, '\\$&');
}
