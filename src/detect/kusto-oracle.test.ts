// Microsoft's Kusto parser/analyzer as a test oracle (devDependency), with table schemas from schemas/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Flavour } from './model.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
let kusto: any = null;
function lib(): any {
  if (kusto) return kusto;
  const require = createRequire(import.meta.url);
  require('@kusto/language-service-next/bridge.min.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  kusto = (globalThis as any).Kusto.Language;
  return kusto;
}

const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));
const LA_ONLY = new Set(['TimeGenerated', 'TenantId', 'SourceSystem', 'Type', 'MachineGroup', '_BilledSize', '_IsBillable', '_ResourceId', '_SubscriptionId']);

interface Column { name: string; type: string }
/** Column lists per table for a flavour; Defender tables missing from schemas/defender-xdr are derived from the LA copy. */
export function schemaColumns(flavour: Flavour): Map<string, Column[]> {
  const read = (dir: string): Map<string, Column[]> => new Map(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => {
    const j = JSON.parse(readFileSync(dir + f, 'utf8')) as { name: string; columns: Column[] };
    return [j.name, j.columns] as const;
  }));
  const la = read(SCHEMA_DIR);
  if (flavour === 'sentinel') return la;
  const ah = read(SCHEMA_DIR + 'defender-xdr/');
  for (const [name, cols] of la) {
    if (ah.has(name) || !name.startsWith('Device')) continue;
    ah.set(name, [{ name: 'Timestamp', type: 'datetime' }, ...cols.filter((c) => !LA_ONLY.has(c.name))]);
  }
  return ah;
}

const globalsCache = new Map<Flavour, any>();
function globals(flavour: Flavour): any {
  if (globalsCache.has(flavour)) return globalsCache.get(flavour);
  const K = lib();
  const tables = [...schemaColumns(flavour)].map(([name, cols]) =>
    new K.Symbols.TableSymbol.$ctor7(name, '(' + cols.map((c) => `['${c.name}']:${c.type}`).join(', ') + ')', null));
  const db = new K.Symbols.DatabaseSymbol.ctor('hunting', tables);
  const g = K.GlobalState.Default.WithDatabase(db);
  globalsCache.set(flavour, g);
  return g;
}

export interface OracleResult { errors: string[]; columns: { name: string; type: string }[]; literals: string[] }

/** Parses and binds `kql`; returns error diagnostics, the result columns and every string literal's value. */
export function analyzeKql(kql: string, flavour: Flavour): OracleResult {
  const K = lib();
  try {
    const code = K.KustoCode.ParseAndAnalyze(kql, globals(flavour));
    const d = code.GetDiagnostics();
    const errors: string[] = [];
    for (let i = 0; i < (d?.Count ?? 0); i++) {
      const x = d.getItem(i);
      if (String(x.Severity) === 'Error') errors.push(`${x.Code} @${x.Start}: ${x.Message}`);
    }
    const columns: { name: string; type: string }[] = [];
    const rc = code.ResultType?.Columns;
    for (let i = 0; i < (rc?.Count ?? 0); i++) { const c = rc.getItem(i); columns.push({ name: c.Name, type: c.Type.Name }); }
    const literals: string[] = [];
    K.Syntax.SyntaxElement.WalkNodes(code.Syntax, (n: any) => {
      if (n?.Kind === K.Syntax.SyntaxKind.StringLiteralExpression) literals.push(String(n.LiteralValue));
    });
    return { errors, columns, literals };
  } catch (e) {
    return { errors: [`analyzer crashed: ${(e as Error).message}`], columns: [], literals: [] };
  }
}

/** Deterministic hostile strings: quotes, escapes, comments, control and non-ASCII characters, long values. */
export function hostileValues(seed = 7, n = 60): string[] {
  const fixed = ['"', '\\', '\\"', '"]);', '"); DnsEvents | take 1 //', '//', '/* x */', 'a\nb', 'a\r\nb', '\t', '\u0000', '\u0007\u001f\u007f',
    "'", "@'x'", '```', 'é', '日本語', '😀', '\u2028\u2029', '\ud800', 'x'.repeat(5000), '', ' ', '{{IocValue}}', '${x}', '| where 1 == 1'];
  let s = seed;
  const rnd = (): number => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s / 0x7fffffff; };
  const alphabet = ['"', '\\', '\n', '\r', '\t', 'a', 'Z', '0', '/', '*', ';', '|', ')', ']', '\u0001', 'é', '\u{1F600}', "'", '`', '@'];
  const random = Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join(''));
  return [...fixed, ...random];
}

test('oracle: a valid query binds clean, a bad column is an error', () => {
  const ok = analyzeKql('DnsEvents | where Name has "x" | project TimeGenerated, Name', 'sentinel');
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.columns.map((c) => c.name), ['TimeGenerated', 'Name']);
  assert.deepEqual(ok.literals, ['x']);
  assert.equal(analyzeKql('DnsEvents | project Nope', 'sentinel').errors.length, 1);
  assert.ok(analyzeKql('DeviceImageLoadEvents | project Timestamp, SHA256', 'defender').errors.length === 0);
  assert.ok(analyzeKql('DeviceNetworkEvents | project TimeGenerated', 'defender').errors.length > 0);
});
