import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CODES } from './codes.js';

const src = new URL('../../', import.meta.url).pathname;
const walk = (d: string): string[] => readdirSync(d).flatMap((n) => {
  const p = join(d, n);
  return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
});

test('every diagnostic code (KQL, RDR, INT) used in src/ is in the catalog', () => {
  const used = new Set<string>();
  for (const f of walk(src)) for (const m of readFileSync(f, 'utf8').matchAll(/'((?:KQL|RDR|INT)\d{4})'/g)) used.add(m[1]!);
  const missing = [...used].filter((c) => !CODES[c]).sort();
  assert.deepEqual(missing, []);
});
