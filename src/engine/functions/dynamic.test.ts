import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DynamicValue, ScalarType, Value } from '../../kql/types/index.js';
import { parseDatetime, TICKS_PER_HOUR } from '../../kql/types/index.js';
import { kernels, bagPath } from './dynamic.js';
import type { KernelContext } from './kernel.js';

const ctx: KernelContext = { now: 0n, random: () => 0.5 };
function call(name: string, types: ScalarType[], ...args: Value[]): Value {
  const k = kernels.find((x) => x.name === name);
  assert.ok(k, `kernel ${name}`);
  return k.make(types, args.map(() => undefined), ctx)(...args);
}
const D = 'dynamic' as const;
const arr = (...xs: DynamicValue[]): DynamicValue => xs;

test('parse_json: objects, nested JSON text, invalid text and blanks', () => {
  assert.deepEqual(call('parse_json', ['string'], '{"a":123, "b":"{\\"c\\":456}"}'), { a: 123, b: '{"c":456}' });
  assert.deepEqual(call('parse_json', ['string'], ' [1, 2, 3] '), [1, 2, 3]);
  assert.equal(call('parse_json', ['string'], ' "abc" '), 'abc');
  assert.equal(call('parse_json', ['string'], 'not json {'), 'not json {');
  assert.equal(call('parse_json', ['string'], ''), null);
  assert.equal(call('parse_json', ['string'], '   '), null);
  assert.deepEqual(call('parse_json', [D], { x: 1 }), { x: 1 });
  assert.deepEqual(call('parse_json', ['string'], "{'a': 'b', c: [true, false, null]}"), { a: 'b', c: [true, false, null] });
});

test('parse_json: 64-bit integers keep every digit; __proto__ keys stay data', () => {
  assert.deepEqual(call('parse_json', ['string'], '{"h":-3122868243544336885,"n":12345}'), { h: -3122868243544336885n, n: 12345 });
  assert.equal(call('parse_json', ['string'], '1e400'), Infinity);
  const p = call('parse_json', ['string'], '{"__proto__":{"x":1}}') as Record<string, unknown>;
  assert.deepEqual(Object.keys(p), ['__proto__']);
  assert.equal(Object.getPrototypeOf(p), Object.prototype);
  assert.equal(({} as Record<string, unknown>)['x'], undefined);
});

test('parse_json: deep nesting is rejected as text, not a crash', () => {
  const deep = '['.repeat(100000) + ']'.repeat(100000);
  assert.equal(call('parse_json', ['string'], deep), deep);
});

test('array_length: arrays only', () => {
  assert.equal(call('array_length', [D], arr(1, 2, 3, 'four')), 4n);
  assert.equal(call('array_length', [D], { a: 1 }), null);
  assert.equal(call('array_length', [D], null), null);
});

test('array_slice: doc examples and out-of-range indexes', () => {
  assert.deepEqual(call('array_slice', [D, 'long', 'long'], arr(1, 2, 3), 1n, 2n), [2, 3]);
  assert.deepEqual(call('array_slice', [D, 'long', 'long'], arr(1, 2, 3, 4, 5), 2n, -1n), [3, 4, 5]);
  assert.deepEqual(call('array_slice', [D, 'long', 'long'], arr(1, 2, 3, 4, 5), -3n, -2n), [3, 4]);
  assert.deepEqual(call('array_slice', [D, 'long', 'long'], arr(1, 2, 3), 1n, 100n), [2, 3]);
  assert.deepEqual(call('array_slice', [D, 'long', 'long'], arr(1, 2, 3), 2n, 1n), []);
  assert.equal(call('array_slice', [D, 'long', 'long'], 'x', 0n, 1n), null);
});

test('array_concat: doc example', () => {
  assert.deepEqual(call('array_concat', [D, D], arr(1, 2, 4), arr(1, 2)), [1, 2, 4, 1, 2]);
  assert.equal(call('array_concat', [D, D], arr(1), null), null);
});

