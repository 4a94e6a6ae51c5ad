import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScalarType, Value } from '../../types/index.js';
import { signatures } from './datetime.js';

const ret = (name: string, args: ScalarType[], consts: (Value | undefined)[] = []) => {
  const s = signatures.find((x) => x.name === name || x.aliases?.includes(name));
  assert.ok(s, name);
  assert.ok(args.length >= s.minArgs && args.length <= s.maxArgs, `${name} arity`);
  return s.returns(args, consts);
};

test('return types follow the analyzer', () => {
  assert.equal(ret('dayofweek', ['datetime']), 'timespan');
  assert.equal(ret('datetime_diff', ['string', 'datetime', 'datetime']), 'long');
  assert.equal(ret('datetime_part', ['string', 'datetime']), 'int');
  assert.equal(ret('datepart', ['string', 'datetime']), 'int');
  assert.equal(ret('getmonth', ['datetime']), 'int');
  assert.equal(ret('startofweek', ['datetime', 'int']), 'datetime');
  assert.equal(ret('unixtime_seconds_todatetime', ['real']), 'datetime');
  assert.equal(ret('make_timespan', ['int', 'int']), 'timespan');
  assert.equal(ret('make_datetime', ['int', 'int', 'int', 'int', 'int', 'real']), 'datetime');
  assert.equal(ret('now', []), 'datetime');
  assert.equal(ret('format_datetime', ['datetime', 'string']), 'string');
});

test('bad argument types and unknown constant parts are errors', () => {
  assert.equal(typeof ret('ago', ['int']), 'object');
  assert.equal(typeof ret('startofday', ['string']), 'object');
  assert.equal(typeof ret('datetime_add', ['string', 'real', 'datetime']), 'object');
  assert.equal(typeof ret('datetime_diff', ['string', 'datetime', 'datetime'], ['fortnight']), 'object');
  assert.equal(ret('datetime_diff', ['string', 'datetime', 'datetime'], ['Week']), 'long');
  assert.equal(ret('datetime_part', ['string', 'datetime'], ['DayOfYear']), 'int');
});
