// Kernels of the environment functions. kqlite runs locally for one analyst, so the principal is a fixed local
// identity that belongs to no Entra ID group; estimate_data_size sizes values by type (strings: UTF-8 bytes).
import { dynamicToJson, type DynamicValue, type ScalarType, type Value } from '../../kql/types/index.js';
import type { ScalarKernel } from './kernel.js';

export const LOCAL_PRINCIPAL = 'kqlite=local';

const FIXED_SIZE: Partial<Record<ScalarType, number>> = {
  bool: 1, int: 4, long: 8, real: 8, decimal: 16, datetime: 8, timespan: 8, guid: 16,
};

function sizeOf(type: ScalarType): (v: Value) => number {
  const fixed = FIXED_SIZE[type];
  if (fixed !== undefined) return () => fixed;
  if (type === 'string') return (v) => (typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : 0);
  // dynamic: its JSON text (Kusto's internal form is larger; this is a lower estimate)
  return (v) => (v === null || v === undefined ? 0 : Buffer.byteLength(dynamicToJson(v as DynamicValue), 'utf8'));
}

export const kernels: ScalarKernel[] = [
  { name: 'current_principal', make: () => () => LOCAL_PRINCIPAL },
  // one local workspace: fixed names rather than a cluster's
  { name: 'current_database', make: () => () => 'kqlite' },
  { name: 'current_cluster_endpoint', make: () => () => 'kqlite.local' },
  {
    name: 'current_principal_details',
    // the documented keys; nothing is known about a local user beyond its principal name
    make: () => () => ({
      Country: null, TenantCountry: null, TenantRegion: null, UserPrincipalName: null, IdentityProvider: 'kqlite', Authority: null,
      Mfa: 'False', Type: 'Local', DisplayName: 'local analyst (kqlite)', ObjectId: null, FQN: LOCAL_PRINCIPAL, Notes: null,
    }),
  },
  // group membership needs Entra ID; the local principal is in no group
  { name: 'current_principal_is_member_of', make: () => () => false },
  {
    name: 'estimate_data_size',
    make: (types) => {
      const sizers = types.map(sizeOf);
      return (...args: Value[]) => {
        let total = 0;
        for (let i = 0; i < sizers.length; i++) total += sizers[i]!(args[i] ?? null);
        return BigInt(total);
      };
    },
  },
];
