// Column values in a form a worker can hand to the main thread cheaply: strings dictionary-encoded (the unique
// strings joined into one string + offsets, Int32Array codes: also interns them), numbers and ticks in typed arrays.
import type { ScalarType, Value } from '../kql/types/index.js';
import type { ColumnSink } from './file-sink.js';
import { InternTable } from './intern-table.js';

export type EncodedColumn =
  | { kind: 'dict'; text: string; offs: Int32Array; codes: Int32Array; n: number }
  | { kind: 'f64'; data: Float64Array; nulls: Uint8Array; n: number }
  | { kind: 'i64'; data: BigInt64Array; nulls: Uint8Array; n: number }
  | { kind: 'values'; values: Value[] };

const MIN_I64 = -(2n ** 63n), MAX_I64 = 2n ** 63n - 1n;

function grow<T extends Int32Array | Float64Array | BigInt64Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  (b as unknown as { set(src: T): void }).set(a);
  return b;
}

/** A ColumnSink that encodes as it goes; `finish()` gives the column and the buffers to transfer. */
export class ColumnEncoder implements ColumnSink {
  private n = 0;
  private mode: 'dict' | 'f64' | 'i64' | 'values';
  private dict: InternTable | undefined;
  private uniq: string[] = [];
  private codes = new Int32Array(1024);
  private f64 = new Float64Array(0);
  private i64 = new BigInt64Array(0);
  private nulls = new Uint8Array(0);
  private values: Value[] = [];

  constructor(readonly name: string, readonly type: ScalarType) {
    this.mode = type === 'string' || type === 'guid' ? 'dict'
      : type === 'int' || type === 'real' || type === 'decimal' ? 'f64'
        : type === 'long' || type === 'datetime' || type === 'timespan' ? 'i64' : 'values';
    if (this.mode === 'dict') this.dict = new InternTable();
    if (this.mode === 'f64') { this.f64 = new Float64Array(1024); this.nulls = new Uint8Array(1024); }
    if (this.mode === 'i64') { this.i64 = new BigInt64Array(1024); this.nulls = new Uint8Array(1024); }
  }

  push(v: Value): void {
    const i = this.n++;
    switch (this.mode) {
      case 'dict': {
        if (i >= this.codes.length) this.codes = grow(this.codes, i + 1);
        if (typeof v !== 'string') {
          // strings are never null (missing = ""); a null guid is code -1
          if (v === null) { if (this.type === 'string') v = ''; else { this.codes[i] = -1; return; } }
          else { this.toValues(); this.values.push(v); return; }
        }
        const c = this.dict!.idOf(v, this.uniq.length);
        if (c === this.uniq.length) this.uniq.push(v);
        this.codes[i] = c;
        return;
      }
      case 'f64':
        if (typeof v !== 'number' && v !== null) { this.toValues(); this.values.push(v); return; }
        if (i >= this.f64.length) { this.f64 = grow(this.f64, i + 1); this.nulls = grow(this.nulls, i + 1); }
        if (v === null) this.nulls[i] = 1; else this.f64[i] = v;
        return;
      case 'i64':
        if (typeof v === 'bigint' && v >= MIN_I64 && v <= MAX_I64) {
          if (i >= this.i64.length) { this.i64 = grow(this.i64, i + 1); this.nulls = grow(this.nulls, i + 1); }
          this.i64[i] = v;
        } else if (v === null) {
          if (i >= this.i64.length) { this.i64 = grow(this.i64, i + 1); this.nulls = grow(this.nulls, i + 1); }
          this.nulls[i] = 1;
        } else { this.toValues(); this.values.push(v); }
        return;
      default:
        this.values.push(v);
    }
  }

  /** A value the typed form cannot hold: keep plain values from here on. */
  private toValues(): void {
    const n = this.n - 1;
    this.values = decodeColumn(this.encode(n));
    this.mode = 'values';
  }

  private encode(n: number): EncodedColumn {
    switch (this.mode) {
      case 'dict': {
        const offs = new Int32Array(this.uniq.length + 1);
        let o = 0;
        for (let k = 0; k < this.uniq.length; k++) { offs[k] = o; o += this.uniq[k]!.length; }
        offs[this.uniq.length] = o;
        return { kind: 'dict', text: this.uniq.join(''), offs, codes: this.codes.subarray(0, n), n };
      }
      case 'f64': return { kind: 'f64', data: this.f64.subarray(0, n), nulls: this.nulls.subarray(0, n), n };
      case 'i64': return { kind: 'i64', data: this.i64.subarray(0, n), nulls: this.nulls.subarray(0, n), n };
      default: return { kind: 'values', values: this.values };
    }
  }

  finish(): EncodedColumn {
    const e = this.encode(this.n);
    this.dict = undefined; this.uniq = [];
    return e;
  }
}

/** The ArrayBuffers of encoded columns, to transfer rather than copy. */
export function transferables(cols: readonly EncodedColumn[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const c of cols) {
    if (c.kind === 'dict') { out.add(c.offs.buffer as ArrayBuffer); out.add(c.codes.buffer as ArrayBuffer); }
    else if (c.kind !== 'values') { out.add(c.data.buffer as ArrayBuffer); out.add(c.nulls.buffer as ArrayBuffer); }
  }
  return [...out];
}

/** Appends the values of an encoded column to `out` (a new array when not given). */
export function decodeColumn(c: EncodedColumn, out: Value[] = []): Value[] {
  switch (c.kind) {
    case 'dict': {
      const u = c.offs.length - 1;
      const strs = new Array<string>(u);
      for (let k = 0; k < u; k++) strs[k] = c.text.slice(c.offs[k]!, c.offs[k + 1]!);
      for (let i = 0; i < c.n; i++) { const k = c.codes[i]!; out.push(k < 0 ? null : strs[k]!); }
      return out;
    }
    case 'f64':
      for (let i = 0; i < c.n; i++) out.push(c.nulls[i] ? null : c.data[i]!);
      return out;
    case 'i64':
      for (let i = 0; i < c.n; i++) out.push(c.nulls[i] ? null : c.data[i]!);
      return out;
    default:
      for (const v of c.values) out.push(v);
      return out;
  }
}
