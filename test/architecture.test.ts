// Imports flow one way (ARCHITECTURE.md): cli → hunt → detect/intel/engine/data → table → kql/types; util is a leaf.
// From outside a top-level folder, import only its index.ts — checked for the public entry points that have one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

const src = new URL('../src/', import.meta.url).pathname;

/** May a file in folder `from` import from folder `to`? (top-level folders; kql sub-folders are one unit) */
const ALLOWED: Record<string, string[]> = {
  cli: ['hunt', 'detect', 'intel', 'engine', 'data', 'table', 'kql', 'util'],
  hunt: ['detect', 'intel', 'engine', 'data', 'table', 'kql', 'util'],
  detect: ['intel', 'kql', 'util'],
  intel: ['data', 'table', 'kql', 'util'],
  engine: ['kql', 'table', 'util'],
  data: ['table', 'kql', 'util'],
  table: ['kql', 'util'],
  kql: ['util'],
  util: [],
};

function walk(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

test('imports flow one way between top-level folders', () => {
  const problems: string[] = [];
  for (const file of walk(src)) {
    const rel = relative(src, file);
    const from = rel.split('/')[0]!;
    if (!ALLOWED[from]) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]/gm)) {
      const target = relative(src, resolve(dirname(file), m[1]!));
      const to = target.split('/')[0]!;
      if (to === from || target.startsWith('..')) continue;
      if (!ALLOWED[from]!.includes(to)) problems.push(`${rel}: ${from} may not import ${to} (${m[1]})`);
      // kql/types may only import kql/text-free leaf code
      if (rel.startsWith('kql/types/') && !target.startsWith('kql/types/') && to !== 'util') problems.push(`${rel}: kql/types is a leaf`);
    }
  }
  assert.deepEqual(problems, []);
});

test('table and kql/types know nothing of the engine, readers or intel', () => {
  for (const dir of ['table', 'kql/types', 'kql/text']) {
    for (const file of walk(join(src, dir))) {
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /from\s+['"][./]*(engine|data|intel|detect|hunt|cli)\//, relative(src, file));
    }
  }
});
