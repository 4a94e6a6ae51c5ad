// False-positive scenarios as data: YAML → validated scenarios → `where not(...)` KQL.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { kqlString } from './kql-literal.js';
import type { HuntKind } from './model.js';

/** Condition keys; values are lists (any value matches), keys within a scenario AND together. */
export const CONDITION_KEYS = [
  'folderPathStartsWith', 'parentProcess', 'grandparentProcess', 'commandLineHasAny', 'companyName',
  'accountName', 'accountDomain', 'host', 'tokenElevation',
] as const;
export type ConditionKey = (typeof CONDITION_KEYS)[number];

export interface ExclusionScenario {
  name: string;
  description: string;
  enabled: boolean;
  appliesTo: HuntKind[];
  when: Partial<Record<ConditionKey, string[]>>;
  /** `file:line` the scenario was read from. */
  origin: string;
}

export class ExclusionFileError extends Error {
  constructor(readonly problems: string[]) { super(problems.join('\n')); this.name = 'ExclusionFileError'; }
}

const HUNT_KINDS: readonly HuntKind[] = ['ip', 'cidr', 'domain', 'url', 'hash', 'process'];
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/;

/** Parses and validates an exclusions YAML text; throws ExclusionFileError listing every problem as file:line:col. */
export function parseExclusions(text: string, file: string): ExclusionScenario[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const where = (n: Node | null | undefined, offset?: number): string => {
    const pos = lc.linePos(offset ?? n?.range?.[0] ?? 0);
    return `${file}:${pos.line}:${pos.col}`;
  };
  const problems: string[] = doc.errors.map((e) => `${where(null, e.pos[0])}: ${e.message.split('\n')[0]}`);
  if (problems.length) throw new ExclusionFileError(problems);
  const root = doc.contents;
  if (!isMap(root)) throw new ExclusionFileError([`${where(root)}: expected a mapping with a 'scenarios' list`]);
  for (const item of root.items) {
    const k = isScalar(item.key) ? String(item.key.value) : '';
    if (k !== 'scenarios') problems.push(`${where(item.key as Node)}: unknown key '${k}' (expected 'scenarios')`);
  }
  const seq = root.get('scenarios', true);
  if (!isSeq(seq)) throw new ExclusionFileError([...problems, `${where(seq ?? root)}: 'scenarios' must be a list`]);
  const out: ExclusionScenario[] = [];
  const names = new Set<string>();
  for (const node of seq.items) {
    const at = where(node as Node);
    if (!isMap(node)) { problems.push(`${at}: a scenario must be a mapping`); continue; }
    const s: ExclusionScenario = { name: '', description: '', enabled: true, appliesTo: ['process'], when: {}, origin: at.replace(/:\d+$/, '') };
    for (const item of node.items) {
      const key = isScalar(item.key) ? String(item.key.value) : '';
      const v = item.value as Node | null;
      const pos = where(v ?? (item.key as Node));
      if (key === 'name' || key === 'description') {
        const str = isScalar(v) && typeof v.value === 'string' ? v.value : null;
        if (str === null) problems.push(`${pos}: '${key}' must be a string`);
        else if (key === 'name' && !NAME_RE.test(str)) problems.push(`${pos}: name must be 1-100 characters of letters, digits, space . _ -`);
        else if (key === 'description' && str.length > 2000) problems.push(`${pos}: description is longer than 2000 characters`);
        else s[key] = str;
      } else if (key === 'enabled') {
        if (isScalar(v) && typeof v.value === 'boolean') s.enabled = v.value;
        else problems.push(`${pos}: 'enabled' must be true or false`);
      } else if (key === 'appliesTo') {
        const list = stringList(v);
        const bad = list?.filter((x) => !(HUNT_KINDS as readonly string[]).includes(x));
        if (!list || list.length === 0 || bad!.length) problems.push(`${pos}: 'appliesTo' must be a non-empty list of ${HUNT_KINDS.join(', ')}`);
        else s.appliesTo = [...new Set(list as HuntKind[])];
      } else if (key === 'when') {
        readWhen(v, s, pos, where, problems);
      } else problems.push(`${where(item.key as Node)}: unknown scenario key '${key}'`);
    }
    if (!s.name) problems.push(`${at}: scenario without a 'name'`);
    else if (names.has(s.name.toLowerCase())) problems.push(`${at}: duplicate scenario name '${s.name}'`);
    names.add(s.name.toLowerCase());
    if (Object.keys(s.when).length === 0) problems.push(`${at}: scenario '${s.name}' has no conditions under 'when'`);
    out.push(s);
  }
  if (problems.length) throw new ExclusionFileError(problems);
  return out;
}

