import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDatetime } from '../../kql/types/index.js';
import type { ScalarType, Value } from '../../kql/types/index.js';
import { convertText, kernels, typeFromConst, upperInvariant } from './strings.js';

const ctx = { now: 0n, random: () => 0.5 };
function call(name: string, types: ScalarType[], args: Value[], consts: (Value | undefined)[] = []): Value {
  const k = kernels.find((x) => x.name === name);
  assert.ok(k, `kernel ${name}`);
  return k.make(types, consts, ctx)(...args);
}
const S = (n: number): ScalarType[] => new Array<ScalarType>(n).fill('string');
const SECOND = 10_000_000n;

test('strlen counts UTF-16 units; the docs example uses a combining cedilla', () => {
  assert.equal(call('strlen', ['string'], ['C\u0327edilla']), 8n);
  assert.equal(call('strlen', ['string'], ['']), 0n);
  assert.equal(call('strlen', ['dynamic'], [[1, 2]]), 5n); // tostring(dynamic) is its JSON text
});

test('substring: docs examples and edge cases', () => {
  const t: ScalarType[] = ['string', 'long', 'long'];
  assert.equal(call('substring', t.slice(0, 2), ['123456', 1n]), '23456');
  assert.equal(call('substring', t, ['123456', 2n, 2n]), '34');
  assert.equal(call('substring', t, ['ABCD', 0n, 2n]), 'AB');
  assert.equal(call('substring', t, ['123456', -2n, 2n]), '56');
  assert.equal(call('substring', t, ['abc', 5n, 2n]), '');
  assert.equal(call('substring', t, ['abc', 1n, -1n]), '');
  assert.equal(call('substring', t, ['abc', -10n, 2n]), 'ab');
  assert.equal(call('substring', ['int', 'int'], [12345, 2]), '345');
  assert.equal(call('substring', t, ['abc', null, 1n]), '');
});

test('strcat and strcat_delim convert every argument with tostring', () => {
  assert.equal(call('strcat', S(3), ['hello', ' ', 'world']), 'hello world');
  assert.equal(call('strcat', S(3), ['Line 1\n', 'Line 2\n', 'Line 3']), 'Line 1\nLine 2\nLine 3');
  assert.equal(call('strcat', ['string', 'long', 'int'], ['a', 1n, null]), 'a1');
  assert.equal(call('strcat_delim', ['string', 'int', 'string', 'string', 'timespan'], ['-', 1, '2', 'A', SECOND]), '1-2-A-00:00:01');
});

test('split: docs examples', () => {
  assert.deepEqual(call('split', S(2), ['aa_bb', '_']), ['aa', 'bb']);
  assert.deepEqual(call('split', ['string', 'string', 'long'], ['aaa_bbb_ccc', '_', 1n]), ['bbb']);
  assert.deepEqual(call('split', S(2), ['', '_']), ['']);
  assert.deepEqual(call('split', S(2), ['a__b', '_']), ['a', '', 'b']);
  assert.deepEqual(call('split', S(2), ['aabbcc', 'bb']), ['aa', 'cc']);
  assert.deepEqual(call('split', ['string', 'string', 'long'], ['a_b', '_', 5n]), []);
  assert.deepEqual(call('split', S(2), ['abc', '']), ['abc']);
});

test('replace_string: docs examples', () => {
  assert.equal(call('replace_string', S(3), ['A magic trick can turn a cat into a dog', 'cat', 'hamster']), 'A magic trick can turn a hamster into a dog');
  assert.equal(call('replace_string', S(3), ['Number is 1', 'is', 'was']), 'Number was 1');
  assert.equal(call('replace_string', S(3), ['aaa', 'aa', 'b']), 'ba');
  assert.equal(call('replace_string', S(3), ['abc', '', 'x']), 'abc');
});

test('replace_strings: docs examples (simultaneous, earlier lookups take precedence)', () => {
  const t: ScalarType[] = ['string', 'dynamic', 'dynamic'];
  const msg = 'A magic trick can turn a cat into a dog';
  assert.equal(call('replace_strings', t, [msg, ['cat', 'dog'], ['dog', 'pigeon']]), 'A magic trick can turn a dog into a pigeon');
  assert.equal(call('replace_strings', t, [msg, ['turn', ' into a dog'], ['disappear', '']]), 'A magic trick can disappear a cat');
  const m2 = 'This is an example of using replace_strings()';
  assert.equal(call('replace_strings', t, [m2, ['This', 'is'], ['This', 'was']]), 'This was an example of using replace_strings()');
  assert.equal(call('replace_strings', t, [m2, ['is', 'This'], ['was', 'This']]), 'Thwas was an example of using replace_strings()');
  assert.equal(call('replace_strings', t, ['a b', ['a', 1, 'b'], ['x', 'y', 2]]), 'x b');
});

