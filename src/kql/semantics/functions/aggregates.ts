// Signatures of the aggregation functions used by summarize (types and default column-name prefixes as Kusto's
// analyzer gives them: sum(int) → long, avg(timespan) → timespan, percentile(int) → long, …).
import type { ScalarType } from '../../types/index.js';
import { ret, type AggregateSig, type ReturnRule } from '../function-sig.js';

const NUMERIC: ReadonlySet<ScalarType> = new Set(['int', 'long', 'real', 'decimal']);
const ORDERABLE: ReadonlySet<ScalarType> = new Set(['int', 'long', 'real', 'decimal', 'datetime', 'timespan', 'string', 'bool', 'guid']);

/** Checks that argument i (when present) is a bool predicate. */
const pred = (i: number, then: ReturnRule): ReturnRule => (a, c) =>
  a[i] !== undefined && a[i] !== 'bool' ? { error: 'A value of type bool expected' } : then(a, c);

export const sumType: ReturnRule = (a) => {
  const t = a[0]!;
  if (t === 'int' || t === 'long') return 'long';
  if (t === 'real' || t === 'decimal') return 'real';
  if (t === 'timespan' || t === 'datetime') return t;
  return { error: 'The argument value must be summable: a number, timespan or datetime' };
};

export const avgType: ReturnRule = (a) => {
  const t = a[0]!;
  if (NUMERIC.has(t)) return 'real';
  if (t === 'timespan' || t === 'datetime') return t;
  return { error: 'The argument value must be a number, timespan or datetime' };
};

const orderable: ReturnRule = (a) =>
  ORDERABLE.has(a[0]!) ? a[0]! : { error: 'The argument value must be orderable: a number, timespan, datetime, string or boolean' };

const statType: ReturnRule = (a) =>
  NUMERIC.has(a[0]!) || a[0] === 'timespan' || a[0] === 'datetime' ? 'real' : { error: 'The argument value must be a number' };

const pairStat: ReturnRule = (a, c) => {
  const x = statType(a, c);
  return typeof x === 'object' ? x : statType(a.slice(1), c);
};

/** percentile(int|long) → long; otherwise the argument's type. */
export const percentileType: ReturnRule = (a) => (a[0] === 'int' ? 'long' : a[0] === 'decimal' ? 'real' : a[0] === 'dynamic' ? { error: 'The argument value must be orderable' } : a[0]!);

const bitType: ReturnRule = (a) => (a[0] === 'int' || a[0] === 'long' ? a[0] : { error: 'The argument value must be an integer' });

const bagArg: ReturnRule = (a) => (a[0] === 'dynamic' ? 'dynamic' : { error: 'The expression must be a dynamic bag' });

const long = ret.of('long');
const dyn = ret.of('dynamic');

