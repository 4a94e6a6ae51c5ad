// Gathers the differential inputs (doc cases against an empty database, .kqltest queries against their workspace)
// and compares kqlite with Microsoft's parser/analyzer on each.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { openWorkspace } from '../../src/index.js';
import { parseKqlTest } from '../kqltest/format.js';
import { loadCases } from './run-cases.js';
import { compareSides, msGlobals, msSide, ourSide, type Catalog, type Disagreement } from './differential.js';

export interface Input { key: string; query: string; data?: string }

const root = new URL('../../', import.meta.url).pathname;

function walk(d: string): string[] {
  let names: string[] = [];
  try { names = readdirSync(d); } catch { return []; }
  return names.flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p) : n.endsWith('.kqltest') ? [p] : [];
  });
}

export function gatherInputs(): Input[] {
  const out: Input[] = loadCases().map((c) => ({ key: c.id, query: c.query }));
  for (const file of walk(join(root, 'test/kql')).sort()) {
    for (const c of parseKqlTest(file, readFileSync(file, 'utf8'))) {
      // keyed by case title (not line) so edits elsewhere in the file keep exception keys stable
      const inp: Input = { key: `${relative(root, file)}:${c.title.replace(/\s+/g, '_').slice(0, 80)}`, query: c.query };
      if (c.data) inp.data = resolve(dirname(file), c.data);
      out.push(inp);
    }
  }
  return out;
}

/** Tables a query may mention: only those named in its text (building every built-in schema is slow). */
function mentioned(query: string, names: string[]): string[] {
  return names.filter((n) => query.includes(n));
}

export async function runDifferential(inputs: Input[]): Promise<{ checked: number; disagreements: Disagreement[] }> {
  const workspaces = new Map<string, Catalog>();
  const disagreements: Disagreement[] = [];
  for (const inp of inputs) {
    const dir = inp.data ?? '';
    let ws = workspaces.get(dir);
    if (!ws) { ws = await openWorkspace(dir ? [dir] : []); workspaces.set(dir, ws); }
    const globals = msGlobals(ws, mentioned(inp.query, ws.tableNames()));
    const d = compareSides(inp.key, ourSide(inp.query, ws), msSide(inp.query, globals));
    if (d) disagreements.push(d);
  }
  return { checked: inputs.length, disagreements };
}
