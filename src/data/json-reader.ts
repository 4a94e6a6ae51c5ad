// JSON files: an array of records, one object, a Log Analytics / ADX v1 query response (typed by its columns),
// a Defender advanced-hunting API response ({Schema, Results}), or an Azure diagnostics {"records": [...]} batch.
import type { ColumnSchema, ScalarType } from '../kql/types/index.js';
import { parseTypeName } from '../kql/types/index.js';
import type { ReadItem, ReaderContext, ReadOptions, Rec, RecordReader, SourceFile } from './record-reader.js';
import { binaryOffset, fileChunks } from './source.js';
import { JsonScanner, type Frame } from './json-scan.js';
import { ReaderError, RDR, where } from './errors.js';
import { clip, unknownTracker, unwrapEnvelope } from './ndjson-reader.js';
import { parseJsonExact } from './json-exact.js';

// .NET type names used by older Log Analytics / Application Insights / ADX APIs
const NET_TYPES: Record<string, ScalarType> = {
  sbyte: 'bool', byte: 'int', int16: 'int', uint16: 'int', uint32: 'long', uint64: 'long', single: 'real',
  decimal: 'real', object: 'dynamic', timespan: 'timespan', boolean: 'bool',
};

export function laType(name: unknown): ScalarType {
  if (typeof name !== 'string') return 'string';
  return parseTypeName(name) ?? NET_TYPES[name.toLowerCase()] ?? 'string';
}

export type JsonShape = 'array' | 'object' | 'la' | 'results' | 'records';

const lc = (k: string | null | undefined) => (k ?? '').toLowerCase();

/** The shape of a JSON document from its first bytes: root kind and root keys. */
export function jsonShape(head: string): JsonShape {
  const t = head.trimStart();
  if (t.startsWith('[')) return 'array';
  const keys = new Set<string>();
  const s = new JsonScanner({
    capture(stack) { if (stack.length === 1 && stack[0]!.kind === 'o') keys.add(lc(stack[0]!.key)); return false; },
    value() {}, scalar() {}, broken() {},
  });
  s.feed(t);
  if (keys.has('tables')) return 'la';
  if (keys.has('results') && keys.has('schema')) return 'results';
  if (keys.has('results') && !keys.has('tables')) return /"results"\s*:\s*\[/i.test(t) ? 'results' : 'object';
  if (keys.has('records') && /"records"\s*:\s*\[/.test(t)) return 'records';
  return 'object';
}

const isLaTable = (s: readonly Frame[]) => lc(s[0]!.key) === 'tables' && s[1]!.index === 0;

interface ColumnSpec { name?: unknown; Name?: unknown; ColumnName?: unknown; type?: unknown; Type?: unknown; ColumnType?: unknown; DataType?: unknown }

function declaredSchema(v: unknown[]): ColumnSchema[] {
  return (v as ColumnSpec[]).map((c, j) => {
    const name = [c?.name, c?.Name, c?.ColumnName].find((x) => typeof x === 'string') as string | undefined;
    return { name: name ?? `Column${j + 1}`, type: laType(c?.type ?? c?.Type ?? c?.ColumnType ?? c?.DataType) };
  });
}

export const readJson: RecordReader = async function* (src: SourceFile, opts: ReadOptions, ctx: ReaderContext) {
  const unknown = unknownTracker(opts, ctx);
  const check = (rec: Rec, line: number) => { if (unknown) for (const k in rec) if (!opts.known!.has(k)) unknown(k, line); };
  let mode: JsonShape | undefined;
  let columns: string[] | undefined;
  let pending: ReadItem[] = [];
  let broken = false;
  const scanner = new JsonScanner({
    capture(stack, isContainer) {
      const n = stack.length;
      switch (mode) {
        case 'array': return n === 1 && stack[0]!.kind === 'a';
        case 'object': return n === 0;
        case 'records': return n === 2 && lc(stack[0]!.key) === 'records' && stack[1]!.kind === 'a';
        case 'results':
          return (n === 1 && lc(stack[0]!.key) === 'schema' && isContainer)
            || (n === 2 && lc(stack[0]!.key) === 'results' && stack[1]!.kind === 'a');
        case 'la':
          if (!isContainer) return false;
          return (n === 3 && isLaTable(stack) && lc(stack[2]!.key) === 'columns')
            || (n === 4 && isLaTable(stack) && lc(stack[2]!.key) === 'rows' && stack[3]!.kind === 'a');
        default: return false;
      }
    },
    value(text, line, stack) {
      let v: unknown;
      try { v = parseJsonExact(text); } catch (e) { pending.push({ line, error: `invalid JSON: ${(e as Error).message} (${clip(text)})` }); return; }
      const isColumns = (mode === 'la' && stack.length === 3) || (mode === 'results' && stack.length === 1);
      if (isColumns) {
        if (!Array.isArray(v)) { pending.push({ line, error: 'the column list is not an array' }); return; }
        const schema = declaredSchema(v);
        columns = schema.map((c) => c.name);
        if (unknown) for (const c of columns) if (!opts.known!.has(c)) unknown(c, line);
        ctx.declare(schema, true);
        return;
      }
      if (mode !== 'la') {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) pending.push({ line, error: `${mode === 'object' ? 'the document' : 'array element'} is not a JSON object` });
        else {
          const item = unwrapEnvelope(v as Rec, line);
          if ('record' in item) check(item.record, line);
          pending.push(item);
        }
        return;
      }
      if (!columns) { pending.push({ line, error: 'row before the "columns" of its table' }); return; }
      if (!Array.isArray(v)) { pending.push({ line, error: 'row is not an array' }); return; }
      if (v.length !== columns.length) { pending.push({ line, error: `row has ${v.length} values, the table has ${columns.length} columns` }); return; }
      const rec: Rec = {};
      for (let j = 0; j < columns.length; j++) rec[columns[j]!] = v[j];
      pending.push({ line, record: rec });
    },
    scalar(line) { pending.push({ line, error: mode === 'object' ? 'the document is not a JSON object' : 'array element is not a JSON object' }); },
    broken(line, message) { broken = true; pending.push({ line, error: `invalid JSON: ${message}; the rest of the file is skipped` }); },
  });
  const dec = new TextDecoder('utf-8');
  const REPL = Buffer.from([0xef, 0xbf, 0xbd]);
  let first = true;
  for await (const chunk of fileChunks(src.path, src.display)) {
    const text = dec.decode(chunk, { stream: true });
    if (first) {
      first = false;
      const bin = binaryOffset(chunk);
      if (bin >= 0) throw new ReaderError(RDR.binary, where(src.display, 0, `binary data (NUL byte at offset ${bin}); not a JSON file`));
    }
    if (mode === undefined && text.trim() !== '') mode = jsonShape(text.slice(0, 1 << 16));
    if (text.includes('\uFFFD') && !chunk.includes(REPL)) {
      const at = text.indexOf('\uFFFD');
      let line = scanner.line;
      for (let k = 0; k < at; k++) if (text.charCodeAt(k) === 10) line++;
      ctx.warn(line, RDR.utf8, 'invalid UTF-8; decoded with U+FFFD replacement characters');
    }
    scanner.feed(text);
    if (pending.length) { yield pending; pending = []; }
    if (broken) break;
  }
  if (!broken) { scanner.feed(dec.decode()); scanner.end(); }
  if (pending.length) yield pending;
};
