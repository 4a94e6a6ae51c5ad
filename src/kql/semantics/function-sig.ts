// Built-in function signatures, declared as data. The binder uses them to type calls; the engine
// finds a kernel by the same name (engine/functions). A test checks both sides name the same set.
import type { ScalarType, Value } from '../types/index.js';

/** Return type for the call's argument types (consts[i] is the value of a constant argument, else undefined),
 *  or `{error}` with a message the binder reports as KQL2xxx at the call. */
export type ReturnRule = (args: readonly ScalarType[], consts: readonly (Value | undefined)[]) => ScalarType | { error: string };

export interface ScalarFunctionSig {
  /** Canonical lower-case name, e.g. 'strlen'. */
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly minArgs: number;
  /** Infinity for variadic. */
  readonly maxArgs: number;
  readonly returns: ReturnRule;
  /** Not constant-folded (rand, new_guid, …). */
  readonly volatile?: boolean;
  /** Name used for an unnamed `extend`/`project` column, e.g. strlen(s) → 'strlen_s'; default: Column1… */
  readonly derivesName?: boolean;
}

export interface AggregateSig {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly returns: ReturnRule;
  /** Output column name prefix when unnamed: 'count' → count_, 'sum' → sum_x. */
  readonly prefix: string;
  /** Special naming / multi-column results (arg_max, arg_min, percentiles, take_any) are handled by the binder. */
  readonly special?: 'arg_max' | 'arg_min' | 'percentiles' | 'take_any';
  /** How many leading column arguments form the default name (covariance(x, y) → covariance_x_y); default 1. */
  readonly nameArgs?: number;
}

/** Helpers for common return rules. */
export const ret = {
  of: (t: ScalarType): ReturnRule => () => t,
  /** Same type as argument i. */
  arg: (i: number): ReturnRule => (a) => a[i] ?? 'dynamic',
  /** Numeric promotion of all args: real if any real, else long if any long, else int. */
  numeric: (): ReturnRule => (a) => (a.some((t) => t === 'real' || t === 'decimal') ? 'real' : a.some((t) => t === 'long') ? 'long' : a.every((t) => t === 'int') ? 'int' : 'real'),
};
