// KQL for file-hash IOCs on every hash column, and for the family's process name with its exclusions.
import { kqlStringArray } from './kql-literal.js';
import { branch, projectLine, unionOf } from './hunt-common.js';
import type { Flavour } from './model.js';
import type { HashAlgo, TableSpec } from './table-catalog.js';

const LIST: Record<HashAlgo, string> = { sha256: 'IocSha256', sha1: 'IocSha1', md5: 'IocMd5' };
const ALGOS: readonly HashAlgo[] = ['sha256', 'sha1', 'md5'];

export function buildHashKql(table: TableSpec, flavour: Flavour, hashes: Record<HashAlgo, readonly string[]>, exclusion: string): string {
  const present = ALGOS.filter((a) => hashes[a].length > 0);
  const branches = table.hash!.flatMap((c) => (c.algo === 'any' ? present : present.filter((a) => a === c.algo)).map((a) =>
    branch(table.name, [`${c.column} in~ (${LIST[a]})`], [`IocType = "${a}"`, `MatchedColumn = "${c.column}"`, `MatchedValue = tostring(${c.column})`])));
  const u = unionOf(branches, 'HashColumn');
  return [
    ...present.map((a) => `let ${LIST[a]} = ${kqlStringArray(hashes[a], 4)};`),
    ...u.lets,
    u.expr,
    ...(exclusion ? [exclusion] : []),
    '| extend IocValue = tolower(MatchedValue), IocPort = "", Tier = "high", FileHashAlgorithm = toupper(IocType)',
    projectLine(table, flavour, ['FileHashAlgorithm']),
  ].join('\n');
}

export function buildProcessKql(table: TableSpec, flavour: Flavour, names: readonly string[], exclusion: string): string {
  return [
    `let IocProcessName = ${kqlStringArray(names)};`,
    table.name,
    '| where FileName in~ (IocProcessName) or ProcessVersionInfoOriginalFileName in~ (IocProcessName)',
    ...(exclusion ? [exclusion] : []),
    '| extend MatchedColumn = iff(FileName in~ (IocProcessName), "FileName", "ProcessVersionInfoOriginalFileName")',
    '| extend MatchedValue = iff(MatchedColumn == "FileName", FileName, ProcessVersionInfoOriginalFileName)',
    '| extend IocType = "process-name", IocValue = tolower(MatchedValue), IocPort = "", Tier = iff(MatchedColumn == "FileName", "medium", "low")',
    projectLine(table, flavour),
  ].join('\n');
}

const GENERIC_WORDS = new Set(['rat', 'trojan', 'stealer', 'loader', 'backdoor', 'malware', 'botnet', 'ransomware', 'banker', 'worm', 'spyware', 'infostealer']);

/** `NanoCore RAT` / `win.nanocore` → `nanocore.exe`; null when nothing name-like remains. */
export function processNameForFamily(family: string): string | null {
  const words = family.toLowerCase().replace(/^(win|elf|osx|apk|jar|js|ps1|vbs|py)\./, '').split(/[^a-z0-9]+/).filter((w) => w && !GENERIC_WORDS.has(w));
  const base = words.join('');
  return base.length >= 3 && base.length <= 64 ? `${base}.exe` : null;
}
