// Hand-written recursive-descent parser (Pratt for expressions). Never throws on user input:
// errors become KQL1xxx diagnostics and the parser resynchronizes at the next '|' or ';'.
import { diag, type Diagnostic, type Span } from '../text/index.js';
import { parseTypeName, parseDatetime, parseTimespan, type ColumnSchema, type ScalarType } from '../types/index.js';
import { lex, type Token } from './lexer.js';
import type {
  AssignItem, CallExpr, Expr, FunctionParam, NamePattern, Operator, OpParam, ParsePart, PatternDef, Query, ScanOperator, SortItem, Statement,
} from './ast.js';
import { normalizeDatetimeText, parseDynamicLiteral } from './dynamic-literal.js';
import { parseGraphOperator } from './graph-parser.js';

const STRING_OPS = new Set([
  'has', 'has_cs', 'hasprefix', 'hasprefix_cs', 'hassuffix', 'hassuffix_cs', 'contains', 'contains_cs',
  'startswith', 'startswith_cs', 'endswith', 'endswith_cs', 'like', 'notlike', 'likecs', 'notlikecs',
  '!has', '!has_cs', '!hasprefix', '!hasprefix_cs', '!hassuffix', '!hassuffix_cs', '!contains', '!contains_cs',
  '!startswith', '!startswith_cs', '!endswith', '!endswith_cs', '!contains', 'notcontains', 'notcontainscs', 'nothas',
]);
const LIST_OPS = new Set(['in', '!in', 'in~', '!in~', 'has_any', 'has_all']);
const COMPARE_OPS = new Set(['==', '!=', '<>', '<', '>', '<=', '>=', '=~', '!~']);

/** Operator names that may follow '|', including hyphenated ones. */
const OPERATOR_NAMES = new Set([
  'where', 'filter', 'project', 'extend', 'project-away', 'project-keep', 'project-rename', 'project-reorder', 'project-smart',
  'summarize', 'count', 'distinct', 'sort', 'order', 'top', 'take', 'limit', 'join', 'lookup', 'union', 'mv-expand', 'mvexpand',
  'mv-apply', 'mvapply', 'parse', 'parse-where', 'parse-kv', 'serialize', 'as', 'getschema', 'render', 'make-series', 'evaluate',
  'invoke', 'top-nested', 'sample', 'sample-distinct', 'scan', 'partition', 'fork', 'facet', 'reduce', 'top-hitters',
  'consume', 'search', 'find', 'extend-if', 'graph-match', 'make-graph', 'graph-to-table', 'graph-merge', 'graph-shortest-paths',
  'graph-mark-components', 'assert-schema', 'macro-expand', 'project-by-names',
]);

const TYPED_LITERAL_FUNCS = new Set(['int', 'long', 'real', 'double', 'bool', 'boolean', 'decimal', 'dynamic']);

const OP_PARAMS: Record<string, Set<string>> = {
  join: new Set(['kind', 'hint.strategy', 'hint.remote', 'hint.shufflekey', 'hint.num_partitions', 'hint.concurrency', 'hint.spread']),
  lookup: new Set(['kind', 'hint.remote', 'hint.strategy']),
  union: new Set(['kind', 'withsource', 'isfuzzy', 'hint.concurrency', 'hint.spread']),
  search: new Set(['kind']),
  find: new Set(['withsource']),
  summarize: new Set(['hint.strategy', 'hint.shufflekey', 'hint.num_partitions', 'hint.materialized']),
  'mv-expand': new Set(['bagexpansion', 'with_itemindex', 'kind']),
  'mv-apply': new Set(['with_itemindex', 'bagexpansion']),
  parse: new Set(['kind', 'flags']),
  partition: new Set(['hint.strategy', 'hint.shufflekey', 'hint.materialized', 'hint.concurrency', 'hint.spread']),
  'parse-where': new Set(['kind', 'flags']),
  'parse-kv': new Set([]),
  as: new Set(['hint.materialized']),
  'make-series': new Set(['kind', 'hint.shufflekey']),
  evaluate: new Set(['hint.distribution', 'hint.remote', 'hint.pass_filters', 'hint.pass_filters_column']),
  count: new Set([]),
  distinct: new Set(['hint.strategy', 'hint.shufflekey', 'hint.num_partitions']),
  top: new Set([]),
  sort: new Set(['hint.strategy']),
};

export interface ParseResult {
  query: Query;
  diagnostics: Diagnostic[];
}

class ParseError extends Error {}

export function parse(text: string): ParseResult {
  const { tokens, diagnostics } = lex(text);
  const p = new Parser(text, tokens, diagnostics);
  const query = p.parseQuery();
  return { query, diagnostics: p.diagnostics };
}

/** Deepest nesting of parentheses/calls/unary operators accepted; deeper input gets KQL1010, not a stack overflow. */
const MAX_NESTING = 200;

class Parser {
  pos = 0;
  private nesting = 0;
  constructor(readonly text: string, readonly tokens: Token[], readonly diagnostics: Diagnostic[]) {}

