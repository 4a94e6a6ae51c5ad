import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signatures } from './conversion.js';

test('conversions accept any scalar and return their target type', () => {
  const want: Record<string, string> = {
    tostring: 'string', toint: 'int', tolong: 'long', toreal: 'real', todouble: 'real', todecimal: 'real', tobool: 'bool',
    toboolean: 'bool', toguid: 'guid', todatetime: 'datetime', totimespan: 'timespan', totime: 'timespan',
  };
  for (const [name, t] of Object.entries(want)) {
    const s = signatures.find((x) => x.name === name || x.aliases?.includes(name));
    assert.ok(s, name);
    const args = name === 'toguid' ? (['string', 'dynamic'] as const) : (['string', 'dynamic', 'long', 'datetime'] as const);
    for (const arg of args) assert.equal(s.returns([arg], [undefined]), t);
  }
});

test('toguid takes text only; tohex takes integers', () => {
  const sig = (n: string) => signatures.find((x) => x.name === n)!;
  assert.equal(typeof sig('toguid').returns(['int'], [undefined]), 'object');
  assert.equal(sig('tohex').returns(['long', 'int'], [undefined, undefined]), 'string');
  assert.equal(typeof sig('tohex').returns(['real'], [undefined]), 'object');
});
