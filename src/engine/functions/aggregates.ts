// Aggregate kernels: count/dcount, sum/avg, min/max, make_set/list/bag, take_any (and their *if forms).
// Nulls are ignored (make_list_with_nulls keeps them). Empty groups give Kusto's defaults: counts and sums 0,
// make_* [], avg of numbers NaN (as the summarize docs show), everything else null.
// dcount is exact here (Kusto estimates with HyperLogLog; on small sets both agree).
import type { DynamicValue, ScalarType, Value } from '../../kql/types/index.js';
import type { AggState, AggregateKernel } from './kernel.js';
import { bagGet, bagSet, compareDynamicValues, dynamicKey, isBag, toDynamic, type DynamicBag } from './dynamic-compare.js';
import { MAX_ARRAY, intArg } from './dynamic.js';

const isNull = (v: Value | undefined): v is null | undefined => v === null || v === undefined;

/** Orders two values of one KQL type like Kusto's sort: null and NaN lowest, strings ordinal, false < true.
 *  arg_max/arg_min should skip rows whose key is null unless every key in the group is null. */
export function compareForArgMax(a: Value | undefined, b: Value | undefined, type: ScalarType): number {
  const an = isNull(a) || (typeof a === 'number' && Number.isNaN(a));
  const bn = isNull(b) || (typeof b === 'number' && Number.isNaN(b));
  if (an || bn) return an && bn ? 0 : an ? -1 : 1;
  if (type === 'dynamic') return compareDynamicValues(a as DynamicValue, b as DynamicValue) ?? 0;
  if (typeof a === 'boolean') return Number(a) - Number(b);
  return a! < b! ? -1 : a! > b! ? 1 : 0;
}

/** Key under which a value counts as distinct (bigints and strings compare by value in a Set already). */
export function distinctKey(v: Value, type: ScalarType): unknown {
  return type === 'dynamic' ? dynamicKey(v as DynamicValue) : v;
}

const agg = (name: string, make: AggregateKernel['make']): AggregateKernel => ({ name, make });

function counter(test: (args: Value[]) => boolean): AggregateKernel['make'] {
  return () => () => {
    let n = 0n;
    return { add: (...args) => { if (test(args)) n++; }, result: () => n };
  };
}

function distinctCounter(predIndex: number | null): AggregateKernel['make'] {
  return (types) => () => {
    const seen = new Set<unknown>();
    return {
      add: (...args) => {
        if (isNull(args[0]) || (predIndex !== null && args[predIndex] !== true)) return;
        seen.add(distinctKey(args[0], types[0]!));
      },
      result: () => BigInt(seen.size),
    };
  };
}

const BIG_SUM: ReadonlySet<ScalarType> = new Set(['int', 'long', 'timespan', 'datetime']);

function summer(withPred: boolean, average: boolean): AggregateKernel['make'] {
  return (types) => () => {
    const t = types[0]!;
    const exact = BIG_SUM.has(t);
    let big = 0n, real = 0, n = 0;
    const state: AggState = {
      add: (v, p) => {
        if (isNull(v) || (withPred && p !== true)) return;
        n++;
        if (exact) big += typeof v === 'bigint' ? v : BigInt(v as number);
        else real += Number(v);
      },
      result: () => {
        if (!average) return exact ? BigInt.asIntN(64, big) : real;
        if (t === 'timespan' || t === 'datetime') return n === 0 ? null : big / BigInt(n);
        return (exact ? Number(big) : real) / n;
      },
    };
    return state;
  };
}

function extremum(sign: 1 | -1, withPred: boolean): AggregateKernel['make'] {
  return (types) => () => {
    const t = types[0]!;
    let best: Value = null;
    return {
      add: (v, p) => {
        if (isNull(v) || (typeof v === 'number' && Number.isNaN(v)) || (withPred && p !== true)) return;
        if (best === null || sign * compareForArgMax(v, best, t) > 0) best = v;
      },
      result: () => best,
    };
  };
}

/** The constant max-size argument at index i, or Kusto's default and cap of 2^20. */
function maxSize(consts: readonly (Value | undefined)[], i: number): number {
  const n = intArg(consts[i]);
  return n === null || n <= 0 ? MAX_ARRAY : Math.min(n, MAX_ARRAY);
}