test('array_index_of: doc examples', () => {
  const a = arr('this', 'is', 'an', 'example', 'an', 'example');
  const f = (...rest: Value[]) => call('array_index_of', [D, 'string', 'long', 'long', 'long'].slice(0, rest.length + 1) as ScalarType[], a, ...rest);
  assert.equal(f('an'), 2n);
  assert.equal(f('example', 1n, 3n), 3n);
  assert.equal(f('example', 1n, 2n), -1n);
  assert.equal(f('is', 2n, 4n), -1n);
  assert.equal(f('example', 2n, -1n), 3n);
  assert.equal(f('an', 1n, -1n, 2n), 4n);
  assert.equal(f('an', 1n, -1n, 3n), -1n);
  assert.equal(f('an', -3n), 4n);
  assert.equal(f('is', -4n), -1n);
  assert.equal(f('an', 0n, -2n), null);
  assert.equal(call('array_index_of', [D, 'long'], arr(1, 2, 3), 3n), 2n);
});

test('array_reverse, rotate and shift: doc examples', () => {
  const a = arr(1, 2, 3, 4, 5);
  assert.deepEqual(call('array_reverse', [D], a), [5, 4, 3, 2, 1]);
  assert.deepEqual(a, [1, 2, 3, 4, 5]);
  assert.deepEqual(call('array_rotate_left', [D, 'long'], a, 2n), [3, 4, 5, 1, 2]);
  assert.deepEqual(call('array_rotate_left', [D, 'long'], a, -2n), [4, 5, 1, 2, 3]);
  assert.deepEqual(call('array_rotate_right', [D, 'long'], a, -2n), [3, 4, 5, 1, 2]);
  assert.deepEqual(call('array_rotate_right', [D, 'long'], a, 7n), [4, 5, 1, 2, 3]);
  assert.deepEqual(call('array_shift_left', [D, 'long'], a, 2n), [3, 4, 5, null, null]);
  assert.deepEqual(call('array_shift_left', [D, 'long', 'long'], a, 2n, -1n), [3, 4, 5, -1, -1]);
  assert.deepEqual(call('array_shift_left', [D, 'long', 'long'], a, -2n, -1n), [-1, -1, 1, 2, 3]);
  assert.deepEqual(call('array_shift_right', [D, 'long'], a, 2n), [null, null, 1, 2, 3]);
  assert.deepEqual(call('array_shift_right', [D, 'long', 'long'], a, -2n, -1n), [3, 4, 5, -1, -1]);
  assert.deepEqual(call('array_shift_right', [D, 'long'], arr('a', 'b'), 1n), ['', 'a']);
  assert.deepEqual(call('array_rotate_left', [D, 'long'], arr(), 3n), []);
});

test('array_sort_asc/desc: doc examples', () => {
  const names = (s: string) => s.split(',');
  assert.deepEqual(call('array_sort_asc', [D], names('John,Paul,Jane,Kao')), ['Jane', 'John', 'Kao', 'Paul']);
  assert.deepEqual(call('array_sort_desc', [D], names('John,Paul,Jane,Kayo')), ['Paul', 'Kayo', 'John', 'Jane']);
  assert.deepEqual(call('array_sort_asc', [D, D], arr(1, 3, 4, 5, 2), arr('a', 'b', 'c', 'd', 'e')),
    [[1, 2, 3, 4, 5], ['a', 'e', 'b', 'c', 'd']]);
  const withNulls = arr(null, 'blue', 'yellow', 'green', null);
  assert.deepEqual(call('array_sort_asc', [D], withNulls), ['blue', 'green', 'yellow', null, null]);
  assert.deepEqual(call('array_sort_asc', [D, 'bool'], withNulls, false), [null, null, 'blue', 'green', 'yellow']);
  assert.deepEqual(call('array_sort_desc', [D], withNulls), ['yellow', 'green', 'blue', null, null]);
  assert.deepEqual(call('array_sort_desc', [D, 'bool'], withNulls, false), [null, null, 'yellow', 'green', 'blue']);
  assert.deepEqual(call('array_sort_asc', [D, D], arr(2, 1), arr(1)), [[1, 2], null]);
  assert.deepEqual(call('array_sort_asc', [D], arr('b', 10, true, 2, 'a')), [2, 10, 'a', 'b', true]);
});

