// Format → reader.
import type { Format, RecordReader } from './record-reader.js';
import { readNdjson } from './ndjson-reader.js';
import { readJson } from './json-reader.js';
import { readCsv } from './csv-reader.js';
import { readCef } from './cef-reader.js';
import { readSyslog } from './syslog.js';

export const READERS: Record<Format, RecordReader> = { ndjson: readNdjson, json: readJson, csv: readCsv, cef: readCef, syslog: readSyslog };
