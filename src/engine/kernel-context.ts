// The per-query kernel context: a pinned now() and a seeded random source.
import { parseDatetime, TICKS_PER_MILLISECOND } from '../kql/types/index.js';
import type { KernelContext } from './functions/index.js';
import type { QueryOptions } from './run-query.js';

/** mulberry32: small, fast, deterministic. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeKernelContext(opts: QueryOptions): KernelContext {
  let now: bigint;
  if (typeof opts.now === 'bigint') now = opts.now;
  else if (typeof opts.now === 'string') {
    const t = parseDatetime(opts.now);
    if (t === null) throw new Error(`invalid now: ${opts.now}`);
    now = t;
  } else now = BigInt((opts.now ?? new Date()).getTime()) * TICKS_PER_MILLISECOND;
  return { now, random: seeded(opts.seed ?? (Date.now() & 0xffffffff)) };
}
