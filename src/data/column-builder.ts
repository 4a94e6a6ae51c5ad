// Column builder for loading: strings are interned while interning pays (repeated values share one string),
// and interning stops for columns of mostly unique values, where the map would only cost time and memory.
import type { ScalarType, Value } from '../kql/types/index.js';
import type { Column } from '../table/index.js';

const CHECK_EVERY = 1 << 16;
const MIN_HIT_RATE = 0.3;
const MAX_INTERNED = 1_000_000;

export class LoadColumnBuilder {
  readonly values: Value[] = [];
  private intern: Map<string, string> | undefined;
  private seen = 0;
  private hits = 0;

  constructor(readonly name: string, readonly type: ScalarType) {
    if (type === 'string') this.intern = new Map();
  }

  push(v: Value): void {
    if (v === null && this.type === 'string') v = '';
    const m = this.intern;
    if (m !== undefined && typeof v === 'string') {
      const s = m.get(v);
      if (s !== undefined) { this.hits++; v = s; }
      else if (m.size < MAX_INTERNED) m.set(v, v);
      if (++this.seen === CHECK_EVERY) this.review();
    }
    this.values.push(v);
  }

  private review(): void {
    if (this.hits / this.seen < MIN_HIT_RATE) this.intern = undefined;
    this.seen = 0;
    this.hits = 0;
  }

  build(): Column {
    this.intern = undefined;
    return { name: this.name, type: this.type, values: this.values };
  }
}
