// Kernels of iff/iif, case, coalesce, isempty/isnotempty, isnull/isnotnull, not, gettype.
import type { DynamicValue, ScalarType, Value } from '../../kql/types/index.js';
import { branchType, caseValueIndexes, strictCommonType } from '../../kql/semantics/functions/logic.js';
import type { ScalarKernel } from './kernel.js';
import { dynamicTypeName, fromDynamic, toDynamic } from './dynamic-compare.js';

/** Widens a branch value of type `from` to the common result type `to` (numeric widening, to/from dynamic) for
 *  iff/case/coalesce; other pairs pass through unchanged. Not a cast: conversion.ts has convertValue for that. */
export function widenValue(v: Value | undefined, from: ScalarType, to: ScalarType): Value {
  if (v === undefined) return null;
  if (from === to) return v;
  if (to === 'dynamic') return toDynamic(v, from);
  if (from === 'dynamic') return fromDynamic(v as DynamicValue, to);
  if (v === null) return to === 'string' ? '' : null;
  switch (to) {
    case 'real': case 'decimal': return typeof v === 'bigint' ? Number(v) : v;
    case 'long': return typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : v;
    default: return v;
  }
}

/** A converter from `from` to `to`, or the identity when nothing changes. */
function converter(from: ScalarType, to: ScalarType): (v: Value | undefined) => Value {
  return from === to ? (v) => (v === undefined ? null : v) : (v) => widenValue(v, from, to);
}

function isEmptyValue(v: Value | undefined, type: ScalarType): boolean {
  if (v === null || v === undefined) return true;
  return (type === 'string' || type === 'dynamic') && v === '';
}

const k = (name: string, make: ScalarKernel['make']): ScalarKernel => ({ name, make });

export const kernels: ScalarKernel[] = [
  k('iff', (types) => {
    const out = branchType(types[1]!, types[2]!);
    const a = converter(types[1]!, out), b = converter(types[2]!, out);
    // A null condition takes the else branch.
    return (c, x, y) => (c === true ? a(x) : b(y));
  }),
  k('case', (types) => {
    const values = caseValueIndexes(types.length);
    const out = values.map((i) => types[i]!).reduce(branchType);
    const conv = types.map((t) => converter(t, out));
    const last = types.length - 1;
    return (...args) => {
      for (let i = 0; i < last; i += 2) if (args[i] === true) return conv[i + 1]!(args[i + 1]);
      return conv[last]!(args[last]);
    };
  }),
  k('coalesce', (types) => {
    const out = strictCommonType(types) ?? types[0]!;
    const conv = types.map((t) => converter(t, out));
    return (...args) => {
      for (let i = 0; i < args.length; i++) {
        const v = args[i];
        if (v !== null && v !== undefined && !(out === 'string' && v === '')) return conv[i]!(v);
      }
      return out === 'string' ? '' : null;
    };
  }),
  k('isempty', (types) => (v) => isEmptyValue(v, types[0]!)),
  k('isnotempty', (types) => (v) => !isEmptyValue(v, types[0]!)),
  // A string is never null (a missing string is ""), so isnull of a string is always false.
  k('isnull', (types) => (v) => types[0] !== 'string' && (v === null || v === undefined)),
  k('isnotnull', (types) => (v) => types[0] === 'string' || (v !== null && v !== undefined)),
  k('not', () => (v) => (v === null || v === undefined ? null : !v)),
  k('gettype', (types) => {
    const t = types[0]!;
    return (v) => (t === 'dynamic' ? dynamicTypeName((v ?? null) as DynamicValue) : t);
  }),
];
