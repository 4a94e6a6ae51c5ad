// Column builder for loading: strings are interned while interning pays (repeated values share one string),
// and interning stops for columns of mostly unique values, where the table would only cost time.
import type { ScalarType, Value } from '../kql/types/index.js';
import type { Column } from '../table/index.js';
import { InternTable } from './intern-table.js';

const CHECK_EVERY = 1 << 16;
const MIN_HIT_RATE = 0.3;

export class LoadColumnBuilder {
  readonly values: Value[] = [];
  private intern: InternTable | undefined;
  private seen = 0;

  constructor(readonly name: string, readonly type: ScalarType) {
    if (type === 'string') this.intern = new InternTable();
  }

  push(v: Value): void {
    if (v === null && this.type === 'string') v = '';
    const m = this.intern;
    if (m !== undefined && typeof v === 'string') {
      v = m.canonical(v);
      if (++this.seen === CHECK_EVERY) this.review();
    }
    this.values.push(v);
  }

  private review(): void {
    if (this.intern!.hits / this.seen < MIN_HIT_RATE) this.intern = undefined;
    else this.intern!.hits = 0;
    this.seen = 0;
  }

  build(): Column {
    this.intern = undefined;
    return { name: this.name, type: this.type, values: this.values };
  }
}
