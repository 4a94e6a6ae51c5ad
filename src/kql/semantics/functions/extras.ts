// Signatures of smaller functions added for doc conformance: around(), parse_csv(), convert_<unit family>(), beta_pdf/cdf/inv().
import type { ScalarType } from '../../types/index.js';
import type { ReturnRule, ScalarFunctionSig } from '../function-sig.js';

const ORDERED: ReadonlySet<ScalarType> = new Set(['int', 'long', 'real', 'decimal', 'datetime', 'timespan']);
const aroundRule: ReturnRule = (a) => (a.slice(0, 2).every((t) => ORDERED.has(t)) && ORDERED.has(a[2]!) ? 'bool' : { error: 'around() takes numbers, datetimes or timespans' });

const NUM: ReadonlySet<ScalarType> = new Set(['int', 'long', 'real', 'decimal']);
const convertRule: ReturnRule = (a) => (NUM.has(a[0]!) && a[1] === 'string' && a[2] === 'string' ? 'real' : { error: 'expects (number, from unit, to unit)' });
const UNIT_FAMILIES = ['angle', 'energy', 'force', 'length', 'mass', 'speed', 'volume', 'temperature'];

export const signatures: ScalarFunctionSig[] = [
  ...['beta_pdf', 'beta_cdf', 'beta_inv'].map((name) => ({ name, minArgs: 3, maxArgs: 3, returns: (a: readonly ScalarType[]) => (a.every((t) => NUM.has(t)) ? 'real' as const : { error: 'expects three numbers' }) })),
  ...UNIT_FAMILIES.map((f) => ({ name: `convert_${f}`, minArgs: 3, maxArgs: 3, returns: convertRule })),
  { name: 'around', minArgs: 3, maxArgs: 3, returns: aroundRule },
  { name: 'parse_csv', minArgs: 1, maxArgs: 1, returns: (a) => (a[0] === 'string' ? 'dynamic' : { error: 'parse_csv() takes a string' }) },
];