test('array_sort_desc: summarize example orders commands by time', () => {
  const times = ['2019-07-15', '2019-07-02', '2019-07-22', '2019-07-14', '2019-07-27', '2019-07-25'].map((d) => `${d}T00:00:00.0000000Z`);
  const cmds = arr('chmod', 'ls', 'dir', 'mkdir', 'rm', 'pwd');
  const out = call('array_sort_desc', [D, D], times, cmds) as DynamicValue[][];
  assert.deepEqual(out[1], ['rm', 'pwd', 'dir', 'chmod', 'mkdir', 'ls']);
});

test('array_split: doc examples', () => {
  assert.deepEqual(call('array_split', [D, 'long'], arr(1, 2, 3, 4, 5), 2n), [[1, 2], [3, 4, 5]]);
  assert.deepEqual(call('array_split', [D, D], arr(1, 2, 3, 4, 5), arr(1, 3)), [[1], [2, 3], [4, 5]]);
  assert.deepEqual(call('array_split', [D, 'long'], arr(1, 2, 3), -1n), [[1, 2], [3]]);
  assert.deepEqual(call('array_split', [D, D], arr(1, 2, 3), 1), [[1], [2, 3]]);
  assert.deepEqual(call('array_split', [D, 'long'], arr(1, 2, 3), 10n), [[1, 2, 3], []]);
  assert.equal(call('array_split', [D, D], arr(1, 2, 3), arr('x')), null);
});

test('array_sum and array_iff: doc examples', () => {
  assert.equal(call('array_sum', [D], arr(1, 2, 3, 4)), 10);
  assert.equal(call('array_sum', [D], arr(1, 'x')), null);
  assert.deepEqual(call('array_iff', [D, D, D], arr(true, false, true), arr(1, 2, 3), arr(4, 5, 6)), [1, 5, 3]);
  assert.deepEqual(call('array_iff', [D, 'string', 'string'], arr(1, 0, 50), 'yes', 'no'), ['yes', 'no', 'yes']);
  assert.deepEqual(call('array_iff', [D, 'long', 'long'], arr('some string value', '2022-01-01T00:00:00.0000000Z', null), 1n, 0n), [null, null, null]);
  assert.deepEqual(call('array_iff', [D, D, D], arr(true, true, true), arr(1, 2), arr(3, 4)), [1, 2, null]);
});

test('bag_pack and pack_array convert typed values', () => {
  const inner = call('bag_pack', ['string', 'string'], 'url', 'www.bing.com');
  assert.deepEqual(call('bag_pack', ['string', 'string', 'string', 'long', 'string', D], 'Level', 'Information', 'ProcessID', 1234n, 'Data', inner),
    { Level: 'Information', ProcessID: 1234, Data: { url: 'www.bing.com' } });
  assert.deepEqual(call('pack_array', ['long', 'long', 'long'], 1n, 2n, 4n), [1, 2, 4]);
  const t = parseDatetime('2024-01-02')!;
  assert.deepEqual(call('pack_array', ['datetime', 'timespan', 'guid', 'long', 'int'], t, TICKS_PER_HOUR, 'a0e1b2c3-0000-0000-0000-000000000000', null, 7),
    ['2024-01-02T00:00:00.0000000Z', '01:00:00', 'a0e1b2c3-0000-0000-0000-000000000000', null, 7]);
  assert.deepEqual(call('bag_pack', ['string', 'string'], '__proto__', 'x'), JSON.parse('{"__proto__":"x"}'));
});

test('bag_keys: doc table', () => {
  assert.deepEqual(call('bag_keys', [D], { a: 'b', c: 123 }), ['a', 'c']);
  assert.deepEqual(call('bag_keys', [D], { a: 'b', c: [{ d: 123 }] }), ['a', 'c']);
  assert.equal(call('bag_keys', [D], null), null);
  assert.deepEqual(call('bag_keys', [D], {}), []);
  assert.equal(call('bag_keys', [D], 'a'), null);
  assert.equal(call('bag_keys', [D], []), null);
});

