// Kernels of around() (value within center ± delta, inclusive) and parse_csv() (one CSV record → string array).
import type { Value } from '../../kql/types/index.js';
import type { ScalarKernel } from './kernel.js';

const num = (v: Value): number | bigint => (typeof v === 'bigint' ? v : Number(v));

function around(v: Value, c: Value, d: Value): Value {
  if (v === null || c === null || d === null) return null;
  const [x, m, r] = [num(v), num(c), num(d)];
  if (typeof x === 'bigint' && typeof m === 'bigint' && typeof r === 'bigint') return x >= m - r && x <= m + r;
  const [xf, mf, rf] = [Number(x), Number(m), Number(r)];
  return xf >= mf - rf && xf <= mf + rf;
}

/** RFC 4180 fields of the first record: quotes group, "" is a quote, newlines inside quotes are kept. */
function parseCsv(s: Value): Value {
  if (typeof s !== 'string') return null;
  const out: string[] = [];
  let field = '', i = 0, quoted = false;
  while (i < s.length) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      field += ch; i++; continue;
    }
    if (ch === '"') { quoted = true; i++; continue; }
    if (ch === ',') { out.push(field); field = ''; i++; continue; }
    if (ch === '\n' || ch === '\r') break;
    field += ch; i++;
  }
  out.push(field);
  return out;
}

export const kernels: ScalarKernel[] = [
  { name: 'around', make: () => around },
  { name: 'parse_csv', make: () => parseCsv },
];
