// Test helpers for kernel tests: run an aggregate over rows with a fixed kernel context.
import assert from 'node:assert/strict';
import type { ScalarType, Value } from '../../kql/types/index.js';
import type { AggregateKernel, KernelContext } from './kernel.js';

export const testContext: KernelContext = { now: 0n, random: () => 0.5 };

/** Runs aggregate `name` of `kernels` over rows (each row = the argument values); consts default to undefined. */
export function runAggregate(kernels: readonly AggregateKernel[], name: string, types: ScalarType[], rows: Value[][], consts: (Value | undefined)[] = []): Value {
  const k = kernels.find((x) => x.name === name);
  assert.ok(k, `aggregate ${name}`);
  const s = k.make(types, types.map((_, i) => consts[i]), testContext)();
  for (const r of rows) s.add(...r);
  return s.result();
}
