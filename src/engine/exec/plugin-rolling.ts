// rolling_percentile: per bin holding data, the nearest-rank percentile of the values in that bin and the
// binsPerWindow - 1 bins before it (per dimension combination). Bins arrive already computed by bin().
import type { DynamicValue, ScalarType, Value } from '../../kql/types/index.js';
import { weightedPercentileOf } from '../functions/aggregates-stats.js';
import { fromDynamic, toDynamic } from '../functions/dynamic-compare.js';
import { KernelError } from '../functions/kernel.js';

export interface RollRow { value: DynamicValue; bin: number; binOut: DynamicValue; n: number; dims: DynamicValue[]; dimKey: string }

/** Bins per window beyond this are refused (each output row merges that many bins). */
export const MAX_BINS_PER_WINDOW = 100_000;
/** Values merged over all windows beyond this are refused (wide windows over many values would not finish). */
const MAX_MERGED = 50_000_000;

export function rollingPercentile(rows: readonly RollRow[], pct: number, size: number, binsPerWindow: number, valueType: ScalarType): DynamicValue[][] {
  if (!(binsPerWindow >= 1) || binsPerWindow > MAX_BINS_PER_WINDOW || !Number.isInteger(binsPerWindow)) {
    throw new KernelError('KQL3014', `rolling_percentile: BinsPerWindow must be an integer from 1 to ${MAX_BINS_PER_WINDOW}, got ${binsPerWindow}`);
  }
  if (!(pct >= 0 && pct <= 100)) throw new KernelError('KQL3014', `rolling_percentile: the percentile must be between 0 and 100, got ${pct}`);
  const groups = new Map<string, Map<number, { out: DynamicValue; pairs: [Value, number][] }>>();
  for (const r of rows) {
    const g = groups.get(r.dimKey) ?? groups.set(r.dimKey, new Map()).get(r.dimKey)!;
    const b = g.get(r.bin) ?? g.set(r.bin, { out: r.binOut, pairs: [] }).get(r.bin)!;
    const v = fromDynamic(r.value, valueType);
    if (v !== null) b.pairs.push([v, r.n]);
  }
  const dimsOf = new Map(rows.map((r) => [r.dimKey, r.dims]));
  const out: DynamicValue[][] = [];
  let merged = 0;
  for (const [key, bins] of groups) {
    const order = [...bins.keys()].sort((a, b) => a - b);
    let lo = 0;
    for (let i = 0; i < order.length; i++) {
      const b = order[i]!;
      // bins strictly after b - binsPerWindow·size are in the window (a small epsilon absorbs float steps)
      while (order[lo]! <= b - binsPerWindow * size + size * 1e-9) lo++;
      const pairs: [Value, number][] = [];
      for (let j = lo; j <= i; j++) for (const pr of bins.get(order[j]!)!.pairs) pairs.push(pr);
      merged += pairs.length;
      if (merged > MAX_MERGED) throw new KernelError('KQL3011', 'rolling_percentile: the windows hold too many values; use fewer bins per window');
      const v = weightedPercentileOf(pairs, pct, valueType);
      out.push([bins.get(b)!.out, ...dimsOf.get(key)!, toDynamic(v, valueType)]);
    }
  }
  return out;
}
