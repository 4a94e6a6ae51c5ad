// kqlite check FILE… — parse and bind .kql files or the `query:` of Sentinel YAML rules against table schemas.
import { readFile } from 'node:fs/promises';
import { resolve, relative } from 'node:path';
import { parseDocument, isScalar } from 'yaml';
import { openWorkspace } from '../hunt/workspace.js';
import { SourceText, type Diagnostic } from '../kql/text/index.js';
import type { Command } from './io.js';
import { flagHelp, parseFlags, UsageError, type FlagDef } from './args.js';

const FLAGS: Record<string, FlagDef> = {
  data: { type: 'string', short: 'd', multiple: true, arg: 'DIR', help: 'also bind against this workspace\'s tables (repeatable)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

export const CHECK_USAGE = `usage: kqlite check FILE...

Parses and binds KQL (.kql files, or the query: of Sentinel analytics-rule / hunting-query YAML) against the
built-in Sentinel and Defender table schemas. Prints file:line:col: severity CODE message; exit 1 on errors.

${flagHelp(FLAGS)}
`;

interface QueryInFile { text: string; /** file line/col of the query's (line, col) */ map(line: number, col: number): { line: number; col: number } }

function queriesOf(file: string, content: string): QueryInFile[] | string {
  if (!/\.ya?ml$/i.test(file)) return [{ text: content, map: (line, col) => ({ line, col }) }];
  const doc = parseDocument(content);
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    return `invalid YAML: ${e.message.split('\n')[0]}`;
  }
  const node = doc.get('query', true);
  if (!node || !isScalar(node) || typeof node.value !== 'string') return 'no query: field in this YAML file';
  const src = new SourceText(content);
  const start = node.range?.[0] ?? 0;
  const at = src.position(start);
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const firstLine = at.line + 1;
    const indent = /^\s*/.exec(src.lineText(firstLine))![0].length;
    return [{ text: node.value, map: (line, col) => ({ line: firstLine + line - 1, col: col + indent }) }];
  }
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
  return [{ text: node.value, map: (line, col) => ({ line: at.line + line - 1, col: line === 1 ? at.col + quoted + col - 1 : col }) }];
}

export const checkCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, FLAGS);
  if (values.help) { io.stdout.write(CHECK_USAGE); return 0; }
  if (!positionals.length) throw new UsageError('check needs at least one file');
  const ws = await openWorkspace(((values.data as string[] | undefined) ?? []).map((d) => resolve(io.cwd, d)));
  let errors = 0, warnings = 0, checked = 0;
  for (const f of positionals) {
    const path = resolve(io.cwd, f);
    const shown = relative(io.cwd, path) || f;
    let content: string;
    try { content = await readFile(path, 'utf8'); } catch (e) {
      io.stderr.write(`${shown}: error: cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
      errors++; continue;
    }
    const qs = queriesOf(path, content);
    if (typeof qs === 'string') { io.stdout.write(`${shown}:1:1: error KQL0001 ${qs}\n`); errors++; continue; }
    for (const q of qs) {
      checked++;
      const ds: Diagnostic[] = ws.analyze(q.text);
      const src = new SourceText(q.text);
      for (const d of ds) {
        const p = src.position(d.span.start);
        const m = q.map(p.line, p.col);
        io.stdout.write(`${shown}:${m.line}:${m.col}: ${d.severity} ${d.code} ${d.message}\n`);
        if (d.severity === 'error') errors++; else warnings++;
      }
    }
  }
  io.stderr.write(`checked ${checked} quer${checked === 1 ? 'y' : 'ies'}: ${errors} error(s), ${warnings} warning(s)\n`);
  return errors ? 1 : 0;
};
