// Result rendering: an aligned table that fits the terminal, JSON, NDJSON and CSV (RFC 4180).
import type { Table } from '../table/index.js';
import { stringifyJsonValue, valueToJson, valueToString } from '../kql/types/index.js';

export type OutputFormat = 'table' | 'json' | 'ndjson' | 'csv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'ndjson', 'csv'];

function jsonRow(t: Table, i: number): string[] {
  return t.columns.map((c) => stringifyJsonValue(valueToJson(c.values[i] ?? null, c.type)));
}

export function renderJson(t: Table): string {
  const cols = JSON.stringify(t.columns.map((c) => ({ name: c.name, type: c.type })));
  const rows: string[] = [];
  for (let i = 0; i < t.rowCount; i++) rows.push('[' + jsonRow(t, i).join(',') + ']');
  return `{"columns":${cols},\n "rows":[${rows.join(',\n  ')}]}\n`;
}

export function* renderNdjson(t: Table): Generator<string> {
  const keys = t.columns.map((c) => JSON.stringify(c.name));
  for (let i = 0; i < t.rowCount; i++) {
    const vals = jsonRow(t, i);
    yield '{' + keys.map((k, j) => `${k}:${vals[j]}`).join(',') + '}\n';
  }
}

export function csvField(s: string): string {
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function* renderCsv(t: Table): Generator<string> {
  yield t.columns.map((c) => csvField(c.name)).join(',') + '\r\n';
  for (let i = 0; i < t.rowCount; i++) {
    yield t.columns.map((c) => csvField(valueToString(c.values[i] ?? null, c.type))).join(',') + '\r\n';
  }
}

function cellText(s: string): string {
  return s.replace(/[\r\n\t]/g, ' ');
}

/** An aligned text table; wide columns are shortened with '…' so that the table fits `width`. */
export function renderTable(t: Table, width = 120): string {
  const heads = t.columns.map((c) => c.name);
  const rows: string[][] = [];
  for (let i = 0; i < t.rowCount; i++) rows.push(t.columns.map((c) => cellText(valueToString(c.values[i] ?? null, c.type))));
  const w = heads.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const total = () => w.reduce((s, x) => s + x, 0) + 2 * Math.max(0, w.length - 1);
  while (total() > width && Math.max(...w) > 8) {
    const j = w.indexOf(Math.max(...w));
    w[j] = w[j]! - 1;
  }
  const fit = (s: string, n: number) => (s.length > n ? s.slice(0, Math.max(0, n - 1)) + '…' : s.padEnd(n));
  const line = (cells: string[]) => cells.map((c, j) => fit(c, w[j]!)).join('  ').trimEnd();
  const out = [line(heads), w.map((n) => '-'.repeat(n)).join('  ')];
  for (const r of rows) out.push(line(r));
  out.push(`(${t.rowCount} row${t.rowCount === 1 ? '' : 's'})`);
  return out.join('\n') + '\n';
}
