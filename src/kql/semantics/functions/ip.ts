// Signatures of the IPv4/IPv6 functions. Addresses are strings (format_ipv4 also takes a long); prefixes are
// integers; *_in_any_range takes ranges as strings or one dynamic array.
import type { ScalarFunctionSig } from '../function-sig.js';
import { checked, INTEGER, STRING, type ArgSpec } from './math.js';

const PREFIX = INTEGER;
const sig = (name: string, min: number, max: number, specs: readonly ArgSpec[], ret: 'bool' | 'long' | 'string'): ScalarFunctionSig =>
  ({ name, minArgs: min, maxArgs: max, returns: checked(specs, () => ret) });

export const signatures: ScalarFunctionSig[] = [
  sig('parse_ipv4', 1, 1, [STRING], 'long'),
  sig('parse_ipv4_mask', 2, 2, [STRING, PREFIX], 'long'),
  sig('ipv4_is_private', 1, 1, [STRING], 'bool'),
  sig('ipv4_is_in_range', 2, 2, [STRING, STRING], 'bool'),
  sig('ipv4_is_in_any_range', 2, 64, [STRING, ['string', 'dynamic']], 'bool'),
  sig('ipv4_is_match', 2, 3, [STRING, STRING, PREFIX], 'bool'),
  sig('ipv4_compare', 2, 3, [STRING, STRING, PREFIX], 'long'),
  sig('ipv4_netmask_suffix', 1, 1, [STRING], 'long'),
  sig('format_ipv4', 1, 2, [['string', 'int', 'long'], PREFIX], 'string'),
  sig('format_ipv4_mask', 2, 2, [['string', 'int', 'long'], PREFIX], 'string'),
  sig('parse_ipv6', 1, 1, [STRING], 'string'),
  sig('parse_ipv6_mask', 2, 2, [STRING, PREFIX], 'string'),
  sig('ipv6_compare', 2, 3, [STRING, STRING, PREFIX], 'long'),
  sig('ipv6_is_match', 2, 3, [STRING, STRING, PREFIX], 'bool'),
  sig('ipv6_is_in_range', 2, 2, [STRING, STRING], 'bool'),
  sig('ipv6_is_in_any_range', 2, 64, [STRING, ['string', 'dynamic']], 'bool'),
  sig('has_ipv4', 2, 2, [STRING, STRING], 'bool'),
  sig('has_ipv4_prefix', 2, 2, [STRING, STRING], 'bool'),
  sig('has_any_ipv4', 2, 64, [STRING, ['string', 'dynamic']], 'bool'),
  sig('has_any_ipv4_prefix', 2, 64, [STRING, ['string', 'dynamic']], 'bool'),
  { name: 'ipv4_range_to_cidr_list', minArgs: 2, maxArgs: 2, returns: checked([STRING, STRING], () => 'dynamic') },
];