test('bag_merge, bag_remove_keys, bag_has_key, bag_set_key: doc examples', () => {
  assert.deepEqual(call('bag_merge', [D, D], { A1: 12, B1: 2, C1: 3 }, { A2: 81, B2: 82, A1: 1 }), { A1: 12, B1: 2, C1: 3, A2: 81, B2: 82 });
  assert.deepEqual(call('bag_remove_keys', [D, D], { key1: 123, key2: 'abc' }, ['key2', 'key4']), { key1: 123 });
  const nested = { key1: 123, key2: { prop1: 'abc', prop2: 'xyz' }, key3: [100, 200] };
  assert.deepEqual(call('bag_remove_keys', [D, D], nested, ['$.key2.prop1', 'key3']), { key1: 123, key2: { prop2: 'xyz' } });
  assert.deepEqual(nested.key2, { prop1: 'abc', prop2: 'xyz' });
  assert.equal(call('bag_has_key', [D, 'string'], { key1: 123, key2: 'abc' }, 'key2'), true);
  assert.equal(call('bag_has_key', [D, 'string'], { key1: 123, key3: 'abc' }, 'key2'), false);
  assert.equal(call('bag_has_key', [D, 'string'], nested, '$.key2.prop1'), true);
  assert.equal(call('bag_has_key', [D, 'string'], nested, "$['key2'].nope"), false);
  assert.deepEqual(call('bag_set_key', [D, 'string', 'long'], { key1: 1, key3: 'abc' }, 'key3', 3n), { key1: 1, key3: 3 });
  assert.deepEqual(call('bag_set_key', [D, 'string', 'string'], { key1: 123 }, '$.key2.prop1', 'abc'), { key1: 123, key2: { prop1: 'abc' } });
  assert.equal(call('bag_set_key', [D, 'string', 'long'], [1], 'a', 1n), null);
  assert.deepEqual(bagPath('$.a.b'), ['a', 'b']);
  assert.deepEqual(bagPath("$['a.b'].c"), ['a.b', 'c']);
  assert.equal(bagPath('$'), null);
  assert.deepEqual(bagPath('plain.key'), ['plain.key']);
  assert.deepEqual(bagPath('$type'), ['$type']);
  assert.deepEqual(bagPath('$.a[0]'), ['$.a[0]']);
  assert.equal(call('bag_has_key', [D, 'string'], { $type: 1 }, '$type'), true);
});

test('bag_zip: doc examples', () => {
  assert.deepEqual(call('bag_zip', [D, D], ['a', 'b', 'c'], [1, '2', 3.4]), { a: 1, b: '2', c: 3.4 });
  assert.deepEqual(call('bag_zip', [D, D], ['a', 'b', 'c'], [1, '2']), { a: 1, b: '2', c: null });
  assert.deepEqual(call('bag_zip', [D, D], ['a', 'b'], [1, '2', 2.5]), { a: 1, b: '2' });
  assert.deepEqual(call('bag_zip', [D, D], ['a', 8, 'b'], [1, '2', 2.5]), { a: 1, b: 2.5 });
  assert.equal(call('bag_zip', [D, D], 'a', [1, '2', 2.5]), null);
});

test('set functions: doc examples', () => {
  assert.deepEqual(call('set_union', [D, D, D], arr(1, 2, 1, 4), arr(1, 2), arr(8)), [1, 2, 4, 8]);
  assert.deepEqual(call('set_union', [D, D], arr('A4', 'A2', 'A7', 'A2'), arr('A4', 'A2', 'A7', 'A2')), ['A4', 'A2', 'A7']);
  assert.deepEqual(call('set_intersect', [D, D, D], arr(1, 2, 1, 4), arr(1, 2), arr(8, 1)), [1]);
  assert.deepEqual(call('set_difference', [D, D, D], arr(1, 2, 1, 4), arr(1, 2), arr(1, 2, 8)), [4]);
  assert.deepEqual(call('set_difference', [D, D], arr(1, 2, 3), arr(1, 2, 3)), []);
  assert.equal(call('set_has_element', [D, 'string'], arr('a', 'b'), 'b'), true);
  assert.equal(call('set_has_element', [D, 'long'], arr('a', 'b'), 1n), false);
  assert.equal(call('jaccard_index', [D, D], arr(1, 2, 3), arr(1, 2, 3, 4)), 0.75);
  assert.deepEqual(call('set_union', [D, D], arr({ a: 1, b: 2 }), arr({ b: 2, a: 1 })), [{ a: 1, b: 2 }]);
});

