// Signatures of the conversion functions: each takes one scalar of any type and returns its target type
// (null when the value doesn't convert). todynamic/parse_json live with the dynamic functions.
import type { ScalarFunctionSig } from '../function-sig.js';

type Target = 'string' | 'int' | 'long' | 'real' | 'bool' | 'guid' | 'datetime' | 'timespan';

const conv = (name: string, ret: Target, aliases?: string[]): ScalarFunctionSig =>
  ({ name, ...(aliases ? { aliases } : {}), minArgs: 1, maxArgs: 1, returns: () => ret });

export const signatures: ScalarFunctionSig[] = [
  conv('tostring', 'string'),
  conv('toint', 'int'),
  conv('tolong', 'long'),
  conv('toreal', 'real', ['todouble']),
  conv('todecimal', 'real'),
  conv('tobool', 'bool', ['toboolean']),
  conv('toguid', 'guid'),
  conv('todatetime', 'datetime'),
  conv('totimespan', 'timespan', ['totime']),
];
