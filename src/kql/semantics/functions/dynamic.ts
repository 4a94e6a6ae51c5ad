// Signatures of the dynamic (array / property bag / set) functions.
import type { ScalarType } from '../../types/index.js';
import { ret, type ReturnRule, type ScalarFunctionSig } from '../function-sig.js';

const INTEGRAL: ReadonlySet<ScalarType> = new Set(['int', 'long']);

/** Argument i must be dynamic; the call returns t. */
const dynArg = (t: ScalarType, ...idx: number[]): ReturnRule => (a) => {
  for (const i of idx.length ? idx : [0]) {
    if (a[i] !== undefined && a[i] !== 'dynamic') return { error: `argument ${i + 1} must be a dynamic value` };
  }
  return t;
};
/** Every argument must be dynamic. */
const allDyn = (t: ScalarType): ReturnRule => (a) =>
  a.every((x) => x === 'dynamic') ? t : { error: 'all arguments must be dynamic values' };
/** Argument 0 dynamic, arguments idx integral. */
const dynAndInts = (t: ScalarType, ...idx: number[]): ReturnRule => (a, c) => {
  const r = dynArg(t)(a, c);
  if (typeof r !== 'string') return r;
  for (const i of idx) if (a[i] !== undefined && !INTEGRAL.has(a[i]!)) return { error: `argument ${i + 1} must be an integer` };
  return t;
};

const packRule: ReturnRule = (a) => (a.length % 2 === 0 ? 'dynamic' : { error: 'bag_pack() expects key/value pairs' });

const parseJsonRule: ReturnRule = (a) =>
  a[0] === 'string' || a[0] === 'dynamic' ? 'dynamic' : { error: 'A value of type string expected' };

const sortRule: ReturnRule = (a) => {
  const last = a.length > 1 && a[a.length - 1] === 'bool' ? a.length - 1 : a.length;
  for (let i = 0; i < last; i++) if (a[i] !== 'dynamic') return { error: `argument ${i + 1} must be a dynamic array` };
  return 'dynamic';
};

const rangeRule: ReturnRule = (a) => {
  const [s, e, st] = a;
  const num = (t: ScalarType | undefined) => t === 'int' || t === 'long' || t === 'real' || t === 'decimal';
  if (num(s) && num(e) && (st === undefined || num(st))) return 'dynamic';
  if ((s === 'datetime' && e === 'datetime') || (s === 'timespan' && e === 'timespan')) {
    return st === undefined || st === 'timespan' ? 'dynamic' : { error: 'range() step must be a timespan' };
  }
  return { error: 'range() expects numbers, datetimes or timespans' };
};

export const signatures: ScalarFunctionSig[] = [
  { name: 'parse_xml', minArgs: 1, maxArgs: 1, returns: (a) => (a[0] === 'string' || a[0] === 'dynamic' ? 'dynamic' : { error: 'parse_xml() takes a string' }) },
  { name: 'parse_json', aliases: ['todynamic', 'parsejson', 'toobject'], minArgs: 1, maxArgs: 1, returns: parseJsonRule },
  { name: 'array_length', aliases: ['arraylength'], minArgs: 1, maxArgs: 1, returns: dynArg('long') },
  { name: 'array_slice', minArgs: 3, maxArgs: 3, returns: dynAndInts('dynamic', 1, 2) },
  { name: 'array_concat', minArgs: 1, maxArgs: 64, returns: allDyn('dynamic') },
  { name: 'array_index_of', minArgs: 2, maxArgs: 5, returns: dynAndInts('long', 2, 3, 4) },
  { name: 'array_reverse', minArgs: 1, maxArgs: 1, returns: dynArg('dynamic') },
  { name: 'array_rotate_left', minArgs: 2, maxArgs: 2, returns: dynAndInts('dynamic', 1) },
  { name: 'array_rotate_right', minArgs: 2, maxArgs: 2, returns: dynAndInts('dynamic', 1) },
  { name: 'array_shift_left', minArgs: 2, maxArgs: 3, returns: dynAndInts('dynamic', 1) },
  { name: 'array_shift_right', minArgs: 2, maxArgs: 3, returns: dynAndInts('dynamic', 1) },
  { name: 'array_sort_asc', minArgs: 1, maxArgs: Infinity, returns: sortRule },
  { name: 'array_sort_desc', minArgs: 1, maxArgs: Infinity, returns: sortRule },
  { name: 'array_split', minArgs: 2, maxArgs: 2, returns: dynArg('dynamic') },
  { name: 'array_sum', minArgs: 1, maxArgs: 1, returns: dynArg('real') },
  { name: 'array_iff', aliases: ['array_iif'], minArgs: 3, maxArgs: 3, returns: dynArg('dynamic') },
  { name: 'bag_pack', aliases: ['pack'], minArgs: 2, maxArgs: 65534, returns: packRule },
  { name: 'pack_array', minArgs: 1, maxArgs: 32767, returns: ret.of('dynamic') },
  { name: 'bag_keys', minArgs: 1, maxArgs: 1, returns: dynArg('dynamic') },
  { name: 'bag_merge', minArgs: 2, maxArgs: 64, returns: allDyn('dynamic') },
  { name: 'bag_remove_keys', minArgs: 2, maxArgs: 2, returns: dynArg('dynamic', 0, 1) },
  { name: 'bag_has_key', minArgs: 2, maxArgs: 2, returns: (a, c) => (a[1] !== 'string' ? { error: 'A value of type string expected' } : dynArg('bool')(a, c)) },
  { name: 'bag_set_key', minArgs: 3, maxArgs: 3, returns: (a, c) => (a[1] !== 'string' ? { error: 'A value of type string expected' } : dynArg('dynamic')(a, c)) },
  { name: 'bag_zip', minArgs: 2, maxArgs: 2, returns: allDyn('dynamic') },
  { name: 'set_has_element', minArgs: 2, maxArgs: 2, returns: dynArg('bool') },
  { name: 'set_union', minArgs: 2, maxArgs: 64, returns: allDyn('dynamic') },
  { name: 'set_intersect', minArgs: 2, maxArgs: 64, returns: allDyn('dynamic') },
  { name: 'set_difference', minArgs: 2, maxArgs: 64, returns: allDyn('dynamic') },
  // Microsoft's analyzer types jaccard_index() as dynamic (the value is a real number).
  { name: 'jaccard_index', minArgs: 2, maxArgs: 2, returns: allDyn('dynamic') },
  { name: 'zip', minArgs: 2, maxArgs: 64, returns: allDyn('dynamic') },
  { name: 'repeat', minArgs: 2, maxArgs: 2, returns: (a) => (INTEGRAL.has(a[1]!) ? 'dynamic' : { error: 'repeat() count must be an integer' }) },
  { name: 'range', minArgs: 2, maxArgs: 3, returns: rangeRule },
  { name: 'dynamic_to_json', minArgs: 1, maxArgs: 1, returns: ret.of('string') },
  { name: 'treepath', minArgs: 1, maxArgs: 1, returns: dynArg('dynamic') },
  { name: 'strcat_array', minArgs: 2, maxArgs: 2, returns: dynArg('string') },
];
