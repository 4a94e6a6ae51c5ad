// format_datetime / format_timespan: .NET-style custom format strings (d, dd, f…fffffff, F…FFFFFFF, h, hh, H, HH,
// m, mm, M, MM, s, ss, t, tt, y, yy, yyyy, …). Letters that are no specifier, delimiters, 'quoted' text and
// \-escaped characters are copied as is. Formats are compiled once per call site when constant.
import { datetimeParts, TICKS_PER_DAY, TICKS_PER_SECOND } from '../../kql/types/index.js';
import type { ScalarKernel } from './kernel.js';

type Token = { kind: 'lit'; text: string } | { kind: 'spec'; ch: string; n: number };

const SPEC_CHARS = new Set(['d', 'f', 'F', 'h', 'H', 'm', 'M', 's', 't', 'y']);

/** Splits a format string into specifier runs and literal text. */
export function tokenizeFormat(fmt: string): Token[] {
  const out: Token[] = [];
  const lit = (text: string) => {
    const last = out[out.length - 1];
    if (last && last.kind === 'lit') last.text += text;
    else out.push({ kind: 'lit', text });
  };
  for (let i = 0; i < fmt.length;) {
    const c = fmt[i]!;
    if (c === '\\' && i + 1 < fmt.length) { lit(fmt[i + 1]!); i += 2; continue; }
    if (c === "'" || c === '"') {
      const end = fmt.indexOf(c, i + 1);
      lit(end < 0 ? fmt.slice(i + 1) : fmt.slice(i + 1, end));
      i = end < 0 ? fmt.length : end + 1;
      continue;
    }
    if (SPEC_CHARS.has(c)) {
      let j = i;
      while (j < fmt.length && fmt[j] === c) j++;
      out.push({ kind: 'spec', ch: c, n: j - i });
      i = j;
      continue;
    }
    lit(c);
    i++;
  }
  return out;
}

const pad = (n: number | bigint, w: number) => String(n).padStart(w, '0');
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** f/F digits of a 0..9_999_999 tick fraction; F trims trailing zeros (possibly to nothing). */
function fraction(frac: number, n: number, trim: boolean): string {
  const digits = pad(frac, 7).slice(0, Math.min(n, 7));
  return trim ? digits.replace(/0+$/, '') : digits;
}

/** Appends an F result; an empty one also drops a '.' right before it, as .NET does. */
function pushFraction(out: string[], s: string): void {
  if (s === '' && out.length && out[out.length - 1]!.endsWith('.')) out[out.length - 1] = out[out.length - 1]!.slice(0, -1);
  else out.push(s);
}

export function formatDatetimeTokens(ticks: bigint, tokens: readonly Token[]): string {
  const p = datetimeParts(ticks);
  const out: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'lit') { out.push(t.text); continue; }
    const { ch, n } = t;
    const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
    switch (ch) {
      case 'd': {
        if (n <= 2) out.push(pad(p.day, n));
        else {
          const day = ticks / TICKS_PER_DAY - (ticks % TICKS_PER_DAY < 0n ? 1n : 0n);
          const name = DAYS[Number(((day + 4n) % 7n + 7n) % 7n)]!;
          out.push(n === 3 ? name.slice(0, 3) : name);
        }
        break;
      }
      case 'f': out.push(fraction(p.fraction, n, false)); break;
      case 'F': pushFraction(out, fraction(p.fraction, n, true)); break;
      case 'h': out.push(pad(h12, Math.min(n, 2))); break;
      case 'H': out.push(pad(p.hour, Math.min(n, 2))); break;
      case 'm': out.push(pad(p.minute, Math.min(n, 2))); break;
      case 's': out.push(pad(p.second, Math.min(n, 2))); break;
      case 'M': out.push(n <= 2 ? pad(p.month, n) : n === 3 ? MONTHS[p.month - 1]!.slice(0, 3) : MONTHS[p.month - 1]!); break;
      case 't': out.push(n === 1 ? (p.hour < 12 ? 'A' : 'P') : p.hour < 12 ? 'AM' : 'PM'); break;
      case 'y': out.push(n === 1 ? String(p.year % 100) : n === 2 ? pad(p.year % 100, 2) : pad(p.year, n)); break;
    }
  }
  return out.join('');
}

/** Timespan formats: d… whole days (padded to the run length), h/H hours of the day, m, s, f, F. Negative
 *  values are written with a leading '-' and the parts of the absolute value. */
export function formatTimespanTokens(ticks: bigint, tokens: readonly Token[]): string {
  const neg = ticks < 0n;
  const t = neg ? -ticks : ticks;
  const days = t / TICKS_PER_DAY;
  const secs = Number((t % TICKS_PER_DAY) / TICKS_PER_SECOND);
  const frac = Number(t % TICKS_PER_SECOND);
  const out: string[] = neg ? ['-'] : [];
  for (const tok of tokens) {
    if (tok.kind === 'lit') { out.push(tok.text); continue; }
    const { ch, n } = tok;
    switch (ch) {
      case 'd': out.push(pad(days, n)); break;
      case 'h': case 'H': out.push(pad(Math.floor(secs / 3600), Math.min(n, 2))); break;
      case 'm': out.push(pad(Math.floor(secs / 60) % 60, Math.min(n, 2))); break;
      case 's': out.push(pad(secs % 60, Math.min(n, 2))); break;
      case 'f': out.push(fraction(frac, n, false)); break;
      case 'F': pushFraction(out, fraction(frac, n, true)); break;
      default: out.push(ch.repeat(n));
    }
  }
  return out.join('');
}

export const formatDatetimeWith = (ticks: bigint, fmt: string): string => formatDatetimeTokens(ticks, tokenizeFormat(fmt));
export const formatTimespanWith = (ticks: bigint, fmt: string): string => formatTimespanTokens(ticks, tokenizeFormat(fmt));

function formatter(name: string, f: (ticks: bigint, tokens: readonly Token[]) => string): ScalarKernel {
  return {
    name,
    make: (_types, consts) => {
      const fixed = typeof consts[1] === 'string' ? tokenizeFormat(consts[1]) : null;
      return (v, fmt) => {
        if (typeof v !== 'bigint' || typeof fmt !== 'string') return '';
        return f(v, fixed ?? tokenizeFormat(fmt));
      };
    },
  };
}

export const kernels: ScalarKernel[] = [
  formatter('format_datetime', formatDatetimeTokens),
  formatter('format_timespan', formatTimespanTokens),
];

export type { Token as FormatToken };
