import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toIsoUtc } from './time.js';

test('the ThreatFox fast path gives what the general parser gives (a trailing Z defeats the fast path)', () => {
  let seed = 11;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor((seed / 2147483648) * n); };
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  let valid = 0;
  for (let i = 0; i < 5000; i++) {
    const s = `${p(1965 + rnd(70), 4)}-${p(rnd(14))}-${p(rnd(32))} ${p(rnd(26))}:${p(rnd(62))}:${p(rnd(62))}`;
    const v = toIsoUtc(s);
    assert.equal(v, toIsoUtc(`${s}Z`), s);
    if (v) valid++;
  }
  assert.ok(valid > 1000);
  assert.equal(toIsoUtc('2024-02-29 23:59:59'), '2024-02-29T23:59:59Z');
  assert.equal(toIsoUtc('2023-02-29 10:00:00'), undefined);
  assert.equal(toIsoUtc('2024-0a-01 10:00:00'), undefined);
  assert.equal(toIsoUtc('2024-01-01T10:00:00'), '2024-01-01T10:00:00Z');
});
