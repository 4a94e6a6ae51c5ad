// Statistical aggregate kernels: stdev/variance/covariance (sample and population), percentile(s) by nearest rank (plain and
// weighted), binary_all_and/or/xor. Kusto estimates percentiles with t-digest; exact nearest rank is what the
// docs define and matches their examples.
import type { DynamicValue, ScalarType, Value } from '../../kql/types/index.js';
import type { AggregateKernel } from './kernel.js';
import { KernelError } from './kernel.js';
import { toDynamic } from './dynamic-compare.js';
import { compareForArgMax } from './aggregates.js';

const isNull = (v: Value | undefined): v is null | undefined => v === null || v === undefined;

const agg = (name: string, make: AggregateKernel['make']): AggregateKernel => ({ name, make });

/** Welford's running mean/variance; sample variance of fewer than two values is 0, as is an empty group. */
function spread(population: boolean, root: boolean, withPred: boolean): AggregateKernel['make'] {
  return () => () => {
    let n = 0, mean = 0, m2 = 0;
    return {
      add: (v, p) => {
        if (isNull(v) || (withPred && p !== true)) return;
        const x = Number(v);
        n++;
        const d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
      },
      result: () => {
        const div = population ? n : n - 1;
        const variance = div <= 0 ? 0 : Math.max(0, m2 / div);
        return root ? Math.sqrt(variance) : variance;
      },
    };
  };
}

/** Running co-moment of (x, y) pairs; rows with a null in x or y are skipped. Sample covariance of < 2 pairs is 0. */
function covariance(population: boolean, withPred: boolean): AggregateKernel['make'] {
  return () => () => {
    let n = 0, mx = 0, my = 0, c = 0;
    return {
      add: (x, y, p) => {
        if (isNull(x) || isNull(y) || (withPred && p !== true)) return;
        const a = Number(x), b = Number(y);
        n++;
        const dx = a - mx;
        mx += dx / n;
        my += (b - my) / n;
        c += dx * (b - my);
      },
      result: () => {
        const div = population ? n : n - 1;
        return div <= 0 ? 0 : c / div;
      },
    };
  };
}

/** 0-based index of the nearest-rank p-th percentile among n sorted values: rank ceil(p/100·n), at least 1. */
export function nearestRankIndex(n: number, p: number): number {
  const rank = Math.ceil((p / 100) * n - 1e-9);
  return Math.min(n, Math.max(1, rank)) - 1;
}

/** The p-th percentile (nearest rank) of values of one type; nulls/NaN skipped; null for no values. */
export function percentileOf(values: readonly Value[], p: number, type: ScalarType): Value {
  const xs = values.filter((v) => !isNull(v) && !(typeof v === 'number' && Number.isNaN(v)));
  if (xs.length === 0) return null;
  if (xs.every((v) => typeof v === 'number')) {
    // Typed-array sort: numeric order without a comparator call per pair.
    const f = Float64Array.from(xs as number[]).sort();
    return f[nearestRankIndex(f.length, p)]!;
  }
  xs.sort((a, b) => compareForArgMax(a, b, type));
  return xs[nearestRankIndex(xs.length, p)]!;
}

/** Weighted nearest rank: the first value (ascending) whose cumulative weight reaches ceil(p/100·total). */
export function weightedPercentileOf(pairs: readonly (readonly [Value, number])[], p: number, type: ScalarType): Value {
  const xs = pairs.filter(([v, w]) => !isNull(v) && w > 0).slice().sort((a, b) => compareForArgMax(a[0], b[0], type));
  if (xs.length === 0) return null;
  const total = xs.reduce((s, [, w]) => s + w, 0);
  const rank = Math.max(1, Math.ceil((p / 100) * total - 1e-9));
  let cum = 0;
  for (const [v, w] of xs) {
    cum += w;
    if (cum >= rank) return v;
  }
  return xs[xs.length - 1]![0];
}

/** percentile(int) is typed long: widen the chosen value to the declared result type. */
function asResult(v: Value, type: ScalarType): Value {
  return type === 'int' && typeof v === 'number' ? BigInt(v) : v;
}

