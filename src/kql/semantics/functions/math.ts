// Signatures of the math functions (bin/floor/bin_at, round, abs, log/exp/trig, rand, max_of/min_of, binary_*).
// Return types follow Microsoft's analyzer (e.g. abs(int) → long, round(int) → int, sign(x) → real).
import type { ScalarType } from '../../types/index.js';
import type { ReturnRule, ScalarFunctionSig } from '../function-sig.js';

export type ArgSpec = readonly ScalarType[] | 'any';

export const INTEGER: readonly ScalarType[] = ['int', 'long'];
export const NUMBER: readonly ScalarType[] = ['int', 'long', 'real', 'decimal'];
export const STRING: readonly ScalarType[] = ['string'];
export const DATETIME: readonly ScalarType[] = ['datetime'];
export const TIMESPAN: readonly ScalarType[] = ['timespan'];

/** Checks each argument against its spec (the last spec repeats for variadic calls), then applies `rule`. */
export function checked(specs: readonly ArgSpec[], rule: ReturnRule): ReturnRule {
  return (args, consts) => {
    for (let i = 0; i < args.length; i++) {
      const spec = specs[Math.min(i, specs.length - 1)];
      if (spec === undefined || spec === 'any') continue;
      if (!spec.includes(args[i]!)) {
        return { error: `argument ${i + 1} must be of type ${spec.join(', ')} (got ${args[i]})` };
      }
    }
    return rule(args, consts);
  };
}

const isReal = (t: ScalarType | undefined) => t === 'real' || t === 'decimal';

/** bin/floor: datetime/timespan keep their type (with a timespan size); numbers give long, or real if either is real. */
const binRule: ReturnRule = (a) => {
  const [v, s] = a;
  if (v === 'datetime' || v === 'timespan') {
    return s === 'timespan' ? v : { error: `a ${v} value needs a timespan bin size` };
  }
  if (!v || !NUMBER.includes(v)) return { error: `the value must be a number, timespan or datetime` };
  if (!s || !NUMBER.includes(s)) return { error: `the bin size must be a number` };
  return isReal(v) || isReal(s) ? 'real' : 'long';
};

const binAtRule: ReturnRule = (a, c) => {
  const r = binRule(a.slice(0, 2), c);
  if (typeof r !== 'string') return r;
  const f = a[2];
  if ((r === 'datetime' || r === 'timespan') ? f !== r : !(f && NUMBER.includes(f))) {
    return { error: `the fixed point must be of the value's type` };
  }
  return r === 'long' && isReal(f) ? 'real' : r;
};

/** max_of/min_of: numbers promote (int < long < real); otherwise all arguments share one orderable type. */
export const extremeRule: ReturnRule = (a) => {
  const ts = a.filter((t) => t !== 'dynamic');
  if (ts.length !== a.length) return { error: `arguments must be numbers, strings, datetimes, timespans or bools` };
  if (ts.every((t) => NUMBER.includes(t))) return ts.some(isReal) ? 'real' : ts.some((t) => t === 'long') ? 'long' : 'int';
  if (ts.every((t) => t === ts[0]) && ts[0] !== 'guid') return ts[0]!;
  return { error: `no common type can be determined from the arguments` };
};

const real1 = (name: string): ScalarFunctionSig => ({ name, minArgs: 1, maxArgs: 1, returns: checked([NUMBER], () => 'real') });
const bits = (name: string, n: number): ScalarFunctionSig => ({ name, minArgs: n, maxArgs: n, returns: checked([INTEGER], () => 'long') });

export const signatures: ScalarFunctionSig[] = [
  { name: 'bin', aliases: ['floor'], minArgs: 2, maxArgs: 2, returns: binRule },
  { name: 'bin_at', minArgs: 3, maxArgs: 3, returns: binAtRule },
  {
    name: 'abs', minArgs: 1, maxArgs: 1,
    returns: checked([[...NUMBER, 'timespan']], (a) => (a[0] === 'int' ? 'long' : a[0] === 'decimal' ? 'real' : a[0]!)),
  },
  { name: 'ceiling', minArgs: 1, maxArgs: 1, returns: checked([NUMBER], (a) => (isReal(a[0]) ? 'real' : a[0]!)) },
  {
    name: 'round', minArgs: 1, maxArgs: 2,
    returns: checked([NUMBER, INTEGER], (a) => (isReal(a[0]) ? 'real' : a[0]!)),
  },
  { name: 'pow', minArgs: 2, maxArgs: 2, returns: checked([NUMBER, NUMBER], () => 'real') },
  { name: 'atan2', minArgs: 2, maxArgs: 2, returns: checked([NUMBER, NUMBER], () => 'real') },
  { name: 'pi', minArgs: 0, maxArgs: 0, returns: () => 'real' },
  { name: 'rand', minArgs: 0, maxArgs: 1, volatile: true, returns: checked([INTEGER], () => 'real') },
  ...['log', 'log10', 'log2', 'exp', 'exp2', 'exp10', 'sqrt', 'sign', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan',
    'cot', 'degrees', 'radians', 'gamma', 'loggamma', 'erf', 'erfc'].map(real1),
  ...['isnan', 'isinf', 'isfinite'].map((name): ScalarFunctionSig => ({
    name, minArgs: 1, maxArgs: 1, returns: checked([NUMBER], () => 'bool'),
  })),
  { name: 'max_of', minArgs: 2, maxArgs: 64, returns: extremeRule },
  { name: 'min_of', minArgs: 2, maxArgs: 64, returns: extremeRule },
  bits('binary_and', 2), bits('binary_or', 2), bits('binary_xor', 2), bits('binary_not', 1),
  bits('binary_shift_left', 2), bits('binary_shift_right', 2), bits('bitset_count_ones', 1),
];

/** Functions whose unnamed result column takes the name of their first argument when it is a column
 *  (`project abs(x)` → `x`), per Microsoft's analyzer (ResultNameKind.FirstArgument). Needs a contract field. */
export const firstArgumentNamed: readonly string[] = ['bin', 'floor', 'bin_at', 'binary_and', 'binary_or', 'binary_xor',
  'binary_not', 'binary_shift_right', 'binary_shift_left', 'bitset_count_ones', 'round', 'ceiling', 'pow', 'sqrt', 'log',
  'log2', 'log10', 'exp', 'exp2', 'exp10', 'cos', 'sin', 'tan', 'acos', 'asin', 'atan', 'atan2', 'abs', 'rand', 'gamma', 'loggamma', 'erf', 'erfc'];
