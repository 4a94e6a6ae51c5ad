// kqlite sample --out DIR [--rows N] [--seed N] [--plant IOCS] — a deterministic synthetic workspace.
import { resolve } from 'node:path';
import { writeSample } from '../hunt/sample/generate.js';
import { importIntel } from '../intel/index.js';
import type { Command } from './io.js';
import { flagHelp, parseFlags, UsageError, type FlagDef } from './args.js';

const FLAGS: Record<string, FlagDef> = {
  out: { type: 'string', short: 'o', arg: 'DIR', help: 'directory to write the tables and sample-manifest.json to' },
  rows: { type: 'string', arg: 'N', help: 'background rows over all tables (default 10000)' },
  seed: { type: 'string', arg: 'N', help: 'random seed (default 42); the same seed gives the same bytes' },
  plant: { type: 'string', multiple: true, arg: 'IOCS', help: 'intel or IOC-set file whose IOCs get planted hits and decoys (repeatable)' },
  end: { type: 'string', arg: 'DATE', help: 'end of the time window (default 2026-05-24T00:00:00Z)' },
  days: { type: 'string', arg: 'N', help: 'length of the time window in days (default 7)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

export const SAMPLE_USAGE = `usage: kqlite sample --out DIR [--rows N] [--seed N] [--plant IOCS]

Writes CommonSecurityLog, DeviceNetworkEvents, DnsEvents, DeviceProcessEvents, DeviceFileEvents and SigninLogs as
NDJSON with realistic values. --plant adds true hits for each IOC in every table where it can appear and near-miss
decoys that a correct hunt must not report; sample-manifest.json lists them.

${flagHelp(FLAGS)}
`;

function int(v: unknown, flag: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} needs an integer >= ${min}, got '${String(v)}'`);
  return n;
}

export const sampleCommand: Command = async (argv, io) => {
  const { values } = parseFlags(argv, FLAGS);
  if (values.help) { io.stdout.write(SAMPLE_USAGE); return 0; }
  if (!values.out) throw new UsageError('--out DIR is required');
  const plant = (values.plant as string[] | undefined) ?? [];
  const set = plant.length ? await importIntel(plant.map((f) => resolve(io.cwd, f))) : undefined;
  const iocs = set ? set.iocs.filter((i) => !i.warnings?.length) : [];
  const families = [...new Set(iocs.map((i) => i.family).filter((f): f is string => Boolean(f)))];
  const rows = int(values.rows, 'rows', 0);
  const seed = int(values.seed, 'seed', 0);
  const days = int(values.days, 'days', 1);
  const t0 = Date.now();
  const m = await writeSample(resolve(io.cwd, String(values.out)), {
    ...(rows !== undefined ? { rows } : {}), ...(seed !== undefined ? { seed } : {}), ...(days !== undefined ? { days } : {}),
    ...(values.end ? { end: String(values.end) } : {}), iocs, families,
  });
  const total = Object.values(m.tables).reduce((s, t) => s + t.rows, 0);
  io.stderr.write(`wrote ${total} rows in ${Object.keys(m.tables).length} tables (${((Date.now() - t0) / 1000).toFixed(1)} s); planted ${m.planted.filter((p) => p.kind === 'hit').length} hits and ${m.planted.filter((p) => p.kind === 'decoy').length} decoys\n`);
  return 0;
};
