// The one contract every format reader implements: a file in, batches of {line, record} | {line, error} out.
import type { ColumnSchema } from '../kql/types/index.js';
import type { LineContext } from './source.js';

/** One record: field name → raw value (JSON value, text, or bigint ticks for dates a reader parsed itself). */
export type Rec = Record<string, unknown>;

export type ReadItem =
  | { line: number; record: Rec; /** routed table (Defender streaming envelope) */ table?: string }
  | { line: number; error: string };

export interface ReadOptions {
  /** Fields the caller needs; readers may skip building the others (projection pushdown). Undefined = all. */
  fields?: ReadonlySet<string>;
  /** Field names the table schema covers; a reader reports each other field once via ctx.unknownField. */
  known?: ReadonlySet<string>;
  /** Year for syslog timestamps that carry none (RFC 3164); default: the current UTC year. */
  year?: number;
}

export interface ReaderContext extends LineContext {
  /** Columns a reader knows before the records: typed (Log Analytics API response) or just named (CSV header). */
  declare(schema: ColumnSchema[], typed: boolean): void;
  /** A field outside `known` (first occurrence in this file). */
  unknownField?(name: string, line: number): void;
}

export interface SourceFile {
  path: string;
  /** Name used in messages (path as given by the user). */
  display: string;
  /** Only bytes [start, end) of an uncompressed file, starting at a line start (NDJSON; parallel loading). */
  range?: ByteRange;
}

export interface ByteRange {
  start: number;
  /** Exclusive; undefined = to the end of the file. */
  end?: number;
  /** Set by the reader when done: line feeds in the range (lines are numbered from 1 within the range). */
  newlines?: number;
}

export type RecordReader = (src: SourceFile, opts: ReadOptions, ctx: ReaderContext) => AsyncIterable<ReadItem[]>;

export type Format = 'ndjson' | 'json' | 'csv' | 'cef' | 'syslog';
