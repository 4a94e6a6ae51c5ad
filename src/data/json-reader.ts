// JSON files: an array of records, one object, or a Log Analytics query API response (typed by its columns).
import type { ColumnSchema, ScalarType } from '../kql/types/index.js';
import { parseTypeName } from '../kql/types/index.js';
import type { ReadItem, ReaderContext, ReadOptions, Rec, RecordReader, SourceFile } from './record-reader.js';
import { binaryOffset, fileChunks } from './source.js';
import { JsonScanner, type Frame } from './json-scan.js';
import { ReaderError, RDR, where } from './errors.js';
import { clip, unwrapEnvelope } from './ndjson-reader.js';
import { parseJsonExact } from './json-exact.js';

// .NET type names used by older Log Analytics / Application Insights APIs
const NET_TYPES: Record<string, ScalarType> = {
  sbyte: 'bool', byte: 'int', int16: 'int', uint16: 'int', uint32: 'long', uint64: 'long', single: 'real',
  decimal: 'real', object: 'dynamic', timespan: 'timespan', boolean: 'bool',
};

export function laType(name: unknown): ScalarType {
  if (typeof name !== 'string') return 'string';
  return parseTypeName(name) ?? NET_TYPES[name.toLowerCase()] ?? 'string';
}

type Mode = 'array' | 'la' | 'object';

const isLaRoot = (s: readonly Frame[]) => s.length >= 1 && s[0]!.key === 'tables' && s[1]?.index === 0;

export const readJson: RecordReader = async function* (src: SourceFile, _opts: ReadOptions, ctx: ReaderContext) {
  let mode: Mode | undefined;
  let columns: string[] | undefined;
  let pending: ReadItem[] = [];
  let broken = false;
  const scanner = new JsonScanner({
    capture(stack, isContainer) {
      if (mode === 'array') return stack.length === 1 && stack[0]!.kind === 'a';
      if (mode === 'object') return stack.length === 0;
      if (!isContainer) return false;
      return (stack.length === 3 && isLaRoot(stack) && stack[2]!.key === 'columns')
        || (stack.length === 4 && isLaRoot(stack) && stack[2]!.key === 'rows' && stack[3]!.kind === 'a');
    },
    value(text, line, stack) {
      let v: unknown;
      try { v = parseJsonExact(text); } catch (e) { pending.push({ line, error: `invalid JSON: ${(e as Error).message} (${clip(text)})` }); return; }
      if (mode !== 'la') {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) pending.push({ line, error: 'array element is not a JSON object' });
        else pending.push(unwrapEnvelope(v as Rec, line));
        return;
      }
      if (stack.length === 3) {
        if (!Array.isArray(v)) { pending.push({ line, error: '"columns" is not an array' }); return; }
        const schema: ColumnSchema[] = v.map((c: { name?: unknown; ColumnName?: unknown; type?: unknown; ColumnType?: unknown; DataType?: unknown }, j: number) => ({
          name: typeof c?.name === 'string' ? c.name : typeof c?.ColumnName === 'string' ? c.ColumnName : `Column${j + 1}`,
          type: laType(c?.type ?? c?.ColumnType ?? c?.DataType),
        }));
        columns = schema.map((c) => c.name);
        ctx.declare(schema, true);
        return;
      }
      if (!columns) { pending.push({ line, error: 'row before the "columns" of its table' }); return; }
      if (!Array.isArray(v)) { pending.push({ line, error: 'row is not an array' }); return; }
      if (v.length !== columns.length) { pending.push({ line, error: `row has ${v.length} values, the table has ${columns.length} columns` }); return; }
      const rec: Rec = {};
      for (let j = 0; j < columns.length; j++) rec[columns[j]!] = v[j];
      pending.push({ line, record: rec });
    },
    scalar(line) { pending.push({ line, error: 'array element is not a JSON object' }); },
    broken(line, message) { broken = true; pending.push({ line, error: `invalid JSON: ${message}; the rest of the file is skipped` }); },
  });
  const dec = new TextDecoder('utf-8');
  const REPL = Buffer.from([0xef, 0xbf, 0xbd]);
  let first = true;
  for await (const chunk of fileChunks(src.path, src.display)) {
    let text = dec.decode(chunk, { stream: true });
    if (first) {
      first = false;
      const bin = binaryOffset(chunk);
      if (bin >= 0) throw new ReaderError(RDR.binary, where(src.display, 0, `binary data (NUL byte at offset ${bin}); not a JSON file`));
      const t = text.trimStart();
      if (t === '') { text = ''; }
      mode = t.startsWith('[') ? 'array' : /^\{\s*"tables"\s*:/.test(t) ? 'la' : 'object';
    }
    if (text.includes('\uFFFD') && !chunk.includes(REPL)) {
      const at = text.indexOf('\uFFFD');
      let line = scanner.line;
      for (let k = 0; k < at; k++) if (text.charCodeAt(k) === 10) line++;
      ctx.warn(line, RDR.utf8, 'invalid UTF-8; decoded with U+FFFD replacement characters');
    }
    if (mode === undefined && text.trim() !== '') {
      const t = text.trimStart();
      mode = t.startsWith('[') ? 'array' : /^\{\s*"tables"\s*:/.test(t) ? 'la' : 'object';
    }
    scanner.feed(text);
    if (pending.length) { yield pending; pending = []; }
    if (broken) break;
  }
  if (!broken) { scanner.feed(dec.decode()); scanner.end(); }
  if (pending.length) yield pending;
};
