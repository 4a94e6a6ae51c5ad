// CEF over syslog (RFC 3164 / RFC 5424 headers, or bare `CEF:` lines) → CommonSecurityLog records.
import type { Rec, RecordReader } from './record-reader.js';
import { CEF_KEY_TO_COLUMN } from './cef-mapping.js';
import { parseLogDatetime, parseMonthNameDatetime, epochMsToTicks } from './datetime.js';
import { clip } from './ndjson-reader.js';
import { lineRecordReader, parseSyslog } from './syslog.js';

const HEADER_COLUMNS = ['DeviceVendor', 'DeviceProduct', 'DeviceVersion', 'DeviceEventClassID', 'Activity', 'LogSeverity'];

export const readCef: RecordReader = lineRecordReader(parseCefLine);

/** One syslog+CEF line → record, or the reason it is not one. */
export function parseCefLine(text: string, year: number): Rec | string {
  const at = text.indexOf('CEF:');
  if (at < 0) return `not a CEF record (no "CEF:" found): ${clip(text)}`;
  const rec: Rec = {};
  const hdr = parseSyslogHeader(text.slice(0, at).trim(), year);
  if (hdr.host) rec['Computer'] = hdr.host;
  // header: Version|Vendor|Product|Version|SignatureID|Name|Severity|Extension, with \| and \\ escapes
  const body = text.slice(at + 4);
  const fields: string[] = [];
  let cur = '', i = 0;
  for (; i < body.length && fields.length < 7; i++) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length && (body[i + 1] === '|' || body[i + 1] === '\\')) { cur += body[++i]; continue; }
    if (c === '|') { fields.push(cur); cur = ''; continue; }
    cur += c;
  }
  if (fields.length < 7) return `CEF header has ${fields.length + 1} of 8 '|'-separated parts: ${clip(text)}`;
  if (!/^\s*\d+(\.\d+)?\s*$/.test(fields[0]!)) return `bad CEF version '${clip(fields[0]!, 20)}'`;
  for (let k = 0; k < 6; k++) rec[HEADER_COLUMNS[k]!] = fields[k + 1]!.trim();
  let extra = '';
  for (const [key, value] of parseExtension(body.slice(i))) {
    const col = CEF_KEY_TO_COLUMN[key];
    if (col) rec[col] = value;
    else extra += `${key}=${value};`;
  }
  if (extra) rec['AdditionalExtensions'] = extra;
  for (const [col, out] of [['StartTime', 'StartTime'], ['EndTime', 'EndTime']] as const) {
    const v = rec[col];
    if (typeof v === 'string') { const t = cefTime(v, year); if (t !== null) rec[out] = t; }
  }
  const rt = typeof rec['ReceiptTime'] === 'string' ? cefTime(rec['ReceiptTime'] as string, year) : null;
  rec['TimeGenerated'] = rt ?? hdr.time ?? null;
  return rec;
}

/** Extension `k=v k2=v with spaces` → pairs; a value runs until the next ` key=`; `\=` `\\` `\n` `\r` unescaped. */
export function parseExtension(ext: string): [string, string][] {
  const out: [string, string][] = [];
  const re = /(?:^|[ \t])([A-Za-z0-9_.\-[\]]+)=/g;
  let m: RegExpExecArray | null;
  let key: string | null = null, vstart = 0;
  while ((m = re.exec(ext)) !== null) {
    if (key !== null) out.push([key, unescapeValue(ext.slice(vstart, m.index))]);
    key = m[1]!;
    vstart = m.index + m[0].length;
  }
  if (key !== null) out.push([key, unescapeValue(ext.slice(vstart).trimEnd())]);
  return out;
}

function unescapeValue(v: string): string {
  if (v.indexOf('\\') < 0) return v;
  return v.replace(/\\([=\\nr|])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

/** CEF times: epoch milliseconds, `MMM dd yyyy HH:mm:ss[.SSS] [zone]`, `MMM dd HH:mm:ss`, or ISO text. */
export function cefTime(v: string, year: number): bigint | null {
  const s = v.trim();
  if (/^\d{10,14}$/.test(s)) return epochMsToTicks(Number(s));
  return parseMonthNameDatetime(s, year) ?? parseLogDatetime(s);
}

/** Time and host of a syslog header (the text before `CEF:`). */
export function parseSyslogHeader(h: string, year: number): { time?: bigint; host?: string } {
  const p = parseSyslog(h.trim(), year);
  const out: { time?: bigint; host?: string } = {};
  if (p.time !== undefined) out.time = p.time;
  if (p.host) out.host = p.host;
  else if (p.time === undefined && p.pri === undefined && p.msg && !/\s/.test(p.msg) && !p.msg.endsWith(':')) out.host = p.msg;
  return out;
}
