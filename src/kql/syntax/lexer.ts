// KQL lexer: text → tokens with spans. Never throws; bad characters become 'error' tokens with a diagnostic.
import { diag, type Diagnostic } from '../text/index.js';
import { timespanFromUnitLiteral } from '../types/index.js';

export type TokenKind =
  | 'ident' | 'bracketIdent' | 'int' | 'real' | 'timespan' | 'string' | 'typedLiteral'
  | 'punct' | 'eof' | 'error';

export interface Token {
  kind: TokenKind;
  /** Identifier name, punctuation text, decoded string value, or number text. */
  text: string;
  start: number;
  end: number;
  /** Whitespace or a comment precedes this token. */
  spaceBefore: boolean;
  /** typedLiteral: the type word (datetime/timespan/time/guid); the raw content is in `text`. */
  typeWord?: string;
  /** timespan: ticks. */
  ticks?: bigint;
}

// Longest first.
const PUNCTS = [
  '!between', '!contains_cs', '!startswith_cs', '!endswith_cs', '!hasprefix_cs', '!hassuffix_cs', '!has_cs',
  '!contains', '!startswith', '!endswith', '!hasprefix', '!hassuffix', '!has', '!in~', '!in',
  '==', '!=', '<>', '<=', '>=', '=~', '!~', '=>', '..', '<|',
  '|', '(', ')', '[', ']', '{', '}', ',', ';', '.', '=', '<', '>', '+', '-', '*', '/', '%', ':', '!', '?', '@', '$', '~',
];

const TYPED_LITERAL_WORDS = new Set(['datetime', 'timespan', 'time', 'guid']);

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || (c > 127 && /\p{L}/u.test(String.fromCharCode(c)));
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export interface LexResult {
  tokens: Token[];
  diagnostics: Diagnostic[];
}

export function lex(src: string): LexResult {
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  let i = 0;
  const n = src.length;
  let space = false;
  const push = (t: Omit<Token, 'spaceBefore'>) => {
    tokens.push({ ...t, spaceBefore: space });
    space = false;
  };

  while (i < n) {
    const c = src.charCodeAt(i);
    // whitespace
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029) {
      i++; space = true; continue;
    }
    // comments
    if (c === 47 && src.charCodeAt(i + 1) === 47) {
      while (i < n && src.charCodeAt(i) !== 10) i++;
      space = true; continue;
    }
    const start = i;
    // strings: verbatim @"..", obfuscated h"..", H@"..", ```...```
    if (c === 96 && src.startsWith('```', i)) {
      const close = src.indexOf('```', i + 3);
      if (close < 0) {
        diagnostics.push(diag('KQL1002', 'unterminated ``` string literal', { start, end: n }));
        push({ kind: 'string', text: src.slice(i + 3), start, end: n });
        i = n; continue;
      }
      push({ kind: 'string', text: src.slice(i + 3, close), start, end: close + 3 });
      i = close + 3; continue;
    }
    {
      let j = i;
      let obfuscated = false;
      if ((c === 104 || c === 72) && (src[i + 1] === '"' || src[i + 1] === "'" || (src[i + 1] === '@' && (src[i + 2] === '"' || src[i + 2] === "'")))) {
        obfuscated = true; j++;
      }
      const verbatim = src[j] === '@' && (src[j + 1] === '"' || src[j + 1] === "'");
      if (verbatim) j++;
      const q = src[j];
      if ((q === '"' || q === "'") && (obfuscated || verbatim || j === i)) {
        const r = readString(src, j, verbatim);
        if (r.error) diagnostics.push(diag('KQL1002', r.error, { start, end: r.end }));
        push({ kind: 'string', text: r.value, start, end: r.end });
        i = r.end; continue;
      }
    }
    // bracketed identifiers ['name'] / ["name"]
    if (c === 91 && (src[i + 1] === "'" || src[i + 1] === '"' || (src[i + 1] === '@' && (src[i + 2] === "'" || src[i + 2] === '"')))) {
      let j = i + 1;
      const verbatim = src[j] === '@';
      if (verbatim) j++;
      const r = readString(src, j, verbatim);
      let k = r.end;
      while (k < n && /\s/.test(src[k]!)) k++;
      if (src[k] === ']') {
        if (r.error) diagnostics.push(diag('KQL1002', r.error, { start, end: r.end }));
        push({ kind: 'bracketIdent', text: r.value, start, end: k + 1 });
        i = k + 1; continue;
      }
      // not a bracketed name: plain '[' (e.g. datatable rows or index)
    }
    // numbers (and timespan literals)
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(i + 1)) && !(tokens.length && tokens[tokens.length - 1]!.kind === 'ident' && !space))) {
      let j = i;
      let isReal = false;
      if (c === 48 && (src[i + 1] === 'x' || src[i + 1] === 'X')) {
        j += 2;
        while (j < n && /[0-9a-fA-F]/.test(src[j]!)) j++;
        if (j === i + 2) diagnostics.push(diag('KQL1003', `invalid hexadecimal literal '${src.slice(i, j)}'`, { start, end: j }));
        push({ kind: 'int', text: j === i + 2 ? '0' : src.slice(i, j), start, end: j });
        i = j; continue;
      }
      while (j < n && isDigit(src.charCodeAt(j))) j++;
      if (src[j] === '.' && src[j + 1] !== '.' && !(isIdentStart(src.charCodeAt(j + 1)) && !/[eE]/.test(src[j + 1] ?? ''))) {
        isReal = true; j++;
        while (j < n && isDigit(src.charCodeAt(j))) j++;
      }
      if ((src[j] === 'e' || src[j] === 'E') && (isDigit(src.charCodeAt(j + 1)) || ((src[j + 1] === '+' || src[j + 1] === '-') && isDigit(src.charCodeAt(j + 2))))) {
        isReal = true; j += 2;
        while (j < n && isDigit(src.charCodeAt(j))) j++;
      }
      // unit suffix → timespan
      if (j < n && isIdentStart(src.charCodeAt(j))) {
        let k = j;
        while (k < n && isIdentPart(src.charCodeAt(k))) k++;
        const ticks = timespanFromUnitLiteral(src.slice(i, k));
        if (ticks !== null) {
          push({ kind: 'timespan', text: src.slice(i, k), start, end: k, ticks });
          i = k; continue;
        }
        diagnostics.push(diag('KQL1003', `invalid number or timespan literal '${src.slice(i, k)}'`, { start, end: k }));
        push({ kind: 'error', text: src.slice(i, k), start, end: k });
        i = k; continue;
      }
      push({ kind: isReal ? 'real' : 'int', text: src.slice(i, j), start, end: j });
      i = j; continue;
    }
    // identifiers (and typed literals datetime(...), timespan(...), time(...), guid(...))
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(src.charCodeAt(j))) j++;
      const word = src.slice(i, j);
      const prev = tokens[tokens.length - 1];
      const afterDot = prev && prev.kind === 'punct' && prev.text === '.';
      if (TYPED_LITERAL_WORDS.has(word) && !afterDot) {
        let k = j;
        while (k < n && (src[k] === ' ' || src[k] === '\t')) k++;
        if (src[k] === '(') {
          const close = src.indexOf(')', k + 1);
          const inner = close < 0 ? src.slice(k + 1) : src.slice(k + 1, close);
          // typeof(datetime) style: a lone type name inside is not a literal; `(d:datetime)` param lists never precede '('.
          if (close >= 0 && !/[()]/.test(inner)) {
            push({ kind: 'typedLiteral', text: inner.trim(), typeWord: word, start, end: close + 1 });
            i = close + 1; continue;
          }
        }
      }
      push({ kind: 'ident', text: word, start, end: j });
      i = j; continue;
    }
    // punctuation
    let matched: string | undefined;
    for (const p of PUNCTS) {
      if (src.startsWith(p, i)) {
        // word operators like !has must not swallow the start of a longer word (!hasx)
        if (/[a-z_]$/i.test(p) && isIdentPart(src.charCodeAt(i + p.length))) continue;
        matched = p; break;
      }
    }
    if (matched) {
      push({ kind: 'punct', text: matched, start, end: i + matched.length });
      i += matched.length; continue;
    }
    diagnostics.push(diag('KQL1001', `unexpected character '${String.fromCodePoint(src.codePointAt(i)!)}'`, { start, end: i + 1 }));
    push({ kind: 'error', text: src[i]!, start, end: i + 1 });
    i++;
  }
  tokens.push({ kind: 'eof', text: '', start: n, end: n, spaceBefore: space });
  return { tokens, diagnostics };
}

