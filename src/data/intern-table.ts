// Interning without a Map: a direct-mapped table indexed by a hash of the string, each slot keeping the last
// string seen there. A lookup costs a short hash and one comparison (a Map probe for a fresh string cost several
// times the decoding of it); a collision only evicts, so an equal value may occasionally get a second copy.

const MUL = 0x01000193;

function hashOf(v: string): number {
  const n = v.length;
  let h = Math.imul(n, 0x9e3779b1);
  if (n <= 24) {
    for (let k = 0; k < n; k++) h = Math.imul(h ^ v.charCodeAt(k), MUL);
  } else {
    // the ends of log values differ most (paths, ids, ports); plus a few characters from the middle
    for (let k = 0; k < 8; k++) h = Math.imul(h ^ v.charCodeAt(k), MUL);
    for (let k = n - 12; k < n; k++) h = Math.imul(h ^ v.charCodeAt(k), MUL);
    h = Math.imul(h ^ v.charCodeAt(n >> 1), MUL);
    h = Math.imul(h ^ v.charCodeAt(n >> 2), MUL);
    h = Math.imul(h ^ v.charCodeAt((3 * n) >> 2), MUL);
  }
  return h ^ (h >>> 16);
}

export class InternTable {
  private readonly keys: (string | undefined)[];
  private readonly ids: Int32Array;
  private readonly mask: number;
  hits = 0;

  constructor(bits = 16) {
    this.keys = new Array<string | undefined>(1 << bits).fill(undefined);
    this.ids = new Int32Array(1 << bits);
    this.mask = (1 << bits) - 1;
  }

  /** The string stored for a value equal to v, or v itself (then stored). */
  canonical(v: string): string {
    const slot = hashOf(v) & this.mask;
    const k = this.keys[slot];
    if (k === v) { this.hits++; return k; }
    this.keys[slot] = v;
    return v;
  }

  /** The id stored with a value equal to v, or `fresh` (then stored with v). */
  idOf(v: string, fresh: number): number {
    const slot = hashOf(v) & this.mask;
    if (this.keys[slot] === v) { this.hits++; return this.ids[slot]!; }
    this.keys[slot] = v;
    this.ids[slot] = fresh;
    return fresh;
  }
}
