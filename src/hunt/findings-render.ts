// Rendering hunt results: the terminal summary, findings JSON/CSV, and the findings section of report.md.
import type { Finding, HuntResult } from './run-hunts.js';

export interface IocSummary {
  ioc: Finding['ioc'];
  hits: number;
  firstSeen: string;
  lastSeen: string;
  hosts: string[];
  accounts: string[];
  tables: string[];
  topTier: Finding['tier'];
}

const RANK = { high: 3, medium: 2, low: 1 } as const;

export function iocLabel(i: Finding['ioc']): string {
  return i.port !== undefined ? `${i.value}:${i.port}` : i.value;
}

export function summarizeByIoc(findings: Finding[]): IocSummary[] {
  const m = new Map<string, IocSummary>();
  for (const f of findings) {
    const k = `${f.ioc.type}\u0001${f.ioc.value}\u0001${f.ioc.port ?? ''}`;
    let s = m.get(k);
    if (!s) { s = { ioc: f.ioc, hits: 0, firstSeen: f.time, lastSeen: f.time, hosts: [], accounts: [], tables: [], topTier: f.tier }; m.set(k, s); }
    s.hits++;
    if (f.time && (!s.firstSeen || f.time < s.firstSeen)) s.firstSeen = f.time;
    if (f.time > s.lastSeen) s.lastSeen = f.time;
    if (f.host && !s.hosts.includes(f.host)) s.hosts.push(f.host);
    if (f.account && !s.accounts.includes(f.account)) s.accounts.push(f.account);
    if (!s.tables.includes(f.table)) s.tables.push(f.table);
    if (RANK[f.tier] > RANK[s.topTier]) s.topTier = f.tier;
  }
  return [...m.values()].sort((a, b) => RANK[b.topTier] - RANK[a.topTier] || b.hits - a.hits || iocLabel(a.ioc).localeCompare(iocLabel(b.ioc)));
}

export function summarizeByHost(findings: Finding[]): { host: string; hits: number; iocs: string[]; first: string; last: string }[] {
  const m = new Map<string, { host: string; hits: number; iocs: string[]; first: string; last: string }>();
  for (const f of findings) {
    const h = f.host || '(no host)';
    let s = m.get(h);
    if (!s) { s = { host: h, hits: 0, iocs: [], first: f.time, last: f.time }; m.set(h, s); }
    s.hits++;
    const l = iocLabel(f.ioc);
    if (!s.iocs.includes(l)) s.iocs.push(l);
    if (f.time < s.first) s.first = f.time;
    if (f.time > s.last) s.last = f.time;
  }
  return [...m.values()].sort((a, b) => b.hits - a.hits || a.host.localeCompare(b.host));
}

function shortTime(t: string): string {
  return t ? t.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, '') : '-';
}

