// File access for import: text chunks (gzip transparently), a peek at the head for format detection, line splitting.
import { createReadStream, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { IntelErrors, intelError } from './errors.js';

export const HEAD_BYTES = 64 * 1024;

function isGzip(path: string): boolean {
  return path.toLowerCase().endsWith('.gz');
}

export function checkReadable(path: string): number {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a regular file');
    return st.size;
  } catch (e) {
    throw intelError(IntelErrors.unreadable, `cannot read '${path}': ${(e as Error).message}`, e);
  }
}

/** Decoded UTF-8 text chunks of a file (gunzipped when the name ends in .gz). */
export async function* textChunks(path: string): AsyncGenerator<string> {
  let stream: Readable = createReadStream(path, { highWaterMark: 1 << 20 });
  if (isGzip(path)) stream = stream.pipe(createGunzip());
  stream.setEncoding('utf8');
  try {
    for await (const chunk of stream) yield chunk as string;
  } catch (e) {
    throw intelError(IntelErrors.unreadable, `cannot read '${path}': ${(e as Error).message}`, e);
  }
}

/** Reads the whole file as text, refusing files larger than `max` characters. */
export async function readAll(path: string, max: number): Promise<string> {
  const parts: string[] = [];
  let n = 0;
  for await (const c of textChunks(path)) {
    n += c.length;
    if (n > max) throw intelError(IntelErrors.tooLarge, `'${path}' is larger than ${Math.round(max / 1e6)} MB; use a CSV export for feeds this size`);
    parts.push(c);
  }
  return stripBom(parts.join(''));
}

export const stripBom = (s: string): string => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/** First ~64 KB of text, for format detection. */
export async function readHead(path: string): Promise<string> {
  let head = '';
  for await (const c of textChunks(path)) {
    head += c;
    if (head.length >= HEAD_BYTES) break;
  }
  return stripBom(head);
}

/** Streams a file line by line (CRLF/LF), calling `fn(line, lineNo)` with 1-based line numbers. */
export async function forEachLine(path: string, fn: (line: string, lineNo: number) => void): Promise<void> {
  let rest = '';
  let lineNo = 0;
  let first = true;
  for await (let chunk of textChunks(path)) {
    if (first) { chunk = stripBom(chunk); first = false; }
    const text = rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      fn(text.slice(start, end), ++lineNo);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') fn(rest.endsWith('\r') ? rest.slice(0, -1) : rest, ++lineNo);
}

/** Splits in-memory text into lines the same way `forEachLine` does. */
export function eachLine(text: string, fn: (line: string, lineNo: number) => void): void {
  const s = stripBom(text);
  let start = 0;
  let lineNo = 0;
  for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', start)) {
    const end = nl > start && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    fn(s.slice(start, end), ++lineNo);
    start = nl + 1;
  }
  if (start < s.length) fn(s.slice(start).replace(/\r$/, ''), ++lineNo);
}
