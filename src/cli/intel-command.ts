// `kqlite intel import FILE… [options]` and `kqlite intel show FILE`: flags → ImportOptions → library → output.
import { createWriteStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliIO, Command } from './io.js';
import {
  FORMATS, IOC_TYPES, importIntel, importSummary, iocSetJsonChunks, isFormat, parseIocSet, showSummary,
  type ImportOptions, type IocType,
} from '../intel/index.js';

const IMPORT_HELP = `usage: kqlite intel import FILE... [options]
  Read IOC files (ThreatFox API/JSON/CSV, STIX 2.1, MISP, CSV/TSV lists, text/Markdown/HTML write-ups; .gz ok)
  into one normalized IOC set: {"iocs":[...],"rejected":[...]}.
  --out FILE            write the IOC set to FILE (default: stdout)
  --format F            force the input format: ${FORMATS.join('|')}
  --min-confidence N    keep IOCs with confidence >= N (0-100; IOCs without confidence are dropped)
  --since DATE          keep IOCs seen since DATE (last seen, else first seen; undated are dropped)
  --family NAME         keep IOCs of this malware family (case-insensitive; repeatable or comma-separated)
  --type T              keep IOCs of these types (${IOC_TYPES.join(', ')}; repeatable or comma-separated)
  --warninglist FILE    also screen with this MISP warninglist (repeatable)
  --no-warninglists     do not screen with the bundled warninglists
`;
const SHOW_HELP = 'usage: kqlite intel show FILE\n  Summarize an IOC-set file: counts by type, family and source; flagged IOCs; rejected inputs with reasons.\n';
const HELP = `usage: kqlite intel <import|show> ...\n\n${IMPORT_HELP}\n${SHOW_HELP}`;

function fail(io: CliIO, msg: string): number {
  io.stderr.write(`kqlite intel: ${msg}\n`);
  return 2;
}

function errorText(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return err && typeof err.code === 'string' && /^INT5/.test(err.code) ? `${err.code} ${err.message}` : String((e as Error)?.message ?? e);
}

async function writeOut(io: CliIO, out: string | undefined, chunks: Iterable<string>): Promise<void> {
  if (out === undefined) {
    // Respect back-pressure on a real stream (a million-IOC set is hundreds of MB); stop quietly if the pipe closes.
    const stream = io.stdout as { write(s: string): unknown; once?: (ev: string, fn: () => void) => unknown; destroyed?: boolean };
    for (const c of chunks) {
      if (stream.destroyed) return;
      if (stream.write(c) === false && typeof stream.once === 'function') {
        await new Promise<void>((res) => { stream.once!('drain', res); stream.once!('close', res); stream.once!('error', res); });
      }
    }
    return;
  }
  const ws = createWriteStream(resolve(io.cwd, out));
  await new Promise<void>((res, rej) => {
    ws.on('error', rej);
    const it = chunks[Symbol.iterator]();
    const pump = () => {
      for (let r = it.next(); !r.done; r = it.next()) if (!ws.write(r.value)) { ws.once('drain', pump); return; }
      ws.end(res);
    };
    pump();
  });
}

async function runImport(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        out: { type: 'string', short: 'o' }, format: { type: 'string' }, 'min-confidence': { type: 'string' },
        since: { type: 'string' }, family: { type: 'string', multiple: true }, type: { type: 'string', multiple: true },
        warninglist: { type: 'string', multiple: true }, 'no-warninglists': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return fail(io, `${(e as Error).message}\n${IMPORT_HELP}`);
  }
  const v = parsed.values;
  if (v.help) { io.stdout.write(IMPORT_HELP); return 0; }
  if (parsed.positionals.length === 0) return fail(io, `missing input FILE\n${IMPORT_HELP}`);
  const opts: ImportOptions = { cwd: io.cwd };
  if (v.format !== undefined) {
    if (!isFormat(v.format)) return fail(io, `unknown --format '${v.format}' (one of ${FORMATS.join(', ')})`);
    opts.format = v.format;
  }
  if (v['min-confidence'] !== undefined) {
    const n = Number(v['min-confidence']);
    if (!/^\d+(\.\d+)?$/.test(v['min-confidence']) || n > 100) return fail(io, `--min-confidence must be a number from 0 to 100, got '${v['min-confidence']}'`);
    opts.minConfidence = n;
  }
  if (v.since !== undefined) opts.since = v.since;
  if (v.family) opts.family = v.family;
  if (v.type) {
    const types = v.type.flatMap((t) => t.split(',')).map((t) => t.trim().toLowerCase()).filter(Boolean);
    const bad = types.find((t) => !(IOC_TYPES as readonly string[]).includes(t));
    if (bad) return fail(io, `unknown --type '${bad}' (one of ${IOC_TYPES.join(', ')})`);
    opts.types = types as IocType[];
  }
  if (v.warninglist) opts.warninglistFiles = v.warninglist;
  if (v['no-warninglists']) opts.bundledWarninglists = false;
  let result;
  try {
    result = await importIntel(parsed.positionals, opts);
  } catch (e) {
    return fail(io, errorText(e));
  }
  try {
    await writeOut(io, v.out, iocSetJsonChunks(result));
  } catch (e) {
    return fail(io, `INT5001 cannot write '${v.out}': ${(e as Error).message}`);
  }
  io.stderr.write(importSummary(result.stats));
  return 0;
}

async function runShow(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    return fail(io, `${(e as Error).message}\n${SHOW_HELP}`);
  }
  if (parsed.values.help) { io.stdout.write(SHOW_HELP); return 0; }
  if (parsed.positionals.length !== 1) return fail(io, `expected exactly one IOC-set FILE\n${SHOW_HELP}`);
  const file = parsed.positionals[0]!;
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    return fail(io, `INT5001 cannot read '${file}': ${(e as Error).message}`);
  }
  try {
    io.stdout.write(showSummary(parseIocSet(text, file), file));
  } catch (e) {
    return fail(io, errorText(e));
  }
  return 0;
}

export const intelCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub === 'import') return runImport(rest, io);
  if (sub === 'show') return runShow(rest, io);
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    if (sub === undefined) return fail(io, `missing sub-command\n${HELP}`);
    io.stdout.write(HELP);
    return 0;
  }
  return fail(io, `unknown sub-command '${sub}'\n${HELP}`);
};