export const aggregateSignatures: AggregateSig[] = [
  { name: 'count', minArgs: 0, maxArgs: 1, returns: long, prefix: 'count' },
  { name: 'countif', minArgs: 1, maxArgs: 1, returns: pred(0, long), prefix: 'countif' },
  { name: 'dcount', minArgs: 1, maxArgs: 2, returns: long, prefix: 'dcount' },
  { name: 'dcountif', minArgs: 2, maxArgs: 3, returns: pred(1, long), prefix: 'dcountif' },
  { name: 'count_distinct', minArgs: 1, maxArgs: 1, returns: long, prefix: 'count_distinct' },
  { name: 'count_distinctif', minArgs: 2, maxArgs: 2, returns: pred(1, long), prefix: 'count_distinctif' },
  { name: 'sum', minArgs: 1, maxArgs: 1, returns: sumType, prefix: 'sum' },
  { name: 'sumif', minArgs: 2, maxArgs: 2, returns: pred(1, sumType), prefix: 'sumif' },
  { name: 'avg', minArgs: 1, maxArgs: 1, returns: avgType, prefix: 'avg' },
  { name: 'avgif', minArgs: 2, maxArgs: 2, returns: pred(1, avgType), prefix: 'avgif' },
  { name: 'min', minArgs: 1, maxArgs: 1, returns: orderable, prefix: 'min' },
  { name: 'max', minArgs: 1, maxArgs: 1, returns: orderable, prefix: 'max' },
  { name: 'minif', minArgs: 2, maxArgs: 2, returns: pred(1, orderable), prefix: 'minif' },
  { name: 'maxif', minArgs: 2, maxArgs: 2, returns: pred(1, orderable), prefix: 'maxif' },
  { name: 'make_set', aliases: ['makeset'], minArgs: 1, maxArgs: 2, returns: dyn, prefix: 'set' },
  { name: 'make_set_if', minArgs: 2, maxArgs: 3, returns: pred(1, dyn), prefix: 'set' },
  { name: 'make_list', aliases: ['makelist'], minArgs: 1, maxArgs: 2, returns: dyn, prefix: 'list' },
  { name: 'make_list_if', minArgs: 2, maxArgs: 3, returns: pred(1, dyn), prefix: 'list' },
  { name: 'make_list_with_nulls', minArgs: 1, maxArgs: 2, returns: dyn, prefix: 'list' },
  { name: 'make_bag', minArgs: 1, maxArgs: 2, returns: bagArg, prefix: 'bag' },
  { name: 'make_dictionary', minArgs: 1, maxArgs: 2, returns: bagArg, prefix: 'dictionary' },
  { name: 'make_bag_if', minArgs: 2, maxArgs: 3, returns: pred(1, bagArg), prefix: 'bag' },
  // take_any(x) keeps the column's own name (several arguments: one column each); any(x) is named any_x.
  { name: 'take_any', minArgs: 1, maxArgs: Infinity, returns: ret.arg(0), prefix: '', special: 'take_any' },
  // arg_max(by, cols…): the extremum's row; columns named after the arguments (the binder handles naming).
  { name: 'arg_max', aliases: ['argmax'], minArgs: 1, maxArgs: Infinity, returns: orderable, prefix: '', special: 'arg_max' },
  { name: 'arg_min', aliases: ['argmin'], minArgs: 1, maxArgs: Infinity, returns: orderable, prefix: '', special: 'arg_min' },
  // One argument only: several would need the row-tuple handling of take_any (use take_any for that).
  { name: 'any', minArgs: 1, maxArgs: 1, returns: ret.arg(0), prefix: 'any' },
  // Microsoft's analyzer names take_anyif(x, p) plainly x; not special here, since its second argument is the predicate.
  { name: 'take_anyif', minArgs: 2, maxArgs: 2, returns: pred(1, ret.arg(0)), prefix: 'take_anyif' },
  { name: 'anyif', minArgs: 2, maxArgs: 2, returns: pred(1, ret.arg(0)), prefix: 'anyif' },
  { name: 'stdev', minArgs: 1, maxArgs: 1, returns: statType, prefix: 'stdev' },
  { name: 'stdevif', minArgs: 2, maxArgs: 2, returns: pred(1, statType), prefix: 'stdevif' },
  { name: 'stdevp', minArgs: 1, maxArgs: 1, returns: statType, prefix: 'stdevp' },
  { name: 'variance', minArgs: 1, maxArgs: 1, returns: statType, prefix: 'variance' },
  { name: 'varianceif', minArgs: 2, maxArgs: 2, returns: pred(1, statType), prefix: 'varianceif' },
  // the variancep doc example prints its column as variance_x
  { name: 'variancep', minArgs: 1, maxArgs: 1, returns: statType, prefix: 'variance' },
  { name: 'variancepif', minArgs: 2, maxArgs: 2, returns: pred(1, statType), prefix: 'variancepif' },
  // The docs' examples print covariance(x, y) as covariance_x_y (Microsoft's analyzer says covariance_x); we follow
  // the printed output of real runs.
  { name: 'covariance', minArgs: 2, maxArgs: 2, returns: pairStat, prefix: 'covariance', nameArgs: 2 },
  { name: 'covarianceif', minArgs: 3, maxArgs: 3, returns: pred(2, pairStat), prefix: 'covarianceif', nameArgs: 2 },
  { name: 'covariancep', minArgs: 2, maxArgs: 2, returns: pairStat, prefix: 'covariancep', nameArgs: 2 },
  { name: 'covariancepif', minArgs: 3, maxArgs: 3, returns: pred(2, pairStat), prefix: 'covariancepif', nameArgs: 2 },
  { name: 'percentile', minArgs: 2, maxArgs: 2, returns: percentileType, prefix: 'percentile' },
  { name: 'percentiles', minArgs: 2, maxArgs: Infinity, returns: percentileType, prefix: 'percentile', special: 'percentiles' },
  { name: 'percentiles_array', minArgs: 2, maxArgs: Infinity, returns: dyn, prefix: 'percentile' },
  { name: 'percentilew', minArgs: 3, maxArgs: 3, returns: percentileType, prefix: 'percentile' },
  { name: 'percentilesw', minArgs: 3, maxArgs: Infinity, returns: percentileType, prefix: 'percentile', special: 'percentiles' },
  { name: 'percentilesw_array', minArgs: 3, maxArgs: Infinity, returns: dyn, prefix: 'percentile' },
  // Microsoft's analyzer names binary_all_*(x) after the column itself (like take_any), not binary_all_and_x.
  { name: 'binary_all_and', minArgs: 1, maxArgs: 1, returns: bitType, prefix: 'binary_all_and' },
  { name: 'binary_all_or', minArgs: 1, maxArgs: 1, returns: bitType, prefix: 'binary_all_or' },
  { name: 'binary_all_xor', minArgs: 1, maxArgs: 1, returns: bitType, prefix: 'binary_all_xor' },
];
