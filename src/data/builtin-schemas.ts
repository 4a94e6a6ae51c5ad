// Built-in table schemas: Sentinel (schemas/*.json) ∪ Defender XDR (schemas/defender-xdr/*.json), loaded once.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ColumnSchema, ScalarType } from '../kql/types/index.js';
import { parseTypeName } from '../kql/types/index.js';

// Same relative location from src/data/ and dist/data/.
const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));
const DEFENDER_PREFIX = /^(Device|Email|Identity|Alert)|^(CloudAppEvents|UrlClickEvents)$/;

let registry: Map<string, ColumnSchema[]> | undefined;
let lowerNames: Map<string, string> | undefined;

function readDir(dir: string): Map<string, ColumnSchema[]> {
  const out = new Map<string, ColumnSchema[]>();
  let names: string[];
  try { names = readdirSync(dir); } catch { return out; }
  for (const f of names) {
    if (!f.endsWith('.json')) continue;
    try {
      const doc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { name?: string; columns?: { name: string; type: string }[] };
      if (!doc.name || !Array.isArray(doc.columns)) continue;
      out.set(doc.name, doc.columns.map((c) => ({ name: c.name, type: parseTypeName(c.type) ?? 'string' })));
    } catch { /* a broken schema file is skipped; the table then gets an inferred schema */ }
  }
  return out;
}

function load(): Map<string, ColumnSchema[]> {
  if (registry) return registry;
  const sentinel = readDir(SCHEMA_DIR);
  const defender = readDir(join(SCHEMA_DIR, 'defender-xdr'));
  const reg = new Map<string, ColumnSchema[]>();
  for (const name of new Set([...sentinel.keys(), ...defender.keys()])) {
    const cols = [...(sentinel.get(name) ?? [])];
    const have = new Set(cols.map((c) => c.name));
    for (const c of defender.get(name) ?? []) if (!have.has(c.name)) { cols.push(c); have.add(c.name); }
    if (isDefenderTable(name)) {
      for (const t of ['Timestamp', 'TimeGenerated']) if (!have.has(t)) cols.push({ name: t, type: 'datetime' as ScalarType });
    }
    reg.set(name, cols);
  }
  registry = reg;
  lowerNames = new Map([...reg.keys()].map((n) => [n.toLowerCase(), n]));
  return reg;
}

/** Defender XDR tables, which carry Timestamp and TimeGenerated as aliases of one time. */
export function isDefenderTable(name: string): boolean {
  return DEFENDER_PREFIX.test(name);
}

export function builtinSchema(table: string): ColumnSchema[] | undefined {
  const s = load().get(table);
  return s ? s.map((c) => ({ ...c })) : undefined;
}

export function builtinTableNames(): string[] {
  return [...load().keys()].sort();
}

/** The canonical spelling of a known table name matched case-insensitively (`dnsevents` → `DnsEvents`). */
export function canonicalTableName(name: string): string {
  load();
  return lowerNames!.get(name.toLowerCase()) ?? name;
}

/** A file stem naming a known table plus a suffix (`DnsEvents_2026-05`, `SigninLogs (1)`) → that table. */
export function tableFromFileStem(stem: string): string {
  const exact = canonicalTableName(stem);
  if (builtinSchema(exact)) return exact;
  const m = /^([A-Za-z][A-Za-z0-9]*)[ _\-(]/.exec(stem);
  if (m) {
    const known = canonicalTableName(m[1]!);
    if (builtinSchema(known)) return known;
  }
  return stem;
}
