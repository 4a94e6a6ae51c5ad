// The contents of `dynamic(...)`: JSON extended with KQL literals (single-quoted strings, datetime(...),
// timespan literals, typed nulls). Values follow the dynamic representation in kql/types.
import type { Span } from '../text/index.js';
import { formatDatetime, formatTimespan, parseDatetime, parseTimespan, timespanFromUnitLiteral, type DynamicValue } from '../types/index.js';

export interface DynamicParse {
  value: DynamicValue;
  error?: { message: string; span: Span };
}

export function parseDynamicLiteral(raw: string, offset: number): DynamicParse {
  let i = 0;
  const n = raw.length;
  class Fail extends Error { constructor(readonly at: number, msg: string) { super(msg); } }
  const ws = () => {
    for (;;) {
      while (i < n && /\s/.test(raw[i]!)) i++;
      if (raw[i] === '/' && raw[i + 1] === '/') { while (i < n && raw[i] !== '\n') i++; continue; }
      return;
    }
  };
  const fail = (msg: string): never => { throw new Fail(i, msg); };

  function str(): string {
    let verbatim = false;
    if (raw[i] === '@') { verbatim = true; i++; }
    const q = raw[i]!;
    i++;
    let out = '';
    while (i < n) {
      const c = raw[i]!;
      if (c === q) {
        if (verbatim && raw[i + 1] === q) { out += q; i += 2; continue; }
        i++; return out;
      }
      if (c === '\\' && !verbatim) {
        const e = raw[i + 1];
        const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '/': '/', b: '\b', f: '\f', '0': '\0' };
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) { out += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16)); i += 6; continue; }
        if (e !== undefined && map[e] !== undefined) { out += map[e]; i += 2; continue; }
        fail(`invalid escape in dynamic string`);
      }
      out += c; i++;
    }
    return fail('unterminated string in dynamic literal');
  }

  function value(): DynamicValue {
    ws();
    const c = raw[i];
    if (c === undefined) return fail('expected a value in dynamic literal');
    if (c === '{') {
      i++;
      const obj: { [k: string]: DynamicValue } = {};
      ws();
      if (raw[i] === '}') { i++; return obj; }
      for (;;) {
        ws();
        if (raw[i] !== '"' && raw[i] !== "'" && raw[i] !== '@') fail('expected a quoted property name in dynamic literal');
        const k = str();
        ws();
        if (raw[i] !== ':') fail("expected ':' in dynamic literal");
        i++;
        obj[k] = value();
        ws();
        if (raw[i] === ',') { i++; continue; }
        if (raw[i] === '}') { i++; return obj; }
        fail("expected ',' or '}' in dynamic literal");
      }
    }
    if (c === '[') {
      i++;
      const arr: DynamicValue[] = [];
      ws();
      if (raw[i] === ']') { i++; return arr; }
      for (;;) {
        arr.push(value());
        ws();
        if (raw[i] === ',') { i++; continue; }
        if (raw[i] === ']') { i++; return arr; }
        fail("expected ',' or ']' in dynamic literal");
      }
    }
    if (c === '"' || c === "'" || (c === '@' && (raw[i + 1] === '"' || raw[i + 1] === "'"))) return str();
    const m = /^[-+]?(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)/.exec(raw.slice(i));
    if (m) {
      const after = raw.slice(i + m[0].length);
      const unit = /^[A-Za-z]+/.exec(after);
      if (unit) {
        const t = timespanFromUnitLiteral(m[0].replace(/^[-+]/, '') + unit[0]);
        if (t === null) fail(`invalid literal '${m[0]}${unit[0]}' in dynamic literal`);
        i += m[0].length + unit[0].length;
        return formatTimespan(m[0].startsWith('-') ? -t! : t!);
      }
      i += m[0].length;
      if (/^[-+]?\d{16,}$/.test(m[0])) {
        // longs beyond 2^53 stay exact (a bigint inside the dynamic); beyond 64 bits Kusto reads a real
        const b = BigInt(m[0]);
        if (b >= -(2n ** 63n) && b < 2n ** 63n) return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
      }
      return Number(m[0]);
    }
    const w = /^[A-Za-z_][A-Za-z0-9_]*/.exec(raw.slice(i));
    if (w) {
      const word = w[0];
      i += word.length;
      if (word === 'true') return true;
      if (word === 'false') return false;
      if (word === 'null') return null;
      ws();
      if (raw[i] === '(') {
        const close = raw.indexOf(')', i);
        if (close < 0) fail(`expected ')' after ${word}(`);
        const inner = raw.slice(i + 1, close).trim();
        i = close + 1;
        if (inner === 'null') return null;
        switch (word) {
          case 'datetime': { const d = parseDatetime(normalizeDatetimeText(inner)); if (d === null) fail(`invalid datetime '${inner}'`); return formatDatetime(d!); }
          case 'timespan': case 'time': { const t = parseTimespan(inner); if (t === null) fail(`invalid timespan '${inner}'`); return formatTimespan(t!); }
          case 'int': case 'long': case 'real': case 'double': case 'decimal': {
            const x = Number(inner); if (Number.isNaN(x) && !/^nan$/i.test(inner)) fail(`invalid number '${inner}'`); return x;
          }
          case 'bool': case 'boolean': if (inner === 'true' || inner === 'false') return inner === 'true'; break;
          case 'guid': return inner.toLowerCase();
          case 'dynamic': { const r = parseDynamicLiteral(inner, 0); if (r.error) fail(r.error.message); return r.value; }
        }
        fail(`unsupported literal ${word}(...) in dynamic literal`);
      }
      fail(`unexpected '${word}' in dynamic literal`);
    }
    return fail(`unexpected '${c}' in dynamic literal`);
  }

  try {
    ws();
    if (i >= n) return { value: null };
    const v = value();
    ws();
    if (i < n) fail('unexpected text after the value in dynamic literal');
    return { value: v };
  } catch (e) {
    if (e instanceof Fail) return { value: null, error: { message: e.message, span: { start: offset + e.at, end: offset + Math.min(n, e.at + 1) } } };
    throw e;
  }
}

/** Unquotes datetime literal text and accepts `2017 - 08 - 01` and `2025, 6, 14` (year, month, day[, h, m, s]). */
export function normalizeDatetimeText(c: string): string {
  let t = c.replace(/^(['"])(.*)\1$/, '$2').trim();
  if (/^\d{4}\s*-\s*\d{1,2}\s*-\s*\d{1,2}/.test(t)) t = t.replace(/^(\d{4})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})/, '$1-$2-$3');
  const parts = /^(\d{4})\s*,\s*(\d{1,2})\s*,\s*(\d{1,2})(?:\s*,\s*(\d{1,2})\s*,\s*(\d{1,2})(?:\s*,\s*(\d{1,2}))?)?$/.exec(t);
  if (parts) {
    const p2 = (x: string | undefined) => (x ?? '0').padStart(2, '0');
    t = `${parts[1]}-${p2(parts[2])}-${p2(parts[3])}T${p2(parts[4])}:${p2(parts[5])}:${p2(parts[6])}Z`;
  }
  return t;
}
