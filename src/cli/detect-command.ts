// `kqlite detect IOCS [--out DIR] ...`: IOC set file → detection package on disk.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { IocSet } from '../intel/model.js';
import {
  buildPackage, ExclusionFileError, loadDefaultExclusions, loadExclusionFile, mergeExclusions, writePackage,
  type ExclusionScenario, type Flavour,
} from '../detect/index.js';
import type { Command } from './io.js';

const USAGE = `usage: kqlite detect IOCS [--out DIR] [--exclusions FILE] [--replace-exclusions] [--include-flagged] [--flavour sentinel|defender|both]
  IOCS                   IOC set JSON written by 'kqlite intel import --out'
  --out DIR              write the package to DIR (default: print the report to stdout)
  --exclusions FILE      add false-positive scenarios from a YAML file (same name replaces a default)
  --replace-exclusions   use only the --exclusions file, not data/exclusions/default.yaml
  --include-flagged      also hunt IOCs flagged by false-positive lists
  --flavour F            sentinel, defender or both (default both)
`;

function usage(io: Parameters<Command>[1], message: string): number {
  io.stderr.write(`kqlite detect: ${message}\n${USAGE}`);
  return 2;
}

export const detectCommand: Command = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        out: { type: 'string' }, exclusions: { type: 'string' }, 'replace-exclusions': { type: 'boolean' },
        'include-flagged': { type: 'boolean' }, flavour: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) { io.stdout.write(USAGE); return 0; }
  if (positionals.length !== 1) return usage(io, positionals.length ? 'exactly one IOC set file expected' : 'missing IOC set file');
  const flavourArg = v.flavour ?? 'both';
  if (!['sentinel', 'defender', 'both'].includes(flavourArg)) return usage(io, `--flavour must be sentinel, defender or both, not '${flavourArg}'`);
  if (v['replace-exclusions'] && !v.exclusions) return usage(io, '--replace-exclusions needs --exclusions FILE');
  const flavours: Flavour[] = flavourArg === 'both' ? ['sentinel', 'defender'] : [flavourArg as Flavour];

  const file = resolve(io.cwd, positionals[0]!);
  let bytes: Buffer;
  let set: IocSet;
  try {
    bytes = await readFile(file);
    set = JSON.parse(bytes.toString('utf8')) as IocSet;
  } catch (e) {
    io.stderr.write(`kqlite detect: ${positionals[0]}: ${(e as Error).message}\n`);
    return 2;
  }
  if (typeof set !== 'object' || set === null || !Array.isArray(set.iocs)) {
    io.stderr.write(`kqlite detect: ${positionals[0]}: not an IOC set (expected {"iocs": [...]})\n`);
    return 2;
  }

  let exclusions: ExclusionScenario[];
  try {
    const extra = v.exclusions ? loadExclusionFile(resolve(io.cwd, v.exclusions)) : [];
    exclusions = v['replace-exclusions'] ? extra : mergeExclusions(loadDefaultExclusions(), extra);
  } catch (e) {
    const lines = e instanceof ExclusionFileError ? e.problems : [(e as Error).message];
    for (const l of lines) io.stderr.write(`kqlite detect: ${l}\n`);
    return 2;
  }

  const pkg = buildPackage(set, {
    exclusions, flavours, includeFlagged: v['include-flagged'] ?? false,
    iocSetName: basename(file), iocSetSha256: createHash('sha256').update(bytes).digest('hex'),
  });
  for (const n of pkg.notes) io.stderr.write(`kqlite detect: note: ${n}\n`);
  if (!v.out) {
    io.stdout.write(pkg.files.find((f) => f.path === 'report.md')!.content);
    return 0;
  }
  try {
    await writePackage(pkg, resolve(io.cwd, v.out));
  } catch (e) {
    io.stderr.write(`kqlite detect: cannot write ${v.out}: ${(e as Error).message}\n`);
    return 2;
  }
  const s = pkg.summary;
  io.stderr.write(`kqlite detect: ${s.huntedIocs} IOCs -> ${pkg.hunts.length} hunts, ${pkg.files.length} files in ${v.out}` +
    `${s.flaggedLeftOut ? ` (${s.flaggedLeftOut} flagged IOCs left out)` : ''}\n`);
  return 0;
};
