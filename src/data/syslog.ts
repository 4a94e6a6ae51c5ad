// Syslog headers (RFC 5424, RFC 3164, ISO-timestamped, or none) and the plain-syslog reader (→ Syslog table).
import type { ReadItem, ReaderContext, ReadOptions, Rec, RecordReader, SourceFile } from './record-reader.js';
import { byteLines, endNoCR, fileChunks } from './source.js';
import { parseLogDatetime, parseMonthNameDatetime } from './datetime.js';

const FACILITIES = ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp',
  'audit', 'alert', 'clock', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'];
const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

export interface SyslogLine { pri?: number; time?: bigint; host?: string; app?: string; pid?: string; msg: string }

const RFC5424 = /^(\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+) ?/;
const RFC3164_TIME = /^[A-Za-z]{3} {1,2}\d{1,2}(?: \d{4})? \d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?= |$)/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\S+(?= |$)/;
const TAG = /^([^\s[\]:]+)(?:\[([^\]\s]*)\])?:$/;

/** Splits a syslog line into its header parts and message; text without a header is all message. */
export function parseSyslog(line: string, year: number): SyslogLine {
  let s = line;
  const out: SyslogLine = { msg: '' };
  const p = /^<(\d{1,3})>/.exec(s);
  if (p) { out.pri = +p[1]!; s = s.slice(p[0].length); }
  const m5 = RFC5424.exec(s);
  if (m5 && (m5[2] === '-' || /^\d{4}-\d\d-\d\dT/.test(m5[2]!))) {
    const t = m5[2] === '-' ? null : parseLogDatetime(m5[2]!);
    if (t !== null) out.time = t;
    if (m5[3] !== '-') out.host = m5[3]!;
    if (m5[4] !== '-') out.app = m5[4]!;
    if (m5[5] !== '-') out.pid = m5[5]!;
    out.msg = skipStructuredData(s.slice(m5[0].length)).replace(/^\uFEFF/, '');
    return out;
  }
  let m = RFC3164_TIME.exec(s);
  let t: bigint | null = null;
  if (m) t = parseMonthNameDatetime(m[0].replace(/ {2}/, ' '), year);
  else if ((m = ISO_TIME.exec(s))) t = parseLogDatetime(m[0]);
  if (!m) { out.msg = s; return out; }
  if (t !== null) out.time = t;
  s = s.slice(m[0].length).replace(/^ /, '');
  // HOST TAG[PID]: MSG, or TAG: MSG without a host
  let sp = s.indexOf(' ');
  let tok = sp < 0 ? s : s.slice(0, sp);
  if (tok && !TAG.test(tok)) {
    out.host = tok;
    s = sp < 0 ? '' : s.slice(sp + 1);
    sp = s.indexOf(' ');
    tok = sp < 0 ? s : s.slice(0, sp);
  }
  const tag = TAG.exec(tok);
  if (tag) {
    out.app = tag[1]!;
    if (tag[2]) out.pid = tag[2];
    s = sp < 0 ? '' : s.slice(sp + 1);
  }
  out.msg = s;
  return out;
}

function skipStructuredData(s: string): string {
  if (s.startsWith('- ')) return s.slice(2);
  if (s === '-') return '';
  let i = 0;
  while (s[i] === '[') {
    i++;
    while (i < s.length && s[i] !== ']') i += s[i] === '\\' ? 2 : s[i] === '"' ? skipQuoted(s, i) : 1;
    i++;
  }
  return s.slice(i).replace(/^ /, '');
}

function skipQuoted(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
  return j + 1 - i;
}

/** A syslog line as a Syslog-table record. */
export function syslogRecord(line: string, year: number): Rec {
  const p = parseSyslog(line, year);
  const rec: Rec = { SyslogMessage: p.msg, TimeGenerated: p.time ?? null, EventTime: p.time ?? null };
  if (p.host) { rec['Computer'] = p.host; rec['HostName'] = p.host; }
  if (p.app) rec['ProcessName'] = p.app;
  if (p.pid) rec['ProcessID'] = p.pid;
  if (p.pri !== undefined && p.pri < 192) { rec['Facility'] = FACILITIES[p.pri >> 3]; rec['SeverityLevel'] = SEVERITIES[p.pri & 7]; }
  return rec;
}

/** A reader of one record per non-blank text line: `parse` gives the record or the reason the line is unreadable. */
export function lineRecordReader(parse: (text: string, year: number) => Rec | string): RecordReader {
  return async function* (src: SourceFile, opts: ReadOptions, ctx: ReaderContext) {
    const year = opts.year ?? new Date().getUTCFullYear();
    for await (const b of byteLines(fileChunks(src.path, src.display), ctx)) {
      const items: ReadItem[] = [];
      for (let i = 0; i < b.starts.length; i++) {
        const s = b.starts[i]!, e = endNoCR(b, i);
        if (e === s) continue;
        const text = b.buf.toString('utf8', s, e);
        if (text.trim() === '') continue;
        const r = parse(text, year);
        const line = b.firstLine + i;
        items.push(typeof r === 'string' ? { line, error: r } : { line, record: r });
      }
      if (items.length) yield items;
    }
  };
}

export const readSyslog: RecordReader = lineRecordReader(syslogRecord);