function readString(src: string, q: number, verbatim: boolean): { value: string; end: number; error?: string } {
  const quote = src[q]!;
  let i = q + 1;
  let out = '';
  const n = src.length;
  while (i < n) {
    const ch = src[i]!;
    if (ch === quote) {
      if (verbatim && src[i + 1] === quote) { out += quote; i += 2; continue; }
      return { value: out, end: i + 1 };
    }
    if (ch === '\n' && !verbatim) return { value: out, end: i, error: 'unterminated string literal' };
    if (ch === '\\' && !verbatim) {
      const e = src[i + 1];
      switch (e) {
        case 'n': out += '\n'; i += 2; continue;
        case 't': out += '\t'; i += 2; continue;
        case 'r': out += '\r'; i += 2; continue;
        case '\\': out += '\\'; i += 2; continue;
        case '"': out += '"'; i += 2; continue;
        case "'": out += "'"; i += 2; continue;
        case '0': out += '\0'; i += 2; continue;
        case 'a': out += '\x07'; i += 2; continue;
        case 'b': out += '\b'; i += 2; continue;
        case 'f': out += '\f'; i += 2; continue;
        case 'v': out += '\v'; i += 2; continue;
        case 'u': {
          const hex = src.slice(i + 2, i + 6);
          if (/^[0-9a-fA-F]{4}$/.test(hex)) { out += String.fromCharCode(parseInt(hex, 16)); i += 6; continue; }
          return { value: out, end: i + 2, error: 'invalid \\u escape in string literal' };
        }
        case 'x': {
          const hex = src.slice(i + 2, i + 4);
          if (/^[0-9a-fA-F]{2}$/.test(hex)) { out += String.fromCharCode(parseInt(hex, 16)); i += 4; continue; }
          return { value: out, end: i + 2, error: 'invalid \\x escape in string literal' };
        }
        case 'U': {
          const hex = src.slice(i + 2, i + 10);
          if (/^[0-9a-fA-F]{8}$/.test(hex) && parseInt(hex, 16) <= 0x10ffff) { out += String.fromCodePoint(parseInt(hex, 16)); i += 10; continue; }
          return { value: out, end: i + 2, error: 'invalid \\U escape in string literal' };
        }
        default:
          if (e === undefined) return { value: out, end: n, error: 'unterminated string literal' };
          return { value: out, end: i + 2, error: `invalid escape sequence '\\${e}' in string literal` };
      }
    }
    out += ch;
    i++;
  }
  return { value: out, end: n, error: 'unterminated string literal' };
}
