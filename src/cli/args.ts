// Flag parsing shared by the commands: node:util parseArgs with one definition per flag and its help text.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { CliIO } from './io.js';

export interface FlagDef {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  help: string;
  arg?: string;
}

export class UsageError extends Error {}

export function parseFlags(argv: string[], defs: Record<string, FlagDef>) {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [k, d] of Object.entries(defs)) {
    options[k] = { type: d.type, ...(d.short ? { short: d.short } : {}), ...(d.multiple ? { multiple: true } : {}) };
  }
  try {
    const r = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: r.values as Record<string, string | boolean | string[] | undefined>, positionals: r.positionals };
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

export function flagHelp(defs: Record<string, FlagDef>): string {
  return Object.entries(defs)
    .map(([k, d]) => {
      const name = `${d.short ? `-${d.short}, ` : '    '}--${k}${d.type === 'string' ? ` ${d.arg ?? 'VALUE'}` : ''}`;
      return `  ${name.padEnd(30)} ${d.help}`;
    })
    .join('\n');
}

/** The column-cache directory: --cache DIR, else $KQLITE_CACHE_DIR, else none (the cache is opt-in: it holds log data). */
export function cacheDirOf(flag: unknown, io: CliIO): string | undefined {
  const dir = typeof flag === 'string' && flag !== '' ? flag : io.env?.['KQLITE_CACHE_DIR'];
  return dir ? resolve(io.cwd, dir) : undefined;
}