function cut(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (r: string[]) => r.map((c, j) => c.padEnd(w[j]!)).join('  ').trimEnd();
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

/** The readable stdout summary. */
export function renderSummary(r: HuntResult): string {
  const out: string[] = [];
  const iocsHunted = r.pkg.summary.huntedIocs;
  const win = r.window;
  out.push(`kqlite hunt: ${iocsHunted} IOC(s) hunted in ${r.tablesScanned.length} table(s), ${r.runs.length} hunt(s) run`);
  out.push(`time window: ${win.since || win.until ? `${win.since ?? 'start'} .. ${win.until ?? 'end'}` : 'all data in the workspace'}${win.dataFrom ? ` (data from ${shortTime(win.dataFrom)} to ${shortTime(win.dataTo ?? '')})` : ''}`);
  if (r.pkg.summary.flaggedLeftOut) out.push(`left out: ${r.pkg.summary.flaggedLeftOut} IOC(s) flagged by false-positive lists (use --include-flagged to hunt them)`);
  if (!r.findings.length) {
    out.push('', 'No findings: none of the IOCs appears in the workspace.');
    return out.join('\n') + '\n';
  }
  const by = summarizeByIoc(r.findings);
  out.push('', `FINDINGS: ${r.findings.length} matching event(s) for ${by.length} IOC(s)`, '');
  out.push(table(['IOC', 'type', 'tier', 'hits', 'first seen', 'last seen', 'hosts', 'accounts'],
    by.map((s) => [cut(iocLabel(s.ioc), 48), s.ioc.type, s.topTier, String(s.hits), shortTime(s.firstSeen), shortTime(s.lastSeen), cut(s.hosts.join(', ') || '-', 48), cut(s.accounts.join(', ') || '-', 32)])));
  out.push('', 'Timeline:', '');
  out.push(table(['time (UTC)', 'tier', 'IOC', 'table', 'matched', 'host', 'account'],
    r.findings.map((f) => [shortTime(f.time), f.tier, cut(iocLabel(f.ioc), 40), f.table, cut(f.matched.map((m) => `${m.column}=${m.value}`).join('; '), 60), cut(f.host || '-', 36), cut(f.account || '-', 24)])));
  return out.join('\n') + '\n';
}

export function findingsJson(r: HuntResult): string {
  return JSON.stringify({
    findings: r.findings,
    summary: {
      iocs: summarizeByIoc(r.findings),
      hosts: summarizeByHost(r.findings),
      huntsRun: r.runs.length,
      tablesScanned: r.tablesScanned,
      tablesMissing: r.tablesMissing,
      iocsHunted: r.pkg.summary.huntedIocs,
      iocsFlaggedLeftOut: r.pkg.summary.flaggedLeftOut,
      window: r.window,
    },
  }, null, 2) + '\n';
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function findingsCsv(r: HuntResult): string {
  const head = ['time', 'tier', 'ioc_type', 'ioc', 'port', 'table', 'hunt', 'matched_column', 'matched_value', 'host', 'account', 'evidence'];
  const lines = [head.join(',')];
  for (const f of r.findings) {
    lines.push([f.time, f.tier, f.ioc.type, f.ioc.value, f.ioc.port === undefined ? '' : String(f.ioc.port), f.table, f.hunt,
      f.matched.map((m) => m.column).join(';'), f.matched.map((m) => m.value).join(';'), f.host, f.account, JSON.stringify(f.evidence)].map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Defangs an IOC for the report so it cannot be clicked. */
function defang(s: string): string {
  return s.replace(/^http/i, 'hxxp').replace(/\./g, '[.]');
}

/** The findings section appended to the detection write-up. */
export function renderFindingsMarkdown(r: HuntResult): string {
  const out: string[] = ['', '---', '', '# Hunt findings', ''];
  const win = r.window;
  out.push(`- Window: ${win.since || win.until ? `${win.since ?? 'start'} .. ${win.until ?? 'end'}` : 'all data in the workspace'}${win.dataFrom ? ` (data from ${win.dataFrom} to ${win.dataTo})` : ''}`);
  out.push(`- Tables scanned: ${r.tablesScanned.map((t) => `${t.table} (${t.rows} rows)`).join(', ') || 'none'}`);
  if (r.tablesMissing.length) out.push(`- Tables the hunts cover that this workspace has no data for: ${r.tablesMissing.join(', ')}`);
  out.push(`- Hunts run: ${r.runs.length}${r.runs.some((x) => x.error) ? ` (${r.runs.filter((x) => x.error).length} failed, listed below)` : ''}`);
  const rejected = r.readerReports.reduce((s, x) => s + x.rejected, 0);
  if (rejected) out.push(`- Log lines the readers could not read: ${rejected} (see the load report on stderr)`);
  out.push('');
  if (!r.findings.length) {
    out.push('**No findings.** None of the hunted IOCs appears in the scanned tables for this window.', '');
    return out.join('\n');
  }
  const by = summarizeByIoc(r.findings);
  out.push(`**${r.findings.length} matching event(s) for ${by.length} IOC(s) on ${summarizeByHost(r.findings).length} host(s).**`, '');
  out.push('## By IOC', '', '| IOC (defanged) | type | tier | hits | first seen | last seen | hosts | accounts |', '|---|---|---|---|---|---|---|---|');
  for (const s of by) out.push(`| ${mdCell(defang(iocLabel(s.ioc)))} | ${s.ioc.type} | ${s.topTier} | ${s.hits} | ${s.firstSeen} | ${s.lastSeen} | ${mdCell(s.hosts.join(', '))} | ${mdCell(s.accounts.join(', '))} |`);
  out.push('', '## Affected hosts', '', '| host | hits | IOCs | first | last |', '|---|---|---|---|---|');
  for (const h of summarizeByHost(r.findings)) out.push(`| ${mdCell(h.host)} | ${h.hits} | ${mdCell(h.iocs.map(defang).join(', '))} | ${h.first} | ${h.last} |`);
  out.push('', '## Timeline', '', '| time (UTC) | tier | IOC | table | matched | host | account | hunt |', '|---|---|---|---|---|---|---|---|');
  for (const f of r.findings) out.push(`| ${f.time} | ${f.tier} | ${mdCell(defang(iocLabel(f.ioc)))} | ${f.table} | ${mdCell(f.matched.map((m) => `${m.column} = ${defang(m.value)}`).join('; '))} | ${mdCell(f.host)} | ${mdCell(f.account)} | \`${f.hunt}\` |`);
  out.push('', '## Evidence', '');
  const shown = r.findings.slice(0, 200);
  for (const f of shown) {
    out.push(`### ${f.time} — ${f.table} — ${defang(iocLabel(f.ioc))} (${f.tier})`, '', '```json', JSON.stringify(f.evidence, null, 2), '```', '');
  }
  if (r.findings.length > shown.length) out.push(`(${r.findings.length - shown.length} more findings in findings.json)`, '');
  out.push('## Queries that found the hits', '');
  const used = new Set(r.findings.map((f) => f.hunt));
  for (const h of r.pkg.hunts.filter((x) => used.has(x.id))) {
    out.push(`### ${h.title} (\`${h.id}\`)`, '', '```kusto', h.preview ?? h.kql, '```', '');
  }
  const failed = r.runs.filter((x) => x.error);
  if (failed.length) {
    out.push('## Hunts that could not run', '');
    for (const f of failed) out.push(`- \`${f.id}\`: ${f.error}`);
    out.push('');
  }
  out.push('## Next steps', '',
    '1. Treat every **high** tier hit as a confirmed contact with attacker infrastructure: isolate the affected hosts (Defender: *Isolate device*) and preserve evidence before cleanup.',
    '2. On each affected host, review the process tree around the first-seen time (DeviceProcessEvents, parent and command line) and look for persistence (scheduled tasks, Run keys, services).',
    '3. Reset the credentials of the accounts listed above, revoke their sessions, and review their sign-ins since the first-seen time.',
    '4. Block the IOCs at the firewall/proxy and add them to Defender indicators; deploy the analytics rules in `sentinel/` so that new hits alert.',
    '5. Check **medium**/**low** tier hits (IP without the port, host only) for benign explanations before escalating; record false positives as exclusions (`--exclusions FILE`).',
    '');
  return out.join('\n');
}
