// The main job: import intel → build the detection package → run every hunt over the workspace with kqlite's
// engine (exclusions are compiled into the KQL, so they apply locally exactly as in Sentinel) → findings.
import { basename } from 'node:path';
import { importIntel, type ImportOptions, type ImportStats, type IocSet } from '../intel/index.js';
import {
  buildPackage, loadDefaultExclusions, loadExclusionFile, mergeExclusions, type DetectionPackage, type Hunt, type Tier,
} from '../detect/index.js';
import { openWorkspace, type Workspace } from './workspace.js';
import { parseDatetime, formatDatetime } from '../kql/types/index.js';
import type { FileReport } from '../data/index.js';
import { KqliteError } from '../kql/text/index.js';

export interface Finding {
  ioc: { type: string; value: string; port?: number };
  table: string;
  hunt: string;
  tier: Tier;
  time: string;
  matched: { column: string; value: string }[];
  host: string;
  account: string;
  evidence: Record<string, unknown>;
}

export interface HuntRun {
  id: string;
  table: string;
  flavour: string;
  rows: number;
  ms: number;
  error?: string;
}

export interface HuntOptions {
  intel: string[];
  data: string[];
  since?: string;
  until?: string;
  includeFlagged?: boolean;
  exclusions?: string;
  replaceExclusions?: boolean;
  importOptions?: ImportOptions;
  strict?: boolean;
  /** On-disk column cache directory (LoadOptions.cacheDir). */
  cacheDir?: string;
  onProgress?: (msg: string) => void;
  cwd?: string;
}

export interface HuntResult {
  iocs: IocSet & { stats: ImportStats };
  pkg: DetectionPackage;
  findings: Finding[];
  runs: HuntRun[];
  /** Tables with data, and the tables the hunts wanted that the workspace lacks. */
  tablesScanned: { table: string; rows: number }[];
  tablesMissing: string[];
  readerReports: FileReport[];
  window: { since?: string; until?: string; dataFrom?: string; dataTo?: string };
}

const TIER_RANK: Record<Tier, number> = { high: 3, medium: 2, low: 1 };
/** Where the affected host is, per table (a firewall's own name in DeviceName/Computer is the log source, not the host). */
const HOST_COLUMNS_BY_TABLE: Record<string, string[]> = {
  CommonSecurityLog: ['SourceHostName', 'SourceIP'],
  // sign-ins have no host of ours: the IP is the (attacker's) client; the account is the entity
  SigninLogs: [],
  AADNonInteractiveUserSignInLogs: [],
  AZFWNetworkRule: ['SourceIp'], AZFWApplicationRule: ['SourceIp'], AZFWDnsQuery: ['SourceIp'],
};
const HOST_COLUMNS = ['DeviceName', 'Computer', 'SourceHostName', 'Hostname', 'ComputerName', 'ClientIP'];
const ACCOUNT_COLUMNS = ['AccountName', 'InitiatingProcessAccountName', 'UserPrincipalName', 'SourceUserName', 'DestinationUserName', 'Account', 'RecipientEmailAddress'];
const CONTRACT = new Set(['IocType', 'IocValue', 'IocPort', 'Tier', 'MatchedColumn', 'MatchedValue', 'FileHashAlgorithm']);

/** Picks one flavour per table: the Defender flavour for Defender tables (native Timestamp), else Sentinel. */
export function huntsToRun(pkg: DetectionPackage, present: Set<string>): { run: Hunt[]; missing: string[] } {
  const byTable = new Map<string, Hunt[]>();
  for (const h of pkg.hunts) byTable.set(h.table, [...(byTable.get(h.table) ?? []), h]);
  const run: Hunt[] = [];
  const missing: string[] = [];
  for (const [table, hunts] of byTable) {
    if (!present.has(table)) { missing.push(table); continue; }
    const flavours = new Set(hunts.map((h) => h.flavour));
    const pick = flavours.has('defender') ? 'defender' : 'sentinel';
    run.push(...hunts.filter((h) => h.flavour === pick));
  }
  return { run, missing: missing.sort() };
}

function str(v: unknown): string {
  return v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
}

