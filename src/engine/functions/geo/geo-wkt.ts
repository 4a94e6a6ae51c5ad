// Well-known text (WKT, OGC simple features, 2-D) → GeoJSON for geo_from_wkt(): POINT, LINESTRING, POLYGON, the MULTI*
// forms and GEOMETRYCOLLECTION. Invalid or unsupported text (Z/M coordinates, EMPTY primitives, open rings,
// out-of-range longitude/latitude) gives null. A single linear pass over tokens; nesting depth is capped.
import type { DynamicValue } from '../../../kql/types/index.js';

type Tok = string | number;
const MAX_DEPTH = 64;

/** Tokens: upper-cased words, numbers, and the punctuation ( ) , — or null on any other character. */
function tokenize(s: string): Tok[] | null {
  const out: Tok[] = [];
  const re = /\s*(?:([A-Za-z]+)|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|([(),]))/y;
  let i = 0;
  while (i < s.length) {
    if (/\s/.test(s[i]!)) { i++; continue; }
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return null;
    out.push(m[1] !== undefined ? m[1].toUpperCase() : m[2] !== undefined ? Number(m[2]) : m[3]!);
    i = re.lastIndex;
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly t: Tok[]) {}
  done(): boolean { return this.i === this.t.length; }
  private peek(): Tok | undefined { return this.t[this.i]; }
  private eat(x: Tok): void { if (this.t[this.i] !== x) throw new SyntaxError(String(x)); this.i++; }

  private coord(): [number, number] {
    const x = this.t[this.i], y = this.t[this.i + 1];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) throw new SyntaxError('coordinate');
    if (x < -180 || x > 180 || y < -90 || y > 90) throw new RangeError('coordinate');
    this.i += 2;
    return [x, y];
  }

  /** ( item, item, ... ) */
  private list<T>(item: () => T): T[] {
    this.eat('(');
    const out = [item()];
    while (this.peek() === ',') { this.i++; out.push(item()); }
    this.eat(')');
    return out;
  }

  private line = (): [number, number][] => {
    const pts = this.list(() => this.coord());
    if (pts.length < 2) throw new SyntaxError('line');
    return pts;
  };

  private ring = (): [number, number][] => {
    const pts = this.list(() => this.coord());
    const a = pts[0]!, b = pts[pts.length - 1]!;
    if (pts.length < 4 || a[0] !== b[0] || a[1] !== b[1]) throw new SyntaxError('ring');
    return pts;
  };

  private polygon = () => this.list(this.ring);

  /** MULTIPOINT accepts both (1 2, 3 4) and ((1 2), (3 4)). */
  private multiPoint = () => this.list(() => (this.peek() === '(' ? this.list(() => this.coord())[0]! : this.coord()));

  geometry(depth: number): DynamicValue {
    if (depth > MAX_DEPTH) throw new RangeError('depth');
    const kw = this.t[this.i++];
    if (this.peek() === 'EMPTY') {
      this.i++;
      if (kw === 'GEOMETRYCOLLECTION') return { type: 'GeometryCollection', geometries: [] };
      throw new SyntaxError('empty');
    }
    switch (kw) {
      case 'POINT': { this.eat('('); const c = this.coord(); this.eat(')'); return { type: 'Point', coordinates: c }; }
      case 'LINESTRING': return { type: 'LineString', coordinates: this.line() };
      case 'POLYGON': return { type: 'Polygon', coordinates: this.polygon() };
      case 'MULTIPOINT': return { type: 'MultiPoint', coordinates: this.multiPoint() };
      case 'MULTILINESTRING': return { type: 'MultiLineString', coordinates: this.list(this.line) };
      case 'MULTIPOLYGON': return { type: 'MultiPolygon', coordinates: this.list(this.polygon) };
      case 'GEOMETRYCOLLECTION': return { type: 'GeometryCollection', geometries: this.list(() => this.geometry(depth + 1)) };
      default: throw new SyntaxError('keyword');
    }
  }
}

/** GeoJSON for a WKT string, or null when it is invalid or unsupported. */
export function wktToGeoJson(text: string): DynamicValue {
  const toks = tokenize(text);
  if (!toks || toks.length === 0) return null;
  try {
    const p = new Parser(toks);
    const g = p.geometry(0);
    return p.done() ? g : null;
  } catch (e) {
    if (e instanceof SyntaxError || e instanceof RangeError) return null;
    throw e;
  }
}