test('zip, repeat, strcat_array: doc examples', () => {
  assert.deepEqual(call('zip', [D, D], arr(1, 3, 5), arr(2, 4, 6)), [[1, 2], [3, 4], [5, 6]]);
  assert.deepEqual(call('zip', [D, D], arr('A', 1, 1.5), arr({}, 'B')), [['A', {}], [1, 'B'], [1.5, null]]);
  assert.deepEqual(call('repeat', ['long', 'long'], 1n, 3n), [1, 1, 1]);
  assert.deepEqual(call('repeat', ['string', 'long'], 'a', 0n), []);
  assert.equal(call('repeat', ['string', 'long'], 'a', -1n), null);
  assert.equal(call('strcat_array', [D, 'string'], arr(1, 2, 3), '->'), '1->2->3');
  assert.equal(call('strcat_array', [D, 'string'], arr('a', null, { b: 1 }, 1.5), ','), 'a,,{"b":1},1.5');
});

test('range: numbers, datetimes, timespans', () => {
  assert.deepEqual(call('range', ['long', 'long', 'long'], 1n, 8n, 3n), [1, 4, 7]);
  assert.deepEqual(call('range', ['long', 'long'], 1n, 3n), [1, 2, 3]);
  assert.deepEqual(call('range', ['long', 'long', 'long'], 5n, 1n, -2n), [5, 3, 1]);
  assert.deepEqual(call('range', ['real', 'real', 'real'], 1, 2, 0.25), [1, 1.25, 1.5, 1.75, 2]);
  assert.deepEqual(call('range', ['timespan', 'timespan'], TICKS_PER_HOUR, 5n * TICKS_PER_HOUR),
    ['01:00:00', '02:00:00', '03:00:00', '04:00:00', '05:00:00']);
  const days = call('range', ['datetime', 'datetime', 'timespan'], parseDatetime('2007-01-01')!, parseDatetime('2007-12-31')!, 24n * TICKS_PER_HOUR) as string[];
  assert.equal(days.length, 365);
  assert.equal(days[0], '2007-01-01T00:00:00.0000000Z');
  assert.equal(days[364], '2007-12-31T00:00:00.0000000Z');
  assert.equal((call('range', ['long', 'long'], 1n, 1000000000n) as unknown[]).length, 1048576);
  assert.equal(call('range', ['long', 'long', 'long'], 1n, 5n, 0n), null);
  assert.deepEqual(call('range', ['long', 'long'], 5n, 1n), []);
});

test('every dynamic signature has a kernel and vice versa', async () => {
  const { signatures } = await import('../../kql/semantics/functions/dynamic.js');
  assert.deepEqual(signatures.map((s) => s.name).sort(), kernels.map((k) => k.name).sort());
});

test('dynamic_to_json: canonical form with sorted keys (doc example)', () => {
  const bag1 = { Y10: {}, X8: { c3: 1, d8: 5, a4: 6 }, D1: 114, A1: 12, B1: 2, C1: 3, A14: [15, 13, 18] };
  const bag2 = { X8: { a4: 6, c3: 1, d8: 5 }, A14: [15, 13, 18], C1: 3, B1: 2, Y10: {}, A1: 12, D1: 114 };
  const j1 = call('dynamic_to_json', [D], bag1);
  assert.equal(j1, '{"A1":12,"A14":[15,13,18],"B1":2,"C1":3,"D1":114,"X8":{"a4":6,"c3":1,"d8":5},"Y10":{}}');
  assert.equal(call('dynamic_to_json', [D], bag2), j1);
  assert.equal(call('dynamic_to_json', ['long'], 5n), '5');
  assert.equal(call('dynamic_to_json', [D], null), 'null');
});

test('treepath: doc table', () => {
  assert.deepEqual(call('treepath', [D], { a: 'b', c: 123 }), ["['a']", "['c']"]);
  assert.deepEqual(call('treepath', [D], { prop1: [1, 2, 3, 4], prop2: 'value2' }), ["['prop1']", "['prop1'][0]", "['prop2']"]);
  assert.deepEqual(call('treepath', [D], { listProperty: [100, 200, 300, 'abcde', { x: 'y' }] }),
    ["['listProperty']", "['listProperty'][0]", "['listProperty'][0]['x']"]);
  assert.deepEqual(call('treepath', [D], { "it's": 1 }), ["['it\\'s']"]);
  assert.deepEqual(call('treepath', [D], 'x'), []);
});