function stringList(v: Node | null): string[] | null {
  if (!isSeq(v)) return null;
  const xs = v.items.map((i) => (isScalar(i) && (typeof i.value === 'string' || typeof i.value === 'number') ? String(i.value) : null));
  return xs.every((x): x is string => x !== null) ? xs : null;
}

function readWhen(v: Node | null, s: ExclusionScenario, pos: string, where: (n: Node) => string, problems: string[]): void {
  if (!isMap(v)) { problems.push(`${pos}: 'when' must be a mapping of conditions`); return; }
  for (const item of v.items) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    const at = where((item.value ?? item.key) as Node);
    if (!(CONDITION_KEYS as readonly string[]).includes(key)) { problems.push(`${where(item.key as Node)}: unknown condition '${key}' (known: ${CONDITION_KEYS.join(', ')})`); continue; }
    const list = stringList(item.value as Node | null);
    if (!list || list.length === 0) problems.push(`${at}: condition '${key}' must be a non-empty list of strings`);
    else if (list.some((x) => x.length === 0 || x.length > 260)) problems.push(`${at}: condition '${key}' has an empty or over-long (>260) value`);
    else s.when[key as ConditionKey] = list;
  }
}

export function loadExclusionFile(path: string): ExclusionScenario[] {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new ExclusionFileError([`${path}: cannot read: ${(e as Error).message}`]); }
  return parseExclusions(text, path);
}

export const DEFAULT_EXCLUSIONS_PATH = fileURLToPath(new URL('../../data/exclusions/default.yaml', import.meta.url));

export function loadDefaultExclusions(): ExclusionScenario[] {
  return loadExclusionFile(DEFAULT_EXCLUSIONS_PATH);
}

/** Defaults plus extra scenarios; an extra scenario with a default's name replaces it. */
export function mergeExclusions(base: ExclusionScenario[], extra: ExclusionScenario[]): ExclusionScenario[] {
  const byName = new Map(base.map((s) => [s.name.toLowerCase(), s] as const));
  for (const s of extra) byName.set(s.name.toLowerCase(), s);
  return [...byName.values()];
}

/** Which column each condition reads: the created process in DeviceProcessEvents, the initiating process elsewhere. */
export function conditionColumns(table: string): Record<ConditionKey, string> | null {
  if (table === 'DeviceProcessEvents') {
    return {
      folderPathStartsWith: 'FolderPath', parentProcess: 'InitiatingProcessFileName', grandparentProcess: 'InitiatingProcessParentFileName',
      commandLineHasAny: 'ProcessCommandLine', companyName: 'ProcessVersionInfoCompanyName', accountName: 'AccountName',
      accountDomain: 'AccountDomain', host: 'DeviceName', tokenElevation: 'ProcessTokenElevation',
    };
  }
  if (!/^Device(Network|File|ImageLoad)?Events$/.test(table)) return null;
  return {
    folderPathStartsWith: 'InitiatingProcessFolderPath', parentProcess: 'InitiatingProcessParentFileName', grandparentProcess: '',
    commandLineHasAny: 'InitiatingProcessCommandLine', companyName: 'InitiatingProcessVersionInfoCompanyName',
    accountName: 'InitiatingProcessAccountName', accountDomain: 'InitiatingProcessAccountDomain', host: 'DeviceName',
    tokenElevation: table === 'DeviceEvents' ? '' : 'InitiatingProcessTokenElevation',
  };
}

/** One scenario → a parenthesized KQL predicate that is true for the benign rows; null when the table lacks a column. */
export function compileScenario(s: ExclusionScenario, table: string): string | null {
  const cols = conditionColumns(table);
  if (!cols) return null;
  const parts: string[] = [];
  for (const key of CONDITION_KEYS) {
    const values = s.when[key];
    if (!values) continue;
    const col = cols[key];
    if (!col) return null;
    const list = values.map(kqlString).join(', ');
    if (key === 'folderPathStartsWith') parts.push(values.length === 1 ? `${col} startswith ${list}` : `(${values.map((v) => `${col} startswith ${kqlString(v)}`).join(' or ')})`);
    else if (key === 'commandLineHasAny') parts.push(`${col} has_any (${list})`);
    else parts.push(`${col} in~ (${list})`);
  }
  return parts.length ? `(${parts.join(' and ')})` : null;
}

/** The `| where not(...)` line for the enabled scenarios that apply; '' when none. */
export function exclusionWhere(scenarios: ExclusionScenario[], kind: HuntKind, table: string): { kql: string; applied: string[] } {
  const preds: string[] = [];
  const applied: string[] = [];
  for (const s of scenarios) {
    if (!s.enabled || !s.appliesTo.includes(kind)) continue;
    const p = compileScenario(s, table);
    if (p) { preds.push(p); applied.push(s.name); }
  }
  if (!preds.length) return { kql: '', applied };
  return { kql: `| where not(\n    ${preds.join('\n    or ')}\n  )`, applied };
}
