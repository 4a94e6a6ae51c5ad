// Signatures of functions about the query's environment: who runs it (current_principal*) and data size estimates.
import type { ScalarFunctionSig } from '../function-sig.js';

export const signatures: ScalarFunctionSig[] = [
  { name: 'current_principal', minArgs: 0, maxArgs: 0, returns: () => 'string' },
  { name: 'current_database', minArgs: 0, maxArgs: 0, returns: () => 'string' },
  { name: 'current_cluster_endpoint', minArgs: 0, maxArgs: 0, returns: () => 'string' },
  { name: 'current_principal_details', minArgs: 0, maxArgs: 0, returns: () => 'dynamic' },
  {
    name: 'current_principal_is_member_of', minArgs: 1, maxArgs: Infinity,
    returns: (a) => (a.every((t) => t === 'string' || t === 'dynamic') ? 'bool' : { error: 'expects group names (strings or a dynamic array)' }),
  },
  // the binder expands `*` into every column of the row
  { name: 'estimate_data_size', minArgs: 1, maxArgs: Infinity, returns: () => 'long' },
];
