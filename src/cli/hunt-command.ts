// kqlite hunt --intel FILE… --data DIR [--out DIR] — import, detect and run every hunt; exit 1 when something was found.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runHunt } from '../hunt/run-hunts.js';
import { findingsCsv, findingsJson, renderFindingsMarkdown, renderSummary } from '../hunt/findings-render.js';
import { writePackage } from '../detect/index.js';
import { formatLoadReport } from '../data/index.js';
import type { Command } from './io.js';
import { cacheDirOf, flagHelp, parseFlags, UsageError, type FlagDef } from './args.js';
import { writeChunks } from './stream.js';

const FLAGS: Record<string, FlagDef> = {
  intel: { type: 'string', short: 'i', multiple: true, arg: 'FILE', help: 'threat intel to hunt (any supported format; repeatable)' },
  data: { type: 'string', short: 'd', multiple: true, arg: 'DIR', help: 'workspace: a directory of exported logs (repeatable)' },
  out: { type: 'string', short: 'o', arg: 'DIR', help: 'write findings.json, findings.csv, report.md and the detection package' },
  format: { type: 'string', arg: 'FMT', help: 'stdout format: summary (default), json or csv' },
  since: { type: 'string', arg: 'DATE', help: 'only events at or after this time' },
  until: { type: 'string', arg: 'DATE', help: 'only events at or before this time' },
  'include-flagged': { type: 'boolean', help: 'also hunt IOCs on false-positive lists (private ranges, CDNs, …)' },
  exclusions: { type: 'string', arg: 'FILE', help: 'extra false-positive scenarios (YAML)' },
  'replace-exclusions': { type: 'boolean', help: 'use only --exclusions, not the default scenarios' },
  'min-confidence': { type: 'string', arg: 'N', help: 'hunt only IOCs with at least this confidence' },
  family: { type: 'string', arg: 'NAME', help: 'hunt only IOCs of this malware family' },
  strict: { type: 'boolean', help: 'stop at the first unreadable log line' },
  cache: { type: 'string', arg: 'DIR', help: 'keep loaded columns in DIR so later runs over the same files skip parsing (default: $KQLITE_CACHE_DIR, else off)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

export const HUNT_USAGE = `usage: kqlite hunt --intel FILE... --data DIR [--out DIR] [--format summary|json|csv]

Imports the intel, generates the hunts (with false-positive exclusions), runs them over the workspace with
kqlite's KQL engine and reports what was found. Exit 0: nothing found; 1: findings; 2: error.

${flagHelp(FLAGS)}
`;

export const huntCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, FLAGS);
  if (values.help) { io.stdout.write(HUNT_USAGE); return 0; }
  // `--intel a.txt b.csv`: files after --intel (positionals) are intel too, as the contract's FILE… says
  const intel = [...((values.intel as string[] | undefined) ?? []), ...positionals];
  if (positionals.length && !values.intel) throw new UsageError(`unexpected argument '${positionals[0]}' (intel files go after --intel)`);
  const data = (values.data as string[] | undefined) ?? [];
  if (!intel.length) throw new UsageError('--intel FILE is required');
  if (!data.length) throw new UsageError('--data DIR is required');
  const format = String(values.format ?? 'summary');
  if (!['summary', 'json', 'csv'].includes(format)) throw new UsageError(`unknown --format '${format}' (summary, json, csv)`);
  let minConfidence: number | undefined;
  if (values['min-confidence'] !== undefined) {
    minConfidence = Number(values['min-confidence']);
    if (!Number.isFinite(minConfidence)) throw new UsageError('--min-confidence needs a number');
  }
  const progress = io.stderr.isTTY ? (m: string) => io.stderr.write(`\r${m.slice(0, 100)}\x1b[K`) : undefined;
  const cacheDir = cacheDirOf(values.cache, io);
  const result = await runHunt({
    intel: intel.map((f) => resolve(io.cwd, f)),
    data: data.map((d) => resolve(io.cwd, d)),
    ...(values.since ? { since: String(values.since) } : {}),
    ...(values.until ? { until: String(values.until) } : {}),
    includeFlagged: Boolean(values['include-flagged']),
    ...(values.exclusions ? { exclusions: resolve(io.cwd, String(values.exclusions)) } : {}),
    replaceExclusions: Boolean(values['replace-exclusions']),
    importOptions: {
      ...(minConfidence !== undefined ? { minConfidence } : {}),
      ...(values.family ? { family: String(values.family) } : {}),
    },
    ...(values.strict ? { strict: true } : {}),
    ...(cacheDir ? { cacheDir } : {}),
    ...(progress ? { onProgress: progress } : {}),
    cwd: io.cwd,
  });
  if (progress) io.stderr.write('\r\x1b[K');

  // honest totals on stderr
  const st = result.iocs.stats;
  io.stderr.write(`intel: ${st.total} IOC(s) from ${st.files.length} file(s); ${st.rejected} rejected; ${st.flagged} flagged by false-positive lists\n`);
  const reports = result.readerReports;
  if (reports.length) io.stderr.write(formatLoadReport(reports));
  io.stderr.write(`scanned: ${result.tablesScanned.map((t) => `${t.table} ${t.rows} rows`).join(', ') || 'no tables'}; hunts run: ${result.runs.length}\n`);
  if (result.tablesMissing.length) io.stderr.write(`no data for: ${result.tablesMissing.join(', ')}\n`);
  for (const r of result.runs.filter((x) => x.error)) io.stderr.write(`hunt ${r.id} failed: ${r.error}\n`);

  if (values.out) {
    const dir = resolve(io.cwd, String(values.out));
    await mkdir(dir, { recursive: true });
    await writePackage(result.pkg, join(dir, 'package'));
    const report = result.pkg.files.find((f) => f.path === 'report.md')?.content ?? '';
    await writeFile(join(dir, 'findings.json'), findingsJson(result));
    await writeFile(join(dir, 'findings.csv'), findingsCsv(result));
    await writeFile(join(dir, 'report.md'), report + renderFindingsMarkdown(result));
    io.stderr.write(`wrote ${join(dir, 'report.md')}, findings.json, findings.csv and the detection package in ${join(dir, 'package')}\n`);
  }
  const text = format === 'json' ? findingsJson(result) : format === 'csv' ? findingsCsv(result) : renderSummary(result);
  await writeChunks(io, [text]);
  if (result.runs.length && result.runs.every((r) => r.error)) return 2;
  return result.findings.length ? 1 : 0;
};
