// Signatures of the hll / tdigest functions and buildschema() (the sketches are dynamic values; see engine/functions/sketches.ts).
import type { ScalarType } from '../../types/index.js';
import { ret, type AggregateSig, type ReturnRule, type ScalarFunctionSig } from '../function-sig.js';

const dyn = ret.of('dynamic');
const firstDynamic = (t: ScalarType): ReturnRule => (a) => (a[0] === 'dynamic' ? t : { error: 'the first argument must be an hll or tdigest (dynamic) value' });
const percentileTdigest: ReturnRule = (a, c) => {
  if (a[0] !== 'dynamic') return { error: 'the first argument must be a tdigest (dynamic) value' };
  const t = c[2];
  // without a type argument the element type is unknown statically: dynamic (as Microsoft's analyzer types it)
  return typeof t === 'string' && ['int', 'long', 'datetime', 'timespan', 'real'].includes(t) ? (t === 'int' ? 'long' : t as ScalarType) : 'dynamic';
};

export const sketchSignatures: ScalarFunctionSig[] = [
  { name: 'dcount_hll', minArgs: 1, maxArgs: 1, returns: firstDynamic('long') },
  { name: 'hll_merge', minArgs: 2, maxArgs: 64, returns: firstDynamic('dynamic') },
  { name: 'merge_tdigest', aliases: ['tdigest_merge'], minArgs: 2, maxArgs: 64, returns: firstDynamic('dynamic') },
  { name: 'percentile_tdigest', minArgs: 2, maxArgs: 3, returns: percentileTdigest },
  { name: 'percentiles_array_tdigest', minArgs: 2, maxArgs: 64, returns: firstDynamic('dynamic') },
  { name: 'rank_tdigest', minArgs: 2, maxArgs: 2, returns: firstDynamic('real') },
];

export const sketchAggregateSignatures: AggregateSig[] = [
  { name: 'hll', minArgs: 1, maxArgs: 2, returns: dyn, prefix: 'hll' },
  { name: 'hll_if', minArgs: 2, maxArgs: 3, returns: dyn, prefix: 'hll_if' },
  { name: 'hll_merge', minArgs: 1, maxArgs: 1, returns: dyn, prefix: 'hll_merge' },
  { name: 'tdigest', minArgs: 1, maxArgs: 2, returns: dyn, prefix: 'tdigest' },
  { name: 'buildschema', minArgs: 1, maxArgs: 1, returns: (a) => (a[0] === 'dynamic' ? 'dynamic' : { error: 'buildschema() takes a dynamic value' }), prefix: 'schema' },
  { name: 'tdigest_merge', minArgs: 1, maxArgs: 1, returns: dyn, prefix: 'merge_tdigests' },
];