test('indexof: docs examples (idx1..idx9)', () => {
  const t: ScalarType[] = ['string', 'string', 'long', 'long', 'long'];
  assert.equal(call('indexof', t.slice(0, 2), ['abcdefg', 'cde']), 2n);
  assert.equal(call('indexof', t.slice(0, 4), ['abcdefg', 'cde', 1n, 4n]), 2n);
  assert.equal(call('indexof', t.slice(0, 4), ['abcdefg', 'cde', 1n, 2n]), -1n);
  assert.equal(call('indexof', t.slice(0, 4), ['abcdefg', 'cde', 3n, 4n]), -1n);
  assert.equal(call('indexof', t.slice(0, 3), ['abcdefg', 'cde', -5n]), 2n);
  assert.equal(call('indexof', ['int', 'int', 'int', 'int'], [1234567, 5, 1, 4]), 4n);
  assert.equal(call('indexof', t.slice(0, 4), ['abcdefg', 'cde', 2n, -1n]), 2n);
  assert.equal(call('indexof', t, ['abcdefgabcdefg', 'cde', 1n, 10n, 2n]), 9n);
  assert.equal(call('indexof', t, ['abcdefgabcdefg', 'cde', 1n, -1n, 3n]), -1n);
  assert.equal(call('indexof', t, ['abc', 'b', 0n, -2n, 1n]), null);
  assert.equal(call('indexof', t, ['abc', 'b', 0n, -1n, -1n]), null);
});

test('tolower / toupper: invariant, per character', () => {
  assert.equal(call('tolower', ['string'], ['HeLLo ÄÖ']), 'hello äö');
  assert.equal(call('toupper', ['string'], ['hello äö straße']), 'HELLO ÄÖ STRAßE');
  assert.equal(call('toupper', ['int'], [12]), '12');
  assert.equal(upperInvariant('ß'), 'ß');
});

test('strrep: docs examples', () => {
  assert.equal(call('strrep', ['string', 'long'], ['ABC', 2n]), 'ABCABC');
  assert.equal(call('strrep', ['int', 'long', 'string'], [123, 3n, '.']), '123.123.123');
  assert.equal(call('strrep', ['timespan', 'long', 'string'], [3n * SECOND, 2n, ' ']), '00:00:03 00:00:03');
  assert.equal(call('strrep', ['string', 'long'], ['x', 0n]), '');
  assert.equal((call('strrep', ['string', 'long'], ['x', 5000n]) as string).length, 1024);
});

test('reverse: docs examples (int, real, datetime, timespan)', () => {
  assert.equal(call('reverse', ['string'], ['ABCDEFGHIJKLMNOPQRSTUVWXYZ']), 'ZYXWVUTSRQPONMLKJIHGFEDCBA');
  assert.equal(call('reverse', ['int'], [12345]), '54321');
  assert.equal(call('reverse', ['real'], [123.45]), '54.321');
  assert.equal(call('reverse', ['datetime'], [parseDatetime('2017-10-15 12:00')!]), 'Z0000000.00:00:21T51-01-7102');
  assert.equal(call('reverse', ['timespan'], [3n * 3600n * SECOND]), '00:00:30');
  assert.equal(call('reverse', ['string'], ['a😀b']), 'b😀a');
});

test('strcmp: docs example (ordinal)', () => {
  assert.equal(call('strcmp', S(2), ['ABC', 'ABC']), 0n);
  assert.equal(call('strcmp', S(2), ['abc', 'ABC']), 1n);
  assert.equal(call('strcmp', S(2), ['ABC', 'abc']), -1n);
  assert.equal(call('strcmp', S(2), ['abcde', 'abc']), 1n);
});

