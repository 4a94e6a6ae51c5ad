// Signatures of the conditional and null-test functions (iff, case, coalesce, isempty, gettype, …).
import type { ScalarType } from '../../types/index.js';
import { ret, type ReturnRule, type ScalarFunctionSig } from '../function-sig.js';

const NUMERIC: ReadonlySet<ScalarType> = new Set(['int', 'long', 'real', 'decimal']);

/** Result type of two branches as Kusto's analyzer types it: same type; numeric promotion (int+long → long, any
 *  real → real); dynamic yields to the other side (so a dynamic null branch takes the other's type); else dynamic. */
export function branchType(a: ScalarType, b: ScalarType): ScalarType {
  if (a === b) return a;
  if (NUMERIC.has(a) && NUMERIC.has(b)) return a === 'real' || b === 'real' || a === 'decimal' || b === 'decimal' ? 'real' : 'long';
  if (a === 'dynamic') return b;
  if (b === 'dynamic') return a;
  return 'dynamic';
}

/** Common type for coalesce(): same type or numeric promotion only; undefined when there is none. */
export function strictCommonType(types: readonly ScalarType[]): ScalarType | undefined {
  let t = types[0];
  for (const u of types.slice(1)) {
    if (t === undefined || u === t) continue;
    if (NUMERIC.has(t) && NUMERIC.has(u)) t = branchType(t, u);
    else return undefined;
  }
  return t;
}

/** The value positions of case(p1, v1, …, else): every odd index and the last one. */
export function caseValueIndexes(n: number): number[] {
  const out: number[] = [];
  for (let i = 1; i < n - 1; i += 2) out.push(i);
  out.push(n - 1);
  return out;
}

const needBool = (positions: (a: readonly ScalarType[]) => number[], then: ReturnRule): ReturnRule => (a, c) => {
  for (const i of positions(a)) if (a[i] !== 'bool') return { error: `argument ${i + 1} must be a bool` };
  return then(a, c);
};

const iffRule: ReturnRule = needBool(() => [0], (a) => branchType(a[1]!, a[2]!));

const caseRule: ReturnRule = (a, c) => {
  if (a.length % 2 === 0) return { error: 'case() expects predicate/value pairs followed by an else value' };
  return needBool((x) => Array.from({ length: (x.length - 1) / 2 }, (_, k) => 2 * k), (x) =>
    caseValueIndexes(x.length).map((i) => x[i]!).reduce(branchType))(a, c);
};

const coalesceRule: ReturnRule = (a) => strictCommonType(a) ?? { error: 'No common type can be determined from the arguments' };

export const signatures: ScalarFunctionSig[] = [
  { name: 'iff', aliases: ['iif'], minArgs: 3, maxArgs: 3, returns: iffRule },
  { name: 'case', minArgs: 3, maxArgs: Infinity, returns: caseRule },
  { name: 'coalesce', minArgs: 2, maxArgs: 64, returns: coalesceRule },
  { name: 'isempty', minArgs: 1, maxArgs: 1, returns: ret.of('bool') },
  { name: 'isnotempty', aliases: ['notempty'], minArgs: 1, maxArgs: 1, returns: ret.of('bool') },
  { name: 'isnull', minArgs: 1, maxArgs: 1, returns: ret.of('bool') },
  { name: 'isnotnull', aliases: ['notnull'], minArgs: 1, maxArgs: 1, returns: ret.of('bool') },
  { name: 'not', minArgs: 1, maxArgs: 1, returns: needBool(() => [0], ret.of('bool')) },
  { name: 'gettype', minArgs: 1, maxArgs: 1, returns: ret.of('string') },
];
