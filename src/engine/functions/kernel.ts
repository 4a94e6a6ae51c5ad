// Scalar and aggregate kernels. A kernel is made once per call site (so constant arguments such as a
// regex or a format string are prepared once) and then called per row with plain values.
import type { ScalarType, Value } from '../../kql/types/index.js';

export interface KernelContext {
  /** The query's pinned now(), in ticks since the Unix epoch (same instant for the whole statement). */
  readonly now: bigint;
  /** Seeded random source in [0,1) for rand(). */
  readonly random: () => number;
}

export type Kernel = (...args: Value[]) => Value;

export interface ScalarKernel {
  readonly name: string;
  /** types: the bound argument types; consts[i]: the value when argument i is a constant, else undefined. */
  make(types: readonly ScalarType[], consts: readonly (Value | undefined)[], ctx: KernelContext): Kernel;
}

export interface AggState {
  /** Feed one row's argument values. */
  add(...args: Value[]): void;
  /** Final value (called once). */
  result(): Value;
}

export interface AggregateKernel {
  readonly name: string;
  /** Returns a factory of fresh per-group states. */
  make(types: readonly ScalarType[], consts: readonly (Value | undefined)[], ctx: KernelContext): () => AggState;
}

/** Raised by a kernel for a runtime error that must not become a wrong answer (code KQL3xxx). */
export class KernelError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'KernelError';
  }
}

// The running query's deadline for long kernels (geometry covers, overlays). Execution is synchronous, so one
// module-level value is safe: it is set around each plan execution and restored afterwards.
let kernelDeadline = Infinity;

/** Runs f with the query deadline (ms since the epoch) visible to checkKernelDeadline(). */
export function withKernelDeadline<T>(deadline: number | undefined, f: () => T): T {
  const prev = kernelDeadline;
  kernelDeadline = deadline ?? Infinity;
  try { return f(); } finally { kernelDeadline = prev; }
}

/** Long-running kernels call this every few thousand steps: past the deadline the query stops with KQL3010. */
export function checkKernelDeadline(): void {
  if (Date.now() > kernelDeadline) throw new KernelError('KQL3010', 'query timed out (the timeout limit was reached)');
}
