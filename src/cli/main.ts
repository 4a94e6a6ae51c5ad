// The CLI entry: command word → command function; usage errors exit 2; a closed stdout pipe is not an error.
import { readFileSync } from 'node:fs';
import type { CliIO, Command } from './io.js';
import { UsageError } from './args.js';
import { queryCommand } from './query-command.js';
import { checkCommand } from './check-command.js';
import { intelCommand } from './intel-command.js';
import { detectCommand } from './detect-command.js';
import { huntCommand } from './hunt-command.js';
import { sampleCommand } from './sample-command.js';
import { KqliteError } from '../kql/text/index.js';

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  query: { run: queryCommand, summary: 'run a KQL query over a workspace of exported logs' },
  check: { run: checkCommand, summary: 'parse and bind .kql files or Sentinel rule YAML against table schemas' },
  intel: { run: intelCommand, summary: 'intel import FILE… / intel show FILE: normalize threat intel into an IOC set' },
  detect: { run: detectCommand, summary: 'generate the detection package (KQL hunts, Sentinel rules, ARM, report) for an IOC set' },
  hunt: { run: huntCommand, summary: 'import intel, generate the hunts and run them over a workspace; report findings' },
  sample: { run: sampleCommand, summary: 'write a synthetic workspace of Sentinel/Defender tables, optionally with planted IOC activity' },
};

export function registerCommand(name: string, run: Command, summary: string): void {
  COMMANDS[name] = { run, summary };
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(8)} ${c.summary}`);
  return `kqlite ${version()} — threat hunting with KQL on your own machine

usage: kqlite <command> [options]

commands:
${lines.join('\n')}

Run 'kqlite <command> --help' for a command's options.
`;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') { io.stdout.write(usage()); return cmd ? 0 : 2; }
  if (cmd === '--version' || cmd === '-V') { io.stdout.write(`kqlite ${version()}\n`); return 0; }
  const c = COMMANDS[cmd];
  if (!c) { io.stderr.write(`kqlite: unknown command '${cmd}'\n\n${usage()}`); return 2; }
  try {
    return await c.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) { io.stderr.write(`kqlite ${cmd}: ${e.message}\n(run 'kqlite ${cmd} --help' for usage)\n`); return 2; }
    if (e instanceof KqliteError) { io.stderr.write(`kqlite ${cmd}: error ${e.code}: ${e.message}\n`); return 2; }
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    throw e;
  }
}

export async function main(argv: string[]): Promise<number> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); });
  const io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env };
  return run(argv, io);
}
