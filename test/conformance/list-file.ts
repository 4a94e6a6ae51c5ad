// The checked-in list files (known failures, differential exceptions): one entry per line, `#` comments.
import { readFileSync } from 'node:fs';

/** The trimmed entry lines of a list file; none when the file does not exist. */
export function readListLines(path: string | URL): string[] {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch { return []; }
  return text.split('\n').map((l) => l.trim()).filter((t) => t && !t.startsWith('#'));
}
