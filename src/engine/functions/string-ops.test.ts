import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRegex } from './regex.js';
import {
  containsCi, containsCs, endsWithCi, endsWithCs, equalsCi, foldCase, hasPrefix, hasSuffix, hasTerm, makeHas,
  makeHasAll, makeHasAny, makeHasAnyIndex, makeInSet, makeStringOp, matchesRegex, startsWithCi, startsWithCs,
} from './string-ops.js';
import type { StringOpName } from './string-ops.js';

const GUID_TEXT = 'Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun';

test('has: whole terms, case-insensitive; has_cs case-sensitive', () => {
  assert.equal(hasTerm('North America', 'america'), true);
  assert.equal(hasTerm('North America', 'amer'), false);
  assert.equal(hasTerm('North America', 'America', true), true);
  assert.equal(hasTerm('North America', 'america', true), false);
  assert.equal(hasTerm('KustoExplorerQueryRun', 'Explorer'), false);
  for (const term of ['Kusto', 'ad67d136', 'c1db', '4f9f', '88ef', 'd94f3b6b0b5a', 'KustoExplorerQueryRun']) {
    assert.equal(hasTerm(GUID_TEXT, term), true, term);
  }
  assert.equal(hasTerm(GUID_TEXT, 'd94f'), false);
  assert.equal(hasTerm('a b', 'b'), true); // short needles give the same answer, only slower in Kusto
  assert.equal(hasTerm('', 'x'), false);
});

test('has with punctuation in the needle: phrase bounded at alphanumeric edges', () => {
  assert.equal(hasTerm('a.net883.com/x', 'net883.com'), true);
  assert.equal(hasTerm('xnet883.com', 'net883.com'), false);
  assert.equal(hasTerm('net883.comx', 'net883.com'), false);
  assert.equal(hasTerm('powershell -enc AAA', '-enc'), true);
  assert.equal(hasTerm('powershell -EncodedCommand AAA', '-enc'), false);
  assert.equal(hasTerm('C:\\Users\\x\\AppData\\Local\\Temp\\a.exe', '\\temp\\'), true);
  const arm = '/subscriptions/x/resourceGroups/test.rg000001/providers/y';
  assert.equal(hasTerm(arm, 'resourcegroups/test.rg000001'), true);
  assert.equal(hasTerm(arm + '?api', '/resourcegroups/test.rg000001/'), true);
  // a later occurrence may satisfy the edges when the first does not
  assert.equal(hasTerm('xab.c ab.c', 'ab.c'), true);
});

test('has: empty needle is found everywhere; Unicode letters and digits form terms; _ separates', () => {
  assert.equal(hasTerm('anything', ''), true);
  assert.equal(hasTerm('', ''), true);
  assert.equal(hasTerm('Grüße aus Köln', 'köln'), true);
  assert.equal(hasTerm('Grüße aus Köln', 'gr'), false);
  assert.equal(hasTerm('данные:пароль', 'ПАРОЛЬ'), true);
  assert.equal(hasTerm('snake_case', 'case'), true);
  assert.equal(hasTerm('x٣y', 'x'), false); // Arabic-Indic digit is alphanumeric
  assert.equal(makeHas('EXE')('run.exe now'), true);
  assert.equal(makeHas('EXE', true)('run.exe now'), false);
});

test('hasprefix / hassuffix: some term starts / ends with the needle', () => {
  assert.equal(hasPrefix('North America', 'ame'), true);
  assert.equal(hasPrefix('North America', 'ica'), false);
  assert.equal(hasSuffix('North America', 'ica'), true);
  assert.equal(hasSuffix('North America', 'ame'), false);
  assert.equal(hasPrefix('North America', 'Ame', true), true);
  assert.equal(hasPrefix('North America', 'ame', true), false);
  assert.equal(hasPrefix('cmd.exe /c', 'cmd.ex'), true);
  assert.equal(hasSuffix('xcmd.exe', 'md.exe'), true);
  assert.equal(hasPrefix('', ''), true);
});

test('contains, startswith, endswith, =~', () => {
  assert.equal(containsCi('FabriKam', 'BRik'), true);
  assert.equal(containsCs('FabriKam', 'Kam'), true);
  assert.equal(containsCs('FabriKam', 'kam'), false);
  assert.equal(startsWithCi('Fabrikam', 'fab'), true);
  assert.equal(startsWithCs('Fabrikam', 'fab'), false);
  assert.equal(endsWithCi('Fabrikam', 'KAM'), true);
  assert.equal(endsWithCs('Fabrikam', 'KAM'), false);
  assert.equal(endsWithCi('a', 'ab'), false);
  assert.equal(equalsCi('aBc', 'AbC'), true);
  assert.equal(equalsCi('ÄÖÜ', 'äöü'), true);
  assert.equal(equalsCi('abc', 'abd'), false);
});

test('foldCase is length-preserving and invariant', () => {
  assert.equal(foldCase('İSTANBUL'), 'istanbul');
  assert.equal(foldCase('ΟΔΟΣ'), 'οδοσ'); // no context-dependent final sigma
  assert.equal(foldCase('ABC'), 'abc');
});

