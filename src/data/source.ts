// Byte sources: files streamed in chunks, gzip detected by magic bytes, UTF-16 BOM transcoded, split into lines.
import { createReadStream, promises as fsp } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { ReaderError, RDR, where } from './errors.js';

export const CHUNK_BYTES = 4 << 20;
export const DEFAULT_MAX_LINE_BYTES = 256 << 20;

/** Where readers report warnings (invalid UTF-8, over-long lines); errors are thrown as ReaderError. */
export interface LineContext {
  readonly file: string;
  warn(line: number, code: string, message: string): void;
  reject(line: number, message: string): void;
  maxLineBytes?: number;
}

/** Lines of one buffer: line i spans buf[starts[i], ends[i]) (no '\n'; a trailing '\r' is kept) and is line firstLine+i. */
export interface LineBatch {
  buf: Buffer;
  starts: number[];
  ends: number[];
  firstLine: number;
}

export async function isGzipFile(path: string): Promise<boolean> {
  const fh = await fsp.open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** Decompressed bytes of a file; a corrupt or truncated gzip throws RDR4003 after yielding what it could decode. */
export async function* fileChunks(path: string, display: string, opts: { start?: number; end?: number } = {}): AsyncGenerator<Buffer> {
  let gz: boolean;
  try {
    gz = await isGzipFile(path);
  } catch (e) {
    throw new ReaderError(RDR.io, where(display, 0, `cannot read file: ${(e as Error).message}`), { cause: e });
  }
  const start = gz ? 0 : opts.start ?? 0;
  // a byte range (parallel loading) is only ever taken of an uncompressed file
  const end = !gz && opts.end !== undefined ? { end: opts.end - 1 } : {};
  if (!gz && opts.end !== undefined && opts.end <= start) return;
  const raw = createReadStream(path, { highWaterMark: gz ? 1 << 20 : CHUNK_BYTES, start, ...end });
  let stream: NodeJS.ReadableStream = raw;
  if (gz) {
    const gunzip = createGunzip({ chunkSize: 1 << 20 });
    raw.on('error', (e) => gunzip.destroy(e));
    stream = raw.pipe(gunzip);
  }
  let first = start === 0;
  let utf16: TextDecoder | undefined;
  try {
    for await (const c of stream as AsyncIterable<Buffer>) {
      let chunk = c;
      if (first) {
        first = false;
        if (chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
          utf16 = new TextDecoder(chunk[0] === 0xff ? 'utf-16le' : 'utf-16be');
        }
      }
      if (utf16) chunk = Buffer.from(utf16.decode(chunk, { stream: true }), 'utf8');
      if (chunk.length) yield chunk;
    }
  } catch (e) {
    const msg = (e as Error).message;
    if (gz) throw new ReaderError(RDR.gzip, where(display, 0, `gzip data is corrupt or truncated (${msg}); rows before the damage were kept`), { cause: e });
    throw new ReaderError(RDR.io, where(display, 0, `read failed: ${msg}`), { cause: e });
  }
}

/** True if the bytes look binary (NUL bytes in text that is not UTF-16). */
export function binaryOffset(b: Buffer): number {
  const n = Math.min(b.length, 65536);
  const i = b.subarray(0, n).indexOf(0);
  return i;
}

/** Where a byte range of a file starts, and what reading it found (parallel loading). */
export interface LineSpan {
  /** False for a range that starts inside the file: no BOM strip, no binary check there. */
  atFileStart: boolean;
  /** Set when the input ends: the number of line feeds read. */
  newlines?: number;
}

/**
 * Splits chunks into physical lines (numbered from 1), strips a UTF-8 BOM, reports invalid UTF-8 per line,
 * and rejects (skips) lines longer than maxLineBytes without buffering them.
 */
export async function* byteLines(chunks: AsyncIterable<Buffer>, ctx: LineContext, span?: LineSpan): AsyncGenerator<LineBatch> {
  const max = ctx.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  let line = 1;
  let first = span?.atFileStart ?? true;
  for await (let chunk of chunks) {
    if (first) {
      first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      const bin = binaryOffset(chunk);
      if (bin >= 0) throw new ReaderError(RDR.binary, where(ctx.file, 0, `binary data (NUL byte at offset ${bin}); not a text log file`));
    }
    let pos = 0;
    const nl0 = chunk.indexOf(10);
    if (nl0 < 0) {
      // no line end in this chunk: the current line continues
      if (!skipping) {
        pending.push(chunk); pendingBytes += chunk.length;
        if (pendingBytes > max) {
          skipping = true; pending = []; pendingBytes = 0;
          ctx.reject(line, `line longer than ${max} bytes; skipped`);
        }
      }
      continue;
    }
    if (skipping || pendingBytes > 0) {
      // finish the line carried over from previous chunks
      if (skipping) { skipping = false; }
      else if (pendingBytes + nl0 > max) { ctx.reject(line, `line longer than ${max} bytes; skipped`); }
      else {
        pending.push(chunk.subarray(0, nl0));
        const buf = Buffer.concat(pending);
        yield checkUtf8({ buf, starts: [0], ends: [buf.length], firstLine: line }, ctx);
      }
      pending = []; pendingBytes = 0;
      line++;
      pos = nl0 + 1;
    }
    const starts: number[] = [], ends: number[] = [];
    const firstLine = line;
    let nl: number;
    while ((nl = chunk.indexOf(10, pos)) >= 0) {
      if (nl - pos > max) ctx.reject(line, `line longer than ${max} bytes; skipped`), starts.push(pos), ends.push(pos);
      else starts.push(pos), ends.push(nl);
      pos = nl + 1;
      line++;
    }
    if (starts.length) yield checkUtf8({ buf: chunk, starts, ends, firstLine }, ctx);
    if (pos < chunk.length) {
      const rest = chunk.subarray(pos);
      if (rest.length > max) { skipping = true; ctx.reject(line, `line longer than ${max} bytes; skipped`); }
      else { pending.push(Buffer.from(rest)); pendingBytes = rest.length; }
    }
  }
  if (pendingBytes > 0) {
    const buf = Buffer.concat(pending);
    yield checkUtf8({ buf, starts: [0], ends: [buf.length], firstLine: line }, ctx);
  }
  if (span) span.newlines = line - 1;
}

function checkUtf8(b: LineBatch, ctx: LineContext): LineBatch {
  const n = b.starts.length;
  if (n === 0 || isUtf8(b.buf.subarray(b.starts[0]!, b.ends[n - 1]!))) return b;
  for (let i = 0; i < n; i++) {
    if (!isUtf8(b.buf.subarray(b.starts[i]!, b.ends[i]!))) {
      ctx.warn(b.firstLine + i, RDR.utf8, 'invalid UTF-8; decoded with U+FFFD replacement characters');
    }
  }
  return b;
}

/** End of line i without a trailing '\r'. */
export function endNoCR(b: LineBatch, i: number): number {
  const e = b.ends[i]!;
  return e > b.starts[i]! && b.buf[e - 1] === 13 ? e - 1 : e;
}

/** First bytes of a (possibly gzipped) file, for format sniffing. */
export async function peekFile(path: string, display: string, bytes = 65536): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  try {
    for await (const c of fileChunks(path, display)) {
      parts.push(c); n += c.length;
      if (n >= bytes) break;
    }
  } catch (e) {
    if (n === 0) throw e;
  }
  let b = Buffer.concat(parts);
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  return b.length > bytes ? b.subarray(0, bytes) : b;
}
