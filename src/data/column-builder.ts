// Column builder for loading: strings are interned while interning pays (repeated values share one string),
// and interning stops for columns of mostly unique values, where the table would only cost time.
import type { ScalarType, Value } from '../kql/types/index.js';
import { attachDict, type Column } from '../table/index.js';
import { decodeColumn, type EncodedColumn } from './column-encoder.js';
import { InternTable } from './intern-table.js';

const CHECK_EVERY = 1 << 16;
const MIN_HIT_RATE = 0.3;

/** A column stops keeping dictionary codes when it has more distinct values than this share of its rows. */
const MAX_DICT_SHARE = 0.5;

export class LoadColumnBuilder {
  readonly values: Value[] = [];
  private intern: InternTable | undefined;
  private seen = 0;
  // dictionary codes for string columns (values[i] === strings[codes[i]]), dropped for mostly-unique columns
  private dictTable: InternTable | undefined;
  private strings: string[] = [];
  private codes = new Int32Array(0);

  constructor(readonly name: string, readonly type: ScalarType) {
    if (type === 'string') { this.intern = new InternTable(); this.dictTable = new InternTable(); this.codes = new Int32Array(1024); }
  }

  push(v: Value): void {
    if (v === null && this.type === 'string') v = '';
    if (this.dictTable !== undefined) {
      if (typeof v === 'string') { this.values.push(this.code(v)); return; }
      this.dropDict();
    }
    const m = this.intern;
    if (m !== undefined && typeof v === 'string') {
      v = m.canonical(v);
      if (++this.seen === CHECK_EVERY) this.review();
    }
    this.values.push(v);
  }

  /** Appends a worker's or the cache's encoded segment; dictionary segments keep (remapped) codes. */
  append(enc: EncodedColumn): void {
    if (this.dictTable !== undefined && enc.kind === 'dict' && this.type === 'string') {
      const u = enc.offs.length - 1;
      const map = new Int32Array(u);
      for (let k = 0; k < u; k++) map[k] = this.idFor(enc.text.slice(enc.offs[k]!, enc.offs[k + 1]!));
      const start = this.values.length, n = enc.n, src = enc.codes;
      this.growCodes(start + n);
      const codes = this.codes, strings = this.strings, values = this.values;
      const empty = this.idFor(''); // strings are never null: a -1 code (other types only) would be ""
      values.length = start + n;
      for (let i = 0; i < n; i++) {
        const c = src[i]!;
        const id = c < 0 ? empty : map[c]!;
        codes[start + i] = id;
        values[start + i] = strings[id]!;
      }
      this.checkDict();
      return;
    }
    if (this.dictTable !== undefined) this.dropDict();
    decodeColumn(enc, this.values);
  }

  private idFor(v: string): number {
    const id = this.dictTable!.idOf(v, this.strings.length);
    if (id === this.strings.length) this.strings.push(v);
    return id;
  }

  private code(v: string): string {
    const id = this.idFor(v);
    const i = this.values.length;
    this.growCodes(i + 1);
    this.codes[i] = id;
    const canonical = this.strings[id]!;
    // after the check the dictionary may be gone: take the string first
    if ((i & (CHECK_EVERY - 1)) === CHECK_EVERY - 1) this.checkDict();
    return canonical;
  }

  private growCodes(n: number): void {
    if (n <= this.codes.length) return;
    const b = new Int32Array(Math.max(n, this.codes.length * 2));
    b.set(this.codes);
    this.codes = b;
  }

  private checkDict(): void {
    if (this.strings.length > MAX_DICT_SHARE * Math.max(this.values.length, CHECK_EVERY)) this.dropDict();
  }

  /** Mostly unique values: plain interning (or none) from here on. */
  private dropDict(): void {
    this.dictTable = undefined; this.strings = []; this.codes = new Int32Array(0);
  }

  private review(): void {
    if (this.intern!.hits / this.seen < MIN_HIT_RATE) this.intern = undefined;
    else this.intern!.hits = 0;
    this.seen = 0;
  }

  build(): Column {
    this.intern = undefined;
    if (this.dictTable !== undefined) attachDict(this.values, { codes: this.codes.subarray(0, this.values.length), strings: this.strings });
    this.dictTable = undefined;
    return { name: this.name, type: this.type, values: this.values };
  }
}
