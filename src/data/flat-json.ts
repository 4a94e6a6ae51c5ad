// Fast path for NDJSON: reads the requested fields of a flat JSON object line without JSON.parse.
// It walks the line token by token over a latin1 view (byte offsets, native indexOf/startsWith), validates every
// token (structure, escapes, numbers, literals), and decodes only the wanted values from the UTF-8 bytes.
// The key order of the previous line is a template: `,"Key":` is matched in place with one startsWith.
// A line that is not a flat object (nested values, escaped keys, anything malformed) returns false → JSON.parse.
import type { Rec } from './record-reader.js';
import { NextIndex } from './next-index.js';

interface Key { lat: string; name: string; want: boolean }
/** Key k of the template: its separator text (`"Key":` first, `,"Key":` after) and the key. */
interface Slot { sep: string; key: Key }

// Buffer#utf8Slice/latin1Slice skip toString's argument checks (they exist on every Node Buffer).
type FastBuffer = Buffer & { utf8Slice(s: number, e: number): string; latin1Slice(s: number, e: number): string };
export const utf8 = (buf: Buffer, s: number, e: number): string => (buf as FastBuffer).utf8Slice(s, e);
export const latin1 = (buf: Buffer, s: number, e: number): string => (buf as FastBuffer).latin1Slice(s, e);

const MAX_SLOTS = 1000;

export class FlatJsonExtractor {
  private seq: (Slot | undefined)[] = [];
  private byLatin = new Map<string, Key>();
  // next '"' at or after the last search start (NextIndex inlined: it runs for every string)
  private qText = '';
  private qPos = -2;
  private slash = new NextIndex('\\');
  /** Line of the current extract call, for onUnknown. */
  line = 0;
  constructor(private readonly fields: ReadonlySet<string> | undefined,
    private readonly known?: ReadonlySet<string>, private readonly onUnknown?: (name: string, line: number) => void) {}

  /** Fills `out` with the wanted fields of line [s, e) (text = latin1 view of buf); false when JSON.parse is needed. */
  extract(text: string, buf: Buffer, s: number, e: number, out: Rec): boolean {
    let i = s;
    if (text.charCodeAt(i) !== 123) { i = skipWs(text, i, e); if (text.charCodeAt(i) !== 123) return false; }
    i++;
    if (text !== this.qText) { this.qText = text; this.qPos = -2; }
    // most lines hold no backslash at all: then no string needs an escape check
    const sl0 = this.slash.find(text, i);
    const noEsc = sl0 < 0 || sl0 >= e;
    for (let k = 0; ; k++) {
      const slot = this.seq[k];
      let key: Key;
      if (slot !== undefined && text.startsWith(slot.sep, i) && i + slot.sep.length <= e) {
        key = slot.key;
        i += slot.sep.length;
      } else {
        i = skipWs(text, i, e);
        let c = text.charCodeAt(i);
        if (c === 125) return skipWs(text, i + 1, e) === e; // '}': the end (or an empty object)
        if (k > 0) {
          if (c !== 44) return false;
          i = skipWs(text, i + 1, e);
          c = text.charCodeAt(i);
        }
        if (c !== 34) return false;
        const ks = i + 1;
        const ke = this.nextQuote(text, ks);
        if (ke < 0 || ke >= e) return false;
        if (!noEsc) { const sl = this.slash.find(text, ks); if (sl >= 0 && sl < ke) return false; } // escaped key: JSON.parse
        // a copy, not a slice: a slice would keep the whole chunk text alive
        const lat = latin1(buf, ks, ke);
        key = this.keyOf(lat, buf, ks, ke);
        i = skipWs(text, ke + 1, e);
        if (text.charCodeAt(i) !== 58) return false;
        i = skipWs(text, i + 1, e);
        if (k < MAX_SLOTS && this.seq[k]?.key !== key) this.seq[k] = { sep: flat((k > 0 ? ',"' : '"') + lat + '":'), key };
      }
      // the value
      const c = text.charCodeAt(i);
      if (c === 34) {
        const vs = i + 1;
        let q = this.nextQuote(text, vs);
        if (q < 0 || q >= e) return false;
        let b = noEsc ? -1 : this.slash.find(text, vs);
        const esc = b >= 0 && b < q;
        while (b >= 0 && b < q) {
          // every escape must be valid JSON; an escaped quote moves the end of the string
          const d = text.charCodeAt(b + 1);
          let next = b + 2;
          if (d === 117) { if (!hex4(text, b + 2)) return false; next = b + 6; }
          else if (d !== 34 && d !== 92 && d !== 47 && d !== 98 && d !== 102 && d !== 110 && d !== 114 && d !== 116) return false;
          if (b + 1 === q) { q = this.nextQuote(text, q + 1); if (q < 0 || q >= e) return false; }
          b = this.slash.find(text, next);
        }
        if (key.want) {
          if (esc) {
            try { out[key.name] = JSON.parse(utf8(buf, vs - 1, q + 1)); } catch { return false; }
          } else out[key.name] = utf8(buf, vs, q);
        }
        i = q + 1;
      } else if (c === 45 || (c >= 48 && c <= 57)) {
        const j = numberEnd(text, i, e);
        if (j < 0) return false;
        if (key.want) out[key.name] = numberValue(text.slice(i, j));
        i = j;
      } else if (c === 116) {
        if (!text.startsWith('true', i)) return false;
        if (key.want) out[key.name] = true;
        i += 4;
      } else if (c === 102) {
        if (!text.startsWith('false', i)) return false;
        if (key.want) out[key.name] = false;
        i += 5;
      } else if (c === 110) {
        if (!text.startsWith('null', i)) return false;
        if (key.want) out[key.name] = null;
        i += 4;
      } else return false; // object, array, or not JSON
      if (i > e) return false;
    }
  }

