// Writing results without buffering everything, and reading a query from standard input.
import type { CliIO } from './io.js';

export async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes chunks in batches; a closed stdout pipe (EPIPE) ends quietly. */
export async function writeChunks(io: CliIO, chunks: Iterable<string>): Promise<void> {
  let buf = '';
  for (const c of chunks) {
    buf += c;
    if (buf.length > 1 << 16) { io.stdout.write(buf); buf = ''; }
  }
  if (buf) io.stdout.write(buf);
}