test('matches regex: contains a match, not anchored', () => {
  assert.equal(matchesRegex('xx 123 yy', compileRegex('\\d+')), true);
  assert.equal(matchesRegex('abc', compileRegex('^b')), false);
});

test('makeHasAny: terms, punctuated needles, bare punctuation, empty, case', () => {
  const f = makeHasAny(['evil', 'net883.com', '-enc', '\\\\', 'zzz']);
  assert.equal(f('this is EVIL stuff'), true);
  assert.equal(f('devil may cry'), false);
  assert.equal(f('GET http://a.net883.com/x'), true);
  assert.equal(f('GET http://anet883.com/x'), false);
  assert.equal(f('powershell -enc AAA'), true);
  assert.equal(f('powershell -EncodedCommand AAA'), false);
  assert.equal(f('\\\\server\\share'), true);
  assert.equal(f(''), false);
  assert.equal(makeHasAny([])('anything'), false);
  assert.equal(makeHasAny(['', 'x'])('abc'), true);
  assert.equal(makeHasAny(['Evil'], true)('evil'), false);
  assert.equal(makeHasAny(['Evil'], true)('an Evil one'), true);
  const long = 'a'.repeat(300);
  assert.equal(makeHasAny([long])(`x ${long} y`), true);
  assert.equal(makeHasAny([long])(`x ${long}b y`), false);
});

test('makeHasAny agrees with hasTerm on many needles', () => {
  const needles = Array.from({ length: 500 }, (_, i) => (i % 7 === 0 ? `d${i}.example-${i % 13}.com` : `t${i}x`));
  const f = makeHasAny(needles);
  const hays = ['nothing here', 't14x', 'go to d0.example-0.com now', 'xd7.example-7.com', 'T21X!', 'd14.example-1.com.', 't499x', 't500x'];
  for (const h of hays) assert.equal(f(h), needles.some((n) => hasTerm(h, n)), h);
});

test('makeHasAll, makeHasAnyIndex, makeInSet', () => {
  const all = makeHasAll(['cmd', 'whoami', '/c']);
  assert.equal(all('CMD.exe /c whoami'), true);
  assert.equal(all('cmd.exe whoami'), false);
  assert.equal(makeHasAll([])('x'), true);
  assert.equal(makeHasAll(['a', 'a'])('a b'), true);
  assert.equal(makeHasAnyIndex(['not', 'example'])('this is an Example'), 1);
  assert.equal(makeHasAnyIndex([])('x'), -1);
  const cs = makeInSet(['Admin', 'root']);
  assert.equal(cs('Admin'), true);
  assert.equal(cs('admin'), false);
  const ci = makeInSet(['Admin', 'root'], true);
  assert.equal(ci('ADMIN'), true);
  assert.equal(ci('adm'), false);
});

test('makeStringOp agrees with the one-shot functions', () => {
  const hays = ['North America', 'FabriKam', 'cmd.exe /c whoami', '', 'ÄBC straße', 'abc'];
  const needles = ['america', 'America', 'ame', 'ica', 'BRik', 'Kam', 'cmd.exe', '/c', '', 'äbc', 'abc', 'ABC'];
  const oneShot: Record<StringOpName, (h: string, n: string) => boolean> = {
    has: (h, n) => hasTerm(h, n), has_cs: (h, n) => hasTerm(h, n, true),
    hasprefix: (h, n) => hasPrefix(h, n), hasprefix_cs: (h, n) => hasPrefix(h, n, true),
    hassuffix: (h, n) => hasSuffix(h, n), hassuffix_cs: (h, n) => hasSuffix(h, n, true),
    contains: containsCi, contains_cs: containsCs, startswith: startsWithCi, startswith_cs: startsWithCs,
    endswith: endsWithCi, endswith_cs: endsWithCs, '==': (h, n) => h === n, '=~': equalsCi,
  };
  for (const [op, f] of Object.entries(oneShot) as [StringOpName, (h: string, n: string) => boolean][]) {
    for (const n of needles) {
      const p = makeStringOp(op, n);
      for (const h of hays) assert.equal(p(h), f(h, n), `${JSON.stringify(h)} ${op} ${JSON.stringify(n)}`);
    }
  }
  assert.equal(makeStringOp('=~', 'ÄBC')('äbc'), true);
});

test('makeHasAny: the ASCII hashing fast path agrees with the folding path on random text (seeded)', async () => {
  const { mulberry32 } = await import('../../util/random.js');
  const rnd = mulberry32(1234);
  const alphabet = ['a', 'B', 'c', 'E', 'x', '1', '9', '.', '-', '/', ':', ' ', '_', 'é', 'İ', 'Z'];
  const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
  const needles = Array.from({ length: 40 }, () => word(1 + Math.floor(rnd() * 6)));
  needles.push('net883.com', 'EVIL', 'x-1', 'a');
  const slow = (h: string) => needles.some((n) => hasTerm(h, n, false));
  const fast = makeHasAny(needles);
  for (let k = 0; k < 3000; k++) {
    const hay = word(Math.floor(rnd() * 30));
    assert.equal(fast(hay), slow(hay), `hay=${JSON.stringify(hay)}`);
  }
  assert.equal(fast('https://CDN.NET883.COM/x'), true);
  assert.equal(fast('xnet883.com'), false);
});
