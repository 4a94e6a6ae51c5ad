import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScalarType, Value } from '../../kql/types/index.js';
import { KernelError } from './kernel.js';
import { compileRegex, parseReplacement, regexQuote, translateRegex } from './regex.js';
import { kernels } from './strings.js'; // the regex-based function kernels live with the string functions

const ctx = { now: 0n, random: () => 0.5 };
/** Calls a kernel; constant arguments are passed as consts (as the compiler does for literals). */
function call(name: string, types: ScalarType[], args: Value[], constIdx: number[] = []): Value {
  const k = kernels.find((x) => x.name === name);
  assert.ok(k, `kernel ${name}`);
  const consts = args.map((a, i) => (constIdx.includes(i) ? a : undefined));
  return k.make(types, consts, ctx)(...args);
}

const rejects = (pattern: string, what: RegExp) =>
  assert.throws(() => compileRegex(pattern), (e: unknown) => e instanceof KernelError && e.code === 'KQL3005' && what.test(e.message));

test('rejects look-around and backreferences with KQL3005 naming the construct', () => {
  rejects('a(?=b)', /look-around/);
  rejects('a(?!b)', /look-around/);
  rejects('(?<=a)b', /look-around/);
  rejects('(?<!a)b', /look-around/);
  rejects('(a)\\1', /backreference/);
  rejects('(?P<x>a)(?P=x)', /backreference/);
  rejects('(?<x>a)\\k<x>', /backreference/);
  rejects('[z-a]', /range/);
  rejects('[\\p{NoSuchThing}]', /invalid/);
  rejects('[a\\p{NoSuchThing}&&b]', /unknown Unicode class/);
  rejects('[[a]', /unclosed/);
  rejects('(unclosed', /invalid regular expression/);
  rejects('[abc', /unclosed/);
});

test('Rust syntax: Unicode \\d \\w \\s, inline flags, verbose mode, \\u escapes, named groups', () => {
  assert.deepEqual(compileRegex('\\d+').exec('x ٣4')?.groups, ['٣4']);
  assert.deepEqual(compileRegex('\\w+').exec('-héllo-')?.groups, ['héllo']);
  assert.equal(compileRegex('^\\s+$').test('\u00a0\u2003\t'), true);
  assert.equal(compileRegex('[^\\w]+').exec('ab--cd')?.groups[0], '--');
  assert.equal(compileRegex('(?i)abc').test('xABCx'), true);
  assert.equal(compileRegex('(?x) a b  # comment\n c').test('abc'), true);
  assert.equal(compileRegex('(?ix) A B').test('ab'), true);
  assert.equal(compileRegex('\\u{41}\\u0042\\x43').test('ABC'), true);
  assert.equal(compileRegex('\\p{Greek}+').exec('abc αβγ')?.groups[0], 'αβγ');
  assert.equal(compileRegex('\\p{Letter}+').exec('12ab3')?.groups[0], 'ab');
  assert.equal(compileRegex('\\<cat').exec('concat cat')?.index, 7);
  assert.equal(compileRegex('cat\\b{end}').exec('cats cat')?.index, 5);
  assert.equal(compileRegex('\\Aab\\z').test('ab'), true);
  assert.equal(compileRegex('(?s)a.b').test('a\nb'), true);
  assert.equal(compileRegex('a.b').test('a\nb'), false);
  assert.equal(compileRegex('(?U)a+').exec('aaa')?.groups[0], 'a');
  assert.equal(compileRegex('[[:alpha:]]+').exec('12ab3')?.groups[0], 'ab');
  const named = compileRegex('(?P<first>\\w)(?<rest>\\w+)?');
  assert.equal(named.groupCount, 2);
  assert.deepEqual(named.groupNames, [undefined, 'first', 'rest']);
  assert.deepEqual(named.exec('x')?.named, { first: 'x', rest: undefined });
  assert.equal(translateRegex('(?u)a(?-u:b)').source, 'a(?:b)');
  assert.equal(compileRegex('a', 'i').test('A'), true);
});

test('character classes: nesting and set operations (docs table)', () => {
  const all = (p: string, s: string) => [...compileRegex(p).matchAll(s)].map((m) => m.groups[0]).join('');
  assert.equal(all('[x[^xyz]]', 'wxyz'), 'wx');
  assert.equal(all('[a-y&&xyz]', 'axyz'), 'xy');
  assert.equal(all('[0-9&&[^4]]', '0345'), '035');
  assert.equal(all('[0-9--4]', '0345'), '035');
  assert.equal(all('[a-g~~b-h]', 'abcghi'), 'ah');
  assert.equal(all('[\\[\\]]', 'a[b]'), '[]');
  assert.equal(all('[a&&b]', 'ab'), '');
  assert.equal(all('[\\p{Greek}&&\\pL]', 'αβ1;΄'), 'αβ');
  assert.equal(all('[\\p{Greek}[:digit:]]', 'α1x'), 'α1');
  assert.equal(all('[^\\W\\d]', 'a1é_ !'), 'aé_');
  assert.equal(all('[\\S&&[^a]]', 'a b\u00a0c'), 'bc');
  assert.equal(all('[\\pL--[a-z]]+', 'abcDÉFghi'), 'DÉF');
  assert.equal(all('[]a]', 'a]b'), 'a]');
  assert.equal(all('[a-]', 'a-b'), 'a-');
  assert.equal(all('(?i)[a-c&&b-z]', 'ABCD'), 'BC');
});

