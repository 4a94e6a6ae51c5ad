// Kernels of the dynamic functions: parse_json, array_*, bag_*, set_*, pack*, zip, repeat, range, strcat_array.
// Inputs are never mutated (they may be shared column values); a wrong-shaped input gives null, not an error.
import { kernels as xmlKernels } from './xml.js';
import { jsonText } from '../../kql/types/index.js';
import type { DynamicValue, ScalarType, Value } from '../../kql/types/index.js';
import { TICKS_PER_HOUR, formatDatetime, formatTimespan, valueToString } from '../../kql/types/index.js';
import type { ScalarKernel } from './kernel.js';
import {
  bagGet, bagSet, dynamicEquals, dynamicKey, dynamicToText, isBag, longToDynamic, parseJsonValue, toDynamic,
  type DynamicBag,
} from './dynamic-compare.js';

/** Kusto caps generated arrays (range, repeat) at 2^20 elements. */
export const MAX_ARRAY = 1_048_576;

/** An int/long argument as a JS integer; null when null or not integral. */
export function intArg(v: Value | undefined): number | null {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  return null;
}

const arr = (v: Value | undefined): DynamicValue[] | null => (Array.isArray(v) ? (v as DynamicValue[]) : null);

const k = (name: string, make: ScalarKernel['make']): ScalarKernel => ({ name, make });

/** First index >= start (within `length` elements) holding value v, counting `occurrence` matches; -1 if none. */
function indexOf(a: DynamicValue[], v: Value, type: ScalarType, start: number, length: number, occurrence: number): number {
  if (start < 0) start = Math.max(0, a.length + start);
  const end = length < 0 ? a.length : Math.min(a.length, start + length);
  let seen = 0;
  for (let i = start; i < end; i++) {
    if (dynamicEquals(a[i], v, type) === true && ++seen >= occurrence) return i;
  }
  return -1;
}

function rotate(a: DynamicValue[], n: number): DynamicValue[] {
  if (a.length === 0) return [];
  const s = ((n % a.length) + a.length) % a.length;
  return [...a.slice(s), ...a.slice(0, s)];
}

function shift(a: DynamicValue[], n: number, fill: DynamicValue): DynamicValue[] {
  const out: DynamicValue[] = new Array<DynamicValue>(a.length).fill(fill);
  for (let i = 0; i < a.length; i++) {
    const j = i - n;
    if (j >= 0 && j < a.length) out[j] = a[i]!;
  }
  return out;
}

/** Sort category of an element: numbers, then strings, then everything else (kept in input order). */
function sortRank(v: DynamicValue): number {
  return typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2;
}

function compareElements(x: DynamicValue, y: DynamicValue): number {
  const rx = sortRank(x), ry = sortRank(y);
  if (rx !== ry) return rx - ry;
  if (rx === 0) return (x as number) - (y as number);
  if (rx === 1) return x! < y! ? -1 : x! > y! ? 1 : 0;
  return 0;
}

/** array_sort_asc/desc: sorts the first array, reorders the others alike (null for a length mismatch). */
function sortArrays(args: readonly Value[], types: readonly ScalarType[], desc: boolean): DynamicValue {
  let count = args.length;
  let nullsLast = true;
  if (count > 1 && types[count - 1] === 'bool') {
    const b = args[count - 1];
    if (b === false) nullsLast = false;
    count--;
  }
  const first = arr(args[0]);
  if (!first) return null;
  const idx = first.map((_, i) => i);
  const nonNull = idx.filter((i) => first[i] !== null);
  const nulls = idx.filter((i) => first[i] === null);
  nonNull.sort((i, j) => (desc ? -1 : 1) * compareElements(first[i]!, first[j]!) || i - j);
  const order = nullsLast ? [...nonNull, ...nulls] : [...nulls, ...nonNull];
  const sorted: DynamicValue[] = [];
  for (let a = 0; a < count; a++) {
    const xs = arr(args[a]);
    sorted.push(xs && xs.length === first.length ? order.map((i) => xs[i]!) : null);
  }
  return count === 1 ? sorted[0]! : sorted;
}

/** Keys of a key argument: JSONPath `$.a.b` / `$['a'].b`, else the plain root key itself (`$type` included).
 *  Null for the root `$` alone, which names no key. */
