// externaldata offline: a URL mapped to a local file (kqlite.json "externaldata") is read with the query's declared
// schema and format. Delimited formats map fields by position, JSON formats by property name.
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { ColumnSchema, Value } from '../kql/types/index.js';
import { Table } from '../table/index.js';
import { coerce, FAIL } from './coerce.js';
import { ReaderError, RDR } from './errors.js';

/** Largest external file read into memory (externaldata is for lists and lookups, not bulk logs). */
export const MAX_EXTERNAL_BYTES = 512 * 1024 * 1024;

const DELIMITERS: Record<string, string> = { csv: ',', tsv: '\t', tsve: '\t', scsv: ';', sohsv: '\u0001', psv: '|' };
const JSON_FORMATS = new Set(['json', 'multijson', 'ndjson', 'jsonl']);
const MAX_REPORTED = 5;

export interface ExternalRead {
  table: Table;
  /** Problems found (skipped records, values that did not convert), each with file:line. */
  warnings: string[];
}

/** Format from `with (format=…)`, else from the file extension (.gz stripped), else csv (Kusto's default). */
export function externalFormat(file: string, options: Readonly<Record<string, string>>): string {
  const given = options['format']?.toLowerCase();
  if (given) return given;
  const ext = /\.([a-z]+)(?:\.gz)?$/i.exec(file)?.[1]?.toLowerCase();
  return ext && (ext in DELIMITERS || JSON_FORMATS.has(ext) || ext === 'txt') ? ext : 'csv';
}

export function readExternalFile(file: string, schema: readonly ColumnSchema[], options: Readonly<Record<string, string>>): ExternalRead {
  const format = externalFormat(file, options);
  let size: number;
  try { size = statSync(file).size; } catch (e) {
    throw new ReaderError(RDR.io, `externaldata file ${file}: ${(e as Error).message}`);
  }
  if (size > MAX_EXTERNAL_BYTES) throw new ReaderError(RDR.io, `externaldata file ${file} is ${size} bytes; the limit is ${MAX_EXTERNAL_BYTES} (load large files as a workspace table instead)`);
  let buf = readFileSync(file);
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try { buf = gunzipSync(buf, { maxOutputLength: MAX_EXTERNAL_BYTES }); } catch (e) {
      throw new ReaderError(RDR.io, `externaldata file ${file}: not readable gzip (${(e as Error).message})`);
    }
  }
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const out = new Collector(file, schema);
  const skipFirst = /^true$/i.test(options['ignoreFirstRecord'] ?? '');
  if (format in DELIMITERS) {
    let first = true;
    for (const rec of delimitedRecords(text, DELIMITERS[format]!)) {
      if (first && skipFirst) { first = false; continue; }
      first = false;
      out.addFields(rec.fields, rec.line);
    }
  } else if (format === 'txt') {
    text.split(/\r?\n/).forEach((l, i, all) => {
      if (i === all.length - 1 && l === '') return;
      if (i === 0 && skipFirst) return;
      out.addFields([l], i + 1);
    });
  } else if (format === 'raw') {
    out.addFields([text], 1);
  } else if (JSON_FORMATS.has(format)) {
    for (const v of jsonValues(text, file, format)) {
      if (v.value === null || typeof v.value !== 'object' || Array.isArray(v.value)) out.reject(v.line, 'not a JSON object');
      else out.addObject(v.value as Record<string, unknown>, v.line);
    }
  } else {
    throw new ReaderError(RDR.config, `externaldata format '${format}' is not supported offline (csv, tsv, scsv, sohsv, psv, txt, raw, json, multijson)`);
  }
  return out.finish();
}

class Collector {
  readonly values: Value[][];
  readonly warnings: string[] = [];
  private problems = 0;
  private readonly lower: Map<string, number>;
  constructor(readonly file: string, readonly schema: readonly ColumnSchema[]) {
    this.values = schema.map(() => []);
    this.lower = new Map(schema.map((c, i) => [c.name.toLowerCase(), i]));
  }

  note(line: number, msg: string): void {
    if (++this.problems <= MAX_REPORTED) this.warnings.push(`${this.file}:${line}: ${msg}`);
  }

