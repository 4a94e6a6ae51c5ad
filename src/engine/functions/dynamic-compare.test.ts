import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDatetime, parseTimespan } from '../../kql/types/index.js';
import {
  compareDynamic, compareDynamicValues, dynamicEquals, dynamicGet, dynamicKey, dynamicToText, dynamicTypeName,
  fromDynamic, longToDynamic, parseJsonText, parseJsonValue, sameDynamic, toDynamic,
} from './dynamic-compare.js';

test('toDynamic: each scalar type', () => {
  assert.equal(toDynamic(null, 'long'), null);
  assert.equal(toDynamic(5n, 'long'), 5);
  assert.equal(toDynamic(9007199254740993n, 'long'), 9007199254740993n); // exact: a bigint inside the dynamic
  assert.equal(toDynamic(-9007199254740991n, 'long'), -9007199254740991);
  assert.equal(toDynamic(3, 'int'), 3);
  assert.equal(toDynamic(2.5, 'real'), 2.5);
  assert.equal(toDynamic(true, 'bool'), true);
  assert.equal(toDynamic(parseDatetime('2015-12-31 23:59:59.9')!, 'datetime'), '2015-12-31T23:59:59.9000000Z');
  assert.equal(toDynamic(parseTimespan('1.02:03:04')!, 'timespan'), '1.02:03:04');
  assert.equal(toDynamic('12e8b78d-55b4-46ae-b068-26d7a0080254', 'guid'), '12e8b78d-55b4-46ae-b068-26d7a0080254');
  assert.deepEqual(toDynamic({ a: [1] }, 'dynamic'), { a: [1] });
  assert.equal(longToDynamic(-(1n << 63n)), -9223372036854775808n);
});

test('fromDynamic: casts that fit, null otherwise', () => {
  assert.equal(fromDynamic(1, 'long'), 1n);
  assert.equal(fromDynamic('9007199254740993', 'long'), 9007199254740993n);
  assert.equal(fromDynamic('abc', 'long'), null);
  assert.equal(fromDynamic(2.7, 'int'), 2);
  assert.equal(fromDynamic('2.5', 'real'), 2.5);
  assert.equal(fromDynamic('true', 'bool'), true);
  assert.equal(fromDynamic(null, 'string'), '');
  assert.equal(fromDynamic({ a: 1 }, 'string'), '{"a":1}');
  assert.equal(fromDynamic('2020-01-01T00:00:00Z', 'datetime'), parseDatetime('2020-01-01')!);
  assert.equal(fromDynamic('01:00:00', 'timespan'), parseTimespan('1h')!);
  assert.equal(fromDynamic('12E8B78D-55B4-46AE-B068-26D7A0080254', 'guid'), '12e8b78d-55b4-46ae-b068-26d7a0080254');
  assert.equal(fromDynamic(5, 'datetime'), null);
  assert.equal(fromDynamic(3e9, 'int'), null);
  assert.equal(fromDynamic(1e19, 'long'), null);
  assert.equal(fromDynamic(-2.5, 'long'), -2n);
});

test('dynamicGet: keys, indexes, negative indexes, misses', () => {
  const d = { a: { b: [10, 20, 30] }, 'k.x': 1 };
  assert.deepEqual(dynamicGet(d, 'a'), { b: [10, 20, 30] });
  assert.equal(dynamicGet(dynamicGet(dynamicGet(d, 'a'), 'b'), -1), 30);
  assert.equal(dynamicGet([1, 2], 1n), 2);
  assert.equal(dynamicGet([1, 2], 2), null);
  assert.equal(dynamicGet([1, 2], -3), null);
  assert.equal(dynamicGet(d, 'k.x'), 1);
  assert.equal(dynamicGet(d, 'missing'), null);
  assert.equal(dynamicGet(d, 'toString'), null);
  assert.equal(dynamicGet('text', 0), null);
  assert.equal(dynamicGet(null, 'a'), null);
  assert.equal(dynamicGet([1], 'a'), null);
});

test('gettype names (doc table)', () => {
  assert.equal(dynamicTypeName(parseJsonValue('1', 'string')), 'int');
  assert.equal(dynamicTypeName(parseJsonValue(' "abc" ', 'string')), 'string');
  assert.equal(dynamicTypeName(parseJsonValue(' {"abc":1} ', 'string')), 'dictionary');
  assert.equal(dynamicTypeName(parseJsonValue(' [1, 2, 3] ', 'string')), 'array');
  assert.equal(dynamicTypeName(parseJsonValue('', 'string')), 'null');
  assert.equal(dynamicTypeName(1.5), 'real');
  assert.equal(dynamicTypeName(5000000000), 'long');
  assert.equal(dynamicTypeName(false), 'bool');
});

