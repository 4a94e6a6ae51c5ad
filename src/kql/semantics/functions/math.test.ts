import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScalarType } from '../../types/index.js';
import { signatures } from './math.js';

const ret = (name: string, ...args: ScalarType[]) => {
  const s = signatures.find((x) => x.name === name || x.aliases?.includes(name));
  assert.ok(s, name);
  assert.ok(args.length >= s.minArgs && args.length <= s.maxArgs, `${name} arity`);
  return s.returns(args, args.map(() => undefined));
};

test('return types follow the analyzer', () => {
  assert.equal(ret('bin', 'int', 'int'), 'long');
  assert.equal(ret('bin', 'long', 'int'), 'long');
  assert.equal(ret('bin', 'real', 'int'), 'real');
  assert.equal(ret('bin', 'int', 'real'), 'real');
  assert.equal(ret('floor', 'datetime', 'timespan'), 'datetime');
  assert.equal(ret('bin', 'timespan', 'timespan'), 'timespan');
  assert.equal(ret('bin_at', 'datetime', 'timespan', 'datetime'), 'datetime');
  assert.equal(ret('bin_at', 'long', 'int', 'int'), 'long');
  assert.equal(ret('bin_at', 'real', 'int', 'int'), 'real');
  assert.equal(ret('abs', 'int'), 'long');
  assert.equal(ret('abs', 'timespan'), 'timespan');
  assert.equal(ret('round', 'int'), 'int');
  assert.equal(ret('round', 'long', 'int'), 'long');
  assert.equal(ret('round', 'real'), 'real');
  assert.equal(ret('ceiling', 'int'), 'int');
  assert.equal(ret('sign', 'int'), 'real');
  assert.equal(ret('rand'), 'real');
  assert.equal(ret('rand', 'int'), 'real');
  assert.equal(ret('isnan', 'long'), 'bool');
  assert.equal(ret('max_of', 'int', 'long'), 'long');
  assert.equal(ret('max_of', 'int', 'real'), 'real');
  assert.equal(ret('min_of', 'datetime', 'datetime'), 'datetime');
  assert.equal(ret('max_of', 'string', 'string'), 'string');
  assert.equal(ret('binary_and', 'int', 'int'), 'long');
  assert.equal(ret('bitset_count_ones', 'int'), 'long');
});

test('type errors are reported, not guessed', () => {
  for (const r of [ret('bin', 'datetime', 'int'), ret('bin', 'int', 'timespan'), ret('abs', 'string'), ret('sqrt', 'dynamic'),
    ret('max_of', 'int', 'string'), ret('max_of', 'dynamic', 'dynamic'), ret('isnan', 'string'), ret('binary_and', 'real', 'int'),
    ret('bin_at', 'datetime', 'timespan', 'long')]) {
    assert.equal(typeof r, 'object');
  }
});
