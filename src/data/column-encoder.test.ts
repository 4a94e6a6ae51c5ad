import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScalarType, Value } from '../kql/types/index.js';
import { ColumnEncoder, decodeColumn, transferables } from './column-encoder.js';
import { InternTable } from './intern-table.js';

function roundTrip(type: ScalarType, values: Value[]): { kind: string; out: Value[] } {
  const e = new ColumnEncoder('c', type);
  for (const v of values) e.push(v);
  const enc = e.finish();
  // what a worker posts: structured clone with the buffers transferred
  const copy = structuredClone(enc, { transfer: transferables([enc]) });
  return { kind: copy.kind, out: decodeColumn(copy) };
}

test('column encoder: every type survives encode → transfer → decode, nulls included', () => {
  const many = Array.from({ length: 3000 }, (_, i) => `v${i % 37}`);
  assert.deepEqual(roundTrip('string', many), { kind: 'dict', out: many });
  assert.deepEqual(roundTrip('string', ['a', null, '', 'é☕', 'a']), { kind: 'dict', out: ['a', '', '', 'é☕', 'a'] });
  assert.deepEqual(roundTrip('guid', ['0f8fad5b-d9cb-469f-a165-70867728950e', null]), { kind: 'dict', out: ['0f8fad5b-d9cb-469f-a165-70867728950e', null] });
  assert.deepEqual(roundTrip('int', [1, null, -7, 2147483647]), { kind: 'f64', out: [1, null, -7, 2147483647] });
  assert.deepEqual(roundTrip('real', [1.5, NaN, null, -0]), { kind: 'f64', out: [1.5, NaN, null, -0] });
  const ticks = Array.from({ length: 2000 }, (_, i) => (i % 5 === 0 ? null : 17795304015000000n + BigInt(i)));
  assert.deepEqual(roundTrip('datetime', ticks), { kind: 'i64', out: ticks });
  assert.deepEqual(roundTrip('long', [2n ** 63n - 1n, -(2n ** 63n), null]), { kind: 'i64', out: [2n ** 63n - 1n, -(2n ** 63n), null] });
  assert.deepEqual(roundTrip('bool', [true, null, false]), { kind: 'values', out: [true, null, false] });
  assert.deepEqual(roundTrip('dynamic', [{ a: [1] }, null, 'x']), { kind: 'values', out: [{ a: [1] }, null, 'x'] });
});

test('column encoder: a value the typed form cannot hold switches the column to plain values, order kept', () => {
  assert.deepEqual(roundTrip('timespan', [1n, null, 2n ** 70n, 3n]), { kind: 'values', out: [1n, null, 2n ** 70n, 3n] });
  assert.deepEqual(roundTrip('int', [1, null, 'odd' as Value, 4]), { kind: 'values', out: [1, null, 'odd', 4] });
});

test('intern table: equal strings share one object; colliding strings stay correct', () => {
  const t = new InternTable(4); // 16 slots: collisions are certain
  const first = 'x'.repeat(3) + 'y';
  assert.equal(t.canonical(first), first);
  const again = ['x', 'x', 'x', 'y'].join('');
  assert.equal(t.canonical(again), first);
  assert.equal(t.hits, 1);
  const seen = new Map<number, string>();
  for (let i = 0; i < 500; i++) {
    const v = `value-${i % 60}`;
    const id = t.idOf(v, i);
    if (seen.has(id)) assert.equal(seen.get(id), v);
    else seen.set(id, v);
  }
});
