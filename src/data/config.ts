// kqlite.json: maps file names or globs (relative to the data directory) to a table, a format and column renames.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Format } from './record-reader.js';
import { ReaderError, RDR } from './errors.js';

export interface FileRule {
  match: string;
  table?: string;
  format?: Format;
  renames: Record<string, string>;
  regex: RegExp;
}

const FORMATS: Record<string, Format> = { ndjson: 'ndjson', jsonl: 'ndjson', json: 'json', csv: 'csv', cef: 'cef', log: 'cef', syslog: 'syslog' };

export function parseFormatName(name: string): Format | undefined {
  return FORMATS[name.toLowerCase()];
}

/** `*` any characters but '/', `**` any characters, `?` one character; a pattern without '/' matches base names. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') { re += '.*'; i++; if (glob[i + 1] === '/') i++; } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

export interface WorkspaceConfig {
  rules: FileRule[];
  /** externaldata URL → absolute path of its local copy. */
  external: Map<string, string>;
}

/**
 * Reads and validates DIR/kqlite.json once: the file rules and the externaldata map. A missing file is an empty
 * config; a bad one is a usage error (RDR4008), not something to skip.
 */
export function readWorkspaceConfig(dir: string): WorkspaceConfig {
  const file = join(dir, 'kqlite.json');
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return { rules: [], external: new Map() };
    throw new ReaderError(RDR.config, `${file}: ${(e as Error).message}`);
  }
  let doc: unknown;
  try { doc = JSON.parse(text); } catch (e) {
    throw new ReaderError(RDR.config, `${file}: not valid JSON: ${(e as Error).message}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new ReaderError(RDR.config, `${file}: expected an object {"files": {...}}`);
  return { rules: fileRules(doc, file), external: externalMap(doc, file, dir) };
}

function fileRules(doc: object, file: string): FileRule[] {
  const bad = (msg: string) => new ReaderError(RDR.config, `${file}: ${msg}`);
  const files = (doc as { files?: unknown }).files;
  if (files === undefined) return [];
  const entries: [string, unknown][] = Array.isArray(files)
    ? files.map((f, i) => [typeof f?.match === 'string' ? f.match : `#${i}`, f])
    : typeof files === 'object' && files !== null ? Object.entries(files) : [];
  if (!Array.isArray(files) && (typeof files !== 'object' || files === null)) throw bad('"files" must be an object or an array');
  return entries.map(([match, spec]) => {
    if (spec === null || typeof spec !== 'object') throw bad(`rule "${match}" must be an object`);
    const s = spec as { table?: unknown; format?: unknown; renames?: unknown };
    if (s.table !== undefined && (typeof s.table !== 'string' || s.table === '')) throw bad(`rule "${match}": "table" must be a non-empty string`);
    let format: Format | undefined;
    if (s.format !== undefined) {
      format = typeof s.format === 'string' ? parseFormatName(s.format) : undefined;
      if (!format) throw bad(`rule "${match}": unknown format ${JSON.stringify(s.format)} (ndjson, jsonl, json, csv, cef, syslog)`);
    }
    const renames: Record<string, string> = {};
    if (s.renames !== undefined) {
      if (s.renames === null || typeof s.renames !== 'object' || Array.isArray(s.renames)) throw bad(`rule "${match}": "renames" must be an object {"from": "to"}`);
      for (const [from, to] of Object.entries(s.renames)) {
        if (typeof to !== 'string' || to === '') throw bad(`rule "${match}": rename of "${from}" must be a non-empty string`);
        renames[from] = to;
      }
    }
    return { match, ...(s.table ? { table: s.table as string } : {}), ...(format ? { format } : {}), renames, regex: globToRegExp(match) };
  });
}

export function findRule(rules: readonly FileRule[], relPath: string): FileRule | undefined {
  const base = relPath.slice(relPath.lastIndexOf('/') + 1);
  return rules.find((r) => r.regex.test(relPath) || (!r.match.includes('/') && r.regex.test(base)));
}

/** `"externaldata": {"<url>": "<file>"}`: where `externaldata [ "<url>" ]` reads from offline (paths relative to DIR). */
function externalMap(doc: object, file: string, dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const section = (doc as { externaldata?: unknown }).externaldata;
  if (section === undefined) return out;
  if (section === null || typeof section !== 'object' || Array.isArray(section)) {
    throw new ReaderError(RDR.config, `${file}: "externaldata" must be an object {"<url>": "<file>"}`);
  }
  for (const [url, path] of Object.entries(section)) {
    if (typeof path !== 'string' || path === '') throw new ReaderError(RDR.config, `${file}: externaldata "${url}" must map to a file path`);
    out.set(url, resolve(dir, path));
  }
  return out;
}

/** The mapped file for a URL: exact match first, then the URL without its query string (SAS tokens differ). */
export function findExternalFile(map: ReadonlyMap<string, string>, url: string): string | undefined {
  const exact = map.get(url);
  if (exact !== undefined) return exact;
  const bare = (u: string) => u.replace(/[?#].*$/, '');
  for (const [k, v] of map) if (bare(k) === bare(url)) return v;
  return undefined;
}
