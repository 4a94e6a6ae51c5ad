// Functions bound specially by the binder (row position, whole-row, volatile) but declared here like the rest.
import { ret, type ScalarFunctionSig } from '../function-sig.js';

export const signatures: ScalarFunctionSig[] = [
  { name: 'row_number', minArgs: 0, maxArgs: 2, returns: ret.of('long') },
  { name: 'prev', minArgs: 1, maxArgs: 3, returns: ret.arg(0) },
  { name: 'next', minArgs: 1, maxArgs: 3, returns: ret.arg(0) },
  { name: 'row_cumsum', minArgs: 1, maxArgs: 2, returns: (a) => (a[0] === 'int' ? 'long' : a[0] ?? 'long') },
  { name: 'row_rank_dense', minArgs: 1, maxArgs: 2, returns: ret.of('long') },
  { name: 'row_rank_min', minArgs: 1, maxArgs: 2, returns: ret.of('long') },
  { name: 'row_window_session', minArgs: 3, maxArgs: 4, returns: (a) => (a[0] === 'datetime' ? 'datetime' : { error: 'the first argument must be a datetime' }) },
  { name: 'pack_all', minArgs: 0, maxArgs: 1, returns: ret.of('dynamic') },
  { name: 'new_guid', minArgs: 0, maxArgs: 0, returns: ret.of('guid'), volatile: true },
];
