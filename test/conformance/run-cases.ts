// Runs the doc-derived conformance cases through kqlite and judges each with compare.mjs.
import { readFileSync } from 'node:fs';
import { readListLines } from './list-file.js';
import { openWorkspace, type Workspace } from '../../src/index.js';
// @ts-expect-error compare.mjs is plain JS shared with the corpus (no type declarations)
import { compareCase } from './compare.mjs';

export interface ConfCase {
  id: string;
  page: string;
  query: string;
  expected: { columns: string[]; rows: string[][] };
  ordered: boolean;
  tags: string[];
}

export interface CaseOutcome {
  id: string;
  page: string;
  core: boolean;
  ok: boolean;
  reason?: string;
  /** error code when the engine rejected the query */
  code?: string;
}

const here = new URL('.', import.meta.url).pathname;

export function loadCases(path = here + 'cases.jsonl'): ConfCase[] {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ConfCase);
}

/** Pages outside the core target: geo_*, series_*, graph, plugins and the functions library. */
export function isCore(c: ConfCase): boolean {
  const slug = c.page.replace(/^.*\//, '');
  if (c.page.includes('/functions-library/')) return false;
  if (/^geo|^geospatial/.test(slug) || /^series-/.test(slug) || /graph/.test(slug) || /-plugin\.md$/.test(slug)) return false;
  return !c.tags.some((t) => t.startsWith('plugin:'));
}

/** Pinned now and seed so now()/ago()/rand() cases are reproducible. */
export const PINNED = { now: '2026-01-01T00:00:00Z', seed: 42, timeoutMs: 5000, maxRows: 100_000 };

export async function runOne(ws: Workspace, c: ConfCase): Promise<CaseOutcome> {
  const base = { id: c.id, page: c.page, core: isCore(c) };
  let result: { columns: { name: string }[]; rows: unknown[][] };
  try {
    result = await ws.query(c.query, PINNED);
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { ...base, ok: false, reason: `${err.code ?? 'crash'}: ${err.message ?? String(e)}`, code: err.code ?? 'crash' };
  }
  const v = compareCase(c, result) as { ok: boolean; reason?: string };
  return v.ok ? { ...base, ok: true } : { ...base, ok: false, reason: v.reason ?? 'mismatch' };
}

export async function runCases(cases: ConfCase[]): Promise<CaseOutcome[]> {
  const ws = await openWorkspace([]);
  const out: CaseOutcome[] = [];
  for (const c of cases) out.push(await runOne(ws, c));
  return out;
}

export interface Summary { total: number; pass: number; coreTotal: number; corePass: number }

export function summarize(outcomes: CaseOutcome[]): Summary {
  const core = outcomes.filter((o) => o.core);
  return {
    total: outcomes.length,
    pass: outcomes.filter((o) => o.ok).length,
    coreTotal: core.length,
    corePass: core.filter((o) => o.ok).length,
  };
}

/** known-failures.txt: `id  reason` per line; `#` comments. */
export function readKnownFailures(path = here + 'known-failures.txt'): Map<string, string> {
  const m = new Map<string, string>();
  for (const t of readListLines(path)) {
    const sp = t.search(/\s/);
    m.set(sp < 0 ? t : t.slice(0, sp), sp < 0 ? '' : t.slice(sp).trim());
  }
  return m;
}

export function formatKnownFailures(outcomes: CaseOutcome[]): string {
  const head = '# Conformance cases kqlite fails today: `id  reason`. Regenerate with `npm run conformance -- --update`.\n';
  const one = (s: string) => s.replace(/\s+/g, ' ').slice(0, 160);
  return head + outcomes.filter((o) => !o.ok).map((o) => `${o.id}  ${one(o.reason ?? '')}`).join('\n') + '\n';
}
