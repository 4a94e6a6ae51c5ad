// Plans every hunt: for each table and flavour, each IOC kind the table can hold, split to fit the size limit.
import type { IocType } from '../intel/model.js';
import { exclusionWhere, type ExclusionScenario } from './exclusions.js';
import { splitToFit } from './hunt-common.js';
import { buildCidrKql, buildIpKql, type CidrItem, type IpItem } from './hunt-ip.js';
import { buildHashKql, buildProcessKql, processNameForFamily } from './hunt-files.js';
import { buildDomainKql, buildUrlKql } from './hunt-names.js';
import type { PreparedIocs, UrlRow } from './ioc-prep.js';
import { tacticsFor, techniquesFor } from './mitre.js';
import type { Flavour, Hunt, HuntKind, Tier } from './model.js';
import { TABLES, TIME_COLUMN, type HashAlgo, type TableSpec } from './table-catalog.js';

export interface PlanInput {
  prepared: PreparedIocs;
  exclusions: ExclusionScenario[];
  flavours: Flavour[];
  maxQueryChars: number;
  rat: boolean;
  /** Short display label for titles, e.g. `Nanocore`. */
  label: string;
}

const TIERS: Record<HuntKind, { tier: Tier; meaning: string }[]> = {
  ip: [
    { tier: 'high', meaning: 'the address matches and so does the port of an ip:port IOC (or the IOC has no port)' },
    { tier: 'medium', meaning: 'the address of an ip:port IOC matches but the port differs or is not logged' },
  ],
  cidr: [{ tier: 'medium', meaning: 'the address lies inside an IOC range' }],
  domain: [
    { tier: 'high', meaning: 'the host name is the IOC domain' },
    { tier: 'medium', meaning: 'the host name is a subdomain of the IOC domain' },
  ],
  url: [
    { tier: 'high', meaning: 'the same URL (host, port, path and query; scheme and fragment ignored)' },
    { tier: 'medium', meaning: "the URL's host, another path" },
    { tier: 'low', meaning: "a subdomain of the URL's host" },
  ],
  hash: [{ tier: 'high', meaning: 'the file hash matches' }],
  process: [
    { tier: 'medium', meaning: 'the process file name is the family executable name' },
    { tier: 'low', meaning: 'only the original file name in the version information matches' },
  ],
};

const WHAT: Record<HuntKind, string> = {
  ip: 'IP addresses', cidr: 'IP ranges', domain: 'domains', url: 'URLs', hash: 'file hashes', process: 'process name',
};

/** What each kind needs from the table, and the chunkable items it hunts for. */
function itemsFor(kind: HuntKind, t: TableSpec, p: PreparedIocs, processNames: string[]): unknown[] {
  switch (kind) {
    case 'ip': return t.ip ? ipItems(p) : [];
    case 'cidr': return t.ip ? [...p.cidr4.map((v4): CidrItem => ({ v4 })), ...p.cidr6.map((v6): CidrItem => ({ v6 }))] : [];
    case 'domain': return t.domain ? p.domains : [];
    case 'url': return t.url ? p.urls : [];
    case 'hash': return t.hash ? (['sha256', 'sha1', 'md5'] as const).flatMap((a) => p.hashes[a].map((v) => ({ a, v }))) : [];
    case 'process': return t.name === 'DeviceProcessEvents' ? processNames : [];
  }
}

function ipItems(p: PreparedIocs): IpItem[] {
  const groups = new Map<string, IpItem>();
  for (const r of p.ipMap) {
    const k = `${r.value} ${r.port}`;
    if (!groups.has(k)) groups.set(k, { map: [] });
    groups.get(k)!.map.push(r);
  }
  return [...p.ipPlain.map((plain): IpItem => ({ plain, map: [] })), ...groups.values()];
}

function build(kind: HuntKind, t: TableSpec, f: Flavour, items: readonly unknown[], excl: string): string {
  switch (kind) {
    case 'ip': return buildIpKql(t, f, items as IpItem[], excl);
    case 'cidr': return buildCidrKql(t, f, items as CidrItem[], excl);
    case 'domain': return buildDomainKql(t, f, items as string[], excl);
    case 'url': return buildUrlKql(t, f, items as UrlRow[], excl);
    case 'hash': {
      const h: Record<HashAlgo, string[]> = { sha256: [], sha1: [], md5: [] };
      for (const { a, v } of items as { a: HashAlgo; v: string }[]) h[a].push(v);
      return buildHashKql(t, f, h, excl);
    }
    case 'process': return buildProcessKql(t, f, items as string[], excl);
  }
}

