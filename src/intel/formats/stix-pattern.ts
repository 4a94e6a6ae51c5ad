// A small lexer + recursive-descent parser for the STIX 2.1 patterning grammar (STIXPattern.g4): observations,
// comparison expressions, AND/OR/FOLLOWEDBY, IN/LIKE/MATCHES/ISSUBSET/ISSUPERSET/EXISTS, NOT, and qualifiers.

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'int' | 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'timestamp' | 'hex' | 'binary'; value: string };

export type PathStep = string | number | '*';
export interface ObjectPath { objectType: string; steps: PathStep[] }

export type Comparison =
  | { kind: 'test'; path: ObjectPath; op: string; negated: boolean; value: Literal | Literal[] | null; text: string }
  | { kind: 'and' | 'or'; items: Comparison[] };

export type Qualifier =
  | { kind: 'startstop'; start: string; stop: string }
  | { kind: 'within'; seconds: number }
  | { kind: 'repeats'; times: number };

export type Observation =
  | { kind: 'obs'; cmp: Comparison; qualifiers: Qualifier[] }
  | { kind: 'and' | 'or' | 'followedby'; items: Observation[]; qualifiers: Qualifier[] };

export type ParseResult = { ok: true; ast: Observation } | { ok: false; reason: string };

interface Token { t: string; v: string; at: number; lit?: Literal }

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUPERSET', 'ISSUBSET', 'EXISTS', 'IN',
  'START', 'STOP', 'SECONDS', 'WITHIN', 'REPEATS', 'TIMES']);

class PatternError extends Error {}

function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const at = i;
    if ('[]():,.*'.includes(c)) { out.push({ t: c, v: c, at }); i++; continue; }
    const two = src.slice(i, i + 2);
    if (['==', '!=', '<>', '<=', '>='].includes(two)) { out.push({ t: 'op', v: two === '==' ? '=' : two === '<>' ? '!=' : two, at }); i += 2; continue; }
    if ('=<>'.includes(c)) { out.push({ t: 'op', v: c, at }); i++; continue; }
    if (c === "'" || ((c === 't' || c === 'h' || c === 'b') && src[i + 1] === "'")) {
      const prefix = c === "'" ? '' : c;
      i += prefix ? 2 : 1;
      let s = '';
      for (;;) {
        if (i >= n) throw new PatternError(`unterminated string literal at ${at}`);
        const ch = src[i]!;
        if (ch === '\\') {
          const nx = src[i + 1];
          if (nx !== "'" && nx !== '\\') throw new PatternError(`invalid escape in string literal at ${i}`);
          s += nx; i += 2; continue;
        }
        if (ch === "'") { i++; break; }
        s += ch; i++;
      }
      const kind = prefix === 't' ? 'timestamp' : prefix === 'h' ? 'hex' : prefix === 'b' ? 'binary' : 'string';
      out.push({ t: 'lit', v: s, at, lit: { kind, value: s } as Literal });
      continue;
    }
    const num = /^[+-]?\d+(\.\d+)?/.exec(src.slice(i, i + 40));
    if (num && (c !== '+' && c !== '-' || /\d/.test(src[i + 1] ?? ''))) {
      const isFloat = num[1] !== undefined;
      out.push({ t: 'lit', v: num[0], at, lit: { kind: isFloat ? 'float' : 'int', value: Number(num[0]) } });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i, i + 256));
    if (id) {
      const w = id[0];
      if (w === 'true' || w === 'false') out.push({ t: 'lit', v: w, at, lit: { kind: 'bool', value: w === 'true' } });
      else out.push({ t: KEYWORDS.has(w) ? w : 'id', v: w, at });
      i += w.length;
      continue;
    }
    throw new PatternError(`unexpected character '${c}' at ${at}`);
  }
  out.push({ t: 'eof', v: '', at: n });
  return out;
}

class Parser {
  private p = 0;
  constructor(private readonly toks: Token[], private readonly src: string) {}
  private peek(k = 0): Token { return this.toks[Math.min(this.p + k, this.toks.length - 1)]!; }
  private next(): Token { return this.toks[this.p++]!; }
  private expect(t: string): Token {
    const tok = this.next();
    if (tok.t !== t) throw new PatternError(`expected '${t}' but found '${tok.v || 'end of pattern'}' at ${tok.at}`);
    return tok;
  }
  private accept(t: string): boolean {
    if (this.peek().t === t) { this.p++; return true; }
    return false;
  }

