// NDJSON / JSON Lines, including Defender XDR streaming API lines (envelope unwrapped, routed by category).
import type { ReadItem, ReaderContext, ReadOptions, Rec, RecordReader, SourceFile } from './record-reader.js';
import { byteLines, endNoCR, fileChunks, type LineSpan } from './source.js';
import { FlatJsonExtractor, latin1, utf8 } from './flat-json.js';
import { parseJsonExact } from './json-exact.js';

const CATEGORY_PREFIX = 'AdvancedHunting-';

export const readNdjson: RecordReader = async function* (src: SourceFile, opts: ReadOptions, ctx: ReaderContext) {
  const unknown = unknownTracker(opts, ctx);
  const fast = new FlatJsonExtractor(opts.fields, opts.known, unknown);
  // no field wanted (a count): the fast path fills nothing, so its records can share one empty object
  const empty: Rec | undefined = opts.fields !== undefined && opts.fields.size === 0 ? Object.freeze({}) : undefined;
  const range = src.range;
  const span: LineSpan | undefined = range ? { atFileStart: range.start === 0 } : undefined;
  const chunks = fileChunks(src.path, src.display, range ? { start: range.start, ...(range.end !== undefined ? { end: range.end } : {}) } : {});
  for await (const b of byteLines(chunks, ctx, span)) {
    const items: ReadItem[] = [];
    const { buf, starts } = b;
    const text = latin1(buf, 0, buf.length);
    for (let i = 0; i < starts.length; i++) {
      const s = starts[i]!, e = endNoCR(b, i);
      if (isBlank(buf, s, e)) continue;
      const line = b.firstLine + i;
      const rec: Rec = empty ?? {};
      fast.line = line;
      if (fast.extract(text, buf, s, e, rec)) { items.push({ line, record: rec }); continue; }
      const item = parseLine(utf8(buf, s, e), line);
      for (const x of Array.isArray(item) ? item : [item]) {
        if (opts.known && 'record' in x) for (const k in x.record) if (!opts.known.has(k)) unknown?.(k, line);
        items.push(x);
      }
    }
    if (items.length) yield items;
  }
  if (range) range.newlines = span!.newlines ?? 0;
};

/** Reports each field outside opts.known once per file. */
export function unknownTracker(opts: ReadOptions, ctx: ReaderContext): ((name: string, line: number) => void) | undefined {
  if (!opts.known || !ctx.unknownField) return undefined;
  const seen = new Set<string>();
  return (name, line) => {
    if (seen.has(name) || seen.size > 1000) return;
    seen.add(name);
    ctx.unknownField!(name, line);
  };
}

/** Full parse of one line: an object record, a streaming envelope unwrapped, or a {"records": [...]} batch. */
export function parseLine(text: string, line: number): ReadItem | ReadItem[] {
  let v: unknown;
  try {
    v = parseJsonExact(text);
  } catch (err) {
    // the one leniency, as on the fast path: raw control characters inside strings are taken as they are
    const fixed = RAW_CONTROL.test(text) ? escapeRawControls(text) : undefined;
    try {
      if (fixed === undefined) throw err;
      v = parseJsonExact(fixed);
    } catch {
      return { line, error: `invalid JSON: ${(err as Error).message} (${clip(text)})` };
    }
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    return { line, error: `not a JSON object (${Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v})` };
  }
  const recs = (v as Rec)['records'];
  if (Array.isArray(recs) && Object.keys(v as Rec).length === 1) {
    return recs.map((r) => (r !== null && typeof r === 'object' && !Array.isArray(r)
      ? unwrapEnvelope(r as Rec, line) : { line, error: 'element of "records" is not a JSON object' }));
  }
  return unwrapEnvelope(v as Rec, line);
}

const RAW_CONTROL = /[\x00-\x1f]/;

/** The text with raw control characters inside JSON strings written as \u escapes (outside strings untouched). */
export function escapeRawControls(text: string): string {
  let out = '', last = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      else if (c < 32) { out += text.slice(last, i) + '\\u' + c.toString(16).padStart(4, '0'); last = i + 1; }
    } else if (c === 34) inString = true;
  }
  return out + text.slice(last);
}

/** `{"time","tenantId","category":"AdvancedHunting-T","properties":{…}}` → properties, routed to T. */
export function unwrapEnvelope(o: Rec, line: number): ReadItem {
  const cat = o['category'], props = o['properties'];
  if (typeof cat !== 'string' || !cat.startsWith(CATEGORY_PREFIX) || props === null || typeof props !== 'object' || Array.isArray(props)) {
    return { line, record: o };
  }
  const rec = props as Rec;
  if (rec['Timestamp'] === undefined && rec['TimeGenerated'] === undefined && o['time'] !== undefined) rec['Timestamp'] = o['time'];
  if (rec['TenantId'] === undefined && o['tenantId'] !== undefined) rec['TenantId'] = o['tenantId'];
  return { line, record: rec, table: cat.slice(CATEGORY_PREFIX.length) };
}

const CATEGORY_RE = /"category"\s*:\s*"AdvancedHunting-([A-Za-z0-9_]+)"/g;

/** True when text holds Defender streaming records (a category naming an advanced-hunting table). */
export function hasStreamingCategory(text: string): boolean {
  CATEGORY_RE.lastIndex = 0;
  return CATEGORY_RE.test(text);
}

/** The routed table names of a streaming-API file, found by a text search (no JSON parse). */
export async function scanCategories(src: SourceFile, ctx: ReaderContext): Promise<Set<string>> {
  const needle = Buffer.from(CATEGORY_PREFIX);
  const out = new Set<string>();
  const quiet: ReaderContext = { ...ctx, warn() {}, reject() {} };
  for await (const b of byteLines(fileChunks(src.path, src.display), quiet)) {
    for (let i = 0; i < b.starts.length; i++) {
      const s = b.starts[i]!, e = b.ends[i]!;
      const k = b.buf.indexOf(needle, s);
      if (k < 0) break; // no category in the rest of this batch
      if (k >= e) { while (i + 1 < b.starts.length && b.ends[i + 1]! < k) i++; continue; }
      const text = utf8(b.buf, s, e);
      CATEGORY_RE.lastIndex = 0;
      for (let m = CATEGORY_RE.exec(text); m; m = CATEGORY_RE.exec(text)) out.add(m[1]!);
    }
  }
  return out;
}

function isBlank(buf: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) { const c = buf[i]; if (c !== 32 && c !== 9 && c !== 13) return false; }
  return true;
}

export function clip(s: string, n = 80): string {
  const t = s.replace(/[\x00-\x1f]/g, ' ');
  return t.length > n ? t.slice(0, n - 3) + '...' : t;
}
