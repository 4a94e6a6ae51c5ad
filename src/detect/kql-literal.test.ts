import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kqlString, kqlStringArray, kqlStringDatatable, parseKqlString } from './kql-literal.js';
import { analyzeKql, hostileValues } from './kusto-oracle.test.js';

test('kqlString escapes quotes, backslashes, line breaks and non-ASCII into pure printable ASCII', () => {
  assert.equal(kqlString('net883.com'), '"net883.com"');
  assert.equal(kqlString('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(kqlString('a\nb\rc\td'), '"a\\nb\\rc\\td"');
  assert.equal(kqlString('\u0000é\u2028'), '"\\u0000\\u00e9\\u2028"');
  for (const v of hostileValues()) assert.match(kqlString(v), /^"[\x20-\x7e]*"$/);
});

test('parseKqlString inverts kqlString for every hostile value', () => {
  for (const v of hostileValues()) assert.equal(parseKqlString(kqlString(v)), v);
  assert.equal(parseKqlString('"a" + "b"'), null);
  assert.equal(parseKqlString('"\\q"'), null);
});

test("Microsoft's parser reads every literal back exactly, in scalars, dynamic arrays and datatables", () => {
  const values = hostileValues();
  const q = [
    `let L = ${kqlStringArray(values)};`,
    `let T = ${kqlStringDatatable(['a', 'b'], values.map((v) => [v, v]))};`,
    `print x = ${kqlString(values[4]!)}, n = array_length(L)`,
  ].join('\n');
  const r = analyzeKql(q, 'sentinel');
  assert.deepEqual(r.errors, []);
  const expected = [...values, ...values.flatMap((v) => [v, v]), values[4]!];
  assert.deepEqual(r.literals, expected);
  assert.deepEqual(r.columns.map((c) => c.name), ['x', 'n']);
});

test('empty lists still make valid KQL', () => {
  const r = analyzeKql(`let L = ${kqlStringArray([])}; let T = ${kqlStringDatatable(['a'], [])}; print array_length(L)`, 'sentinel');
  assert.deepEqual(r.errors, []);
});
