import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery, type TableSource } from '../index.js';
import { Table } from '../../table/index.js';

const none: TableSource = { tableSchema: () => undefined, tableNames: () => [], load: async () => Table.empty([]) };

/** Deterministic pseudo-random edges over n nodes (multi-edges and self-loops included). */
function edges(seed: number, n: number, m: number): [string, string][] {
  let x = seed;
  const next = () => { x = (x * 1103515245 + 12345) % 2147483648; return x % n; };
  return Array.from({ length: m }, () => [`v${next()}`, `v${next()}`]);
}

/** Every walk of min..max edges, by brute force: [first node, last node, edge indices]. */
function walks(es: [string, string][], dir: 'right' | 'any', min: number, max: number, cycles: 'all' | 'none' | 'unique_edges'): string[] {
  const out: string[] = [];
  const nodes = [...new Set(es.flat())];
  const go = (start: string, cur: string, path: number[], seen: string[]): void => {
    if (path.length >= min) out.push(`${start}|${cur}|${path.length}`);
    if (path.length === max) return;
    es.forEach(([s, t], i) => {
      const steps: string[] = [];
      if (s === cur) steps.push(t);
      if (dir === 'any' && t === cur && s !== t) steps.push(s);
      for (const nxt of steps) {
        if (cycles === 'unique_edges' && path.includes(i)) continue;
        if (cycles === 'none' && seen.includes(nxt)) continue;
        go(start, nxt, [...path, i], [...seen, nxt]);
      }
    });
  };
  for (const v of nodes) go(v, v, [], [v]);
  return out.sort();
}

async function matched(es: [string, string][], pattern: string, cycles: string): Promise<string[]> {
  const lit = es.map(([s, t]) => `"${s}","${t}"`).join(', ');
  const q = `datatable(s:string, t:string) [${lit}] | make-graph s --> t with_node_id=id
    | graph-match cycles=${cycles} ${pattern} project k = strcat(a.id, "|", b.id, "|", array_length(e.s))`;
  const r = await runQuery(q, none, {});
  return r.table.rows().map((x) => String(x[0])).sort();
}

for (const seed of [7, 8, 9]) {
  test(`graph-match agrees with brute-force walk enumeration (random multigraph ${seed})`, async () => {
    const es = edges(seed, 6, 11);
    for (const cycles of ['all', 'none', 'unique_edges'] as const) {
      assert.deepEqual(await matched(es, '(a)-[e*1..3]->(b)', cycles), walks(es, 'right', 1, 3, cycles), `right ${cycles}`);
      assert.deepEqual(await matched(es, '(a)-[e*0..2]-(b)', cycles), walks(es, 'any', 0, 2, cycles), `any ${cycles}`);
    }
  });
}
