// Opt-in on-disk cache of loaded columns (LoadOptions.cacheDir, CLI --cache DIR): the second query over the same
// export reads typed, dictionary-encoded columns instead of parsing the text again. One entry per (file, table,
// column set): the encoded values plus the file's full load report, so totals and problems replay exactly.
// An entry is keyed by the file's identity (real path, size, mtime, inode) and everything that shapes the
// result (format, routing, renames, columns and their source fields, reader options, kqlite and V8 versions);
// any change gives a new key. Entries are written atomically; an unreadable entry is ignored and rewritten.
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ColumnSchema, Value } from '../kql/types/index.js';
import { ColumnEncoder, type EncodedColumn } from './column-encoder.js';
import type { FileReport } from './report.js';
import type { DataFile } from './workspace.js';

/** Bumped whenever readers or coercion change what a file loads to. */
export const CACHE_FORMAT = 'kqlite-columns-2';

export interface CacheEntry {
  format: string;
  rows: number;
  /** Per column, its encoded segments in file order (one per worker range, or one for a serial read). */
  columns: EncodedColumn[][];
  /** The file's report as a first pass over it produces it. */
  report: Pick<FileReport, 'read' | 'loaded' | 'loadedByTable' | 'rejected' | 'nulled' | 'warnings' | 'errors' | 'problems'>;
}

export interface CacheKeyParts {
  file: DataFile;
  table: string;
  cols: readonly ColumnSchema[];
  keys: readonly (readonly string[])[];
  options: Record<string, unknown>;
}

/** Hits and writes since start (tests and --verbose use them to tell a cached load from a parsed one). */
export const cacheStats = { hits: 0, writes: 0 };

export class ColumnCache {
  constructor(readonly dir: string) {}

  /** The entry key, or undefined when the file cannot be identified (then nothing is cached). */
  async key(p: CacheKeyParts): Promise<string | undefined> {
    try {
      const real = await fsp.realpath(p.file.path);
      const st = await fsp.stat(real);
      const id = {
        v: CACHE_FORMAT, v8: process.versions.v8, real, size: st.size, mtime: st.mtimeMs, ino: st.ino, dev: st.dev,
        format: p.file.format, routing: p.file.routing, renames: p.file.renames, table: p.table,
        cols: p.cols.map((c) => `${c.name}:${c.type}`), keys: p.keys, options: p.options,
      };
      return createHash('sha256').update(JSON.stringify(id)).digest('hex').slice(0, 40);
    } catch {
      return undefined;
    }
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    try {
      const e = deserialize(await fsp.readFile(join(this.dir, `${key}.bin`))) as CacheEntry;
      if (!e || e.format !== CACHE_FORMAT || !Array.isArray(e.columns)) return undefined;
      cacheStats.hits++;
      return e;
    } catch {
      return undefined; // missing or damaged: load from the file
    }
  }

  /** Stores an entry; a cache that cannot be written is skipped silently (it is only an accelerator). */
  async put(key: string, entry: CacheEntry): Promise<void> {
    const tmp = join(this.dir, `${key}.${process.pid}.${Date.now()}.tmp`);
    try {
      await fsp.mkdir(this.dir, { recursive: true });
      await fsp.writeFile(tmp, serialize(entry));
      await fsp.rename(tmp, join(this.dir, `${key}.bin`));
      cacheStats.writes++;
    } catch {
      await fsp.rm(tmp, { force: true }).catch(() => undefined);
    }
  }
}

/** Encodes values[start..] of each column for an entry. */
export function encodeSlices(cols: readonly { name: string; type: ColumnSchema['type']; values: readonly Value[] }[], start: readonly number[]): EncodedColumn[] {
  return cols.map((c, j) => {
    const enc = new ColumnEncoder(c.name, c.type);
    const vs = c.values;
    for (let i = start[j]!; i < vs.length; i++) enc.push(vs[i]!);
    return compactEncoded(enc.finish());
  });
}

/** A copy without the spare capacity of the encoder's arrays (serialize would write the whole buffers). */
export function compactEncoded(e: EncodedColumn): EncodedColumn {
  if (e.kind === 'dict') return { ...e, offs: e.offs.slice(), codes: e.codes.slice() };
  if (e.kind === 'f64' || e.kind === 'i64') return { ...e, data: e.data.slice(), nulls: e.nulls.slice() } as EncodedColumn;
  return e;
}
