// JSON.parse that keeps integers beyond 2^53 exact (as bigint), for long columns such as ReportId.
const BIG_MARK = '\u0000kqlite-bigint:';
const LONG_DIGITS = /\d{16,}/;

/** Like JSON.parse; integer literals of 16+ digits that a double cannot hold become bigint. */
export function parseJsonExact(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  let out = '', last = 0, i = 0;
  const n = text.length;
  let changed = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) { // skip a string
      i++;
      while (i < n) { const d = text.charCodeAt(i); if (d === 92) i += 2; else if (d === 34) break; else i++; }
      i++;
      continue;
    }
    if ((c >= 48 && c <= 57) || c === 45) {
      let j = i + 1;
      while (j < n) { const d = text.charCodeAt(j); if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) j++; else break; }
      const tok = text.slice(i, j);
      if (/^-?\d{16,}$/.test(tok) && !Number.isSafeInteger(Number(tok))) {
        out += text.slice(last, i) + JSON.stringify(BIG_MARK + tok);
        last = j;
        changed = true;
      }
      i = j;
      continue;
    }
    i++;
  }
  if (!changed) return JSON.parse(text);
  return JSON.parse(out + text.slice(last), (_k, v) => (typeof v === 'string' && v.startsWith(BIG_MARK) ? BigInt(v.slice(BIG_MARK.length)) : v));
}
