// Generic CSV/TSV IOC lists: a header names the value column (value/ioc/indicator/…) and optionally type, port,
// confidence, family, first/last seen, tags, threat type, reference. Read a line at a time.
import type { IocCollector, IocMeta } from '../collector.js';
import type { ValueHint } from '../canonical/index.js';
import { toIsoUtc } from '../time.js';
import { splitCsvLine } from './csv-split.js';

type Field = 'value' | 'type' | 'port' | 'confidence' | 'family' | 'firstSeen' | 'lastSeen' | 'tags' | 'threatType' | 'reference';

const HEADER: Record<string, Field> = {
  value: 'value', ioc: 'value', iocvalue: 'value', indicator: 'value', indicatorvalue: 'value', observable: 'value',
  observablevalue: 'value', ioc_value: 'value',
  type: 'type', ioctype: 'type', indicatortype: 'type', kind: 'type', observabletype: 'type',
  port: 'port', dstport: 'port',
  confidence: 'confidence', confidencelevel: 'confidence', score: 'confidence',
  family: 'family', malware: 'family', malwarefamily: 'family', malwareprintable: 'family', threatfamily: 'family',
  firstseen: 'firstSeen', firstseenutc: 'firstSeen', datefirstseen: 'firstSeen', created: 'firstSeen', date: 'firstSeen',
  validfrom: 'firstSeen',
  lastseen: 'lastSeen', lastseenutc: 'lastSeen', validuntil: 'lastSeen',
  tags: 'tags', tag: 'tags', labels: 'tags',
  threattype: 'threatType', reference: 'reference', link: 'reference',
};

/** A column named after an IOC type (domain, ip, url, md5, …) is the value column with that type. */
const TYPED_VALUE: Record<string, ValueHint> = {
  domain: 'domain', hostname: 'domain', fqdn: 'domain', ip: 'ip', ipaddress: 'ip', ipv4: 'ip', ipv6: 'ip', ipport: 'ip:port',
  url: 'url', md5: 'md5', sha1: 'sha1', sha256: 'sha256', hash: 'hash', email: 'email', cidr: 'ip',
};

const TYPE_WORDS: Record<string, ValueHint> = {
  ip: 'ip', ipv4: 'ip', ipv6: 'ip', ipdst: 'ip', ipsrc: 'ip', ipv4addr: 'ip', ipv6addr: 'ip', cidr: 'ip', subnet: 'ip',
  ipport: 'ip:port', ipdstport: 'ip:port', domain: 'domain', hostname: 'domain', fqdn: 'domain', domainname: 'domain',
  host: 'host', url: 'url', uri: 'url', md5: 'md5', md5hash: 'md5', sha1: 'sha1', sha1hash: 'sha1', sha256: 'sha256',
  sha256hash: 'sha256', hash: 'hash', filehash: 'hash', email: 'email', emailaddr: 'email', emailsrc: 'email',
  emaildst: 'email', emailaddress: 'email',
};

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

export function csvDelimiter(headerLine: string): string {
  if (headerLine.includes('\t')) return '\t';
  if (headerLine.includes(';') && !headerLine.includes(',')) return ';';
  return ',';
}

/** Returns the column mapping when `headerLine` names a value column; undefined otherwise. */
export function csvHeader(headerLine: string): { delim: string; fields: Map<number, Field>; valueHint: ValueHint } | undefined {
  const delim = csvDelimiter(headerLine);
  const cells = splitCsvLine(headerLine.replace(/^#\s*/, ''), delim);
  if (!cells || cells.length === 0) return undefined;
  const fields = new Map<number, Field>();
  let valueHint: ValueHint = 'auto';
  cells.forEach((c, i) => {
    const n = norm(c);
    const f = HEADER[n];
    if (f && ![...fields.values()].includes(f)) fields.set(i, f);
  });
  if (![...fields.values()].includes('value')) {
    const i = cells.findIndex((c) => TYPED_VALUE[norm(c)] !== undefined);
    if (i < 0) return undefined;
    fields.set(i, 'value');
    valueHint = TYPED_VALUE[norm(cells[i]!)]!;
  }
  return { delim, fields, valueHint };
}

export class CsvList {
  private header: ReturnType<typeof csvHeader>;
  private seenHeader = false;
  constructor(private readonly col: IocCollector) {}

  line(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    if (!this.seenHeader) {
      if (text.startsWith('#') && !csvHeader(text)) return;
      this.seenHeader = true;
      this.header = csvHeader(text);
      if (!this.header) this.col.reject(String(lineNo), text, 'CSV header names no value column (value, ioc, indicator, domain, ip, url, md5, …)');
      return;
    }
    if (!this.header || text.startsWith('#')) return;
    const loc = String(lineNo);
    const cells = splitCsvLine(text, this.header.delim);
    if (!cells) { this.col.reject(loc, text, 'malformed quoted field (unterminated, or text after the closing quote)'); return; }
    const row: Partial<Record<Field, string>> = {};
    for (const [i, f] of this.header.fields) { const v = cells[i]?.trim(); if (v) row[f] = v; }
    if (!row.value) { this.col.reject(loc, text, 'empty value column'); return; }
    let hint = this.header.valueHint;
    if (row.type) {
      const h = TYPE_WORDS[norm(row.type)];
      if (!h) { this.col.reject(loc, row.value, `unsupported type '${row.type}'`); return; }
      hint = h;
    }
    const conf = row.confidence && /^\d{1,3}(\.\d+)?%?$/.test(row.confidence) ? Number(row.confidence.replace('%', '')) : undefined;
    const meta: IocMeta = {
      family: row.family, threatType: row.threatType, confidence: conf,
      firstSeen: toIsoUtc(row.firstSeen), lastSeen: toIsoUtc(row.lastSeen),
      tags: row.tags ? row.tags.split(/[,;|]/).map((t) => t.trim()) : [],
      reference: row.reference && /^https?:\/\//i.test(row.reference) ? row.reference : undefined,
    };
    let port: number | undefined;
    if (row.port) {
      if (!/^\d{1,5}$/.test(row.port) || Number(row.port) < 1 || Number(row.port) > 65535) {
        this.col.reject(loc, `${row.value} port ${row.port}`, `invalid port '${row.port}'`);
        return;
      }
      port = Number(row.port);
    }
    this.col.offer(row.value, hint, meta, loc, port);
  }
}