export function bagPath(key: string): string[] | null {
  if (key === '$') return null;
  if (!key.startsWith('$.') && !key.startsWith('$[')) return [key];
  const out: string[] = [];
  let i = 1;
  while (i < key.length) {
    let m: RegExpExecArray | null;
    if (key[i] === '.' && (m = /^[^.[\]]+/.exec(key.slice(i + 1)))) {
      out.push(m[0]);
      i += 1 + m[0].length;
    } else if (key[i] === '[' && (m = /^\[\s*(['"])(.*?)\1\s*\]/.exec(key.slice(i)))) {
      out.push(m[2]!);
      i += m[0].length;
    } else return [key];
  }
  return out;
}

function bagHasPath(bag: DynamicValue, path: string[]): boolean {
  let cur: DynamicValue | undefined = bag;
  for (const p of path) {
    if (!isBag(cur)) return false;
    cur = bagGet(cur, p);
    if (cur === undefined) return false;
  }
  return true;
}

function copyBag(b: DynamicBag): DynamicBag {
  const out: DynamicBag = {};
  for (const key of Object.keys(b)) bagSet(out, key, b[key]!);
  return out;
}

/** A copy of bag with the path removed (bags along the path are copied, the rest shared). */
function removePath(bag: DynamicBag, path: string[]): DynamicBag {
  const [head, ...rest] = path;
  const cur = bagGet(bag, head!);
  if (cur === undefined) return bag;
  const out = copyBag(bag);
  if (rest.length === 0) delete out[head!];
  else if (isBag(cur)) bagSet(out, head!, removePath(cur, rest));
  return out;
}

/** A copy of bag with the path set to value, creating intermediate bags. */
function setPath(bag: DynamicBag, path: string[], value: DynamicValue): DynamicBag {
  const [head, ...rest] = path;
  const out = copyBag(bag);
  if (rest.length === 0) bagSet(out, head!, value);
  else {
    const cur = bagGet(bag, head!);
    bagSet(out, head!, setPath(isBag(cur) ? cur : {}, rest, value));
  }
  return out;
}

/** Distinct elements in first-appearance order. */
function distinct(xs: Iterable<DynamicValue>): DynamicValue[] {
  const seen = new Set<string>();
  const out: DynamicValue[] = [];
  for (const x of xs) {
    const key = dynamicKey(x);
    if (!seen.has(key)) { seen.add(key); out.push(x); }
  }
  return out;
}

function allArrays(args: readonly Value[]): DynamicValue[][] | null {
  const out: DynamicValue[][] = [];
  for (const a of args) {
    const xs = arr(a);
    if (!xs) return null;
    out.push(xs);
  }
  return out;
}

function numericRange(start: Value, stop: Value, step: Value, types: readonly ScalarType[]): DynamicValue {
  const integral = types.every((t) => t === 'int' || t === 'long');
  if (integral) {
    const s = BigInt(start as number | bigint), e = BigInt(stop as number | bigint), st = BigInt(step as number | bigint);
    if (st === 0n) return null;
    const out: DynamicValue[] = [];
    for (let v = s; (st > 0n ? v <= e : v >= e) && out.length < MAX_ARRAY; v += st) out.push(longToDynamic(BigInt.asIntN(64, v)));
    return out;
  }
  const s = Number(start), e = Number(stop), st = Number(step);
  if (st === 0 || !Number.isFinite(s) || !Number.isFinite(e) || !Number.isFinite(st)) return null;
  const n = Math.floor((e - s) / st + 1e-9) + 1;
  const out: DynamicValue[] = [];
  for (let i = 0; i < Math.min(Math.max(n, 0), MAX_ARRAY); i++) out.push(s + i * st);
  return out;
}

function tickRange(start: bigint, stop: bigint, step: bigint, fmt: (t: bigint) => string): DynamicValue {
  if (step === 0n) return null;
  const out: DynamicValue[] = [];
  for (let v = start; (step > 0n ? v <= stop : v >= stop) && out.length < MAX_ARRAY; v += step) out.push(fmt(v));
  return out;
}

/** Canonical JSON: property bags with keys sorted (ordinal), arrays in order, no spaces. */
export function canonicalJson(d: DynamicValue): string {
  if (d === null || typeof d !== 'object') return jsonText(d);
  if (Array.isArray(d)) return '[' + d.map(canonicalJson).join(',') + ']';
  const keys = Object.keys(d).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return '{' + keys.map((key) => JSON.stringify(key) + ':' + canonicalJson(d[key]!)).join(',') + '}';
}

/** treepath(): every path to a node below the root, arrays collapsed to their [0] slot, first-seen order. */
export function treePaths(d: DynamicValue): string[] {
  const out = new Set<string>();
  const walk = (v: DynamicValue, prefix: string) => {
    if (Array.isArray(v)) {
      if (v.length === 0) return;
      out.add(prefix + '[0]');
      for (const x of v) walk(x, prefix + '[0]');
    } else if (isBag(v)) {
      for (const key of Object.keys(v)) {
        const p = `${prefix}['${key.replace(/[\\']/g, (c) => '\\' + c)}']`;
        out.add(p);
        walk(v[key]!, p);
      }
    }
  };
  walk(d, '');
  return [...out];
}

export const kernels: ScalarKernel[] = [
  ...xmlKernels,
  k('parse_json', (types) => (v) => parseJsonValue(v, types[0]!)),
  k('array_length', () => (a) => (Array.isArray(a) ? BigInt(a.length) : null)),
  k('array_slice', () => (a, s, e) => {
    const xs = arr(a);
    let start = intArg(s), end = intArg(e);
    if (!xs || start === null || end === null) return null;
    if (start < 0) start += xs.length;
    if (end < 0) end += xs.length;
    start = Math.max(0, start);
    end = Math.min(xs.length - 1, end);
    return start > end ? [] : xs.slice(start, end + 1);
  }),
  k('array_concat', () => (...args) => allArrays(args)?.flat() ?? null),
  k('array_index_of', (types) => (a, v, s, len, occ) => {
    const xs = arr(a);
    if (!xs) return null;
    const start = s === undefined ? 0 : intArg(s);
    const length = len === undefined ? -1 : intArg(len);
    const occurrence = occ === undefined ? 1 : intArg(occ);
    if (start === null || length === null || occurrence === null || length < -1 || occurrence < 0) return null;
    return BigInt(indexOf(xs, v ?? null, types[1]!, start, length, Math.max(occurrence, 1)));
  }),
  k('array_reverse', () => (a) => arr(a)?.slice().reverse() ?? null),
  k('array_rotate_left', () => (a, n) => { const xs = arr(a), c = intArg(n); return xs && c !== null ? rotate(xs, c) : null; }),
  k('array_rotate_right', () => (a, n) => { const xs = arr(a), c = intArg(n); return xs && c !== null ? rotate(xs, -c) : null; }),
  ...(['array_shift_left', 'array_shift_right'] as const).map((name) =>
    k(name, (types) => (a, n, d) => {
      const xs = arr(a), c = intArg(n);
      if (!xs || c === null) return null;
      // Default fill: null, or "" for an array of strings (per the docs).
      const allStrings = xs.length > 0 && xs.every((x) => typeof x === 'string');
      const fill = d === undefined ? (allStrings ? '' : null) : toDynamic(d, types[2]!);
      return shift(xs, name === 'array_shift_left' ? c : -c, fill);
    })),
  k('array_sort_asc', (types) => (...args) => sortArrays(args, types, false)),
  k('array_sort_desc', (types) => (...args) => sortArrays(args, types, true)),
  k('array_split', () => (a, i) => {
    const xs = arr(a);
    if (!xs || i === null || i === undefined) return null;
    const raw = Array.isArray(i) ? (i as DynamicValue[]) : [typeof i === 'number' || typeof i === 'bigint' ? intArg(i) : null];
    if (!raw) return null;
    const cuts: number[] = [];
    for (const r of raw) {
      const n = typeof r === 'number' ? Math.trunc(r) : null;
      if (n === null) return null;
      cuts.push(Math.min(xs.length, Math.max(0, n < 0 ? xs.length + n : n)));
    }
    const bounds = [0, ...cuts, xs.length];
    const out: DynamicValue[] = [];
    for (let j = 0; j + 1 < bounds.length; j++) out.push(xs.slice(bounds[j]!, Math.max(bounds[j]!, bounds[j + 1]!)));
    return out;
  }),
  k('array_sum', () => (a) => {
    const xs = arr(a);
    if (!xs) return null;
    let sum = 0;
    for (const x of xs) {
      if (x === null) continue;
      if (typeof x !== 'number') return null;
      sum += x;
    }
    return sum;
  }),
  k('array_iff', (types) => (c, t, f) => {
    const cond = arr(c);
    if (!cond) return null;
    const pick = (v: Value | undefined, type: ScalarType, i: number): DynamicValue =>
      Array.isArray(v) ? ((v as DynamicValue[])[i] ?? null) : toDynamic(v, type);
    return cond.map((x, i) => {
      const b = typeof x === 'boolean' ? x : typeof x === 'number' ? x !== 0 : null;
      return b === null ? null : b ? pick(t, types[1]!, i) : pick(f, types[2]!, i);
    });
  }),
  k('bag_pack', (types) => (...args) => {
    const out: DynamicBag = {};
    for (let i = 0; i + 1 < args.length; i += 2) {
      bagSet(out, valueToString(args[i], types[i]!), toDynamic(args[i + 1], types[i + 1]!));
    }
    return out;
  }),
  k('pack_array', (types) => (...args) => args.map((v, i) => toDynamic(v, types[i]!))),
  k('bag_keys', () => (b) => (isBag(b) ? Object.keys(b) : null)),
  k('bag_merge', () => (...args) => {
    const out: DynamicBag = {};
    for (const b of args) {
      if (!isBag(b)) continue;
      for (const key of Object.keys(b)) if (bagGet(out, key) === undefined) bagSet(out, key, b[key]!);
    }
    return out;
  }),
  k('bag_remove_keys', () => (b, keys) => {
    if (!isBag(b)) return null;
    const ks = arr(keys);
    if (!ks) return b;
    let out: DynamicBag = b;
    for (const key of ks) {
      const path = typeof key === 'string' ? bagPath(key) : null;
      if (path) out = removePath(out, path);
    }
    return out;
  }),
  k('bag_has_key', () => (b, key) => {
    if (!isBag(b) || typeof key !== 'string') return b === null ? null : false;
    const path = bagPath(key);
    return path !== null && bagHasPath(b, path);
  }),
  k('bag_set_key', (types) => (b, key, v) => {
    if (!isBag(b) || typeof key !== 'string') return null;
    const path = bagPath(key);
    return path ? setPath(b, path, toDynamic(v, types[2]!)) : null;
  }),
  k('bag_zip', () => (ks, vs) => {
    const keys = arr(ks), values = arr(vs);
    if (!keys || !values) return null;
    const out: DynamicBag = {};
    keys.forEach((key, i) => { if (typeof key === 'string') bagSet(out, key, values[i] ?? null); });
    return out;
  }),
  k('set_has_element', (types) => (a, v) => {
    const xs = arr(a);
    return xs ? indexOf(xs, v ?? null, types[1]!, 0, -1, 1) >= 0 : null;
  }),
  k('set_union', () => (...args) => { const xs = allArrays(args); return xs ? distinct(xs.flat()) : null; }),
  k('set_intersect', () => (...args) => {
    const xs = allArrays(args);
    if (!xs) return null;
    const others = xs.slice(1).map((x) => new Set(x.map(dynamicKey)));
    return distinct(xs[0]!).filter((x) => others.every((o) => o.has(dynamicKey(x))));
  }),
  k('set_difference', () => (...args) => {
    const xs = allArrays(args);
    if (!xs) return null;
    const others = new Set(xs.slice(1).flat().map(dynamicKey));
    return distinct(xs[0]!).filter((x) => !others.has(dynamicKey(x)));
  }),
  k('jaccard_index', () => (a, b) => {
    const xs = allArrays([a, b]);
    if (!xs) return null;
    const sa = new Set(xs[0]!.map(dynamicKey)), sb = new Set(xs[1]!.map(dynamicKey));
    let inter = 0;
    for (const x of sa) if (sb.has(x)) inter++;
    const union = sa.size + sb.size - inter;
    return union === 0 ? null : inter / union;
  }),
  k('zip', () => (...args) => {
    const xs = allArrays(args);
    if (!xs) return null;
    const n = Math.max(...xs.map((x) => x.length));
    return Array.from({ length: n }, (_, i) => xs.map((x) => x[i] ?? null));
  }),
  k('repeat', (types) => (v, n) => {
    const c = intArg(n);
    if (c === null || c < 0) return null;
    return new Array<DynamicValue>(Math.min(c, MAX_ARRAY)).fill(toDynamic(v, types[0]!));
  }),
  k('range', (types) => (s, e, st) => {
    if (s === null || e === null || st === null) return null;
    const t = types[0]!;
    if (t === 'datetime' || t === 'timespan') {
      const fmt = t === 'datetime' ? formatDatetime : formatTimespan;
      return tickRange(s as bigint, e as bigint, st === undefined ? TICKS_PER_HOUR : (st as bigint), fmt);
    }
    return numericRange(s!, e!, st === undefined ? 1n : st, st === undefined ? types.slice(0, 2) : types);
  }),
  k('dynamic_to_json', (types) => (v) => (types[0] === 'dynamic' ? canonicalJson((v ?? null) as DynamicValue) : valueToString(v, types[0]!))),
  k('treepath', () => (d) => (Array.isArray(d) || isBag(d) ? treePaths(d) : [])),
  k('strcat_array', (types) => (a, d) => {
    const xs = arr(a);
    if (!xs) return '';
    return xs.map((x) => dynamicToText(x)).join(valueToString(d, types[1]!));
  }),
];