  private nextQuote(text: string, from: number): number {
    let q = this.qPos;
    if (q !== -1 && q < from) q = this.qPos = text.indexOf('"', from);
    return q;
  }

  private keyOf(lat: string, buf: Buffer, ks: number, ke: number): Key {
    let key = this.byLatin.get(lat);
    if (key === undefined) {
      const name = utf8(buf, ks, ke);
      const want = this.fields === undefined || this.fields.has(name);
      key = { lat, name, want };
      if (this.known && !this.known.has(name)) this.onUnknown?.(name, this.line);
      if (this.byLatin.size < 10_000) this.byLatin.set(lat, key);
    }
    return key;
  }
}

/** A flat copy of a concatenation of latin1 text (startsWith is faster with a flat search string). */
function flat(s: string): string {
  return Buffer.from(s, 'latin1').toString('latin1');
}

function skipWs(t: string, i: number, e: number): number {
  while (i < e) {
    const c = t.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    i++;
  }
  return i;
}

function hex4(t: string, i: number): boolean {
  for (let k = i; k < i + 4; k++) {
    const c = t.charCodeAt(k);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** End of the JSON number starting at i (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`), or -1. */
function numberEnd(t: string, i: number, e: number): number {
  if (t.charCodeAt(i) === 45) i++;
  const c = t.charCodeAt(i);
  if (c === 48) i++;
  else if (c >= 49 && c <= 57) { i++; while (i < e && isDigit(t.charCodeAt(i))) i++; }
  else return -1;
  if (t.charCodeAt(i) === 46) {
    i++;
    if (!isDigit(t.charCodeAt(i))) return -1;
    while (i < e && isDigit(t.charCodeAt(i))) i++;
  }
  const x = t.charCodeAt(i);
  if (x === 101 || x === 69) {
    i++;
    const sign = t.charCodeAt(i);
    if (sign === 43 || sign === 45) i++;
    if (!isDigit(t.charCodeAt(i))) return -1;
    while (i < e && isDigit(t.charCodeAt(i))) i++;
  }
  return i <= e ? i : -1;
}

const INT_RE = /^-?\d+$/;

/** A validated JSON number; integers beyond 2^53 as exact bigint. */
function numberValue(t: string): number | bigint {
  const n = Number(t);
  if (!Number.isSafeInteger(n) && Number.isInteger(n) && INT_RE.test(t)) return BigInt(t);
  return n;
}
