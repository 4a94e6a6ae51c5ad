// importIntel (files) and importIntelText (in-memory): detect each input's format, read it into one collector,
// then screen, filter and sort. Line formats (CSV) stream; JSON and prose are read whole (size-capped).
import { basename, resolve } from 'node:path';
import type { IocSet } from './model.js';
import { IocCollector } from './collector.js';
import { IntelErrors, intelError } from './errors.js';
import { jsonFormat, looksLikeJson, textFormat, type IntelFormat } from './detect-format.js';
import { finish, validateOptions } from './finish.js';
import { CsvList } from './formats/csv-list.js';
import { importMisp } from './formats/misp.js';
import { importStix } from './formats/stix.js';
import { importText } from './formats/text.js';
import { importThreatFoxJson, ThreatFoxCsv } from './formats/threatfox.js';
import { ThreatFoxJsonStream } from './formats/threatfox-json-stream.js';
import type { ImportOptions, ImportStats } from './options.js';
import { checkReadable, eachLine, forEachLine, readAll, readHead, stripBom, textChunks } from './read-file.js';
import { bundledWarninglists, loadWarninglistFile, WarninglistSet, type Warninglist } from './warninglists.js';

/** JSON documents and prose are parsed whole; beyond this, use a line format (CSV). */
export const MAX_WHOLE_FILE = 400_000_000;
/** ThreatFox JSON exports larger than this are streamed record by record. */
export const STREAM_JSON_BYTES = 32_000_000;

/** `{"<id>": [ {"ioc_value": …` — the ThreatFox JSON export layout, recognizable from its first bytes. */
const looksLikeThreatFoxExport = (head: string): boolean => /^\uFEFF?\s*\{\s*"[^"]*"\s*:\s*\[\s*\{[^{}]*"ioc_value"/.test(head);

const JSON_FORMATS: ReadonlySet<IntelFormat> = new Set(['threatfox-json', 'threatfox-api', 'stix', 'misp']);

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw intelError(IntelErrors.malformed, `${source}: invalid JSON: ${(e as Error).message}`, e);
  }
}

function readJsonDocument(doc: unknown, format: IntelFormat | undefined, source: string, col: IocCollector): void {
  // A bare JSON array of strings is a value list: each value's type is detected like a line of a plain list.
  if (!format && Array.isArray(doc) && doc.length > 0 && doc.every((v) => typeof v === 'string')) {
    col.beginFile(source, 'json-list');
    doc.forEach((v: string, i) => col.offer(v, 'auto', {}, `[${i}]`));
    return;
  }
  const f = format ?? jsonFormat(doc);
  if (!f) throw intelError(IntelErrors.unknownFormat, `${source}: JSON document is not ThreatFox, STIX 2.1 or MISP (use --format to force)`);
  col.beginFile(source, f);
  if (f === 'stix') importStix(doc, col);
  else if (f === 'misp') importMisp(doc, col);
  else if (f === 'threatfox-json' || f === 'threatfox-api') importThreatFoxJson(doc, col);
  else throw intelError(IntelErrors.unknownFormat, `${source}: format '${f}' cannot read a JSON document`);
}

/** Reads one in-memory document of any supported format into `col`. */
export function readDocument(raw: string, source: string, col: IocCollector, format?: IntelFormat): void {
  const text = stripBom(raw);
  const f = format ?? (looksLikeJson(text) ? undefined : textFormat(text));
  if (f === undefined || JSON_FORMATS.has(f)) { readJsonDocument(parseJson(text, source), f, source, col); return; }
  col.beginFile(source, f);
  if (f === 'text') { importText(text, col); return; }
  const sink = f === 'threatfox-csv' ? new ThreatFoxCsv(col) : new CsvList(col);
  eachLine(text, (l, n) => sink.line(l, n));
}

function warninglistSet(opts: ImportOptions): WarninglistSet {
  const lists: Warninglist[] = [];
  if (opts.bundledWarninglists !== false) lists.push(...bundledWarninglists());
  for (const f of opts.warninglistFiles ?? []) lists.push(loadWarninglistFile(resolve(opts.cwd ?? process.cwd(), f)));
  lists.push(...(opts.warninglists ?? []));
  return new WarninglistSet(lists);
}

/** Import in-memory intel (any supported format, detected from content unless `opts.format`). */
export function importIntelText(text: string, source: string, opts: ImportOptions = {}): IocSet & { stats: ImportStats } {
  validateOptions(opts);
  const col = new IocCollector();
  readDocument(text, source, col, opts.format);
  return finish(col, opts, warninglistSet(opts));
}

/** Import intel files into one merged, screened, filtered IOC set. */
export async function importIntel(files: string[], opts: ImportOptions = {}): Promise<IocSet & { stats: ImportStats }> {
  validateOptions(opts);
  const lists = warninglistSet(opts);
  const col = new IocCollector();
  for (const file of files) {
    const path = resolve(opts.cwd ?? process.cwd(), file);
    const size = checkReadable(path);
    const source = basename(file);
    const head = opts.format && opts.format !== 'threatfox-json' ? '' : await readHead(path);
    if ((opts.format === 'threatfox-json' || !opts.format) && looksLikeThreatFoxExport(head) && (size > STREAM_JSON_BYTES || path.endsWith('.gz'))) {
      col.beginFile(source, 'threatfox-json');
      const stream = new ThreatFoxJsonStream(col);
      for await (const chunk of textChunks(path)) stream.feed(chunk);
      continue;
    }
    const format = opts.format ?? (looksLikeJson(head) ? undefined : textFormat(head));
    if (format === 'threatfox-csv' || format === 'csv') {
      col.beginFile(source, format);
      const sink = format === 'threatfox-csv' ? new ThreatFoxCsv(col) : new CsvList(col);
      await forEachLine(path, (l, n) => sink.line(l, n));
      continue;
    }
    readDocument(await readAll(path, MAX_WHOLE_FILE), source, col, format);
  }
  return finish(col, opts, lists);
}
