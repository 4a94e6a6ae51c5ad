// Runs one .kqltest case with kqlite and renders the outcome in the file's expected-result form.
import { dirname, resolve } from 'node:path';
import { openWorkspace } from '../../src/index.js';
import { KqliteError, renderDiagnostic, SourceText } from '../../src/kql/text/index.js';
import { formatSchema, stringifyJsonValue } from '../../src/kql/types/index.js';
import type { KqlCase } from './format.js';

export const DEFAULT_NOW = '2026-05-23T12:00:00Z';

export async function runCase(c: KqlCase): Promise<KqlCase['expect']> {
  const ws = await openWorkspace(c.data ? [resolve(dirname(c.file), c.data)] : []);
  try {
    const r = await ws.query(c.query, { now: c.now ?? DEFAULT_NOW, seed: 1, timeoutMs: 10_000 });
    let rows = r.rows.map((row) => '[' + row.map(stringifyJsonValue).join(', ') + ']');
    if (c.unordered) rows = [...rows].sort();
    return { kind: 'table', schema: formatSchema(r.columns), rows };
  } catch (e) {
    if (e instanceof KqliteError && e.diagnostics.length) {
      const src = new SourceText(c.query);
      return { kind: 'error', text: e.diagnostics.filter((d) => d.severity === 'error').map((d) => renderDiagnostic(d, src)).join('\n') };
    }
    if (e instanceof KqliteError) return { kind: 'error', text: `runtime ${e.code}: ${e.message}` };
    throw e;
  }
}

export function normalizeExpected(c: KqlCase): KqlCase['expect'] {
  if (c.expect.kind !== 'table' || !c.unordered) return c.expect;
  return { ...c.expect, rows: [...c.expect.rows].sort() };
}
