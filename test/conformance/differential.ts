// Differential testing against Microsoft's own parser/analyzer (@kusto/language-service-next, a devDependency):
// kqlite must report a syntax error iff Microsoft's parser does, and where both bind cleanly the result schema
// (column names and types) must agree. Every call into the Bridge.NET library is guarded: it can throw.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { readListLines } from './list-file.js';
import { parse } from '../../src/kql/syntax/parser.js';
import { analyzeQuery } from '../../src/engine/index.js';
import type { ColumnSchema } from '../../src/kql/types/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Ms = any;
let kusto: Ms | null | undefined;

/** Loads Microsoft's library once; undefined when it is not installed. */
export function loadKusto(): Ms | undefined {
  if (kusto !== undefined) return kusto ?? undefined;
  try {
    const require = createRequire(import.meta.url);
    require('@kusto/language-service-next/bridge.min.js');
    require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
    kusto = (globalThis as Ms).Kusto;
  } catch {
    kusto = null;
  }
  return kusto ?? undefined;
}

export interface Catalog { tableSchema(n: string): ColumnSchema[] | undefined; tableNames(): string[] }

/** Microsoft's GlobalState with the catalog's tables as one database. */
export function msGlobals(catalog: Catalog, tables: string[] = catalog.tableNames()): Ms {
  const K = loadKusto();
  const { DatabaseSymbol, TableSymbol } = K.Language.Symbols;
  const syms = tables.map((n) => {
    const cols = (catalog.tableSchema(n) ?? []).map((c) => `['${c.name.replace(/'/g, "\\'")}']:${c.type}`).join(', ');
    return new TableSymbol.$ctor7(n, `(${cols})`, null);
  });
  return K.Language.GlobalState.Default.WithDatabase(new DatabaseSymbol.ctor('kqlite', syms));
}

function list(l: Ms): { code: string; severity: string; message: string }[] {
  const out: { code: string; severity: string; message: string }[] = [];
  const n = typeof l?.Count === 'number' ? l.Count : 0;
  for (let i = 0; i < n; i++) {
    const x = l.getItem(i);
    out.push({ code: String(x.Code), severity: String(x.Severity), message: String(x.Message) });
  }
  return out;
}

export interface Side { syntaxError?: string; bindError?: string; columns?: string[]; crashed?: string }

export function msSide(query: string, globals: Ms): Side {
  const K = loadKusto();
  try {
    const parsed = K.Language.KustoCode.Parse(query, globals);
    const syn = list(parsed.GetSyntaxDiagnostics()).filter((d) => d.severity === 'Error');
    if (syn.length) return { syntaxError: `${syn[0]!.code} ${syn[0]!.message}` };
    const code = K.Language.KustoCode.ParseAndAnalyze(query, globals);
    const errs = list(code.GetDiagnostics()).filter((d) => d.severity === 'Error');
    if (errs.length) return { bindError: `${errs[0]!.code} ${errs[0]!.message}` };
    const cols = code.ResultType?.Columns;
    if (!cols) return {};
    const columns: string[] = [];
    for (let i = 0; i < cols.Count; i++) { const c = cols.getItem(i); columns.push(`${c.Name}:${c.Type.Name}`); }
    return { columns };
  } catch (e) {
    return { crashed: String((e as Error)?.message ?? e) };
  }
}

export function ourSide(query: string, catalog: Catalog): Side {
  const p = parse(query);
  const syn = p.diagnostics.filter((d) => d.severity === 'error' && d.code.startsWith('KQL1'));
  if (syn.length) return { syntaxError: `${syn[0]!.code} ${syn[0]!.message}` };
  const a = analyzeQuery(query, catalog, {});
  const err = a.diagnostics.find((d) => d.severity === 'error');
  if (err) return { bindError: `${err.code} ${err.message}` };
  return a.plan ? { columns: a.plan.schema.map((c) => `${c.name}:${c.type}`) } : {};
}

export interface Disagreement { key: string; kind: 'syntax' | 'schema'; detail: string }

/** Compares both sides; undefined when they agree (or one side cannot judge). */
export function compareSides(key: string, ours: Side, ms: Side): Disagreement | undefined {
  if (ms.crashed) return undefined;
  if (!!ours.syntaxError !== !!ms.syntaxError) {
    return { key, kind: 'syntax', detail: ours.syntaxError ? `kqlite: ${ours.syntaxError}; Microsoft parses it` : `Microsoft: ${ms.syntaxError}; kqlite parses it` };
  }
  if (ours.columns && ms.columns && ours.columns.join(', ') !== ms.columns.join(', ')) {
    return { key, kind: 'schema', detail: `kqlite (${ours.columns.join(', ')}) vs Microsoft (${ms.columns.join(', ')})` };
  }
  return undefined;
}

/** differential-exceptions.txt: `key  kind  reason` per line. */
export function readExceptions(path = new URL('./differential-exceptions.txt', import.meta.url)): Map<string, string> {
  const m = new Map<string, string>();
  for (const t of readListLines(path)) {
    const [key, kind, ...rest] = t.split(/\s+/);
    m.set(`${key} ${kind}`, rest.join(' '));
  }
  return m;
}
