// kqlite query [KQL] [-f FILE] [--data DIR]… [--format table|json|ndjson|csv]
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { openWorkspace, type Workspace } from '../hunt/workspace.js';
import { formatLoadReport } from '../data/index.js';
import { KqliteError, renderDiagnostic, SourceText } from '../kql/text/index.js';
import type { CliIO, Command } from './io.js';
import { cacheDirOf, flagHelp, parseFlags, UsageError, type FlagDef } from './args.js';
import { OUTPUT_FORMATS, renderCsv, renderJson, renderNdjson, renderTable, type OutputFormat } from './output.js';
import { dump, type DumpStage } from './dump.js';
import { readStdin, writeChunks } from './stream.js';

export const QUERY_FLAGS: Record<string, FlagDef> = {
  file: { type: 'string', short: 'f', arg: 'FILE', help: 'read the query from FILE' },
  data: { type: 'string', short: 'd', multiple: true, arg: 'DIR', help: 'a data directory or file (repeatable)' },
  format: { type: 'string', arg: 'FMT', help: 'table (default), json, ndjson or csv' },
  now: { type: 'string', arg: 'TIME', help: 'pin now() / ago() to this datetime' },
  timeout: { type: 'string', arg: 'SECONDS', help: 'cancel the query after this many seconds' },
  'max-rows': { type: 'string', arg: 'N', help: 'truncate the result after N rows (default 500000)' },
  strict: { type: 'boolean', help: 'the first unreadable record or unconvertible value is an error' },
  cache: { type: 'string', arg: 'DIR', help: 'keep loaded columns in DIR so later runs over the same files skip parsing (default: $KQLITE_CACHE_DIR, else off)' },
  verbose: { type: 'boolean', short: 'v', help: 'always print the per-file load totals' },
  dump: { type: 'string', arg: 'STAGE', help: 'print a pipeline stage instead of running: tokens, syntax, bound, plan' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

export const QUERY_USAGE = `usage: kqlite query [KQL] [-f FILE] [--data DIR]... [--format table|json|ndjson|csv]

Runs a KQL query over a workspace (a directory of exported logs). The query comes from the argument,
from -f FILE, or from standard input.

${flagHelp(QUERY_FLAGS)}
`;

function positiveNumber(v: unknown, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag} needs a positive number, got '${String(v)}'`);
  return n;
}

export const queryCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, QUERY_FLAGS);
  if (values.help) { io.stdout.write(QUERY_USAGE); return 0; }
  const format = (values.format ?? 'table') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`unknown --format '${String(values.format)}' (table, json, ndjson, csv)`);
  if (positionals.length > 1) throw new UsageError('give the query as one argument (quote it), or use -f FILE');
  let text: string;
  let sourceName = '<query>';
  if (values.file) {
    sourceName = String(values.file);
    text = await readFile(resolve(io.cwd, sourceName), 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${sourceName}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    });
    if (positionals.length) throw new UsageError('give the query either as an argument or with -f, not both');
  } else if (positionals.length) text = positionals[0]!;
  else if (io.stdin && !(io.stdin as { isTTY?: boolean }).isTTY) text = await readStdin(io.stdin);
  else throw new UsageError('no query: give it as an argument, with -f FILE, or on standard input');

  const dirs = ((values.data as string[] | undefined) ?? []).map((d) => resolve(io.cwd, d));
  const progress = io.stderr.isTTY ? (m: string) => io.stderr.write(`\r${m}\x1b[K`) : undefined;
  const cacheDir = cacheDirOf(values.cache, io);
  const ws = await openWorkspace(dirs, {
    ...(values.strict ? { strict: true } : {}),
    ...(cacheDir ? { cacheDir } : {}),
    ...(progress ? { onProgress: progress } : {}),
  });
  if (values.dump) {
    const stage = String(values.dump) as DumpStage;
    if (!['tokens', 'syntax', 'bound', 'plan'].includes(stage)) throw new UsageError(`unknown --dump stage '${stage}' (tokens, syntax, bound, plan)`);
    io.stdout.write(dump(stage, text, ws));
    return 0;
  }
  const timeout = positiveNumber(values.timeout, 'timeout');
  const maxRows = positiveNumber(values['max-rows'], 'max-rows');
  let out;
  try {
    out = await ws.queryTable(text, {
      ...(values.now ? { now: String(values.now) } : {}),
      ...(timeout ? { timeoutMs: timeout * 1000 } : {}),
      ...(maxRows ? { maxRows } : {}),
    });
  } catch (e) {
    reportLoad(ws, io, Boolean(values.verbose));
    if (e instanceof KqliteError) {
      const src = new SourceText(text, sourceName);
      const ds = e.diagnostics.length ? e.diagnostics : [];
      if (ds.length) for (const d of ds.filter((x) => x.severity === 'error')) io.stderr.write(renderDiagnostic(d, src, values.file ? `${sourceName}:` : '') + '\n');
      else io.stderr.write(`error ${e.code}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  reportLoad(ws, io, Boolean(values.verbose));
  for (const w of out.warnings) io.stderr.write(`warning: ${w}\n`);
  // one result per tabular statement, in order (table and csv: separated by a blank line; json: one document each)
  const all = [out.table, ...out.more];
  for (const [i, t] of all.entries()) {
    switch (format) {
      case 'json': await writeChunks(io, [renderJson(t)]); break;
      case 'ndjson': await writeChunks(io, renderNdjson(t)); break;
      case 'csv': await writeChunks(io, [...(i ? ['\n'] : []), ...renderCsv(t)]); break;
      default: await writeChunks(io, [...(i ? ['\n'] : []), renderTable(t, io.stdout.columns ?? 160)]);
    }
  }
  return 0;
};

function reportLoad(ws: Workspace, io: CliIO, verbose: boolean): void {
  const reports = ws.reports();
  const troubled = reports.some((r) => r.rejected > 0 || r.nulled > 0 || (r as { errors?: unknown[] }).errors?.length);
  if (reports.length && (verbose || troubled)) io.stderr.write(formatLoadReport(reports));
  for (const s of ws.skipped()) if (verbose) io.stderr.write(`skipped ${s.file}: ${s.reason}\n`);
}
