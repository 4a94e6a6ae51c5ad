// CSV (RFC 4180) as exported by the Log Analytics portal and Defender XDR advanced hunting.
// Parsed on bytes so each record keeps its physical start line and a bad record is skipped to its line end.
import type { ReadItem, ReaderContext, ReadOptions, Rec, RecordReader, SourceFile } from './record-reader.js';
import { byteLines, endNoCR, fileChunks } from './source.js';
import { latin1, utf8 } from './flat-json.js';
import { NextIndex } from './next-index.js';

const COMMA = 44, QUOTE = 34;

/** `TimeGenerated [UTC]` → `TimeGenerated`; duplicate or empty names get a numeric suffix. */
export function cleanHeader(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, j) => {
    let n = raw.replace(/\s*\[[^\]]*\]\s*$/, '').trim();
    if (n === '') n = `Column${j + 1}`;
    const k = seen.get(n);
    seen.set(n, (k ?? 0) + 1);
    return k === undefined ? n : `${n}${k}`;
  });
}

export const readCsv: RecordReader = async function* (src: SourceFile, opts: ReadOptions, ctx: ReaderContext) {
  let header: string[] | undefined;
  let want: boolean[] = [];
  let fields: string[] = [];
  let parts: string[] = [];      // pieces of the quoted field being read
  let inQuotes = false;
  let recLine = 0;
  const nextQuote = new NextIndex('"'), nextComma = new NextIndex(',');

  const finishRecord = (items: ReadItem[]) => {
    if (!header) {
      header = cleanHeader(fields);
      want = header.map((h) => opts.fields === undefined || opts.fields.has(h));
      ctx.declare(header.map((name) => ({ name, type: 'string' })), false);
      if (opts.known && ctx.unknownField) for (const h of header) if (!opts.known.has(h)) ctx.unknownField(h, recLine);
    } else if (fields.length !== header.length) {
      items.push({ line: recLine, error: `${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${header.length}` });
    } else {
      const rec: Rec = {};
      for (let j = 0; j < header.length; j++) if (want[j]) rec[header[j]!] = fields[j];
      items.push({ line: recLine, record: rec });
    }
    fields = [];
  };

  for await (const b of byteLines(fileChunks(src.path, src.display), ctx)) {
    const items: ReadItem[] = [];
    const { buf } = b;
    // a latin1 view gives byte offsets with fast string search; only wanted fields are decoded as UTF-8
    const text = latin1(buf, 0, buf.length);
    for (let i = 0; i < b.starts.length; i++) {
      const line = b.firstLine + i;
      const s = b.starts[i]!, e = endNoCR(b, i);
      let p = s;
      if (!inQuotes) {
        if (e === s) continue; // blank line between records
        recLine = line;
      }
      let bad: string | undefined;
      for (;;) {
        if (inQuotes) {
          const keep = header === undefined || want[fields.length] === true;
          const q = nextQuote.find(text, p);
          if (q < 0 || q >= e) {
            // the quoted field continues on the next line; keep this line's terminator
            if (keep) parts.push(utf8(buf, p, e), e < b.ends[i]! ? '\r\n' : '\n');
            break;
          }
          if (q + 1 < e && text.charCodeAt(q + 1) === QUOTE) { if (keep) parts.push(utf8(buf, p, q + 1)); p = q + 2; continue; }
          if (keep) parts.push(utf8(buf, p, q));
          inQuotes = false;
          fields.push(parts.length === 1 ? parts[0]! : parts.join(''));
          parts = [];
          p = q + 1;
          if (p === e) { finishRecord(items); break; }
          if (text.charCodeAt(p) === COMMA) { p++; if (p === e) { fields.push(''); finishRecord(items); break; } continue; }
          bad = `unexpected text after a closing quote (column ${fields.length})`;
          break;
        }
        if (text.charCodeAt(p) === QUOTE) { inQuotes = true; parts = []; p++; continue; }
        const keep = header === undefined || want[fields.length] === true;
        const c = nextComma.find(text, p);
        if (c < 0 || c >= e) { fields.push(keep ? utf8(buf, p, e) : ''); finishRecord(items); break; }
        fields.push(keep ? utf8(buf, p, c) : '');
        p = c + 1;
        if (p === e) { fields.push(''); finishRecord(items); break; }
      }
      if (bad !== undefined) {
        items.push({ line: recLine, error: bad });
        fields = []; parts = []; inQuotes = false;
      }
    }
    if (items.length) yield items;
  }
  if (inQuotes) yield [{ line: recLine, error: 'quote not closed before the end of the file' }];
};
