// Feed timestamps → ISO-8601 UTC `YYYY-MM-DDTHH:MM:SSZ`. Every input is UTC unless it states an offset.

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

/** ThreatFox's `YYYY-MM-DD HH:MM:SS[ UTC]` (and ISO without fraction/offset): the hot path for big feeds. */
const FEED = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?: UTC|Z)?$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function daysIn(y: number, m: number): number {
  return [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

export function isoFromEpochSeconds(sec: number): string | undefined {
  if (!Number.isFinite(sec) || sec < 0 || sec > 253402300799) return undefined;
  const d = new Date(Math.floor(sec) * 1000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

const digits = (s: string, at: number, n: number): number => {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
};

/** `YYYY-MM-DD HH:MM:SS` exactly (ThreatFox CSV), checked by character codes: the million-row hot path. */
function feedFast(s: string): string | undefined {
  if (s.length !== 19 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 32 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const se = digits(s, 17, 2);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) return undefined;
  return [s.slice(0, 10), 'T', s.slice(11), 'Z'].join('');
}

/** Parses the date forms feeds use; undefined when the text is not a valid date (never throws). */
export function toIsoUtc(v: unknown): string | undefined {
  if (typeof v === 'number') return isoFromEpochSeconds(v);
  if (typeof v !== 'string') return undefined;
  const fast = feedFast(v);
  if (fast !== undefined) return fast;
  const s = v.trim();
  if (s === '' || s === 'None' || s === 'null') return undefined;
  if (/^\d{9,11}$/.test(s)) return isoFromEpochSeconds(Number(s));
  const f = FEED.exec(s);
  if (f) {
    const [y, mo, d, h, mi, se] = [Number(f[1]), Number(f[2]), Number(f[3]), Number(f[4]), Number(f[5]), Number(f[6])];
    if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || se > 59 || y < 1970) return undefined;
    return [f[1], '-', f[2], '-', f[3], 'T', f[4], ':', f[5], ':', f[6], 'Z'].join('');
  }
  const m = DATE_TIME.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, se] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || se > 59 || y < 1970) return undefined;
  const z = m[7];
  // Fast path (the common feed case): no offset, so the text is already the answer.
  if (!z || !/^[+-]/.test(z)) return [m[1], '-', m[2], '-', m[3], 'T', pad(h), ':', pad(mi), ':', pad(se), 'Z'].join('');
  let offsetMin = 0;
  if (z && /^[+-]/.test(z)) {
    const digits = z.replace(':', '');
    offsetMin = (z[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const ms = Date.UTC(y, mo - 1, d, h, mi, se) - offsetMin * 60_000;
  return isoFromEpochSeconds(ms / 1000);
}