test('exec from an offset, matchAll with empty matches, surrogate pairs', () => {
  const re = compileRegex('a.c');
  assert.equal(re.exec('abcabc', 1)?.index, 3);
  assert.equal(re.exec('abcabc', 7), null);
  assert.deepEqual([...compileRegex('x*').matchAll('ab')].map((m) => [m.index, m.end]), [[0, 0], [1, 1], [2, 2]]);
  assert.deepEqual(compileRegex('.').exec('😀x')?.groups, ['😀']);
});

test('hostile patterns stay linear (50k chars)', () => {
  const s = 'a'.repeat(50_000) + 'b';
  assert.equal(compileRegex('(a+)+$').test(s), false);
  assert.equal(compileRegex('(a|aa)+$').exec(s), null);
  assert.equal(compileRegex('(\\w+\\s?)+$').exec('word '.repeat(10_000) + '!'), null);
  assert.equal(compileRegex('(a*)*b').exec(s)?.index, 0);
});

test('replacement syntax: \\N and \\\\ only', () => {
  const re = compileRegex('is (?P<n>\\d+)');
  assert.equal(re.replaceAll('Number is 1.000000', 'was: \\1'), 'Number was: 1.000000');
  // Only \N is a group reference (docs: replace_regex); `$` is literal, as tokenize_fl's "$$$" separator shows.
  assert.equal(re.replaceAll('is 7, is 8', '[\\1|$1|${n}|\\0|$$$|\\\\]'), '[7|$1|${n}|is 7|$$$|\\], [8|$1|${n}|is 8|$$$|\\]');
  assert.equal(re.replaceAll('is 7', '\\9'), ''); // a missing group is empty
  assert.equal(compileRegex('x').replaceAll('abc', 'y'), 'abc');
  assert.deepEqual(parseReplacement('a$'), ['a$']);
});

test('extract: docs examples, typed, missing group', () => {
  const t: ScalarType[] = ['string', 'long', 'string'];
  assert.equal(call('extract', t, ['User: ([^,]+)', 1n, 'User: James, Email: James@example.com, Age: 29'], [0, 1]), 'James');
  assert.equal(call('extract', t, ['Email: (\\S+),', 1n, 'User: James, Email: James@example.com, Age: 29'], [0, 1]), 'James@example.com');
  assert.equal(call('extract', t, ['Email: (\\S+),', 1n, 'User: David, Age: 35'], [0, 1]), '');
  assert.equal(call('extract', t, ['\\d+', 0n, 'User: David, Age: 35'], [0, 1]), '35');
  const typed: ScalarType[] = ['string', 'long', 'string', 'string'];
  assert.equal(call('extract', typed, ['-(\\d{2})-', 1n, '15-12-2024', 'int'], [0, 1, 3]), 12);
  assert.equal(call('extract', typed, ['-(\\d{2})-', 1n, '21-07-2023', 'typeof(int)'], [0, 1, 3]), 7);
  assert.equal(call('extract', typed, ['-(\\d{2})-', 1n, 'none', 'int'], [0, 1, 3]), null);
  assert.equal(call('extract', typed, ['(\\d+)', 1n, 'x 5', 'long'], [0, 1, 3]), 5n);
  assert.equal(call('extract', t, ['(a)|(b)', 2n, 'a'], [0]), '');
  assert.equal(call('extract', t, ['(a)', 5n, 'a'], [0]), '');
  // a non-constant pattern is compiled per row (through the cache)
  assert.equal(call('extract', t, ['(b+)', 1, 'abbbc']), 'bbb');
});

test('extract_all: docs examples (flat, 2-D, selected by index and name, no match)', () => {
  const id = '82b8be2d-dfa7-4bd1-8f63-24ad26d31449';
  assert.deepEqual(call('extract_all', ['string', 'string'], ['([\\da-f]{2})', id], [0]),
    ['82', 'b8', 'be', '2d', 'df', 'a7', '4b', 'd1', '8f', '63', '24', 'ad', '26', 'd3', '14', '49']);
  assert.deepEqual(call('extract_all', ['string', 'string'], ['(\\w)(\\w+)(\\w)', id], [0]),
    [['8', '2b8be2', 'd'], ['d', 'fa', '7'], ['4', 'bd', '1'], ['8', 'f6', '3'], ['2', '4ad26d3144', '9']]);
  const t3: ScalarType[] = ['string', 'dynamic', 'string'];
  assert.deepEqual(call('extract_all', t3, ['(\\w)(\\w+)(\\w)', [1, 3], id], [0, 1]),
    [['8', 'd'], ['d', '7'], ['4', '1'], ['8', '3'], ['2', '9']]);
  assert.deepEqual(call('extract_all', t3, ['(?P<first>\\w)(?P<middle>\\w+)(?P<last>\\w)', ['first', 2, 'last'], id], [0, 1]),
    [['8', '2b8be2', 'd'], ['d', 'fa', '7'], ['4', 'bd', '1'], ['8', 'f6', '3'], ['2', '4ad26d3144', '9']]);
  assert.equal(call('extract_all', ['string', 'string'], ['(x)', 'abc'], [0]), null);
  assert.deepEqual(call('extract_all', ['string', 'string'], ['\\d', 'a1b2'], [0]), ['1', '2']);
});