function iocTypesOf(kind: HuntKind, items: readonly unknown[]): Hunt['iocTypes'] {
  const s = new Set<IocType | 'process-name'>();
  for (const it of items) {
    if (kind === 'ip') { const i = it as IpItem; for (const v of i.plain ? [i.plain] : i.map.map((r) => r.value)) s.add(v.includes(':') ? 'ipv6' : 'ipv4'); }
    else if (kind === 'hash') s.add((it as { a: HashAlgo }).a);
    else s.add(kind === 'process' ? 'process-name' : kind);
  }
  return [...s].sort();
}

const KINDS: readonly HuntKind[] = ['ip', 'cidr', 'domain', 'url', 'hash', 'process'];

export function planHunts(input: PlanInput): { hunts: Hunt[]; notes: string[] } {
  const { prepared: p, flavours } = input;
  const processNames = [...new Set(p.families.map(processNameForFamily).filter((x): x is string => !!x))].sort();
  const hunts: Hunt[] = [];
  const notes: string[] = [];
  for (const kind of KINDS) {
    for (const t of TABLES) {
      const items = itemsFor(kind, t, p, processNames);
      if (items.length === 0) continue;
      for (const f of t.flavours.filter((x) => flavours.includes(x))) {
        const excl = exclusionWhere(input.exclusions, kind, t.name);
        let chunks: { items: readonly unknown[]; kql: string }[];
        try { chunks = splitToFit(items, (c) => build(kind, t, f, c, excl.kql), input.maxQueryChars); }
        catch (e) { notes.push(`${kind} hunt on ${t.name} (${f}) skipped: ${(e as Error).message}`); continue; }
        const techniques = techniquesFor(kind, t.name, input.rat);
        const preview = chunks.length > 1 || items.length > 20 ? build(kind, t, f, items.slice(0, 3), excl.kql) : undefined;
        chunks.forEach((c, i) => {
          const base = `${kind}-${t.name.toLowerCase()}-${f}`;
          const part = { index: i + 1, of: chunks.length };
          const partText = part.of > 1 ? ` (part ${part.index} of ${part.of})` : '';
          hunts.push({
            id: part.of > 1 ? `${base}-part-${part.index}-of-${part.of}` : base,
            title: `${input.label} ${WHAT[kind]} in ${t.name}${partText}`,
            kind, table: t.name, flavour: f, iocTypes: iocTypesOf(kind, c.items), timeColumn: TIME_COLUMN[f], kql: c.kql,
            tiers: TIERS[kind],
            description: describe(kind, t, c.items.length, excl.applied),
            exclusionsApplied: excl.applied,
            matchColumns: matchColumns(kind, t),
            entityColumns: [...t.entities],
            iocCount: c.items.length, part, techniques, tactics: tacticsFor(techniques),
            ...(preview !== undefined && i === 0 ? { preview } : {}),
          });
        });
      }
    }
  }
  return { hunts, notes };
}

function matchColumns(kind: HuntKind, t: TableSpec): string[] {
  const cols = kind === 'ip' || kind === 'cidr' ? t.ip!.map((c) => c.column)
    : kind === 'domain' ? t.domain!.map((c) => c.column)
    : kind === 'url' ? t.url!.map((c) => c.column)
    : kind === 'hash' ? t.hash!.map((c) => c.column)
    : ['FileName', 'ProcessVersionInfoOriginalFileName'];
  return [...new Set(cols)];
}

function describe(kind: HuntKind, t: TableSpec, n: number, applied: string[]): string {
  const cols = matchColumns(kind, t).join(', ');
  const how: Record<HuntKind, string> = {
    ip: 'exact address match after normalising the log value (lower case, IPv4-mapped IPv6 reduced to IPv4; IPv6 IOCs in all three textual spellings); ports compared where the table logs them',
    cidr: 'range membership (ipv4_is_in_range / ipv6_compare with the prefix)',
    domain: 'the host name (lower case, trailing dot removed, host extracted from URLs) equal to the IOC domain or ending in "." + domain; never a substring',
    url: 'the URL normalised (scheme and host lower case, default port and fragment dropped) compared with the IOC URL; its host also matched as a domain',
    hash: 'case-insensitive equality on each hash column',
    process: 'case-insensitive equality of the process file name (or the original file name from version information)',
  };
  const ex = applied.length ? ` False-positive scenarios excluded: ${applied.join(', ')}.` : '';
  return `Looks for ${n} IOC value(s) (${WHAT[kind]}) in ${t.name} (${cols}): ${how[kind]}.${ex}`;
}
