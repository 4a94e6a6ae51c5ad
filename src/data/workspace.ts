// Finds the data files of a workspace (DIR/<Table>.<ext>, DIR/<Table>/**, kqlite.json rules) and sniffs their format.
import { promises as fsp } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Format } from './record-reader.js';
import { findRule, parseFormatName, readWorkspaceConfig, type FileRule } from './config.js';
import { peekFile } from './source.js';
import { canonicalTableName, tableFromFileStem } from './builtin-schemas.js';
import { hasStreamingCategory, scanCategories } from './ndjson-reader.js';
import { jsonShape } from './json-reader.js';

export interface DataFile {
  path: string;
  /** The path as shown in messages. */
  display: string;
  format: Format;
  /** Format as reported: ndjson, defender-stream, json, la-response, csv, cef. */
  label: string;
  /** Tables this file feeds: one, or the categories of a Defender streaming file. */
  tables: string[];
  /** Records carry their own table (streaming envelope): route each to its table. */
  routing: boolean;
  renames: Record<string, string>;
  size: number;
}

const EXT_FORMATS: Record<string, Format> = { ndjson: 'ndjson', jsonl: 'ndjson', json: 'json', csv: 'csv', cef: 'cef', log: 'cef' };
const MAX_DEPTH = 8;

/** `DnsEvents.2026-05.ndjson.gz` → {stem: 'DnsEvents', ext: 'ndjson'}. */
export function splitName(name: string): { stem: string; ext: string } {
  let n = name;
  if (/\.gz$/i.test(n)) n = n.slice(0, -3);
  const dot = n.lastIndexOf('.');
  const ext = dot >= 0 ? n.slice(dot + 1).toLowerCase() : '';
  const first = name.indexOf('.');
  return { stem: first > 0 ? name.slice(0, first) : name, ext };
}

/** The data files under the paths, and every directory's externaldata map (URL → local file). */
export async function discover(paths: readonly string[], onSkip: (path: string, why: string) => void): Promise<{ files: DataFile[]; external: Map<string, string> }> {
  const out: DataFile[] = [];
  const externalFiles = new Map<string, string>();
  for (const p of paths) {
    let st;
    try { st = await fsp.stat(p); } catch (e) { throw new Error(`${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`); }
    if (st.isDirectory()) {
      const { rules, external: urls } = readWorkspaceConfig(p);
      for (const [url, file] of urls) externalFiles.set(url, file);
      // files that externaldata URLs map to are read by those queries, not loaded as tables
      const external = new Map([...urls].map(([url, file]) => [file, url]));
      await walk(p, '', undefined, rules, out, onSkip, 0, external);
    } else {
      const f = await classify(p, p, basename(p), undefined, undefined, onSkip, st.size);
      if (f) out.push(f);
    }
  }
  // the same file reached twice (overlapping arguments) is read once
  const seen = new Set<string>();
  const unique: DataFile[] = [];
  for (const f of out) {
    const key = await fsp.realpath(f.path).catch(() => f.path);
    if (!seen.has(key)) { seen.add(key); unique.push(f); }
  }
  return { files: unique, external: externalFiles };
}

async function walk(root: string, rel: string, dirTable: string | undefined, rules: FileRule[], out: DataFile[],
  onSkip: (path: string, why: string) => void, depth: number, external: ReadonlyMap<string, string>): Promise<void> {
  const dir = join(root, rel);
  const names = (await fsp.readdir(dir)).sort();
  for (const name of names) {
    if (name.startsWith('.') || (depth === 0 && name === 'kqlite.json')) continue;
    const relPath = rel ? `${rel}/${name}` : name;
    const full = join(root, relPath);
    let st;
    try { st = await fsp.stat(full); } catch { onSkip(full, 'cannot stat'); continue; }
    if (st.isDirectory()) {
      if (depth < MAX_DEPTH) await walk(root, relPath, dirTable ?? name, rules, out, onSkip, depth + 1, external);
      continue;
    }
    if (!st.isFile()) continue;
    const url = external.get(resolve(full));
    if (url !== undefined) { onSkip(full, `externaldata source for ${url}`); continue; }
    const f = await classify(full, full, relPath, dirTable, findRule(rules, relPath), onSkip, st.size);
    if (f) out.push(f);
  }
}

async function classify(path: string, display: string, relPath: string, dirTable: string | undefined,
  rule: FileRule | undefined, onSkip: (path: string, why: string) => void, size: number): Promise<DataFile | undefined> {
  const { stem, ext } = splitName(basename(relPath));
  let head: Buffer;
  try { head = await peekFile(path, display); } catch { head = Buffer.alloc(0); }
  const text = head.toString('utf8');
  let format: Format | undefined = rule?.format ?? EXT_FORMATS[ext];
  const cefSeen = /(^|\n)[^\n]{0,300}CEF:\d/.test(text.slice(0, 16384));
  if (!format && cefSeen) format = 'cef';
  // a .log without CEF in its first lines is plain syslog (→ Syslog)
  if (!rule?.format && (ext === 'log' || ext === 'syslog') && !cefSeen && text.trim() !== '') format = 'syslog';
  if (!rule?.format && ext === 'syslog' && cefSeen) format = 'cef';
  if (!format) { onSkip(display, `not a data file (extension .${ext || '(none)'})`); return undefined; }
  let label: string = format;
  if (format === 'json') {
    const t = text.trimStart();
    if (t.startsWith('{') && looksLikeNdjson(t)) format = label = 'ndjson';
    else label = ({ array: 'json', object: 'json', la: 'la-response', results: 'hunting-api', records: 'records' } as const)[jsonShape(t)];
  }
  let table = rule?.table ?? (format === 'cef' ? 'CommonSecurityLog' : format === 'syslog' ? 'Syslog' : dirTable ?? tableFromFileStem(stem));
  table = canonicalTableName(table);
  const base: DataFile = { path, display, format, label, tables: [table], routing: false, renames: rule?.renames ?? {}, size };
  if ((format === 'ndjson' || format === 'json') && !rule?.table && hasStreamingCategory(text)) {
    const quietCtx = { file: display, warn() {}, reject() {}, declare() {} };
    const cats = await scanCategories({ path, display }, quietCtx).catch(() => new Set<string>());
    if (cats.size > 0) return { ...base, label: 'defender-stream', routing: true, tables: [...cats].map(canonicalTableName).sort() };
  }
  return base;
}

/** A `.json` file holding one object per line (as Defender streams to storage: PT1H.json). */
function looksLikeNdjson(t: string): boolean {
  const lines = t.split('\n', 3).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length < 2 || !lines[1]!.startsWith('{')) return false;
  try { JSON.parse(lines[0]!); return true; } catch { return false; }
}

export { parseFormatName };