  reject(line: number, why: string): void {
    this.note(line, `${why}; record skipped`);
  }

  private put(i: number, raw: unknown, line: number): void {
    const col = this.schema[i]!;
    const v = coerce(raw, col.type);
    if (v === FAIL) {
      this.note(line, `${col.name}: ${JSON.stringify(raw)} is not a valid ${col.type}; stored as null`);
      this.values[i]!.push(null);
    } else this.values[i]!.push(v);
  }

  addFields(fields: string[], line: number): void {
    if (fields.length > this.schema.length) {
      this.reject(line, `${fields.length} fields, the declared schema has ${this.schema.length}`);
      return;
    }
    // missing trailing fields are empty, as in Kusto's CSV ingestion
    for (let i = 0; i < this.schema.length; i++) this.put(i, fields[i], line);
  }

  addObject(o: Record<string, unknown>, line: number): void {
    const raw: unknown[] = this.schema.map((c) => (Object.hasOwn(o, c.name) ? o[c.name] : undefined));
    for (const [k, v] of Object.entries(o)) {
      const i = this.lower.get(k.toLowerCase());
      if (i !== undefined && raw[i] === undefined) raw[i] = v;
    }
    raw.forEach((v, i) => this.put(i, v, line));
  }

  finish(): ExternalRead {
    if (this.problems > MAX_REPORTED) this.warnings.push(`${this.file}: ${this.problems - MAX_REPORTED} more problems not shown`);
    const table = new Table(this.schema.map((c, i) => ({ name: c.name, type: c.type, values: this.values[i]! })), this.values[0]?.length ?? 0);
    return { table, warnings: this.warnings };
  }
}

/** RFC 4180 records with a one-character delimiter; quoted fields may hold delimiters, quotes ("") and newlines. */
export function* delimitedRecords(text: string, delim: string): Generator<{ fields: string[]; line: number }> {
  let i = 0, line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (;;) {
      if (i >= n) { fields.push(field); break; }
      const c = text[i]!;
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          quoted = false; i++; continue;
        }
        if (c === '\n') line++;
        field += c; i++; continue;
      }
      if (c === '"' && field === '') { quoted = true; i++; continue; }
      if (c === delim) { fields.push(field); field = ''; i++; continue; }
      if (c === '\r' && text[i + 1] === '\n') { i++; continue; }
      if (c === '\n') { fields.push(field); i++; line++; break; }
      field += c; i++;
    }
    // a blank line is not a record
    if (fields.length === 1 && fields[0] === '') continue;
    yield { fields, line: start };
  }
}

/** JSON: one array of objects (or one object); multijson/ndjson: a sequence of top-level JSON values. */
function* jsonValues(text: string, file: string, format: string): Generator<{ value: unknown; line: number }> {
  if (format === 'json' && /^\s*\[/.test(text)) {
    let doc: unknown;
    try { doc = JSON.parse(text); } catch (e) {
      throw new ReaderError(RDR.rejected, `externaldata file ${file}: not valid JSON (${(e as Error).message})`);
    }
    for (const v of doc as unknown[]) yield { value: v, line: 1 };
    return;
  }
  let i = 0, line = 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') { line++; i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === ',') { i++; continue; }
    const end = valueEnd(text, i);
    const startLine = line;
    const chunk = text.slice(i, end);
    for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === 10) line++;
    i = end;
    try { yield { value: JSON.parse(chunk), line: startLine }; } catch {
      throw new ReaderError(RDR.rejected, `externaldata file ${file}:${startLine}: not valid JSON`);
    }
  }
}

/** End of the JSON value starting at i: matching bracket for objects/arrays, else the end of the line. */
function valueEnd(text: string, i: number): number {
  const open = text[i];
  if (open !== '{' && open !== '[') {
    const nl = text.indexOf('\n', i);
    return nl < 0 ? text.length : nl;
  }
  let depth = 0, inStr = false;
  for (let k = i; k < text.length; k++) {
    const c = text[k];
    if (inStr) {
      if (c === '\\') k++;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return k + 1;
  }
  return text.length;
}