function setMaker(predIndex: number | null): AggregateKernel['make'] {
  return (types, consts) => () => {
    const limit = maxSize(consts, predIndex === null ? 1 : 2);
    const seen = new Set<string>();
    const out: DynamicValue[] = [];
    const put = (d: DynamicValue) => {
      const key = dynamicKey(d);
      if (d !== null && out.length < limit && !seen.has(key)) { seen.add(key); out.push(d); }
    };
    return {
      add: (...args) => {
        if (isNull(args[0]) || (predIndex !== null && args[predIndex] !== true)) return;
        const d = toDynamic(args[0], types[0]!);
        // make_set of an array adds its elements (documented "set from array column").
        if (Array.isArray(d)) d.forEach(put);
        else put(d);
      },
      result: () => out,
    };
  };
}

function listMaker(predIndex: number | null, keepNulls: boolean): AggregateKernel['make'] {
  return (types, consts) => () => {
    const limit = maxSize(consts, predIndex === null ? 1 : 2);
    const out: DynamicValue[] = [];
    return {
      add: (...args) => {
        if ((!keepNulls && isNull(args[0])) || (predIndex !== null && args[predIndex] !== true)) return;
        if (out.length < limit) out.push(toDynamic(args[0], types[0]!));
      },
      result: () => out,
    };
  };
}

function bagMaker(predIndex: number | null): AggregateKernel['make'] {
  return (_types, consts) => () => {
    const limit = maxSize(consts, predIndex === null ? 1 : 2);
    const out: DynamicBag = {};
    let size = 0;
    return {
      add: (...args) => {
        const b = args[0];
        if (!isBag(b) || (predIndex !== null && args[predIndex] !== true)) return;
        for (const key of Object.keys(b)) {
          if (size >= limit) return;
          if (bagGet(out, key) === undefined) { bagSet(out, key, b[key]!); size++; }
        }
      },
      result: () => out,
    };
  };
}

/** take_any: the first non-null value (non-empty for strings when there is one). With several arguments the
 *  result is the chosen row's values as a JS array, one per argument, for the caller to spread into columns. */
function anyMaker(withPred: boolean): AggregateKernel['make'] {
  return (types) => () => {
    let row: Value[] | null = null;
    let good = false;
    const multi = !withPred && types.length > 1;
    return {
      add: (...args) => {
        if (good || (withPred && args[1] !== true)) return;
        const v = args[0];
        const isGood = !isNull(v) && v !== '';
        if (isGood || row === null) { row = multi ? args.map((x) => x ?? null) : [v ?? null]; good = isGood; }
      },
      result: () => (row === null ? (multi ? types.map(() => null) : types[0] === 'string' ? '' : null)
        : multi ? (row as unknown as Value) : row[0]!),
    };
  };
}

export const aggregateKernels: AggregateKernel[] = [
  agg('count', counter((a) => a.length === 0 || !isNull(a[0]))),
  agg('countif', counter((a) => a[0] === true)),
  agg('dcount', distinctCounter(null)),
  agg('dcountif', distinctCounter(1)),
  agg('count_distinct', distinctCounter(null)),
  agg('count_distinctif', distinctCounter(1)),
  agg('sum', summer(false, false)),
  agg('sumif', summer(true, false)),
  agg('avg', summer(false, true)),
  agg('avgif', summer(true, true)),
  agg('min', extremum(-1, false)),
  agg('max', extremum(1, false)),
  agg('minif', extremum(-1, true)),
  agg('maxif', extremum(1, true)),
  agg('make_set', setMaker(null)),
  agg('make_set_if', setMaker(1)),
  agg('make_list', listMaker(null, false)),
  agg('make_list_if', listMaker(1, false)),
  agg('make_list_with_nulls', listMaker(null, true)),
  agg('make_bag', bagMaker(null)),
  agg('make_dictionary', bagMaker(null)),
  agg('make_bag_if', bagMaker(1)),
  agg('take_any', anyMaker(false)),
  agg('any', anyMaker(false)),
  agg('take_anyif', anyMaker(true)),
  agg('anyif', anyMaker(true)),
];
