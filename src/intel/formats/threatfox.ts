// abuse.ch ThreatFox: API responses (`query_status`/`data`), JSON exports (id → [record]) and CSV exports
// (`#` banner, commented header, `", "` separators, "None" = null), 14- and 15-column layouts, parsed by column name.
import type { IocCollector, IocMeta } from '../collector.js';
import type { ValueHint } from '../canonical/index.js';
import { toIsoUtc } from '../time.js';
import { splitCsvLine } from './csv-split.js';

type Rec = Record<string, unknown>;
const isObj = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

const TYPE_HINT: Record<string, ValueHint> = {
  'ip:port': 'ip:port', domain: 'domain', url: 'url', md5_hash: 'md5', sha1_hash: 'sha1', sha256_hash: 'sha256',
  envelope_from: 'email', body_from: 'email',
};

const nz = (v: unknown): string | undefined => {
  if (v === null || v === undefined) return undefined;
  const s = String(v).trim();
  return s === '' || s === 'None' || s === 'null' ? undefined : s;
};

function tagsOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  const s = nz(v);
  return s ? s.split(',') : [];
}

/** One ThreatFox record (any of the three shapes) → one IOC or one rejection. */
export function offerThreatFoxRecord(rec: Rec, col: IocCollector, location: string): void {
  const value = nz(rec.ioc_value ?? rec.ioc);
  const type = nz(rec.ioc_type)?.toLowerCase();
  if (value === undefined) { col.reject(location, '', 'record without ioc value'); return; }
  const hint = type ? TYPE_HINT[type] : undefined;
  if (!hint) { col.reject(location, value, type ? `unsupported ThreatFox ioc_type '${type}'` : 'record without ioc_type'); return; }
  const malware = nz(rec.malware ?? rec.fk_malware);
  const printable = nz(rec.malware_printable);
  const tags = tagsOf(rec.tags);
  const compromised = rec.is_compromised === true || nz(rec.is_compromised)?.toLowerCase() === 'true';
  if (compromised) tags.push('compromised');
  const conf = nz(rec.confidence_level);
  const ref = nz(rec.reference);
  const meta: IocMeta = {
    family: malware === 'unknown' || printable?.toLowerCase() === 'unknown malware' ? undefined : printable ?? malware,
    threatType: nz(rec.threat_type),
    confidence: conf !== undefined && /^\d{1,3}$/.test(conf) ? Number(conf) : undefined,
    firstSeen: toIsoUtc(nz(rec.first_seen_utc ?? rec.first_seen)),
    lastSeen: toIsoUtc(nz(rec.last_seen_utc ?? rec.last_seen)),
    tags,
    reference: ref && /^https?:\/\//i.test(ref) ? ref : undefined,
  };
  col.offer(value, hint, meta, location);
}

/** API response, single API record, array of records, or JSON export (object keyed by IOC id). */
export function importThreatFoxJson(doc: unknown, col: IocCollector): void {
  if (Array.isArray(doc)) {
    doc.forEach((r, i) => (isObj(r) ? offerThreatFoxRecord(r, col, nz(r.id ?? r.ioc_id) ?? `[${i}]`) : col.reject(`[${i}]`, String(r), 'not a ThreatFox record')));
    return;
  }
  if (!isObj(doc)) return;
  if ('query_status' in doc) {
    if (Array.isArray(doc.data)) importThreatFoxJson(doc.data, col);
    else if (isObj(doc.data)) offerThreatFoxRecord(doc.data, col, nz(doc.data.id) ?? 'data');
    return;
  }
  if ('ioc' in doc || 'ioc_value' in doc) { offerThreatFoxRecord(doc, col, nz(doc.id ?? doc.ioc_id) ?? 'record'); return; }
  for (const [id, v] of Object.entries(doc)) {
    const recs = Array.isArray(v) ? v : [v];
    for (const r of recs) {
      if (isObj(r)) offerThreatFoxRecord(r, col, id);
      else col.reject(id, String(r), 'not a ThreatFox record');
    }
  }
}

/** The 14-column layout, used when a CSV export arrives without its commented header. */
const DEFAULT_COLUMNS = ['first_seen_utc', 'ioc_id', 'ioc_value', 'ioc_type', 'threat_type', 'fk_malware', 'malware_alias',
  'malware_printable', 'last_seen_utc', 'confidence_level', 'reference', 'tags', 'anonymous', 'reporter'];

const USED = ['ioc_value', 'ioc_type', 'threat_type', 'fk_malware', 'malware', 'malware_printable', 'first_seen_utc',
  'last_seen_utc', 'confidence_level', 'reference', 'tags', 'is_compromised', 'ioc_id'] as const;
type ColumnIndex = Record<(typeof USED)[number], number>;

/** Cell index of each column the record reader uses (-1 when absent; a repeated name: the last one, as a record would). */
function columnIndex(columns: string[]): ColumnIndex {
  const ix = Object.fromEntries(USED.map((c) => [c, -1])) as ColumnIndex;
  columns.forEach((c, i) => { if ((USED as readonly string[]).includes(c)) ix[c as keyof ColumnIndex] = i; });
  return ix;
}

const cell = (cells: string[], i: number): string | undefined => (i < 0 ? undefined : cells[i]);

/** Line-at-a-time ThreatFox CSV reader (streams a full export in bounded memory). */
export class ThreatFoxCsv {
  private ix = columnIndex(DEFAULT_COLUMNS);
  constructor(private readonly col: IocCollector) {}

  line(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    if (text.startsWith('#')) {
      const body = text.slice(1).trim();
      if (body.startsWith('"') && body.includes('ioc_value')) {
        const cols = splitCsvLine(body, ',');
        if (cols) this.ix = columnIndex(cols.map((c) => c.trim().toLowerCase()));
      }
      return;
    }
    const cells = splitCsvLine(text, ',');
    const loc = String(lineNo);
    if (!cells) { this.col.reject(loc, text, 'malformed quoted field (unterminated, or text after the closing quote)'); return; }
    const ix = this.ix;
    // One literal per row (a fixed shape), not one keyed store per column.
    const rec: Rec = {
      ioc_value: cell(cells, ix.ioc_value), ioc_type: cell(cells, ix.ioc_type), threat_type: cell(cells, ix.threat_type),
      fk_malware: cell(cells, ix.fk_malware), malware: cell(cells, ix.malware), malware_printable: cell(cells, ix.malware_printable),
      first_seen_utc: cell(cells, ix.first_seen_utc), last_seen_utc: cell(cells, ix.last_seen_utc),
      confidence_level: cell(cells, ix.confidence_level), reference: cell(cells, ix.reference), tags: cell(cells, ix.tags),
      is_compromised: cell(cells, ix.is_compromised), ioc_id: cell(cells, ix.ioc_id),
    };
    offerThreatFoxRecord(rec, this.col, loc);
  }
}
