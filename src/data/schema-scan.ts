// Table schemas of a workspace: built-in columns plus the fields seen in the data (extras typed by inference).
import type { ColumnSchema, ScalarType } from '../kql/types/index.js';
import type { ReaderContext } from './record-reader.js';
import type { DataFile } from './workspace.js';
import { READERS } from './readers.js';
import { FieldInference } from './infer.js';
import { builtinSchema, canonicalTableName, isDefenderTable } from './builtin-schemas.js';

/** What the data of one table shows: fields in first-seen order, declared types, value inference. */
export class FieldStats {
  readonly order: string[] = [];
  private readonly inf = new Map<string, FieldInference>();
  readonly declared = new Map<string, ScalarType>();

  field(name: string): FieldInference {
    let f = this.inf.get(name);
    if (!f) { f = new FieldInference(); this.inf.set(name, f); this.order.push(name); }
    return f;
  }

  typeOf(name: string): ScalarType {
    return this.declared.get(name) ?? this.inf.get(name)?.type() ?? 'string';
  }
}

/** Reads up to `limit` records per table from a file and adds what it sees to `stats` (per routed table). */
export async function scanFile(file: DataFile, limit: number, statsFor: (table: string) => FieldStats | undefined, year?: number): Promise<void> {
  const text = file.format === 'csv' || file.format === 'cef';
  const fixed = file.routing ? undefined : statsFor(file.tables[0]!);
  const counts = new Map<string, number>();
  let errors = 0;
  const ctx: ReaderContext = {
    file: file.display, warn() {}, reject() {},
    declare(schema, typed) {
      if (!fixed) return;
      for (const c of schema) {
        const name = file.renames[c.name] ?? c.name;
        fixed.field(name);
        if (typed) fixed.declared.set(name, c.type);
      }
    },
  };
  try {
    for await (const batch of READERS[file.format]({ path: file.path, display: file.display }, year !== undefined ? { year } : {}, ctx)) {
      for (const item of batch) {
        if ('error' in item) { errors++; continue; }
        const table = file.routing ? (item.table ? canonicalTableName(item.table) : undefined) : file.tables[0]!;
        if (table === undefined) continue;
        const n = counts.get(table) ?? 0;
        if (n >= limit) continue;
        counts.set(table, n + 1);
        const st = fixed ?? statsFor(table);
        if (!st) continue;
        for (const k in item.record) st.field(file.renames[k] ?? k).add(item.record[k], text);
      }
      if (file.tables.every((t) => (counts.get(t) ?? 0) >= limit) || errors >= limit) break;
    }
  } catch {
    // unreadable parts are reported when the table is loaded
  }
}

/** Final schema: built-in columns (types kept) then extra fields; unknown tables: fields in first-seen order. */
export function buildSchema(table: string, stats: FieldStats): { schema: ColumnSchema[]; sources: Map<string, string[]> } {
  const builtin = builtinSchema(table);
  const sources = new Map<string, string[]>();
  if (!builtin) {
    const schema = stats.order.map((name) => ({ name, type: stats.typeOf(name) }));
    for (const c of schema) sources.set(c.name, [c.name]);
    return { schema, sources };
  }
  const schema = [...builtin];
  const have = new Map(builtin.map((c) => [c.name, c]));
  const lower = new Map(builtin.map((c) => [c.name.toLowerCase(), c.name]));
  for (const c of builtin) sources.set(c.name, [c.name]);
  for (const name of stats.order) {
    if (have.has(name)) continue;
    const alias = lower.get(name.toLowerCase());
    if (alias) { sources.get(alias)!.push(name); continue; } // `timegenerated` in a CSV header feeds TimeGenerated
    const col = { name, type: stats.typeOf(name) };
    schema.push(col); have.set(name, col); sources.set(name, [name]);
  }
  if (isDefenderTable(table)) {
    sources.get('TimeGenerated')?.push('Timestamp');
    sources.get('Timestamp')?.push('TimeGenerated');
  }
  return { schema, sources };
}
