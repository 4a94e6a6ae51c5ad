import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDatetime } from '../../kql/types/index.js';
import type { ScalarType, Value } from '../../kql/types/index.js';
import { kernels, xxhash64 } from './hashing.js';

const ctx = { now: 0n, random: () => 0.5 };
function call(name: string, types: ScalarType[], args: Value[]): Value {
  const k = kernels.find((x) => x.name === name);
  assert.ok(k, `kernel ${name}`);
  return k.make(types, [], ctx)(...args);
}
const bytes = (s: string) => new TextEncoder().encode(s);

test('xxhash64 reference vectors (empty, short, multi-stripe input)', () => {
  assert.equal(xxhash64(bytes('')), 0xef46db3751d8e999n);
  assert.equal(xxhash64(bytes('a')), 0xd24ec4f1a98c6e5bn);
  assert.equal(xxhash64(bytes('abc')), 0x44bc2cf5ad770999n);
  assert.equal(xxhash64(bytes('Nobody inspects the spammish repetition')), 0xfbcea83c8a378bf1n);
});

test('hash / hash_xxhash64: docs examples', () => {
  assert.equal(call('hash', ['string'], ['World']), 1846988464401551951n);
  assert.equal(call('hash', ['string'], ['Hello']), 753694413698530628n);
  assert.equal(call('hash', ['string', 'int'], ['World', 100]), 51n);
  assert.equal(call('hash_xxhash64', ['string', 'long'], ['World', 100n]), 51n);
  assert.equal(call('hash', ['datetime'], [parseDatetime('2015-01-01')!]), 1380966698541616202n);
  assert.equal(call('hash_xxhash64', ['datetime'], [parseDatetime('2015-01-01')!]), 1380966698541616202n);
  assert.equal(call('hash', ['long'], [null]), null);
  assert.equal(call('hash', ['string', 'int'], ['x', 0]), null);
  // results are signed longs; a modulo is taken of the unsigned hash, so it is never negative
  for (const s of ['a', 'b', 'c', 'd', 'e', 'f']) {
    const h = call('hash', ['string'], [s]) as bigint;
    assert.equal(h, BigInt.asIntN(64, xxhash64(bytes(s))));
    assert.ok((call('hash', ['string', 'int'], [s, 7]) as bigint) >= 0n);
  }
});

test('hash_md5 / hash_sha256 / hash_sha1: docs examples', () => {
  assert.equal(call('hash_md5', ['string'], ['World']), 'f5a7924e621e84c9280a9a27e1bcb7f6');
  assert.equal(call('hash_md5', ['datetime'], [parseDatetime('2020-01-01')!]), '786c530672d1f8db31fee25ea8a9390b');
  assert.equal(call('hash_sha256', ['string'], ['World']), '78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524');
  assert.equal(call('hash_sha256', ['datetime'], [parseDatetime('2020-01-01')!]), 'ba666752dc1a20eb750b0eb64e780cc4c968bc9fb8813461c1d7e750f302d71d');
  assert.equal(call('hash_sha1', ['string'], ['World']), '70c07ec18ef89c5309bbb0937f3a6342411e1fdd');
  assert.equal(call('hash_sha1', ['string'], [null]), '');
});