test('string_size, isascii, isutf8, to_utf8', () => {
  assert.equal(call('string_size', ['string'], ['hello']), 5n);
  assert.equal(call('string_size', ['string'], ['⒦⒰⒮⒯⒪']), 15n);
  assert.equal(call('isascii', ['string'], ['some string']), true);
  assert.equal(call('isascii', ['string'], ['é']), false);
  assert.equal(call('isutf8', ['string'], ['héllo 😀']), true);
  assert.equal(call('isutf8', ['string'], ['bad \ud800 surrogate']), false);
  assert.deepEqual(call('to_utf8', ['string'], ['Aé']), [65, 195, 169]);
});

test('translate: mapping, repetition of the last replacement, deletion', () => {
  assert.equal(call('translate', S(3), ['abc', 'x', 'abc']), 'xxx');
  assert.equal(call('translate', S(3), ['abc', '', 'ab']), '');
  assert.equal(call('translate', S(3), ['krasp', 'otsku', 'spark']), 'kusto');
});

test('unicode_codepoints_from_string / _to_string / make_string: docs examples', () => {
  assert.deepEqual(call('unicode_codepoints_from_string', ['string'], ['⒦⒰⒮⒯⒪']), [9382, 9392, 9390, 9391, 9386]);
  assert.deepEqual(call('unicode_codepoints_from_string', ['string'], ['קוסטו - Kusto']),
    [1511, 1493, 1505, 1496, 1493, 32, 45, 32, 75, 117, 115, 116, 111]);
  assert.deepEqual(call('unicode_codepoints_from_string', ['string'], ['😀']), [128512]);
  assert.equal(call('unicode_codepoints_to_string', ['long', 'long', 'long', 'long', 'long'], [75n, 117n, 115n, 116n, 111n]), 'Kusto');
  assert.equal(call('unicode_codepoints_to_string', ['dynamic'], [[75, 117, 115, 116, 111]]), 'Kusto');
  assert.equal(call('unicode_codepoints_to_string', ['dynamic', 'int', 'int'], [[75, 117, 115], 116, 111]), 'Kusto');
  assert.equal(call('unicode_codepoints_to_string', ['int', 'int', 'int'], [75, 10, 117]), 'K\nu');
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  assert.equal(call('unicode_codepoints_to_string', ['dynamic', 'dynamic', 'dynamic'], [range(48, 57), range(65, 90), range(97, 122)]),
    '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
  assert.equal(call('make_string', ['dynamic'], [[75, 117, 115, 116, 111]]), 'Kusto');
  assert.equal(call('unicode_codepoints_to_string', ['int'], [0x110000]), '');
});

test('has_any_index: docs examples', () => {
  const t: ScalarType[] = ['string', 'dynamic'];
  assert.equal(call('has_any_index', t, ['this is an example', ['this', 'example']]), 0n);
  assert.equal(call('has_any_index', t, ['this is an example', ['not', 'example']]), 1n);
  assert.equal(call('has_any_index', t, ['this is an example', ['not', 'found']]), -1n);
  assert.equal(call('has_any_index', t, ['Example number 2', [1, 2, 3]]), 1n);
  assert.equal(call('has_any_index', t, ['this is an example', []]), -1n);
  assert.equal(call('has_any_index', t, ['a EXAMPLE', ['example']], [undefined, ['example']]), 0n);
});

test('format_bytes: docs examples', () => {
  assert.equal(call('format_bytes', ['long'], [564n]), '564 Bytes');
  assert.equal(call('format_bytes', ['long', 'int'], [10332n, 1]), '10.1 KB');
  assert.equal(call('format_bytes', ['long'], [20010332n]), '19 MB');
  assert.equal(call('format_bytes', ['long', 'int'], [20010332n, 2]), '19.08 MB');
  assert.equal(call('format_bytes', ['long', 'int', 'string'], [20010332n, 0, 'KB']), '19541 KB');
  assert.equal(call('format_bytes', ['long'], [null]), '');
});

test('typed extraction helpers', () => {
  assert.equal(typeFromConst('typeof(datetime)'), 'datetime');
  assert.equal(typeFromConst('long'), 'long');
  assert.equal(convertText('07', 'int'), 7);
  assert.equal(convertText('x', 'int'), null);
  assert.equal(convertText('99999999999', 'int'), null);
  assert.equal(convertText('1.5', 'real'), 1.5);
  assert.equal(convertText('TRUE', 'bool'), true);
  assert.equal(convertText('2020-01-01', 'datetime'), parseDatetime('2020-01-01'));
  assert.deepEqual(convertText('{"a":1}', 'dynamic'), { a: 1 });
});