export async function runHunt(opts: HuntOptions): Promise<HuntResult> {
  const iocs = await importIntel(opts.intel, { ...(opts.importOptions ?? {}), ...(opts.cwd ? { cwd: opts.cwd } : {}) });
  let exclusions = loadDefaultExclusions();
  if (opts.exclusions) {
    const extra = loadExclusionFile(opts.exclusions);
    exclusions = opts.replaceExclusions ? extra : mergeExclusions(exclusions, extra);
  }
  // one query per table and IOC kind locally: no need to split for Sentinel's query-length limit
  const iocSetName = opts.intel.map((f) => basename(f)).join(', ');
  const pkg = buildPackage(iocs, { exclusions, includeFlagged: Boolean(opts.includeFlagged), maxQueryChars: 50_000_000, iocSetName });
  const ws = await openWorkspace(opts.data, {
    ...(opts.strict ? { strict: true } : {}), ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const present = new Set(ws.dataTables());
  const { run, missing } = huntsToRun(pkg, present);
  const since = opts.since ? parseDatetime(opts.since) : null;
  const until = opts.until ? parseDatetime(opts.until) : null;
  if (opts.since && since === null) throw new KqliteError('KQL3020', `--since: cannot read '${opts.since}' as a date`);
  if (opts.until && until === null) throw new KqliteError('KQL3020', `--until: cannot read '${opts.until}' as a date`);

  const found = new Map<string, Finding>();
  const runs: HuntRun[] = [];
  let k = 0;
  for (const h of run) {
    k++;
    opts.onProgress?.(`hunt ${k}/${run.length}: ${h.id}`);
    const t0 = Date.now();
    let out;
    try {
      out = await ws.queryTable(h.kql);
    } catch (e) {
      const msg = e instanceof KqliteError ? `${e.code} ${e.message}` : (e as Error).message;
      runs.push({ id: h.id, table: h.table, flavour: h.flavour, rows: 0, ms: Date.now() - t0, error: msg });
      continue;
    }
    const t = out.table;
    const col = (n: string) => t.column(n);
    const timeCol = col(h.timeColumn);
    let rows = 0;
    for (let i = 0; i < t.rowCount; i++) {
      const ticks = timeCol?.values[i] as bigint | null | undefined;
      if (since !== null && (ticks === null || ticks === undefined || ticks < since)) continue;
      if (until !== null && (ticks === null || ticks === undefined || ticks > until)) continue;
      rows++;
      const get = (n: string) => col(n)?.values[i];
      const evidence: Record<string, unknown> = {};
      for (const c of t.columns) {
        if (CONTRACT.has(c.name)) continue;
        const v = c.values[i];
        if (v === null || v === undefined || v === '') continue;
        evidence[c.name] = typeof v === 'bigint' ? (c.type === 'datetime' ? formatDatetime(v) : Number(v)) : v;
      }
      const portText = str(get('IocPort'));
      const ioc = { type: str(get('IocType')), value: str(get('IocValue')), ...(portText ? { port: Number(portText) } : {}) };
      const tier = (str(get('Tier')) || 'low') as Tier;
      const time = ticks === null || ticks === undefined ? '' : formatDatetime(ticks);
      let hostCols = HOST_COLUMNS_BY_TABLE[h.table] ?? HOST_COLUMNS;
      // inbound firewall traffic: the internal side is the destination
      if (h.table === 'CommonSecurityLog' && str(get('MatchedColumn')) === 'SourceIP') hostCols = ['DestinationHostName', 'DestinationIP'];
      const host = hostCols.map((c) => str(evidence[c])).find((x) => x) ?? '';
      const account = ACCOUNT_COLUMNS.map((c) => str(evidence[c])).find((x) => x) ?? '';
      const key = `${ioc.type}\u0001${ioc.value}\u0001${ioc.port ?? ''}\u0001${h.table}\u0001${JSON.stringify(evidence)}`;
      const matched = { column: str(get('MatchedColumn')), value: str(get('MatchedValue')) };
      const prev = found.get(key);
      if (prev) {
        if (!prev.matched.some((m) => m.column === matched.column && m.value === matched.value)) prev.matched.push(matched);
        if (TIER_RANK[tier] > TIER_RANK[prev.tier]) { prev.tier = tier; prev.hunt = h.id; }
        continue;
      }
      found.set(key, { ioc, table: h.table, hunt: h.id, tier, time, matched: [matched], host, account, evidence });
    }
    runs.push({ id: h.id, table: h.table, flavour: h.flavour, rows, ms: Date.now() - t0 });
  }
  const findings = [...found.values()].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.table.localeCompare(b.table) || a.ioc.value.localeCompare(b.ioc.value)));
  const readerReports = ws.reports();
  const rowsByTable = new Map<string, number>();
  for (const r of readerReports) for (const [tname, n] of Object.entries(r.loadedByTable)) rowsByTable.set(tname, (rowsByTable.get(tname) ?? 0) + n);
  const tablesScanned = [...present].sort().filter((tname) => run.some((h) => h.table === tname)).map((tname) => ({ table: tname, rows: rowsByTable.get(tname) ?? 0 }));
  const window = await dataWindow(ws, tablesScanned.map((x) => x.table));
  return {
    iocs, pkg, findings, runs, tablesScanned, tablesMissing: missing, readerReports,
    window: { ...(opts.since ? { since: opts.since } : {}), ...(opts.until ? { until: opts.until } : {}), ...window },
  };
}

/** Earliest and latest event time over the scanned tables (the default hunt window is all the data). */
async function dataWindow(ws: Workspace, tables: string[]): Promise<{ dataFrom?: string; dataTo?: string }> {
  let lo: bigint | undefined, hi: bigint | undefined;
  for (const t of tables) {
    const schema = ws.tableSchema(t) ?? [];
    const tc = schema.some((c) => c.name === 'TimeGenerated') ? 'TimeGenerated' : schema.some((c) => c.name === 'Timestamp') ? 'Timestamp' : undefined;
    if (!tc) continue;
    try {
      const r = await ws.queryTable(`${bracket(t)} | summarize min(${tc}), max(${tc})`);
      const a = r.table.columns[0]!.values[0] as bigint | null, b = r.table.columns[1]!.values[0] as bigint | null;
      if (a !== null && (lo === undefined || a < lo)) lo = a;
      if (b !== null && (hi === undefined || b > hi)) hi = b;
    } catch {
      // a table whose time column cannot be summarized does not change the window
    }
  }
  return { ...(lo !== undefined ? { dataFrom: formatDatetime(lo) } : {}), ...(hi !== undefined ? { dataTo: formatDatetime(hi) } : {}) };
}

function bracket(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `['${name.replace(/'/g, "\\'")}']`;
}