  // ---------- token helpers ----------
  get tok(): Token { return this.tokens[this.pos]!; }
  peek(k = 1): Token { return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)]!; }
  next(): Token { const t = this.tok; if (t.kind !== 'eof') this.pos++; return t; }
  isPunct(s: string, t: Token = this.tok): boolean { return t.kind === 'punct' && t.text === s; }
  isWord(s: string, t: Token = this.tok): boolean { return t.kind === 'ident' && t.text === s; }
  atEof(): boolean { return this.tok.kind === 'eof'; }
  prevEnd(): number { return this.pos > 0 ? this.tokens[this.pos - 1]!.end : 0; }

  error(code: string, message: string, span: Span): never {
    this.diagnostics.push(diag(code, message, span));
    throw new ParseError(message);
  }
  expectPunct(s: string, what = `'${s}'`): Token {
    if (this.isPunct(s)) return this.next();
    return this.error('KQL1004', `expected ${what} but found ${this.describe(this.tok)}`, this.tokSpan());
  }
  expectWord(s: string): Token {
    if (this.isWord(s)) return this.next();
    return this.error('KQL1004', `expected '${s}' but found ${this.describe(this.tok)}`, this.tokSpan());
  }
  tokSpan(t: Token = this.tok): Span {
    return t.kind === 'eof' ? { start: Math.max(0, t.start - 1) , end: t.start } : { start: t.start, end: t.end };
  }
  describe(t: Token): string {
    if (t.kind === 'eof') return 'end of query';
    if (t.kind === 'string') return 'a string literal';
    return `'${this.text.slice(t.start, t.end)}'`;
  }
  identName(what = 'a name'): { name: string; span: Span } {
    const t = this.tok;
    if (t.kind === 'ident' || t.kind === 'bracketIdent') { this.next(); return { name: t.text, span: { start: t.start, end: t.end } }; }
    return this.error('KQL1004', `expected ${what} but found ${this.describe(t)}`, this.tokSpan());
  }
  /** Skips to the next top-level '|' / ';' / ')' / eof (error recovery). */
  syncTo(stops: string[]): void {
    let depth = 0;
    while (this.tok.kind !== 'eof') {
      const t = this.tok;
      if (t.kind === 'punct') {
        if (depth === 0 && stops.includes(t.text)) return;
        if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
        else if (t.text === ')' || t.text === ']' || t.text === '}') {
          if (depth === 0) return;
          depth--;
        }
      }
      this.next();
    }
  }

  // ---------- statements ----------
  parseQuery(): Query {
    const statements: Statement[] = [];
    while (this.tok.kind !== 'eof') {
      if (this.isPunct(';')) { this.next(); continue; }
      const start = this.tok.start;
      try {
        statements.push(this.parseStatement());
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        this.syncTopLevel();
        statements.push({ kind: 'query', span: { start, end: this.prevEnd() }, expr: { kind: 'Error', span: { start, end: this.prevEnd() } } });
      }
      if (this.atEof()) break;
      if (this.isPunct(';')) { this.next(); continue; }
      this.diagnostics.push(diag('KQL1008', `unexpected ${this.describe(this.tok)}; expected ';' or the end of the query`, this.tokSpan()));
      this.syncTopLevel();
    }
    return { span: { start: 0, end: this.text.length }, statements };
  }

  /** Recovery at statement level: skip to the next ';', consuming stray closers so the loop always advances. */
  syncTopLevel(): void {
    for (;;) {
      this.syncTo([';']);
      if (this.atEof() || this.isPunct(';')) return;
      this.next();
    }
  }

  parseStatement(): Statement {
    const start = this.tok.start;
    if (this.isWord('let') && (this.peek().kind === 'ident' || this.peek().kind === 'bracketIdent')) return this.parseLet();
    if (this.isWord('set') && this.peek().kind === 'ident' && !this.isPunct('|', this.peek(2))) {
      this.next();
      let name = this.identName('an option name').name;
      while (this.isPunct('.') && this.peek().kind === 'ident') { this.next(); name += '.' + this.next().text; }
      let value: string | undefined;
      if (this.isPunct('=')) {
        this.next();
        const vs = this.tok.start;
        this.syncTo([';']);
        value = this.text.slice(vs, this.prevEnd()).trim();
      }
      return { kind: 'set', span: { start, end: this.prevEnd() }, name, ...(value !== undefined ? { value } : {}) };
    }
    if (this.isWord('declare') && this.isWord('query_parameters', this.peek())) {
      this.next(); this.next();
      this.expectPunct('(');
      const params = this.parseParamList(')');
      return { kind: 'declare', span: { start, end: this.prevEnd() }, params };
    }
    if (this.isWord('declare') && this.isWord('pattern', this.peek())) return this.parsePattern(start);
    if ((this.isWord('alias') && this.isWord('database', this.peek())) || (this.isWord('restrict') && this.isWord('access', this.peek()))) {
      const kind = this.tok.text === 'alias' ? 'alias' : 'restrict';
      this.syncTo([';']);
      return { kind, span: { start, end: this.prevEnd() } };
    }
    const expr = this.parsePipeExpr();
    return { kind: 'query', span: { start, end: this.prevEnd() }, expr };
  }

  /** `declare pattern Name;` or `declare pattern Name = (a:string, …) [[p:string]] { ("x", …).["y"] = { … }; … }` */
  parsePattern(start: number): Statement {
    this.next(); this.next();
    const { name, span: nameSpan } = this.identName('a pattern name');
    if (!this.isPunct('=')) return { kind: 'pattern', span: { start, end: this.prevEnd() }, name, nameSpan, params: [] };
    this.next();
    this.expectPunct('(');
    const params = this.parseParamList(')');
    let path: { name: string; type: ScalarType } | undefined;
    if (this.isPunct('[')) {
      this.next();
      const pn = this.identName('a path argument name').name;
      this.expectPunct(':');
      const ptTok = this.identName('a type');
      const pt = parseTypeName(ptTok.name);
      if (!pt) this.error('KQL1004', `unknown type '${ptTok.name}'`, ptTok.span);
      this.expectPunct(']');
      path = { name: pn, type: pt! };
    }
    this.expectPunct('{');
    const defs: PatternDef[] = [];
    const text = (what: string): string => {
      const e = this.parseUnary();
      if (e.kind !== 'Literal' || typeof e.value !== 'string') return this.error('KQL1004', `expected a string literal as ${what}`, e.span);
      return e.value;
    };
    while (!this.isPunct('}')) {
      if (this.tok.kind === 'eof') this.error('KQL1004', "expected '}' to close the pattern", this.tokSpan());
      if (this.isPunct(';')) { this.next(); continue; }
      const ds = this.tok.start;
      this.expectPunct('(');
      const args: string[] = [];
      while (!this.isPunct(')')) {
        args.push(text('a pattern argument value'));
        if (this.isPunct(',')) this.next(); else break;
      }
      this.expectPunct(')');
      let pv: string | undefined;
      if (this.isPunct('.')) {
        this.next();
        // `.["path"]` lexes as one bracketed name
        if (this.tok.kind === 'bracketIdent') pv = this.identName('a pattern path').name;
        else { this.expectPunct('['); pv = text('a pattern path value'); this.expectPunct(']'); }
      }
      this.expectPunct('=');
      const body = this.parseBody();
      defs.push({ args, ...(pv !== undefined ? { path: pv } : {}), body, span: { start: ds, end: this.prevEnd() } });
    }
    this.next();
    return { kind: 'pattern', span: { start, end: this.prevEnd() }, name, nameSpan, params, ...(path ? { path } : {}), defs };
  }

  parseLet(): Statement {
    const start = this.next().start;
    const { name, span: nameSpan } = this.identName('a name after let');
    this.expectPunct('=');
    if (this.isWord('view') && this.isPunct('(', this.peek())) this.next();
    if (this.isPunct('(') && this.looksLikeFunction()) {
      this.next();
      const params = this.parseParamList(')');
      const body = this.parseBody();
      return { kind: 'letFunction', span: { start, end: this.prevEnd() }, name, nameSpan, params, body };
    }
    const value = this.parsePipeExpr();
    return { kind: 'let', span: { start, end: this.prevEnd() }, name, nameSpan, value };
  }

  /** At '(' — is this `(params) { body }`? */
  looksLikeFunction(): boolean {
    let depth = 0;
    for (let k = this.pos; k < this.tokens.length; k++) {
      const t = this.tokens[k]!;
      if (t.kind === 'eof') return false;
      if (t.kind === 'punct' && (t.text === '(' || t.text === '[')) depth++;
      else if (t.kind === 'punct' && (t.text === ')' || t.text === ']')) {
        depth--;
        if (depth === 0) return this.isPunct('{', this.tokens[k + 1]);
      }
    }
    return false;
  }

  parseParamList(close: string): FunctionParam[] {
    const params: FunctionParam[] = [];
    while (!this.isPunct(close)) {
      const { name, span } = this.identName('a parameter name');
      this.expectPunct(':', "':' and a type");
      let type: FunctionParam['type'];
      if (this.isPunct('(')) {
        this.next();
        if (this.isPunct('*')) { this.next(); this.expectPunct(')'); type = { columns: [], wildcard: true }; }
        else type = { columns: this.parseSchemaColumns(')'), wildcard: false };
      } else type = this.parseTypeWord();
      const prm: FunctionParam = { name, span, type };
      if (this.isPunct('=')) { this.next(); prm.default = this.parseExpr(); }
      params.push(prm);
      if (this.isPunct(',')) { this.next(); continue; }
      if (!this.isPunct(close)) this.error('KQL1004', `expected ',' or '${close}' in parameter list but found ${this.describe(this.tok)}`, this.tokSpan());
    }
    this.next();
    return params;
  }

  parseTypeWord(): ScalarType {
    const t = this.tok;
    if (t.kind === 'ident' || t.kind === 'typedLiteral') {
      const ty = parseTypeName(t.kind === 'typedLiteral' ? t.typeWord! : t.text);
      if (ty && t.kind === 'ident') { this.next(); return ty; }
    }
    return this.error('KQL1009', `expected a type name but found ${this.describe(t)}`, this.tokSpan());
  }

  /** `a:string, b:long)` — consumes the closing token. */
  parseSchemaColumns(close: string): ColumnSchema[] {
    const cols: ColumnSchema[] = [];
    while (!this.isPunct(close)) {
      const { name } = this.identName('a column name');
      this.expectPunct(':', "':' and a type");
      cols.push({ name, type: this.parseTypeWord() });
      if (this.isPunct(',')) { this.next(); continue; }
      if (!this.isPunct(close)) this.error('KQL1004', `expected ',' or '${close}' in schema but found ${this.describe(this.tok)}`, this.tokSpan());
    }
    this.next();
    return cols;
  }

  parseBody(): Statement[] {
    this.expectPunct('{');
    const body: Statement[] = [];
    while (!this.isPunct('}')) {
      if (this.tok.kind === 'eof') this.error('KQL1004', "expected '}' to close the function body", this.tokSpan());
      if (this.isPunct(';')) { this.next(); continue; }
      body.push(this.parseStatement());
      if (this.isPunct(';')) this.next();
      else if (!this.isPunct('}')) this.error('KQL1004', `expected ';' or '}' but found ${this.describe(this.tok)}`, this.tokSpan());
    }
    this.next();
    return body;
  }

  // ---------- expressions ----------
  /** expression with optional `| operator` chain */
  parsePipeExpr(): Expr {
    return this.withNesting(() => this.parsePipeChain());
  }

  withNesting<T>(f: () => T): T {
    if (++this.nesting > MAX_NESTING) {
      this.nesting = 0;
      this.error('KQL1010', `the query is nested too deeply (more than ${MAX_NESTING} levels)`, this.tokSpan());
    }
    try {
      return f();
    } finally {
      if (this.nesting > 0) this.nesting--;
    }
  }

  private parsePipeChain(): Expr {
    let left = this.parseExpr();
    while (this.isPunct('|')) {
      this.next();
      const op = this.parseOperator();
      left = { kind: 'Pipe', span: { start: left.span.start, end: op.span.end }, input: left, op };
    }
    return left;
  }

  parseExpr(): Expr { return this.parseOr(); }

  parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isWord('or')) {
      const opTok = this.next();
      const right = this.parseAnd();
      left = { kind: 'Binary', op: 'or', opSpan: this.tokSpan(opTok), left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  }

  parseAnd(): Expr {
    let left = this.parseComparison();
    while (this.isWord('and')) {
      const opTok = this.next();
      const right = this.parseComparison();
      left = { kind: 'Binary', op: 'and', opSpan: this.tokSpan(opTok), left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  }

  /** Reads a comparison-level operator at the current position, without consuming; returns [op, tokenCount]. */
  peekCompareOp(): [string, number] | undefined {
    const t = this.tok;
    if (t.kind === 'punct') {
      if (COMPARE_OPS.has(t.text)) return [t.text === '<>' ? '!=' : t.text, 1];
      if (STRING_OPS.has(t.text)) return [t.text, 1];
      if (t.text === '!in~' || t.text === '!in') return [t.text, 1];
      if (t.text === '!between') return ['!between', 1];
      return undefined;
    }
    if (t.kind !== 'ident') return undefined;
    if (t.text === 'in' && this.isPunct('~', this.peek()) && !this.peek().spaceBefore) return ['in~', 2];
    if (LIST_OPS.has(t.text)) return [t.text, 1];
    if (STRING_OPS.has(t.text)) return [t.text, 1];
    if (t.text === 'between') return ['between', 1];
    if (t.text === 'matches' && this.isWord('regex', this.peek())) return ['matches regex', 2];
    return undefined;
  }

  parseComparison(): Expr {
    const left = this.parseAdditive();
    const opInfo = this.peekCompareOp();
    if (!opInfo) return left;
    const [op, count] = opInfo;
    const opStart = this.tok.start;
    for (let k = 0; k < count; k++) this.next();
    const opSpan = { start: opStart, end: this.prevEnd() };
    if (op === 'between' || op === '!between') {
      this.expectPunct('(');
      const low = this.parseAdditive();
      this.expectPunct('..', "'..'");
      const high = this.parseAdditive();
      this.expectPunct(')');
      return { kind: 'Between', negated: op === '!between', expr: left, low, high, span: { start: left.span.start, end: this.prevEnd() } };
    }
    if (LIST_OPS.has(op)) {
      if (!this.isPunct('(')) {
        // `x in dynamic_var` is not valid KQL; Kusto requires parentheses.
        this.error('KQL1004', `expected '(' after '${op}'`, this.tokSpan());
      }
      this.next();
      const items: Expr[] = [];
      while (!this.isPunct(')')) {
        items.push(this.parsePipeExpr());
        if (this.isPunct(',')) { this.next(); continue; }
        if (!this.isPunct(')')) this.error('KQL1004', `expected ',' or ')' in the '${op}' list but found ${this.describe(this.tok)}`, this.tokSpan());
      }
      this.next();
      return { kind: 'ListOp', op, opSpan, left, items, span: { start: left.span.start, end: this.prevEnd() } };
    }
    const right = this.parseAdditive();
    return { kind: 'Binary', op, opSpan, left, right, span: { start: left.span.start, end: right.span.end } };
  }

  parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.isPunct('+') || this.isPunct('-')) {
      const opTok = this.next();
      const right = this.parseMultiplicative();
      left = { kind: 'Binary', op: opTok.text, opSpan: this.tokSpan(opTok), left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  }

  parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (this.isPunct('*') || this.isPunct('/') || this.isPunct('%')) {
      const opTok = this.next();
      const right = this.parseUnary();
      left = { kind: 'Binary', op: opTok.text, opSpan: this.tokSpan(opTok), left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  }

  parseUnary(): Expr {
    if (this.isPunct('-') && this.peek().kind === 'int' && this.peek().text === '9223372036854775808') {
      // the minimum long is written as a negated literal that alone would not fit
      const m = this.next(); const t = this.next();
      return { kind: 'Literal', type: 'long', value: -9223372036854775808n, span: { start: m.start, end: t.end } };
    }
    if (this.isPunct('-') || this.isPunct('+')) {
      const opTok = this.next();
      // -9223372036854775808 is the smallest long: its magnitude alone does not fit, so fold it here
      if (opTok.text === '-' && this.tok.kind === 'int' && BigInt(this.tok.text) === 9223372036854775808n && !this.tok.spaceBefore) {
        const t = this.next();
        return { kind: 'Literal', type: 'long', value: -9223372036854775808n, span: { start: opTok.start, end: t.end } };
      }
      const operand = this.withNesting(() => this.parseUnary());
      // fold negative numeric literals so that datatable/long min values stay exact
      if (opTok.text === '-' && operand.kind === 'Literal' && operand.value !== null && (operand.type === 'long' || operand.type === 'real' || operand.type === 'int' || operand.type === 'timespan')) {
        const v = operand.value;
        return { ...operand, value: typeof v === 'bigint' ? -v : -(v as number), span: { start: opTok.start, end: operand.span.end } };
      }
      return { kind: 'Unary', op: opTok.text as '-' | '+', operand, span: { start: opTok.start, end: operand.span.end } };
    }
    return this.parsePostfix();
  }

  parsePostfix(): Expr {
    let e = this.parsePrimary();
    for (;;) {
      if (this.isPunct('.') && (this.peek().kind === 'ident' || this.peek().kind === 'bracketIdent' || this.peek().kind === 'typedLiteral')) {
        this.next();
        const t = this.next();
        const name = t.kind === 'typedLiteral' ? t.typeWord! : t.text;
        e = { kind: 'Member', target: e, name, span: { start: e.span.start, end: t.end } };
        continue;
      }
      if (this.tok.kind === 'bracketIdent' && !this.tok.spaceBefore) {
        // `d["k"]` lexes as a bracketed name; after an expression it is an index
        const t = this.next();
        const index: Expr = { kind: 'Literal', type: 'string', value: t.text, span: { start: t.start + 1, end: t.end - 1 } };
        e = { kind: 'Index', target: e, index, span: { start: e.span.start, end: t.end } };
        continue;
      }
      if (this.isPunct('.') && this.isPunct('[', this.peek())) this.next(); // `d.[0]` is `d[0]`
      if (this.isPunct('[') ) {
        this.next();
        const index = this.parseExpr();
        this.expectPunct(']');
        e = { kind: 'Index', target: e, index, span: { start: e.span.start, end: this.prevEnd() } };
        continue;
      }
      return e;
    }
  }

  parsePrimary(): Expr {
    const t = this.tok;
    const span = this.tokSpan(t);
    switch (t.kind) {
      case 'int': {
        this.next();
        const v = BigInt(t.text);
        if (v > 9223372036854775807n) this.error('KQL1003', `integer literal ${t.text} does not fit in a long`, span);
        return { kind: 'Literal', type: 'long', value: v, span };
      }
      case 'real': this.next(); return { kind: 'Literal', type: 'real', value: Number(t.text), span };
      case 'timespan': this.next(); return { kind: 'Literal', type: 'timespan', value: t.ticks!, span };
      case 'string': {
        this.next();
        let value = t.text;
        let end = t.end;
        while (this.tok.kind === 'string') { value += this.tok.text; end = this.tok.end; this.next(); }
        return { kind: 'Literal', type: 'string', value, span: { start: t.start, end } };
      }
      case 'typedLiteral': {
        this.next();
        return this.typedLiteral(t.typeWord!, t.text, span);
      }
      case 'bracketIdent': this.next(); return { kind: 'Name', name: t.text, bracketed: true, span };
      case 'punct': {
        if (t.text === '(') {
          this.next();
          const inner = this.parsePipeExpr();
          if (this.isPunct(',')) {
            // a parenthesized list: only valid as an operand of in/has_any, which handle it themselves
            this.error('KQL1004', "unexpected ',' in parenthesized expression", this.tokSpan());
          }
          this.expectPunct(')');
          return { kind: 'Paren', expr: inner, span: { start: t.start, end: this.prevEnd() } };
        }
        if (t.text === '*') { this.next(); return { kind: 'Star', span }; }
        if (t.text === '[' ) {
          this.error('KQL1004', `unexpected '['`, span);
        }
        return this.error('KQL1007', `expected an expression but found ${this.describe(t)}`, span);
      }
      case 'ident': return this.parseIdentPrimary();
      case 'eof': return this.error('KQL1007', 'expected an expression but the query ended', span);
      default: return this.error('KQL1007', `expected an expression but found ${this.describe(t)}`, span);
    }
  }

  typedLiteral(word: string, content: string, span: Span): Expr {
    if (word === 'guid') {
      const c = content.trim();
      if (c === 'null') return { kind: 'Literal', type: 'guid', value: null, span };
      if (!/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/.test(c)) {
        this.error('KQL1006', `invalid guid literal '${c}'`, span);
      }
      const h = c.replace(/-/g, '').toLowerCase();
      return { kind: 'Literal', type: 'guid', value: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`, span };
    }
    if (word === 'datetime') {
      const c = content.trim();
      if (c === 'null' || c === '') return { kind: 'Literal', type: 'datetime', value: null, span };
      const v = parseDatetime(normalizeDatetimeText(c));
      // Kusto's parser accepts any text here; an unreadable value is a semantic error (KQL2019), not a syntax one.
      if (v === null) this.diagnostics.push(diag('KQL2019', `invalid datetime literal '${c}'`, span));
      return { kind: 'Literal', type: 'datetime', value: v, span };
    }
    // timespan / time
    const c = content.trim();
    if (c === 'null' || c === '') return { kind: 'Literal', type: 'timespan', value: null, span };
    const v = parseTimespan(c.replace(/^(['"])(.*)\1$/, '$2'));
    if (v === null) this.diagnostics.push(diag('KQL2019', `invalid timespan literal '${c}'`, span));
    return { kind: 'Literal', type: 'timespan', value: v, span };
  }

  parseIdentPrimary(): Expr {
    const t = this.tok;
    const span = this.tokSpan(t);
    const name = t.text;
    const nxt = this.peek();
    // literals
    // bool literals are case-insensitive in Kusto (`False`, `TRUE`)
    const lname = name.toLowerCase();
    if ((lname === 'true' || lname === 'false') && !this.isPunct('(', nxt)) { this.next(); return { kind: 'Literal', type: 'bool', value: lname === 'true', span }; }
    if (TYPED_LITERAL_FUNCS.has(name) && this.isPunct('(', nxt)) return this.parseScalarTypedLiteral();
    if (name === 'typeof' && this.isPunct('(', nxt)) {
      this.next(); this.next();
      let type: ScalarType | ColumnSchema[];
      if (this.tok.kind === 'ident' && this.isPunct(':', this.peek())) type = this.parseSchemaColumns(')');
      else {
        const tt = this.tok;
        const ty = parseTypeName(tt.kind === 'typedLiteral' ? tt.typeWord! : tt.text);
        if (!ty) this.error('KQL1009', `expected a type name in typeof() but found ${this.describe(tt)}`, this.tokSpan());
        this.next();
        this.expectPunct(')');
        type = ty!;
      }
      return { kind: 'Typeof', type, span: { start: t.start, end: this.prevEnd() } };
    }
    // tabular sources
    if (name === 'datatable' && (this.isPunct('(', nxt))) return this.parseDatatable();
    if (name === 'print') return this.parsePrint();
    if (name === 'range' && (nxt.kind === 'ident' || nxt.kind === 'bracketIdent') && this.isWord('from', this.peek(2))) return this.parseRange();
    if (name === 'union' && !this.isPunct('=', nxt) && !this.isPunct(',', nxt) && !this.isPunct(')', nxt) && nxt.kind !== 'eof') {
      this.next();
      const op = this.parseUnionBody(t.start);
      return { kind: 'Union', params: op.params, tables: op.tables, span: op.span };
    }
    if (name === 'externaldata' && (this.isPunct('(', nxt) || this.isWord('with', nxt))) return this.parseExternalData();
    if ((name === 'find' || name === 'search') && !this.isPunct('(', nxt) && !this.isPunct('=', nxt) && !this.isPunct(',', nxt) && !this.isPunct(')', nxt) && !this.isPunct('|', nxt) && nxt.kind !== 'eof' && !this.isPunct(';', nxt)) {
      this.next();
      if (name === 'search') {
        const params = this.parseOpParams('search');
        let tables: Expr[] | undefined;
        if (this.isWord('in') && this.isPunct('(', this.peek())) {
          this.next(); this.next();
          tables = this.parseUnionBody(this.tok.start).tables;
          this.expectPunct(')');
        }
        const predicate = this.parseSearchOr();
        return { kind: 'Search', params, ...(tables ? { tables } : {}), predicate, span: { start: t.start, end: this.prevEnd() } };
      }
      return this.parseFindBody(t.start);
    }
    this.next();
    // function call
    if (this.isPunct('(')) {
      this.next();
      const args: Expr[] = [];
      const named: { name: string; value: Expr; span: Span }[] = [];
      while (!this.isPunct(')')) {
        if ((this.tok.kind === 'ident') && this.isPunct('=', this.peek()) ) {
          const an = this.next();
          this.next();
          const value = this.parsePipeExpr();
          named.push({ name: an.text, value, span: { start: an.start, end: value.span.end } });
        } else args.push(this.parsePipeExpr());
        if (this.isPunct(',')) { this.next(); continue; }
        if (!this.isPunct(')')) this.error('KQL1004', `expected ',' or ')' in the arguments of ${name}() but found ${this.describe(this.tok)}`, this.tokSpan());
      }
      this.next();
      const call: CallExpr = { kind: 'Call', name, nameSpan: span, args, span: { start: t.start, end: this.prevEnd() } };
      if (named.length) call.named = named;
      return call;
    }
    return { kind: 'Name', name, span };
  }

  /** int(5), long(null), real(nan), bool(true), decimal(1.5), dynamic([...]) */
  parseScalarTypedLiteral(): Expr {
    const t = this.next();
    const open = this.next();
    const type = parseTypeName(t.text)!;
    if (type === 'dynamic') {
      // scan the raw text up to the matching ')'
      let depth = 1;
      let k = this.pos;
      while (k < this.tokens.length && this.tokens[k]!.kind !== 'eof') {
        const x = this.tokens[k]!;
        if (x.kind === 'punct' && (x.text === '(' || x.text === '[' || x.text === '{')) depth++;
        if (x.kind === 'punct' && (x.text === ')' || x.text === ']' || x.text === '}')) { depth--; if (depth === 0) break; }
        k++;
      }
      const closeTok = this.tokens[k]!;
      if (closeTok.kind === 'eof') this.error('KQL1004', "expected ')' to close dynamic(", this.tokSpan(open));
      const raw = this.text.slice(open.end, closeTok.start);
      const r = parseDynamicLiteral(raw, open.end);
      if (r.error) this.error('KQL1006', r.error.message, r.error.span);
      this.pos = k + 1;
      return { kind: 'Literal', type: 'dynamic', value: r.value, span: { start: t.start, end: closeTok.end } };
    }
    let neg = false;
    if (this.isPunct('-') || this.isPunct('+')) neg = this.next().text === '-';
    const v = this.next();
    this.expectPunct(')');
    const span = { start: t.start, end: this.prevEnd() };
    const bad = () => this.error('KQL1006', `invalid ${type} literal '${this.text.slice(t.start, span.end)}'`, span);
    if (v.kind === 'ident' && v.text === 'null') return { kind: 'Literal', type, value: null, span };
    if (type === 'bool') {
      if (v.kind === 'ident' && (v.text === 'true' || v.text === 'false')) return { kind: 'Literal', type, value: v.text === 'true', span };
      if (v.kind === 'int' && (v.text === '0' || v.text === '1')) return { kind: 'Literal', type, value: v.text === '1', span };
      return bad();
    }
    if (type === 'real' || type === 'decimal') {
      let x: number;
      if (v.kind === 'ident' && /^(nan|inf|infinity)$/i.test(v.text)) x = /^nan$/i.test(v.text) ? NaN : Infinity;
      else if (v.kind === 'int' || v.kind === 'real') x = Number(v.text);
      else return bad();
      return { kind: 'Literal', type: 'real', value: neg ? -x : x, span };
    }
    if (v.kind !== 'int') return bad();
    let b = BigInt(v.text);
    if (neg) b = -b;
    if (type === 'int') {
      if (b < -2147483648n || b > 2147483647n) return bad();
      return { kind: 'Literal', type, value: Number(b), span };
    }
    if (b < -9223372036854775808n || b > 9223372036854775807n) return bad();
    return { kind: 'Literal', type: 'long', value: b, span };
  }

  parseDatatable(): Expr {
    const start = this.next().start;
    this.expectPunct('(');
    const columns = this.parseSchemaColumns(')');
    if (this.tok.kind === 'bracketIdent') {
      // `["only"]` lexes as a bracketed name; here it is a one-value row list
      const t = this.next();
      const value: Expr = { kind: 'Literal', type: 'string', value: t.text, span: { start: t.start + 1, end: t.end - 1 } };
      return { kind: 'Datatable', columns, values: [value], span: { start, end: this.prevEnd() } };
    }
    this.expectPunct('[');
    const values: Expr[] = [];
    while (!this.isPunct(']')) {
      values.push(this.parseExpr());
      if (this.isPunct(',')) { this.next(); continue; }
      if (!this.isPunct(']')) this.error('KQL1004', `expected ',' or ']' in datatable values but found ${this.describe(this.tok)}`, this.tokSpan());
    }
    this.next();
    return { kind: 'Datatable', columns, values, span: { start, end: this.prevEnd() } };
  }

  parsePrint(): Expr {
    const start = this.next().start;
    const items = this.isPunct('|') || this.isPunct(';') || this.tok.kind === 'eof' || this.isPunct(')') ? [] : this.parseAssignList();
    return { kind: 'Print', items, span: { start, end: this.prevEnd() } };
  }

  parseRange(): Expr {
    const start = this.next().start;
    const { name } = this.identName('a column name');
    this.expectWord('from');
    const from = this.parseExpr();
    this.expectWord('to');
    const to = this.parseExpr();
    this.expectWord('step');
    const step = this.parseExpr();
    return { kind: 'Range', column: name, from, to, step, span: { start, end: this.prevEnd() } };
  }

  parseExternalData(): Expr {
    const start = this.next().start;
    let columns: ColumnSchema[] = [];
    if (this.isPunct('(')) { this.next(); columns = this.parseSchemaColumns(')'); }
    const urls: Expr[] = [];
    if (this.tok.kind === 'bracketIdent') {
      // `["https://…"]` lexes as a bracketed name; here it is a one-URL list
      const t = this.next();
      urls.push({ kind: 'Literal', type: 'string', value: t.text, span: { start: t.start + 1, end: t.end - 1 } });
    } else {
      this.expectPunct('[');
      while (!this.isPunct(']')) {
        urls.push(this.parseExpr());
        if (this.isPunct(',')) { this.next(); continue; }
        if (!this.isPunct(']')) this.error('KQL1004', `expected ',' or ']' in externaldata URLs`, this.tokSpan());
      }
      this.next();
    }
    const params: OpParam[] = [];
    if (this.isWord('with')) {
      this.next();
      this.expectPunct('(');
      while (!this.isPunct(')')) {
        const { name, span } = this.identName('an option name');
        this.expectPunct('=');
        const value = this.parseExpr();
        params.push({ name, value, span: { start: span.start, end: value.span.end } });
        if (this.isPunct(',')) this.next();
        else if (!this.isPunct(')')) this.error('KQL1004', `expected ',' or ')'`, this.tokSpan());
      }
      this.next();
    }
    return { kind: 'ExternalData', columns, urls, params, span: { start, end: this.prevEnd() } };
  }

  // ---------- operator helpers ----------
  /** `name = expr` or `expr`, or `(a, b) = expr`, comma separated; stops at `by`/`on`/`|`… */
  parseAssignList(): AssignItem[] {
    const items: AssignItem[] = [];
    for (;;) {
      items.push(this.parseAssign());
      if (this.isPunct(',')) { this.next(); continue; }
      break;
    }
    return items;
  }

  parseAssign(): AssignItem {
    const start = this.tok.start;
    const t = this.tok;
    if ((t.kind === 'ident' || t.kind === 'bracketIdent') && this.isPunct('=', this.peek())) {
      this.next(); this.next();
      const expr = this.parseExpr();
      return { names: [t.text], expr, span: { start, end: expr.span.end } };
    }
    if (this.isPunct('(') && (this.peek().kind === 'ident' || this.peek().kind === 'bracketIdent')) {
      // (a, b) = expr ?
      let k = this.pos + 1;
      const names: string[] = [];
      let ok = false;
      while (k < this.tokens.length) {
        const x = this.tokens[k]!;
        if (x.kind !== 'ident' && x.kind !== 'bracketIdent') break;
        names.push(x.text);
        const sep = this.tokens[k + 1]!;
        if (sep.kind === 'punct' && sep.text === ',') { k += 2; continue; }
        if (sep.kind === 'punct' && sep.text === ')' && this.isPunct('=', this.tokens[k + 2])) ok = true;
        break;
      }
      if (ok) {
        this.pos = k + 3;
        const expr = this.parseExpr();
        return { names, expr, span: { start, end: expr.span.end } };
      }
    }
    const expr = this.parseExpr();
    return { expr, span: expr.span };
  }

  parseOpParams(opName: string): OpParam[] {
    const allowed = OP_PARAMS[opName];
    const params: OpParam[] = [];
    if (!allowed) return params;
    for (;;) {
      const t = this.tok;
      if (t.kind !== 'ident') break;
      let name = t.text;
      let k = this.pos + 1;
      while (this.isPunct('.', this.tokens[k]) && this.tokens[k + 1]?.kind === 'ident') { name += '.' + this.tokens[k + 1]!.text; k += 2; }
      if (!this.isPunct('=', this.tokens[k])) break;
      if (!allowed.has(name) && !name.startsWith('hint.')) break;
      this.pos = k + 1;
      const vt = this.tok;
      let value: string | Expr;
      if (vt.kind === 'ident' || vt.kind === 'bracketIdent') { this.next(); value = vt.text; }
      else if (vt.kind === 'string' || vt.kind === 'int') { value = this.parsePrimary(); }
      else return this.error('KQL1004', `expected a value for ${name}`, this.tokSpan());
      params.push({ name, value, span: { start: t.start, end: this.prevEnd() } });
    }
    return params;
  }

  /** Reads an operator name after '|', joining hyphenated parts written without spaces. */
  readOperatorName(): { name: string; span: Span } {
    const t = this.tok;
    if (t.kind !== 'ident') return this.error('KQL1005', `expected a query operator after '|' but found ${this.describe(t)}`, this.tokSpan());
    let name = t.text;
    let k = this.pos + 1;
    while (this.isPunct('-', this.tokens[k]) && !this.tokens[k]!.spaceBefore && this.tokens[k + 1]?.kind === 'ident' && !this.tokens[k + 1]!.spaceBefore) {
      const candidate = name + '-' + this.tokens[k + 1]!.text;
      if (![...OPERATOR_NAMES].some((o) => o === candidate || o.startsWith(candidate + '-'))) break;
      name = candidate;
      k += 2;
    }
    if (!OPERATOR_NAMES.has(name)) return this.error('KQL1005', `unknown query operator '${name}'`, { start: t.start, end: this.tokens[k - 1]!.end });
    this.pos = k;
    return { name, span: { start: t.start, end: this.prevEnd() } };
  }

  parseSortItems(): SortItem[] {
    const items: SortItem[] = [];
    for (;;) {
      const expr = this.parseExpr();
      const item: SortItem = { expr, span: expr.span };
      if (this.isWord('asc') || this.isWord('desc')) item.dir = this.next().text as 'asc' | 'desc';
      if (this.isWord('nulls')) {
        this.next();
        if (this.isWord('first') || this.isWord('last')) item.nulls = this.next().text as 'first' | 'last';
        else this.error('KQL1004', "expected 'first' or 'last' after 'nulls'", this.tokSpan());
      }
      item.span = { start: expr.span.start, end: this.prevEnd() };
      items.push(item);
      if (this.isPunct(',')) { this.next(); continue; }
      return items;
    }
  }

  atOperatorEnd(): boolean {
    return this.isPunct('|') || this.isPunct(';') || this.isPunct(')') || this.tok.kind === 'eof';
  }

  parseExprList(): Expr[] {
    const out: Expr[] = [];
    for (;;) {
      out.push(this.parseExpr());
      if (this.isPunct(',')) { this.next(); continue; }
      return out;
    }
  }

  rawToOperatorEnd(start: number): string {
    this.syncTo(['|', ';']);
    return this.text.slice(start, this.prevEnd()).trim();
  }

  /** After `find`: [withsource=C] [in (tables)] [where] predicate [project-smart | project c[:t], … [, pack_all()]] */
  parseFindBody(start: number): Expr {
    const params = this.parseOpParams('find');
    let tables: Expr[] | undefined;
    if (this.isWord('in') && this.isPunct('(', this.peek())) {
      this.next(); this.next();
      tables = this.parseUnionBody(this.tok.start).tables;
      this.expectPunct(')');
    }
    if (this.isWord('where')) this.next();
    const predicate = this.parseSearchOr();
    let project: { columns: { name: string; type?: ScalarType; span: Span }[]; pack: boolean } | undefined;
    if (this.isWord('project-smart')) this.next();
    else if (this.isWord('project') && this.isPunct('-', this.peek()) && this.isWord('smart', this.peek(2))) { this.next(); this.next(); this.next(); }
    else if (this.isWord('project')) {
      this.next();
      const columns: { name: string; type?: ScalarType; span: Span }[] = [];
      let pack = false;
      for (;;) {
        if (this.isWord('pack_all') && this.isPunct('(', this.peek())) {
          this.next(); this.next(); this.expectPunct(')'); pack = true;
        } else {
          const { name, span } = this.identName('a column name');
          let type: ScalarType | undefined;
          if (this.isPunct(':')) {
            this.next();
            const tt = this.identName('a type');
            type = parseTypeName(tt.name);
            if (!type) this.error('KQL1009', `expected a type name but found '${tt.name}'`, tt.span);
          }
          columns.push({ name, ...(type ? { type } : {}), span });
        }
        if (this.isPunct(',')) { this.next(); continue; }
        break;
      }
      project = { columns, pack };
    }
    return { kind: 'Find', params, ...(tables ? { tables } : {}), predicate, ...(project ? { project } : {}), span: { start, end: this.prevEnd() } };
  }

  // search predicates: and/or over terms; `Col:"x"` is `Col has "x"`; other operands are ordinary comparisons
  parseSearchOr(): Expr {
    let left = this.parseSearchAnd();
    while (this.isWord('or')) {
      const opTok = this.next();
      const right = this.parseSearchAnd();
      left = { kind: 'Binary', op: 'or', opSpan: this.tokSpan(opTok), left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  }

  parseSearchAnd(): Expr {
    let left = this.parseSearchPrimary();
    while (this.isWord('and')) {
      const opTok = this.next();
      const right = this.parseSearchPrimary();
      left = { kind: 'Binary', op: 'and', opSpan: this.tokSpan(opTok), left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  }

  parseSearchPrimary(): Expr {
    const t = this.tok;
    if ((t.kind === 'ident' || t.kind === 'bracketIdent') && this.isPunct(':', this.peek())) {
      this.next();
      const opTok = this.next();
      const right = this.parseUnary();
      const left: Expr = { kind: 'Name', name: t.text, span: this.tokSpan(t) };
      return { kind: 'Binary', op: 'has', opSpan: this.tokSpan(opTok), left, right, span: { start: t.start, end: right.span.end } };
    }
    if (this.isPunct('(')) {
      const open = this.next();
      const inner = this.withNesting(() => this.parseSearchOr());
      this.expectPunct(')');
      return { kind: 'Paren', expr: inner, span: { start: open.start, end: this.prevEnd() } };
    }
    return this.parseComparison();
  }

  parseUnionBody(start: number): { params: OpParam[]; tables: Expr[]; span: Span } {
    const params = this.parseOpParams('union');
    const tables: Expr[] = [];
    for (;;) {
      const t = this.tok;
      if ((t.kind === 'ident' || t.kind === 'bracketIdent') && this.isPunct('*', this.peek()) && !this.peek().spaceBefore) {
        // wildcard table names: T*
        this.next(); this.next();
        let name = t.text + '*';
        while (this.tok.kind === 'ident' && !this.tok.spaceBefore) { name += this.next().text; if (this.isPunct('*') && !this.tok.spaceBefore) { this.next(); name += '*'; } }
        tables.push({ kind: 'Name', name, span: { start: t.start, end: this.prevEnd() } });
      } else tables.push(this.parsePostfix());
      if (this.isPunct(',')) { this.next(); continue; }
      break;
    }
    return { params, tables, span: { start, end: this.prevEnd() } };
  }

  parseMvItems(): { span: Span; name?: string; expr: Expr; toType?: ScalarType }[] {
    const items: { span: Span; name?: string; expr: Expr; toType?: ScalarType }[] = [];
    for (;;) {
      const a = this.parseAssign();
      const item: { span: Span; name?: string; expr: Expr; toType?: ScalarType } = { span: a.span, expr: a.expr };
      if (a.names) item.name = a.names[0]!;
      if (this.isWord('to') && this.isWord('typeof', this.peek())) {
        this.next(); this.next();
        this.expectPunct('(');
        const tt = this.tok;
        const ty = parseTypeName(tt.kind === 'typedLiteral' ? tt.typeWord! : tt.text);
        if (!ty) this.error('KQL1009', `expected a type name but found ${this.describe(tt)}`, this.tokSpan());
        this.next();
        this.expectPunct(')');
        item.toType = ty!;
      }
      item.span = { start: a.span.start, end: this.prevEnd() };
      items.push(item);
      if (this.isPunct(',')) { this.next(); continue; }
      return items;
    }
  }

  parseParsePattern(): ParsePart[] {
    const parts: ParsePart[] = [];
    while (!this.atOperatorEnd()) {
      const t = this.tok;
      if (t.kind === 'string') {
        this.next();
        parts.push({ kind: 'const', text: t.text, span: this.tokSpan(t) });
      } else if (this.isPunct('*')) {
        this.next();
        parts.push({ kind: 'star', span: this.tokSpan(t) });
      } else if (t.kind === 'ident' || t.kind === 'bracketIdent') {
        this.next();
        let type: ScalarType = 'string';
        if (this.isPunct(':')) { this.next(); type = this.parseTypeWord(); }
        parts.push({ kind: 'column', name: t.text, type, span: { start: t.start, end: this.prevEnd() } });
      } else if (this.isPunct(',')) {
        this.next();
      } else {
        this.error('KQL1004', `unexpected ${this.describe(t)} in parse pattern`, this.tokSpan());
      }
    }
    return parts;
  }

  // ---------- operators ----------
  parseOperator(): Operator {
    const startTok = this.tok;
    try {
      return this.parseOperatorInner();
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      this.syncTo(['|', ';']);
      return { kind: 'error', span: { start: startTok.start, end: Math.max(startTok.end, this.prevEnd()) } };
    }
  }

  parseOperatorInner(): Operator {
    const { name, span: nameSpan } = this.readOperatorName();
    const start = nameSpan.start;
    const done = () => ({ start, end: this.prevEnd() });
    switch (name) {
      case 'where': case 'filter': {
        const predicate = this.parseExpr();
        return { kind: 'where', predicate, span: done() };
      }
      case 'project': case 'extend': case 'project-smart': {
        const items = this.parseAssignList();
        return { kind: name === 'extend' ? 'extend' : 'project', items, span: done() };
      }
      case 'project-away': case 'project-keep': {
        return { kind: name, names: this.parseNamePatterns(), span: done() };
      }
      case 'project-by-names': return { kind: 'project-by-names', items: this.parseExprList(), span: done() };
      case 'project-rename': {
        const items: { span: Span; name: string; from: Expr }[] = [];
        for (;;) {
          const n = this.identName('a new column name');
          this.expectPunct('=');
          const from = this.parseExpr();
          items.push({ span: { start: n.span.start, end: from.span.end }, name: n.name, from });
          if (this.isPunct(',')) { this.next(); continue; }
          break;
        }
        return { kind: 'project-rename', items, span: done() };
      }
      case 'project-reorder': {
        return { kind: 'project-reorder', items: this.parseNamePatterns(true), span: done() };
      }
      case 'summarize': {
        const params = this.parseOpParams('summarize');
        let aggs: AssignItem[] = [];
        if (!this.isWord('by') && !this.atOperatorEnd()) aggs = this.parseAssignList();
        let by: AssignItem[] = [];
        if (this.isWord('by')) { this.next(); by = this.parseAssignList(); }
        return { kind: 'summarize', params, aggs, by, span: done() };
      }
      case 'count': {
        let as: string | undefined;
        if (this.isWord('as')) { this.next(); as = this.identName().name; }
        return as ? { kind: 'count', as, span: done() } : { kind: 'count', span: done() };
      }
      case 'distinct': {
        this.parseOpParams('distinct');
        // `distinct b = a` names the column as project does
        const items = this.parseAssignList();
        return { kind: 'distinct', items, span: done() };
      }
      case 'sort': case 'order': {
        this.parseOpParams('sort');
        this.expectWord('by');
        return { kind: 'sort', items: this.parseSortItems(), span: done() };
      }
      case 'top': {
        const count = this.parseExpr();
        this.expectWord('by');
        return { kind: 'top', count, items: this.parseSortItems(), span: done() };
      }
      case 'take': case 'limit': {
        return { kind: 'take', count: this.parseExpr(), span: done() };
      }
      case 'sample': return { kind: 'sample', count: this.parseExpr(), span: done() };
      case 'sample-distinct': {
        const count = this.parseExpr();
        this.expectWord('of');
        return { kind: 'sample-distinct', count, of: this.parseExpr(), span: done() };
      }
      case 'join': case 'lookup': {
        const params = this.parseOpParams(name);
        const right = this.parsePostfix();
        let on: Expr[] = [];
        if (this.isWord('on')) { this.next(); on = this.parseExprList(); }
        else if (this.isWord('where') && name === 'join') { this.next(); on = [this.parseExpr()]; }
        else this.error('KQL1004', `expected 'on' after the ${name} table`, this.tokSpan());
        return { kind: name, params, right, on, span: done() };
      }
      case 'union': {
        const u = this.parseUnionBody(start);
        return { kind: 'union', params: u.params, tables: u.tables, span: done() };
      }
      case 'mv-expand': case 'mvexpand': {
        const params = this.parseOpParams('mv-expand');
        const items = this.parseMvItems();
        const op: Operator = { kind: 'mv-expand', params, items, span: done() };
        if (this.isWord('limit')) { this.next(); op.limit = this.parseExpr(); op.span = done(); }
        return op;
      }
      case 'partition': {
        const params = this.parseOpParams('partition');
        this.expectWord('by');
        // a column name: parsing an expression would read `k (…)` as a call
        const col = this.identName('a column name');
        const by: Expr = { kind: 'Name', name: col.name, span: col.span };
        const open = this.tok;
        if (!this.isPunct('(') && !this.isPunct('{')) this.error('KQL1004', `expected '(' or '{' after partition by … but found ${this.describe(this.tok)}`, this.tokSpan());
        this.next();
        const subquery = this.parseImplicitSubquery(open.text === '{' ? '}' : ')');
        return { kind: 'partition', params, by, subquery, span: done() };
      }
      case 'mv-apply': case 'mvapply': {
        const params = this.parseOpParams('mv-apply');
        const items = this.parseMvItems();
        let limit: Expr | undefined;
        if (this.isWord('limit')) { this.next(); limit = this.parseExpr(); }
        if (this.isWord('with_itemindex')) { this.next(); this.expectPunct('='); params.push({ name: 'with_itemindex', value: this.identName().name, span: done() }); }
        this.expectWord('on');
        this.expectPunct('(');
        // the subquery starts with an operator (no source): parse a pipe chain on an implicit input
        const subStart = this.tok.start;
        let sub: Expr = { kind: 'Name', name: '$mvapply', span: { start: subStart, end: subStart } };
        for (;;) {
          const op = this.parseOperator();
          sub = { kind: 'Pipe', input: sub, op, span: { start: subStart, end: op.span.end } };
          if (this.isPunct('|')) { this.next(); continue; }
          break;
        }
        this.expectPunct(')');
        const op: Operator = { kind: 'mv-apply', params, items, subquery: sub, span: done() };
        if (limit) op.limit = limit;
        return op;
      }
      case 'parse': case 'parse-where': {
        const params = this.parseOpParams(name);
        const source = this.parseExpr();
        this.expectWord('with');
        const pattern = this.parseParsePattern();
        return { kind: name, params, source, pattern, span: done() };
      }
      case 'parse-kv': {
        const source = this.parseExpr();
        this.expectWord('as');
        this.expectPunct('(');
        const columns = this.parseSchemaColumns(')');
        const params: OpParam[] = [];
        if (this.isWord('with')) {
          this.next(); this.expectPunct('(');
          while (!this.isPunct(')')) {
            const n = this.identName();
            this.expectPunct('=');
            const v = this.parseExpr();
            params.push({ name: n.name, value: v, span: { start: n.span.start, end: v.span.end } });
            if (this.isPunct(',')) this.next();
          }
          this.next();
        }
        return { kind: 'parse-kv', source, columns, params, span: done() };
      }
      case 'serialize': {
        const items = this.atOperatorEnd() ? [] : this.parseAssignList();
        return { kind: 'serialize', items, span: done() };
      }
      case 'as': {
        const params = this.parseOpParams('as');
        return { kind: 'as', name: this.identName('a name after as').name, params, span: done() };
      }
      case 'getschema': return { kind: 'getschema', span: done() };
      case 'render': {
        const chart = this.tok.kind === 'ident' ? this.tok.text : '';
        const text = this.rawToOperatorEnd(this.tok.start);
        return { kind: 'render', chart, text, span: done() };
      }
      case 'make-series': {
        const params = this.parseOpParams('make-series');
        const aggs: AssignItem[] = [];
        const defaults: (Expr | undefined)[] = [];
        for (;;) {
          aggs.push(this.parseAssign());
          let dflt: Expr | undefined;
          if (this.isWord('default') && this.isPunct('=', this.peek())) { this.next(); this.next(); dflt = this.parseExpr(); }
          defaults.push(dflt);
          if (!this.isPunct(',')) break;
          this.next();
        }
        this.expectWord('on');
        const on = this.parseExpr();
        let from: Expr | undefined, to: Expr | undefined;
        if (this.isWord('in') && this.isWord('range', this.peek())) {
          this.next(); this.next(); this.expectPunct('(');
          from = this.parseExpr(); this.expectPunct(',');
          to = this.parseExpr(); this.expectPunct(',');
          const step = this.parseExpr(); this.expectPunct(')');
          let by: AssignItem[] = [];
          if (this.isWord('by')) { this.next(); by = this.parseAssignList(); }
          return { kind: 'make-series', params, aggs, defaults, on, from, to, step, by, span: done() };
        }
        if (this.isWord('from')) { this.next(); from = this.parseExpr(); }
        if (this.isWord('to')) { this.next(); to = this.parseExpr(); }
        this.expectWord('step');
        const step = this.parseExpr();
        let by: AssignItem[] = [];
        if (this.isWord('by')) { this.next(); by = this.parseAssignList(); }
        const op: Operator = { kind: 'make-series', params, aggs, defaults, on, step, by, span: done() };
        if (from) op.from = from;
        if (to) op.to = to;
        return op;
      }
      case 'evaluate': {
        const params = this.parseOpParams('evaluate');
        const call = this.parsePostfix();
        if (call.kind !== 'Call') this.error('KQL1004', 'expected a plugin call after evaluate', call.span);
        if (this.isPunct(':')) {
          // `evaluate plugin(...) : (a:long, *)` declares the output schema
          this.next(); this.expectPunct('(');
          const cols: ColumnSchema[] = [];
          while (!this.isPunct(')')) {
            if (this.isPunct('*')) { this.next(); cols.push({ name: '*', type: 'dynamic' }); }
            else { const { name } = this.identName('a column name'); this.expectPunct(':', "':' and a type"); cols.push({ name, type: this.parseTypeWord() }); }
            if (this.isPunct(',')) { this.next(); continue; }
            if (!this.isPunct(')')) this.error('KQL1004', `expected ',' or ')' in the output schema but found ${this.describe(this.tok)}`, this.tokSpan());
          }
          this.next();
          return { kind: 'evaluate', params, call: call as CallExpr, outSchema: cols, span: done() };
        }
        return { kind: 'evaluate', params, call: call as CallExpr, span: done() };
      }
      case 'invoke': {
        const call = this.parsePostfix();
        if (call.kind !== 'Call') this.error('KQL1004', 'expected a function call after invoke', call.span);
        return { kind: 'invoke', call: call as CallExpr, span: done() };
      }
      case 'scan': return this.parseScan(done);
      case 'top-nested': return this.parseTopNested(done);
      case 'make-graph': case 'graph-match': case 'graph-shortest-paths': case 'graph-to-table': case 'graph-mark-components':
        return parseGraphOperator(this, name, done);
      case 'search': {
        const params = this.parseOpParams('search');
        return { kind: 'search', params, predicate: this.parseSearchOr(), span: done() };
      }
      case 'fork': case 'facet': case 'reduce': case 'top-hitters':
      case 'consume': case 'find': case 'extend-if':
      case 'graph-merge': case 'assert-schema': case 'macro-expand': {
        const text = this.rawToOperatorEnd(this.tok.start);
        const kind = (['fork', 'facet', 'reduce', 'top-hitters', 'consume', 'find'].includes(name) ? name : 'graph') as 'graph';
        // the catch-all kind keeps the operator's name in front of its text for the binder's diagnostic
        return { kind, text: kind === 'graph' ? `${name} ${text}` : text, span: done() } as Operator;
      }
    }
    return this.error('KQL1005', `unknown query operator '${name}'`, nameSpan);
  }

  /** An operator chain on an implicit input (`$mvapply`), up to and including the closing token; a leading
   *  table expression (`{ T | … }` style) is also accepted. */
  parseImplicitSubquery(close: string): Expr {
    const subStart = this.tok.start;
    let sub: Expr = { kind: 'Name', name: '$mvapply', span: { start: subStart, end: subStart } };
    if (this.isWord('as') || !(this.tok.kind === 'ident' && OPERATOR_NAMES.has(this.tok.text))) sub = this.parsePipeExpr();
    else {
      for (;;) {
        const op = this.parseOperator();
        sub = { kind: 'Pipe', input: sub, op, span: { start: subStart, end: op.span.end } };
        if (this.isPunct('|')) { this.next(); continue; }
        break;
      }
    }
    this.expectPunct(close);
    return sub;
  }

  parseTopNested(done: () => Span): Operator {
    const levels: Extract<Operator, { kind: 'top-nested' }>['levels'] = [];
    for (;;) {
      const start = this.tok.start;
      let count: Expr | undefined;
      if (!this.isWord('of')) count = this.parseAdditive();
      this.expectWord('of');
      const of = this.parseAssign();
      let others: Expr | undefined;
      if (this.isWord('with')) { this.next(); this.expectWord('others'); this.expectPunct('='); others = this.parseExpr(); }
      this.expectWord('by');
      const agg = this.parseAssign();
      let asc = false;
      if (this.isWord('asc') || this.isWord('desc')) asc = this.next().text === 'asc';
      levels.push({ ...(count ? { count } : {}), of, ...(others ? { others } : {}), agg, asc, span: { start, end: this.prevEnd() } });
      // `, top-nested` continues with the next level (the name lexes as top - nested)
      if (this.isPunct(',') && this.isWord('top', this.peek()) && this.isPunct('-', this.peek(2)) && this.isWord('nested', this.peek(3))) {
        for (let k = 0; k < 4; k++) this.next();
        continue;
      }
      break;
    }
    return { kind: 'top-nested', levels, span: done() };
  }

  parseScan(done: () => Span): Operator {
    let matchId: string | undefined;
    if (this.isWord('with_match_id')) { this.next(); this.expectPunct('='); matchId = this.identName('a column name').name; }
    const declare: ScanOperator['declare'] = [];
    if (this.isWord('declare')) {
      this.next(); this.expectPunct('(');
      while (!this.isPunct(')')) {
        const start = this.tok.start;
        const { name } = this.identName('a column name');
        this.expectPunct(':', "':' and a type");
        const type = this.parseTypeWord();
        let dflt: Expr | undefined;
        if (this.isPunct('=')) { this.next(); dflt = this.parseExpr(); }
        declare.push({ name, type, ...(dflt ? { default: dflt } : {}), span: { start, end: this.prevEnd() } });
        if (this.isPunct(',')) { this.next(); continue; }
        if (!this.isPunct(')')) this.error('KQL1004', `expected ',' or ')' in scan declare but found ${this.describe(this.tok)}`, this.tokSpan());
      }
      this.next();
    }
    this.expectWord('with'); this.expectPunct('(');
    const steps: ScanOperator['steps'] = [];
    while (!this.isPunct(')')) {
      const start = this.tok.start;
      this.expectWord('step');
      const { name } = this.identName('a step name');
      let output: 'all' | 'last' | 'none' = 'all';
      if (this.isWord('output')) {
        this.next(); this.expectPunct('=');
        const o = this.identName("'all', 'last' or 'none'").name;
        if (o !== 'all' && o !== 'last' && o !== 'none') this.error('KQL1004', `expected output=all|last|none but found '${o}'`, this.tokSpan());
        output = o as 'all' | 'last' | 'none';
      }
      this.expectPunct(':');
      const cond = this.parseExpr();
      const assigns: ScanOperator['steps'][number]['assigns'] = [];
      if (this.isPunct('=>')) {
        this.next();
        for (;;) {
          const a = this.identName('a column name');
          this.expectPunct('=');
          const expr = this.parseExpr();
          assigns.push({ name: a.name, expr, span: { start: a.span.start, end: expr.span.end } });
          if (!this.isPunct(',')) break;
          this.next();
        }
      }
      steps.push({ name, output, cond, assigns, span: { start, end: this.prevEnd() } });
      if (this.isPunct(';')) this.next();
      else if (!this.isPunct(')')) this.error('KQL1004', `expected ';' after a scan step but found ${this.describe(this.tok)}`, this.tokSpan());
    }
    this.next();
    const op: ScanOperator = { kind: 'scan', declare, steps, span: done() };
    if (matchId) op.matchId = matchId;
    return op;
  }

  /** Column names or wildcard patterns (`a`, `b*`, `*x*`), optionally followed by asc/desc (project-reorder). */
  parseNamePatterns(withDir = false): NamePattern[] {
    const out: NamePattern[] = [];
    for (;;) {
      const start = this.tok.start;
      let text = '';
      while (!this.atOperatorEnd() && !this.isPunct(',')) {
        const t = this.tok;
        if (text && t.spaceBefore) break;
        if (t.kind === 'ident' || t.kind === 'bracketIdent' || t.kind === 'int' || (t.kind === 'punct' && t.text === '*')) { text += t.text; this.next(); continue; }
        break;
      }
      if (!text) this.error('KQL1004', `expected a column name but found ${this.describe(this.tok)}`, this.tokSpan());
      const item: NamePattern = { pattern: text, span: { start, end: this.prevEnd() } };
      if (withDir && this.tok.kind === 'ident' && (this.tok.text === 'asc' || this.tok.text === 'desc')) item.dir = this.next().text;
      else if (withDir && this.isWord('granny') && this.isPunct('-', this.peek())) {
        this.next(); this.next();
        item.dir = 'granny-' + this.identName().name;
      }
      out.push(item);
      if (this.isPunct(',')) { this.next(); continue; }
      return out;
    }
  }
}