test('dynamicEquals: dynamic vs scalars and null rules', () => {
  assert.equal(dynamicEquals(1, 1n, 'long'), true);
  assert.equal(dynamicEquals(1, 1, 'int'), true);
  assert.equal(dynamicEquals(1.5, 1.5, 'real'), true);
  assert.equal(dynamicEquals(2, 1n, 'long'), false);
  assert.equal(dynamicEquals('9007199254740993', 9007199254740993n, 'long'), true);
  assert.equal(dynamicEquals('abc', 'abc', 'string'), true);
  assert.equal(dynamicEquals('abc', 'ABC', 'string'), false);
  assert.equal(dynamicEquals(443, '443', 'string'), true);
  assert.equal(dynamicEquals(true, true, 'bool'), true);
  assert.equal(dynamicEquals('2020-01-01T00:00:00.0000000Z', parseDatetime('2020-01-01')!, 'datetime'), true);
  assert.equal(dynamicEquals('00:01:00', parseTimespan('1m')!, 'timespan'), true);
  assert.equal(dynamicEquals(null, null, 'long'), null);
  assert.equal(dynamicEquals(null, 1n, 'long'), false);
  assert.equal(dynamicEquals(1, null, 'long'), false);
  assert.equal(dynamicEquals({ a: 1, b: [1] }, { b: [1], a: 1 }, 'dynamic'), true);
  assert.equal(dynamicEquals([1, 2], [2, 1], 'dynamic'), false);
  assert.equal(dynamicEquals('1', 1, 'int'), true);
  assert.equal(dynamicEquals({ a: 1 }, 1n, 'long'), false);
});

test('compareDynamic: numbers, strings, datetimes; null when incomparable', () => {
  assert.equal(compareDynamic(5, 3n, 'long'), 1);
  assert.equal(compareDynamic(2.5, 3, 'real'), -1);
  assert.equal(compareDynamic('9223372036854775807', 9223372036854775806n, 'long'), 1);
  assert.equal(compareDynamic('b', 'a', 'string'), 1);
  assert.equal(compareDynamic('2020-01-02', parseDatetime('2020-01-01')!, 'datetime'), 1);
  assert.equal(compareDynamic('x', 1n, 'long'), null);
  assert.equal(compareDynamic(null, 1n, 'long'), null);
  assert.equal(compareDynamicValues(1, '2'), -1);
  assert.equal(compareDynamicValues([1], [1]), null);
});

test('sameDynamic / dynamicKey: bag key order does not matter, types do', () => {
  assert.equal(sameDynamic({ a: 1, b: 2 }, { b: 2, a: 1 }), true);
  assert.equal(sameDynamic({ a: 1 }, { a: 1, b: 2 }), false);
  assert.equal(dynamicKey({ a: 1, b: 2 }), dynamicKey({ b: 2, a: 1 }));
  assert.notEqual(dynamicKey(1), dynamicKey('1'));
  assert.notEqual(dynamicKey([1, [2]]), dynamicKey([[1], 2]));
});

test('parseJsonText: strict enough, never throws', () => {
  assert.equal(parseJsonText('{"a":1,}'), undefined);
  assert.equal(parseJsonText('[1 2]'), undefined);
  assert.equal(parseJsonText('{"a":1} x'), undefined);
  assert.equal(parseJsonText('"unterminated'), undefined);
  assert.equal(parseJsonText('"\\q"'), undefined);
  assert.equal(parseJsonText('-'), undefined);
  assert.equal(parseJsonText('"\\u00e9\\n"'), 'é\n');
  assert.equal(parseJsonText('-0.5e2'), -50);
  assert.equal(parseJsonText('123456789012345678901234567890'), 1.2345678901234568e29);
  assert.deepEqual(parseJsonText('{"a":{"b":[{}]}}'), { a: { b: [{}] } });
});

test('dynamicToText: tostring of dynamic values', () => {
  assert.equal(dynamicToText(null), '');
  assert.equal(dynamicToText('s'), 's');
  assert.equal(dynamicToText(1e21), '1E+21');
  assert.equal(dynamicToText([1, 'a']), '[1,"a"]');
});
