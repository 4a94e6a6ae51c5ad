// The per-query kernel context: a pinned now() and a seeded random source.
import { parseDatetime, TICKS_PER_MILLISECOND } from '../kql/types/index.js';
import type { KernelContext } from './functions/index.js';
import type { QueryOptions } from './run-query.js';
import { mulberry32 } from '../util/random.js';

export function makeKernelContext(opts: QueryOptions): KernelContext {
  let now: bigint;
  if (typeof opts.now === 'bigint') now = opts.now;
  else if (typeof opts.now === 'string') {
    const t = parseDatetime(opts.now);
    if (t === null) throw new Error(`invalid now: ${opts.now}`);
    now = t;
  } else now = BigInt((opts.now ?? new Date()).getTime()) * TICKS_PER_MILLISECOND;
  return { now, random: mulberry32(opts.seed ?? (Date.now() & 0xffffffff)) };
}
