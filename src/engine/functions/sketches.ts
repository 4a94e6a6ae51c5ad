// hll and tdigest "sketches", kept exact: an hll is the set of distinct values, a tdigest the sorted
// (value, weight) pairs, both as dynamic values so they can be stored, merged and queried later
// (dcount_hll, hll_merge, percentile_tdigest, rank_tdigest, merge_tdigest). Exact answers are within
// any error bound Kusto documents for its estimates.
import type { DynamicValue, ScalarType, Value } from '../../kql/types/index.js';
import type { AggregateKernel, ScalarKernel } from './kernel.js';
import { compareDynamicValues, dynamicKey, toDynamic } from './dynamic-compare.js';
import { convertValue } from './conversion.js';

const HLL = 'kqlite_hll';
const TDIGEST = 'kqlite_tdigest';

type Bag = { [k: string]: DynamicValue };
const isNull = (v: Value | undefined): v is null | undefined => v === null || v === undefined;

/** The distinct values held by an hll sketch, or null when the value is not one. */
export function hllValues(v: Value): DynamicValue[] | null {
  return v && typeof v === 'object' && !Array.isArray(v) && Array.isArray((v as Bag)[HLL]) ? ((v as Bag)[HLL] as DynamicValue[]) : null;
}
function digestPairs(v: Value): [number, number][] | null {
  return v && typeof v === 'object' && !Array.isArray(v) && Array.isArray((v as Bag)[TDIGEST]) ? ((v as Bag)[TDIGEST] as [number, number][]) : null;
}

function makeHll(values: Iterable<DynamicValue>): DynamicValue {
  const m = new Map<string, DynamicValue>();
  for (const v of values) m.set(dynamicKey(v), v);
  return { [HLL]: [...m.values()].sort((a, b) => compareDynamicValues(a, b) ?? 0) };
}

function makeDigest(pairs: [number, number][]): DynamicValue {
  const m = new Map<number, number>();
  for (const [v, w] of pairs) m.set(v, (m.get(v) ?? 0) + w);
  return { [TDIGEST]: [...m.entries()].sort((a, b) => a[0] - b[0]) };
}

const agg = (name: string, make: AggregateKernel['make']): AggregateKernel => ({ name, make });

/** hll(x) / hll_if(x, p): distinct non-null values. */
function hllMaker(predicate: boolean): AggregateKernel['make'] {
  return (types) => () => {
    const seen = new Map<string, DynamicValue>();
    return {
      add: (v, p) => {
        if (isNull(v) || (predicate && p !== true)) return;
        const d = toDynamic(v, types[0]!);
        seen.set(dynamicKey(d), d);
      },
      result: () => (seen.size ? makeHll(seen.values()) : null),
    };
  };
}

/** hll_merge(h) / tdigest_merge(t): union of the sketches in the group. */
function mergeMaker(kind: 'hll' | 'tdigest'): AggregateKernel['make'] {
  return () => () => {
    const vals: DynamicValue[] = [];
    const pairs: [number, number][] = [];
    return {
      add: (v) => {
        if (kind === 'hll') vals.push(...(hllValues(v) ?? []));
        else pairs.push(...(digestPairs(v) ?? []));
      },
      result: () => (kind === 'hll' ? makeHll(vals) : makeDigest(pairs)),
    };
  };
}

function tdigestMaker(): AggregateKernel['make'] {
  return () => () => {
    const pairs: [number, number][] = [];
    return {
      add: (v, w) => {
        if (isNull(v)) return;
        const wt = w === undefined ? 1 : Number(w);
        if (Number.isFinite(wt) && wt > 0) pairs.push([Number(v), wt]);
      },
      result: () => (pairs.length ? makeDigest(pairs) : null),
    };
  };
}

export const sketchAggregates: AggregateKernel[] = [
  agg('hll', hllMaker(false)),
  agg('hll_if', hllMaker(true)),
  agg('hll_merge', mergeMaker('hll')),
  agg('tdigest', tdigestMaker()),
  agg('tdigest_merge', mergeMaker('tdigest')),
];

/** Weighted nearest-rank percentile of a digest. */
function digestPercentile(pairs: [number, number][], p: number): number | null {
  if (!pairs.length) return null;
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  const rank = Math.max(1, Math.ceil((p / 100) * total - 1e-9));
  let cum = 0;
  for (const [v, w] of pairs) { cum += w; if (cum >= rank) return v; }
  return pairs[pairs.length - 1]![0];
}

const k = (name: string, make: ScalarKernel['make']): ScalarKernel => ({ name, make });

export const sketchKernels: ScalarKernel[] = [
  k('dcount_hll', () => (h) => { const v = hllValues(h); return v ? BigInt(v.length) : null; }),
  k('hll_merge', () => (...hs) => makeHll(hs.flatMap((h) => hllValues(h) ?? []))),
  k('merge_tdigest', () => (...ts) => makeDigest(ts.flatMap((t) => digestPairs(t) ?? []))),
  k('percentile_tdigest', (_types, consts) => {
    const to = (typeof consts[2] === 'string' ? consts[2] : 'dynamic') as ScalarType;
    return (t, p) => {
      const pairs = digestPairs(t);
      if (!pairs || isNull(p)) return null;
      const v = digestPercentile(pairs, Number(p));
      if (v === null) return null;
      return to === 'dynamic' ? v : convertValue(v, 'real', to === 'int' ? 'long' : to);
    };
  }),
  k('percentiles_array_tdigest', () => (t, ...ps) => {
    const pairs = digestPairs(t);
    if (!pairs) return null;
    const list = ps.length === 1 && Array.isArray(ps[0]) ? (ps[0] as DynamicValue[]) : ps;
    return list.map((p) => digestPercentile(pairs, Number(p)));
  }),
  k('rank_tdigest', () => (t, v) => {
    const pairs = digestPairs(t);
    if (!pairs || isNull(v)) return null;
    const x = Number(v);
    return pairs.reduce((s, [y, w]) => s + (y <= x ? w : 0), 0);
  }),
];
