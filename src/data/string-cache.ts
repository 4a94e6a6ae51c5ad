// Interning at the byte level: a repeated value is found by comparing its bytes in place (latin1 view) with a
// direct-mapped cache, so it is neither decoded nor allocated again. It switches itself off for unique-per-row fields.

const SLOTS = 1 << 16;
const CHECK_EVERY = 1 << 15;
const MIN_HIT_RATE = 0.25;

type FastBuffer = Buffer & { utf8Slice(s: number, e: number): string; latin1Slice(s: number, e: number): string };

export class StringCache {
  private keys: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
  private vals: string[] = new Array<string>(SLOTS).fill('');
  private lookups = 0;
  private hits = 0;
  on = true;

  /** The UTF-8 text of buf[s, e) (text = latin1 view of buf), shared with earlier equal values. */
  get(text: string, buf: Buffer, s: number, e: number): string {
    if (!this.on) return (buf as FastBuffer).utf8Slice(s, e);
    const n = e - s;
    // hash of the length and up to 8 characters spread over the value (the ends differ most in log fields)
    let h = Math.imul(n, 0x9e3779b1);
    if (n <= 8) for (let k = s; k < e; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
    else {
      h = Math.imul(h ^ text.charCodeAt(s), 0x01000193);
      h = Math.imul(h ^ text.charCodeAt(s + (n >> 2)), 0x01000193);
      h = Math.imul(h ^ text.charCodeAt(s + (n >> 1)), 0x01000193);
      for (let k = e - 5; k < e; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
    }
    const slot = (h ^ (h >>> 15)) & (SLOTS - 1);
    if (++this.lookups === CHECK_EVERY) this.review();
    const key = this.keys[slot];
    if (key !== undefined && key.length === n && text.startsWith(key, s)) { this.hits++; return this.vals[slot]!; }
    const v = (buf as FastBuffer).utf8Slice(s, e);
    this.keys[slot] = (buf as FastBuffer).latin1Slice(s, e);
    this.vals[slot] = v;
    return v;
  }

  private review(): void {
    if (this.hits / this.lookups < MIN_HIT_RATE) { this.on = false; this.keys = []; this.vals = []; }
    this.lookups = 0;
    this.hits = 0;
  }
}
