// KQL for IP IOCs (exact, with ip:port tiers) and CIDR IOCs on every IP column of a table.
import { kqlStringArray, kqlStringDatatable } from './kql-literal.js';
import type { IpMapRow, Cidr6Row } from './ioc-prep.js';
import { branch, projectLine, unionOf } from './hunt-common.js';
import type { Flavour } from './model.js';
import type { TableSpec } from './table-catalog.js';

/** One IOC's contribution: a plain IPv4 value, or rows of the spelling→IOC map (ports, IPv6 spellings). */
export interface IpItem { plain?: string; map: IpMapRow[] }

const NORMALISE = [
  '| extend _ip = tolower(trim(@"\\s+", MatchedValue))',
  '| extend _mapped = extract(@"^::ffff:(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})$", 1, _ip)',
  '| extend _ip = iff(isnotempty(_mapped), _mapped, _ip)',
];

/** `let Candidates = ...;` — one row per (event, IP column value), normalised into `_ip`, port text in `_port`. */
function candidates(table: TableSpec, prefilter: (col: string) => string | null): string[] {
  const branches = table.ip!.map((c) => {
    const filters = [c.where, prefilter(c.column)].filter((x): x is string => !!x);
    const port = c.portColumn ? `tostring(${c.portColumn})` : '""';
    const matched = [`MatchedColumn = "${c.column}"`, `MatchedValue = tostring(${c.column})`, `_port = ${port}`];
    if (!c.list) return branch(table.name, filters, matched);
    // comma-separated list (DnsEvents.IPAddresses): one candidate per element, whole values only
    return branch(table.name, filters, [`_v = split(${c.column}, ",")`], ['| mv-expand _v', `| extend ${matched.join(', ').replace(`tostring(${c.column})`, 'tostring(_v)')}`]);
  });
  const u = unionOf(branches, 'IpColumn');
  return [...u.lets, `let Candidates = ${u.expr}\n${NORMALISE.join('\n')};`];
}

/** The hit arms as `let`s plus one expression over them. */
function arms(list: [string, string][]): string[] {
  if (list.length === 1) return [list[0]![1]];
  return [...list.map(([n, q]) => `let ${n} = ${q};`), `union ${list.map(([n]) => n).join(', ')}`];
}

export function buildIpKql(table: TableSpec, flavour: Flavour, items: readonly IpItem[], exclusion: string): string {
  const plain = items.map((i) => i.plain).filter((x): x is string => !!x);
  const map = items.flatMap((i) => i.map);
  const keys = [...new Set(map.map((r) => r.key))].sort();
  const lets: string[] = [];
  if (plain.length) lets.push(`let IocIp = ${kqlStringArray(plain)};`);
  if (map.length) {
    lets.push(`let IocIpMap = ${kqlStringDatatable(['_ip', 'IocValue', 'IocPort'], map.map((r) => [r.key, r.value, r.port]))};`);
    lets.push(`let IocIpKeys = ${kqlStringArray(keys)};`);
  }
  const lists = [...(plain.length ? ['IocIp'] : []), ...(map.length ? ['IocIpKeys'] : [])];
  lets.push(...candidates(table, (col) => lists.map((l) => `${col} has_any (${l})`).join(' or ')));
  const hits: [string, string][] = [];
  if (plain.length) hits.push(['PlainHits', 'Candidates | where _ip in (IocIp) | extend IocValue = _ip, IocPort = "", Tier = "high"']);
  if (map.length) hits.push(['MappedHits', 'Candidates | join kind=inner (IocIpMap) on _ip | extend Tier = iff(IocPort == "" or _port == IocPort, "high", "medium")']);
  return [
    ...lets,
    ...arms(hits),
    ...(exclusion ? [exclusion] : []),
    '| extend IocType = iff(IocValue contains ":", "ipv6", "ipv4")',
    projectLine(table, flavour),
  ].join('\n');
}

/** One CIDR IOC: an IPv4 range text, or an IPv6 network + prefix. */
export interface CidrItem { v4?: string; v6?: Cidr6Row }

export function buildCidrKql(table: TableSpec, flavour: Flavour, items: readonly CidrItem[], exclusion: string): string {
  const v4 = items.map((i) => i.v4).filter((x): x is string => !!x);
  const v6 = items.map((i) => i.v6).filter((x): x is Cidr6Row => !!x);
  const lets: string[] = [];
  if (v4.length) lets.push(`let IocCidr4 = ${kqlStringArray(v4)};`, `let IocCidr4Table = ${kqlStringDatatable(['IocValue'], v4.map((v) => [v]))};`);
  if (v6.length) lets.push(`let IocCidr6 = ${kqlStringDatatable(['IocValue', '_net', '_prefix'], v6.map((r) => [r.value, r.net, r.prefix]))};`);
  lets.push(...candidates(table, (col) => `isnotempty(${col})`));
  const hits: [string, string][] = [];
  if (v4.length) hits.push(['V4Hits', 'Candidates | where ipv4_is_in_any_range(_ip, IocCidr4) | extend _k = 1 | join kind=inner (IocCidr4Table | extend _k = 1) on _k | where ipv4_is_in_range(_ip, IocValue)']);
  if (v6.length) hits.push(['V6Hits', 'Candidates | where _ip contains ":" | extend _k = 1 | join kind=inner (IocCidr6 | extend _k = 1) on _k | where ipv6_compare(_ip, _net, toint(_prefix)) == 0']);
  return [
    ...lets,
    ...arms(hits),
    ...(exclusion ? [exclusion] : []),
    '| extend IocType = "cidr", IocPort = "", Tier = "medium"',
    projectLine(table, flavour),
  ].join('\n');
}
