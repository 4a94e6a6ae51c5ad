import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScalarType } from '../../types/index.js';
import { signatures } from './ip.js';

const ret = (name: string, ...args: ScalarType[]) => {
  const s = signatures.find((x) => x.name === name);
  assert.ok(s, name);
  assert.ok(args.length >= s.minArgs && args.length <= s.maxArgs, `${name} arity`);
  return s.returns(args, args.map(() => undefined));
};

test('return types follow the analyzer', () => {
  assert.equal(ret('parse_ipv4', 'string'), 'long');
  assert.equal(ret('ipv4_compare', 'string', 'string'), 'long');
  assert.equal(ret('ipv6_compare', 'string', 'string', 'long'), 'long');
  assert.equal(ret('ipv6_is_match', 'string', 'string'), 'bool');
  assert.equal(ret('ipv4_netmask_suffix', 'string'), 'long');
  assert.equal(ret('format_ipv4', 'long'), 'string');
  assert.equal(ret('parse_ipv6_mask', 'string', 'int'), 'string');
  assert.equal(ret('ipv4_is_in_any_range', 'string', 'dynamic'), 'bool');
  assert.equal(ret('ipv4_is_in_any_range', 'string', 'string', 'string', 'string'), 'bool');
});

test('non-string addresses are errors', () => {
  assert.equal(typeof ret('parse_ipv4', 'dynamic'), 'object');
  assert.equal(typeof ret('ipv4_is_private', 'long'), 'object');
  assert.equal(typeof ret('ipv4_is_match', 'string', 'string', 'string'), 'object');
});