/** Percent arguments: numbers, or (percentiles_array) one dynamic array of numbers. */
function percentArgs(vs: readonly (Value | undefined)[]): number[] {
  return vs.flatMap((v) => (Array.isArray(v) ? (v as Value[]).map(percentArg) : [percentArg(v)]));
}

function percentArg(v: Value | undefined): number {
  const p = typeof v === 'bigint' ? Number(v) : v;
  if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 100) {
    throw new KernelError('KQL3014', `percentile must be a number between 0 and 100, got ${String(v)}`);
  }
  return p;
}

/** percentile(x, p) / percentiles(x, p1, …): values are kept until the end (exact, memory grows with the group). */
function percentileMaker(many: boolean): AggregateKernel['make'] {
  return (types, consts) => {
    const t = types[0]!;
    const given = consts.slice(1);
    const fixed = given.every((c) => c !== undefined) ? percentArgs(given) : null;
    return () => {
      const values: Value[] = [];
      let ps: number[] | null = fixed;
      return {
        add: (v, ...rest) => {
          if (ps === null) ps = percentArgs(rest);
          if (!isNull(v)) values.push(v);
        },
        result: () => {
          const got = (ps ?? []).map((p) => asResult(percentileOf(values, p, t), t));
          return many ? got.map((v) => toDynamic(v, t === 'int' ? 'long' : t)) as DynamicValue[] : got[0] ?? null;
        },
      };
    };
  };
}

function weightedMaker(many: boolean): AggregateKernel['make'] {
  return (types, consts) => {
    const t = types[0]!;
    const given = consts.slice(2);
    const fixed = given.every((c) => c !== undefined) ? percentArgs(given) : null;
    return () => {
      const pairs: [Value, number][] = [];
      let ps: number[] | null = fixed;
      return {
        add: (v, w, ...rest) => {
          if (ps === null) ps = percentArgs(rest);
          if (!isNull(v) && !isNull(w)) pairs.push([v, Number(w)]);
        },
        result: () => {
          const got = (ps ?? []).map((p) => asResult(weightedPercentileOf(pairs, p, t), t));
          return many ? got.map((v) => toDynamic(v, t === 'int' ? 'long' : t)) as DynamicValue[] : got[0] ?? null;
        },
      };
    };
  };
}

function bitwise(op: 'and' | 'or' | 'xor'): AggregateKernel['make'] {
  return (types) => () => {
    const long = types[0] === 'long';
    let acc: bigint | null = null;
    return {
      add: (v) => {
        if (isNull(v)) return;
        const x = BigInt(v as number | bigint);
        acc = acc === null ? x : op === 'and' ? acc & x : op === 'or' ? acc | x : acc ^ x;
      },
      result: () => (acc === null ? null : long ? BigInt.asIntN(64, acc) : Number(BigInt.asIntN(32, acc))),
    };
  };
}

export const aggregateKernels: AggregateKernel[] = [
  agg('stdev', spread(false, true, false)),
  agg('stdevif', spread(false, true, true)),
  agg('stdevp', spread(true, true, false)),
  agg('variance', spread(false, false, false)),
  agg('varianceif', spread(false, false, true)),
  agg('variancep', spread(true, false, false)),
  agg('variancepif', spread(true, false, true)),
  agg('covariance', covariance(false, false)),
  agg('covarianceif', covariance(false, true)),
  agg('covariancep', covariance(true, false)),
  agg('covariancepif', covariance(true, true)),
  agg('percentile', percentileMaker(false)),
  agg('percentiles', percentileMaker(true)),
  agg('percentiles_array', percentileMaker(true)),
  agg('percentilew', weightedMaker(false)),
  agg('percentilesw', weightedMaker(true)),
  agg('percentilesw_array', weightedMaker(true)),
  agg('binary_all_and', bitwise('and')),
  agg('binary_all_or', bitwise('or')),
  agg('binary_all_xor', bitwise('xor')),
];
