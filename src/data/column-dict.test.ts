import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LoadColumnBuilder } from './column-builder.js';
import { ColumnEncoder } from './column-encoder.js';
import { dictOf } from '../table/index.js';

const encode = (vals: string[]) => { const e = new ColumnEncoder('s', 'string'); for (const v of vals) e.push(v); return e.finish(); };

test('dictionary codes: pushed and appended segments share one dictionary; values[i] is always strings[codes[i]]', () => {
  const b = new LoadColumnBuilder('s', 'string');
  b.push('a'); b.push(null); b.push('b');
  b.append(encode(['b', 'c', 'a']));
  b.append(encode(['c', '']));
  const col = b.build();
  assert.deepEqual(col.values, ['a', '', 'b', 'b', 'c', 'a', 'c', '']);
  const d = dictOf(col.values)!;
  assert.ok(d);
  col.values.forEach((v, i) => assert.equal(d.strings[d.codes[i]!], v));
  assert.ok(d.strings.length <= 5);
});

test('dictionary codes are dropped for mostly-unique columns and for non-string segments; slices never carry them', () => {
  const u = new LoadColumnBuilder('s', 'string');
  for (let i = 0; i < 70_000; i++) u.push(`v${i}`);
  assert.equal(dictOf(u.build().values), undefined);
  const r = new LoadColumnBuilder('s', 'string');
  for (let i = 0; i < 70_000; i++) r.push(`v${i % 10}`);
  const col = r.build();
  assert.equal(dictOf(col.values)?.strings.length, 10);
  assert.equal(dictOf(col.values.slice(1)), undefined);
  const n = new LoadColumnBuilder('n', 'long');
  n.push(1n);
  assert.equal(dictOf(n.build().values), undefined);
});

test('a dictionary dropped at a check keeps every pushed value (regression: the value pushed at the check was lost)', () => {
  const b = new LoadColumnBuilder('s', 'string');
  const n = (1 << 16) * 2 + 5;
  for (let i = 0; i < n; i++) b.push(`u${i}`);
  const col = b.build();
  assert.equal(col.values.length, n);
  assert.ok(col.values.every((v, i) => v === `u${i}`));
  assert.equal(dictOf(col.values), undefined);
});