test('replace_regex / replace (deprecated argument order)', () => {
  assert.equal(call('replace_regex', ['string', 'string', 'string'], ['Number is 1.000000', 'is (\\d+)', 'was: \\1'], [1, 2]), 'Number was: 1.000000');
  assert.equal(call('replace', ['string', 'string', 'string'], ['is (\\d+)', 'was: \\1', 'Number is 2.000000'], [0, 1]), 'Number was: 2.000000');
  assert.equal(call('replace_regex', ['string', 'string', 'string'], ['aaa', 'a', ''], [1, 2]), '');
  assert.throws(() => call('replace_regex', ['string', 'string', 'string'], ['x', '(?=a)', ''], [1]), KernelError);
});

test('trim, trim_start, trim_end: docs examples', () => {
  const t: ScalarType[] = ['string', 'string'];
  assert.equal(call('trim', t, ['--', '--https://bing.com--'], [0]), 'https://bing.com');
  assert.equal(call('trim', t, ['[^\\w]+', '-  Te st1// $'], [0]), 'Te st1');
  assert.equal(call('trim', t, ['\\s+', '    Hello, world!    '], [0]), 'Hello, world!');
  assert.equal(call('trim_start', t, ['https://', 'https://bing.com'], [0]), 'bing.com');
  assert.equal(call('trim_start', t, ['[^\\w]+', '-  Te st2// $'], [0]), 'Te st2// $');
  assert.equal(call('trim_end', t, ['\\s+', '    Hello, world!    '], [0]), '    Hello, world!');
  assert.equal(call('trim_end', t, ['--', 'a---'], [0]), 'a-');
  assert.equal(call('trim', t, ['a|b', 'abxba'], [0]), 'x');
  assert.equal(call('trim', t, ['x', ''], [0]), '');
  assert.throws(() => call('trim', t, [')(', 'a'], [0]), KernelError); // not spliced into the wrapper
});

test('indexof_regex: docs examples', () => {
  const t: ScalarType[] = ['string', 'string', 'long', 'long', 'long'];
  assert.equal(call('indexof_regex', t.slice(0, 2), ['abcabc', 'a.c'], [1]), 0n);
  assert.equal(call('indexof_regex', t, ['abcabcdefg', 'a.c', 0n, 9n, 2n], [1]), 3n);
  assert.equal(call('indexof_regex', t, ['abcabc', 'a.c', 1n, -1n, 2n], [1]), -1n);
  assert.equal(call('indexof_regex', t, ['ababaa', 'a.a', 0n, -1n, 2n], [1]), -1n);
  assert.equal(call('indexof_regex', t.slice(0, 3), ['abcabc', 'a|ab', -1n], [1]), null);
  assert.equal(call('indexof_regex', t.slice(0, 4), ['abc', 'c', 0n, -2n], [1]), null);
});

test('countof: normal (overlapping) and regex (not) per the docs', () => {
  const t: ScalarType[] = ['string', 'string', 'string'];
  assert.equal(call('countof', t.slice(0, 2), ['aaa', 'a']), 3n);
  assert.equal(call('countof', t.slice(0, 2), ['aaaa', 'aa']), 3n);
  assert.equal(call('countof', t, ['ababa', 'ab', 'normal'], [2]), 2n);
  assert.equal(call('countof', t.slice(0, 2), ['ababa', 'aba']), 2n);
  assert.equal(call('countof', t, ['ababa', 'aba', 'regex'], [1, 2]), 1n);
  assert.equal(call('countof', t, ['abcabc', 'a.c', 'regex'], [1, 2]), 2n);
  assert.equal(call('countof', t, ['abcdefedcba', '[abc]', 'regex'], [1, 2]), 6n);
  assert.equal(call('countof', t.slice(0, 2), ['abc', '']), 0n);
});

test('regex_quote: docs example and round trip', () => {
  assert.equal(call('regex_quote', ['string'], ['(so$me.Te^xt)']), '\\(so\\$me\\.Te\\^xt\\)');
  const nasty = 'a.b*c+(d)[e]{f}|g^h$i\\j#k&l-m~n?';
  assert.equal(compileRegex(`^${regexQuote(nasty)}$`).test(nasty), true);
});
