// Kernels for functions the engine evaluates specially (row position, whole row) have no per-value kernel;
// new_guid is an ordinary volatile kernel.
import { randomUUID } from 'node:crypto';
import type { ScalarKernel } from './kernel.js';

export const kernels: ScalarKernel[] = [
  { name: 'new_guid', make: () => () => randomUUID() },
];

/** Names the binder/engine handle themselves (declared in kql/semantics/functions/row.ts). */
export const SPECIAL_FUNCTIONS = new Set(['row_number', 'prev', 'next', 'row_cumsum', 'row_rank_dense', 'row_rank_min', 'row_window_session', 'pack_all']);
