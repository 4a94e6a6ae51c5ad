// Signatures of smaller functions added for doc conformance: around(), parse_csv().
import type { ScalarType } from '../../types/index.js';
import type { ReturnRule, ScalarFunctionSig } from '../function-sig.js';

const ORDERED: ReadonlySet<ScalarType> = new Set(['int', 'long', 'real', 'decimal', 'datetime', 'timespan']);
const aroundRule: ReturnRule = (a) => (a.slice(0, 2).every((t) => ORDERED.has(t)) && ORDERED.has(a[2]!) ? 'bool' : { error: 'around() takes numbers, datetimes or timespans' });

export const signatures: ScalarFunctionSig[] = [
  { name: 'around', minArgs: 3, maxArgs: 3, returns: aroundRule },
  { name: 'parse_csv', minArgs: 1, maxArgs: 1, returns: (a) => (a[0] === 'string' ? 'dynamic' : { error: 'parse_csv() takes a string' }) },
];
