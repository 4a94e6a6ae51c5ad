// Signatures of the conversion functions: each takes one scalar of any type and returns its target type
// (null when the value doesn't convert). todynamic/parse_json live with the dynamic functions.
import type { ScalarFunctionSig } from '../function-sig.js';
import { checked, INTEGER } from './math.js';

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
  {
    name: 'toguid', minArgs: 1, maxArgs: 1,
    returns: checked([['string', 'dynamic', 'guid']], () => 'guid'),
  },
  conv('todatetime', 'datetime'),
  conv('totimespan', 'timespan', ['totime']),
  { name: 'tohex', minArgs: 1, maxArgs: 2, returns: checked([INTEGER, INTEGER], () => 'string') },
];

/** All conversions (and tohex) name an unnamed result column after their argument column (`project tostring(x)` → `x`). */
export const firstArgumentNamed: readonly string[] = ['tostring', 'toint', 'tolong', 'toreal', 'todouble', 'todecimal', 'tobool',
  'toboolean', 'toguid', 'todatetime', 'totimespan', 'totime', 'tohex'];
