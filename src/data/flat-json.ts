// Fast path for NDJSON: reads the requested fields of a flat JSON object line without JSON.parse.
// It walks the line token by token (native indexOf/startsWith over a latin1 view, so offsets are byte offsets),
// validates the object's structure, and decodes only the wanted values from the UTF-8 bytes.
// A line that is not a flat object (nested values, escaped keys, anything odd) returns false → JSON.parse.
import type { Rec } from './record-reader.js';
import { NextIndex } from './next-index.js';

interface Key { lat: string; name: string; want: boolean }

// Buffer#utf8Slice/latin1Slice skip toString's argument checks (they exist on every Node Buffer).
type FastBuffer = Buffer & { utf8Slice(s: number, e: number): string; latin1Slice(s: number, e: number): string };
export const utf8 = (buf: Buffer, s: number, e: number): string => (buf as FastBuffer).utf8Slice(s, e);
export const latin1 = (buf: Buffer, s: number, e: number): string => (buf as FastBuffer).latin1Slice(s, e);

export class FlatJsonExtractor {
  // key order of the previous lines: keys are compared in place, not decoded, on every line
  private seq: (Key | undefined)[] = [];
  private byLatin = new Map<string, Key>();
  private quote = new NextIndex('"');
  /** Line of the current extract call, for onUnknown. */
  line = 0;
  constructor(private readonly fields: ReadonlySet<string> | undefined,
    private readonly known?: ReadonlySet<string>, private readonly onUnknown?: (name: string, line: number) => void) {}

  /** Fills `out` with the wanted fields of line [s, e) (text = latin1 view of buf); false when JSON.parse is needed. */
  extract(text: string, buf: Buffer, s: number, e: number, out: Rec): boolean {
    let i = skipWs(text, s, e);
    if (text.charCodeAt(i) !== 123) return false;
    i = skipWs(text, i + 1, e);
    if (text.charCodeAt(i) === 125) return skipWs(text, i + 1, e) === e;
    for (let k = 0; ; k++) {
      if (text.charCodeAt(i) !== 34) return false;
      const ks = i + 1;
      let key: Key | undefined = this.seq[k];
      let ke: number;
      if (key !== undefined && text.charCodeAt(ks + key.lat.length) === 34 && text.startsWith(key.lat, ks)) {
        ke = ks + key.lat.length;
      } else {
        ke = this.quote.find(text, ks);
        if (ke < 0 || ke >= e) return false;
        const lat = text.slice(ks, ke);
        if (lat.indexOf('\\') >= 0) return false; // escaped key: rare, use JSON.parse
        key = this.byLatin.get(lat);
        if (key === undefined) {
          const name = utf8(buf, ks, ke);
          key = { lat, name, want: this.fields === undefined || this.fields.has(name) };
          if (this.known && !this.known.has(name)) this.onUnknown?.(name, this.line);
          if (this.byLatin.size < 10_000) this.byLatin.set(lat, key);
        }
        if (k < 1000) this.seq[k] = key;
      }
      i = ke + 1;
      if (text.charCodeAt(i) !== 58) { i = skipWs(text, i, e); if (text.charCodeAt(i) !== 58) return false; }
      i = skipWs(text, i + 1, e);
      const want = key.want;
      const c = text.charCodeAt(i);
      if (c === 34) {
        const vs = i + 1;
        let q = this.quote.find(text, vs);
        for (;;) {
          if (q < 0 || q >= e) return false;
          if (text.charCodeAt(q - 1) !== 92) break;
          let b = q - 1, n = 0;
          while (b >= vs && text.charCodeAt(b) === 92) { b--; n++; }
          if ((n & 1) === 0) break;
          q = this.quote.find(text, q + 1);
        }
        if (want) {
          let esc = false;
          for (let x = vs; x < q; x++) if (text.charCodeAt(x) === 92) { esc = true; break; }
          if (esc) {
            try { out[key.name] = JSON.parse(utf8(buf, vs - 1, q + 1)); } catch { return false; }
          } else out[key.name] = utf8(buf, vs, q);
        }
        i = q + 1;
      } else if (c === 123 || c === 91) {
        return false;
      } else {
        let j = i;
        while (j < e) {
          const d = text.charCodeAt(j);
          if (d === 44 || d === 125 || d === 32 || d === 9 || d === 13) break;
          // digits, sign, point, exponent, and the letters of true/false/null
          if (!((d >= 48 && d <= 57) || d === 45 || d === 43 || d === 46 || (d >= 97 && d <= 122) || d === 69)) return false;
          j++;
        }
        if (j === i) return false;
        if (want) {
          const lit = literal(text.slice(i, j));
          if (lit === undefined) return false;
          out[key.name] = lit;
        } else if (!plausibleLiteral(text, i, j)) return false;
        i = j;
      }
      let d = text.charCodeAt(i);
      if (d === 32 || d === 9 || d === 13) { i = skipWs(text, i, e); d = text.charCodeAt(i); }
      if (d === 44) { i++; d = text.charCodeAt(i); if (d === 32 || d === 9) i = skipWs(text, i, e); continue; }
      if (d === 125) return skipWs(text, i + 1, e) === e;
      return false;
    }
  }
}

function skipWs(t: string, i: number, e: number): number {
  while (i < e) {
    const c = t.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    i++;
  }
  return i;
}

/** Shape check of a literal we do not convert: a number, or exactly true/false/null. */
function plausibleLiteral(t: string, i: number, j: number): boolean {
  const c = t.charCodeAt(i);
  if (c === 116) return j - i === 4 && t.startsWith('true', i);
  if (c === 102) return j - i === 5 && t.startsWith('false', i);
  if (c === 110) return j - i === 4 && t.startsWith('null', i);
  if (c !== 45 && (c < 48 || c > 57)) return false;
  for (let k = i + 1; k < j; k++) { const d = t.charCodeAt(k); if (d >= 97 && d <= 122) return false; }
  return true;
}

const NUM_RE = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** true/false/null or a JSON number (integers beyond 2^53 as exact bigint); undefined if not a literal. */
function literal(t: string): unknown {
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'null') return null;
  if (!NUM_RE.test(t)) return undefined;
  const n = Number(t);
  if (!Number.isSafeInteger(n) && Number.isInteger(n) && /^-?\d+$/.test(t)) return BigInt(t);
  return n;
}
