// The per-file half of a load pass: read items in, column values and line accounting out (serial path and workers).
import type { ScalarType, Value } from '../kql/types/index.js';
import type { ReadItem } from './record-reader.js';
import { FAIL, coerce, preview } from './coerce.js';
import { RDR } from './errors.js';
import { canonicalTableName } from './builtin-schemas.js';
import type { ProblemKind } from './report.js';

/** Where one column's values go (LoadColumnBuilder on the main thread, ColumnEncoder in a worker). */
export interface ColumnSink {
  readonly name: string;
  readonly type: ScalarType;
  push(v: Value): void;
}

/** Records read from one file, counted only on the file's first pass (`first`). */
export interface FileCounts { read: number; loaded: number; loadedByTable: Record<string, number> }

export type ProblemFn = (line: number, kind: ProblemKind, code: string, message: string) => void;

export interface SinkSetup {
  table: string;
  /** Raw field names holding each column, in preference order (parallel to `builders`). */
  keys: string[][];
  routing: boolean;
  first: boolean;
}

/** Consumes the items of one file: accounts every record, pushes one value per requested column per kept row. */
export class FileSink {
  rows = 0;
  constructor(private readonly s: SinkSetup, private readonly builders: readonly ColumnSink[],
    private readonly counts: FileCounts, private readonly problem: ProblemFn) {}

  items(batch: readonly ReadItem[]): void {
    const { first, table, keys } = this.s;
    const c = this.counts, builders = this.builders;
    let plain = 0; // records of a file that is not routed, added to loadedByTable once per batch
    for (const item of batch) {
      if ('error' in item) {
        if (first) { c.read++; this.problem(item.line, 'rejected', RDR.rejected, item.error); }
        continue;
      }
      if (this.s.routing) {
        if (!item.table) {
          if (first) { c.read++; this.problem(item.line, 'rejected', RDR.rejected, 'record without an AdvancedHunting-<Table> category in a Defender streaming file'); }
          continue;
        }
        const routed = canonicalTableName(item.table);
        if (first) { c.read++; c.loaded++; c.loadedByTable[routed] = (c.loadedByTable[routed] ?? 0) + 1; }
        if (routed !== table) continue;
      } else if (first) { c.read++; c.loaded++; plain++; }
      const rec = item.record;
      for (let j = 0; j < builders.length; j++) {
        const ks = keys[j]!;
        let raw = rec[ks[0]!];
        for (let k = 1; raw === undefined && k < ks.length; k++) raw = rec[ks[k]!];
        const b = builders[j]!;
        // strings into string columns are the common case: skip the general conversion
        if (typeof raw === 'string' && b.type === 'string') { b.push(raw); continue; }
        const v = coerce(raw, b.type);
        if (v === FAIL) {
          b.push(null);
          this.problem(item.line, 'nulled', RDR.nulled, `column ${b.name}: cannot convert ${preview(raw)} to ${b.type}; stored null`);
        } else b.push(v);
      }
      this.rows++;
    }
    if (plain > 0) c.loadedByTable[table] = (c.loadedByTable[table] ?? 0) + plain;
  }
}