  pattern(): Observation {
    const o = this.followedBy();
    if (this.peek().t !== 'eof') throw new PatternError(`unexpected '${this.peek().v}' at ${this.peek().at}`);
    return o;
  }
  private followedBy(): Observation { return this.chain('FOLLOWEDBY', 'followedby', () => this.obsOr()); }
  private obsOr(): Observation { return this.chain('OR', 'or', () => this.obsAnd()); }
  private obsAnd(): Observation { return this.chain('AND', 'and', () => this.obsQualified()); }
  private chain(kw: string, kind: 'and' | 'or' | 'followedby', sub: () => Observation): Observation {
    const items = [sub()];
    while (this.accept(kw)) items.push(sub());
    return items.length === 1 ? items[0]! : { kind, items, qualifiers: [] };
  }
  private obsQualified(): Observation {
    let o: Observation;
    if (this.accept('[')) {
      const cmp = this.cmpOr();
      this.expect(']');
      o = { kind: 'obs', cmp, qualifiers: [] };
    } else if (this.accept('(')) {
      o = this.followedBy();
      this.expect(')');
    } else {
      const t = this.peek();
      throw new PatternError(`expected '[' or '(' but found '${t.v || 'end of pattern'}' at ${t.at}`);
    }
    for (;;) {
      if (this.accept('START')) {
        const a = this.expect('lit');
        this.expect('STOP');
        const b = this.expect('lit');
        if (a.lit?.kind !== 'timestamp' || b.lit?.kind !== 'timestamp') throw new PatternError('START/STOP need t\'…\' timestamps');
        o.qualifiers.push({ kind: 'startstop', start: a.v, stop: b.v });
      } else if (this.accept('WITHIN')) {
        const a = this.expect('lit');
        this.expect('SECONDS');
        o.qualifiers.push({ kind: 'within', seconds: Number(a.v) });
      } else if (this.accept('REPEATS')) {
        const a = this.expect('lit');
        this.expect('TIMES');
        o.qualifiers.push({ kind: 'repeats', times: Number(a.v) });
      } else break;
    }
    return o;
  }
  private cmpOr(): Comparison {
    const items = [this.cmpAnd()];
    while (this.accept('OR')) items.push(this.cmpAnd());
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }
  private cmpAnd(): Comparison {
    const items = [this.propTest()];
    while (this.accept('AND')) items.push(this.propTest());
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }
  private propTest(): Comparison {
    const start = this.peek().at;
    if (this.accept('(')) {
      const c = this.cmpOr();
      this.expect(')');
      return c;
    }
    if (this.accept('EXISTS')) {
      const path = this.path();
      return { kind: 'test', path, op: 'EXISTS', negated: false, value: null, text: this.textFrom(start) };
    }
    const path = this.path();
    const negated = this.accept('NOT');
    const t = this.next();
    let op: string;
    let value: Literal | Literal[];
    if (t.t === 'op') {
      op = t.v;
      value = this.literal();
    } else if (t.t === 'IN') {
      op = 'IN';
      this.expect('(');
      const vals = [this.literal()];
      while (this.accept(',')) vals.push(this.literal());
      this.expect(')');
      value = vals;
    } else if (t.t === 'LIKE' || t.t === 'MATCHES' || t.t === 'ISSUBSET' || t.t === 'ISSUPERSET') {
      op = t.t;
      value = this.literal();
    } else {
      throw new PatternError(`expected a comparison operator but found '${t.v || 'end of pattern'}' at ${t.at}`);
    }
    return { kind: 'test', path, op, negated, value, text: this.textFrom(start) };
  }
  private textFrom(start: number): string {
    return this.src.slice(start, this.peek().at).trim();
  }
  private literal(): Literal {
    const t = this.next();
    if (t.t !== 'lit' || !t.lit) throw new PatternError(`expected a literal but found '${t.v || 'end of pattern'}' at ${t.at}`);
    return t.lit;
  }
  private path(): ObjectPath {
    const type = this.next();
    if (type.t !== 'id') throw new PatternError(`expected an object type but found '${type.v || 'end of pattern'}' at ${type.at}`);
    this.expect(':');
    const steps: PathStep[] = [];
    steps.push(this.pathName());
    for (;;) {
      if (this.peek().t === '.') { this.p++; steps.push(this.pathName()); continue; }
      // `[0]` / `[*]` is a list index; any other `[` starts an observation and ends this path.
      if (this.peek().t === '[' && (this.peek(1).t === '*' || this.peek(1).lit?.kind === 'int') && this.peek(2).t === ']') {
        this.p++;
        const idx = this.next();
        steps.push(idx.t === '*' ? '*' : Number(idx.v));
        this.p++;
        continue;
      }
      break;
    }
    return { objectType: type.v, steps };
  }
  private pathName(): string {
    const t = this.next();
    if (t.t === 'id' || KEYWORDS.has(t.t)) return t.v;
    if (t.t === 'lit' && t.lit?.kind === 'string') return t.v;
    throw new PatternError(`expected a property name but found '${t.v || 'end of pattern'}' at ${t.at}`);
  }
}

export function parseStixPattern(src: string): ParseResult {
  if (src.length > 100_000) return { ok: false, reason: 'pattern longer than 100000 characters' };
  try {
    return { ok: true, ast: new Parser(lex(src), src).pattern() };
  } catch (e) {
    if (e instanceof PatternError) return { ok: false, reason: `STIX pattern syntax error: ${e.message}` };
    return { ok: false, reason: 'STIX pattern nested too deeply' };
  }
}

export function pathText(p: ObjectPath): string {
  let s = `${p.objectType}:`;
  p.steps.forEach((st, i) => {
    if (typeof st === 'number' || st === '*') s += `[${st}]`;
    else s += (i === 0 ? '' : '.') + (/^[A-Za-z_][A-Za-z0-9_]*$/.test(st) ? st : `'${st}'`);
  });
  return s;
}
