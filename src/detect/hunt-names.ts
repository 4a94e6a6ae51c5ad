// KQL for domain and URL IOCs: host extracted from the column, matched exactly or as a dot-anchored parent.
import { kqlStringArray, kqlStringDatatable } from './kql-literal.js';
import type { UrlRow } from './ioc-prep.js';
import { branch, projectLine, unionOf } from './hunt-common.js';
import type { Flavour } from './model.js';
import type { HostColumn, TableSpec } from './table-catalog.js';
import { hostKql, URL_KEY_KQL } from './url-key.js';

/** Every parent suffix of host `_h` as `<name>` (a.b.c → a.b.c, b.c, c): exact-or-subdomain without substrings. */
const suffixes = (name: string): string[] => [
  '| extend _labels = split(_h, "."), _label = split(_h, ".")',
  '| mv-expand with_itemindex = _i _label',
  `| extend ${name} = strcat_array(array_slice(_labels, _i, -1), ".")`,
];

function rawValue(c: HostColumn): string {
  return c.expr ?? `tostring(${c.column})`;
}

export function buildDomainKql(table: TableSpec, flavour: Flavour, domains: readonly string[], exclusion: string): string {
  const branches = table.domain!.map((c) => branch(table.name, [c.where, `${rawValue(c)} has_any (IocDomain)`].filter((x): x is string => !!x),
    [`MatchedColumn = "${c.column}"`, `MatchedValue = ${rawValue(c)}`, `_h = ${hostKql(rawValue(c), c.shape)}`]));
  const u = unionOf(branches, 'DomainColumn');
  return [
    `let IocDomain = ${kqlStringArray(domains)};`,
    ...u.lets,
    u.expr,
    ...(exclusion ? [exclusion] : []),
    '| extend _h = trim_end(@"\\.+", tolower(_h))',
    ...suffixes('IocValue'),
    '| where IocValue in (IocDomain)',
    '| extend IocType = "domain", IocPort = "", Tier = iff(IocValue == _h, "high", "medium")',
    projectLine(table, flavour),
  ].join('\n');
}

export function buildUrlKql(table: TableSpec, flavour: Flavour, urls: readonly UrlRow[], exclusion: string): string {
  const hosts = [...new Set(urls.map((u) => u.host))].sort();
  const branches = table.url!.map((c) => branch(table.name, [c.where, `${rawValue(c)} has_any (IocUrlHost)`].filter((x): x is string => !!x),
    [`MatchedColumn = "${c.column}"`, `MatchedValue = ${rawValue(c)}`]));
  const u = unionOf(branches, 'UrlColumn');
  return [
    `let IocUrl = ${kqlStringDatatable(['UrlHost', 'UrlKey', 'IocValue'], urls.map((u) => [u.host, u.key, u.value]))};`,
    `let IocUrlHost = ${kqlStringArray(hosts)};`,
    ...u.lets,
    u.expr,
    ...(exclusion ? [exclusion] : []),
    ...URL_KEY_KQL,
    ...suffixes('UrlHost'),
    '| where UrlHost in (IocUrlHost)',
    '| join kind=inner (IocUrl) on UrlHost',
    '| extend IocType = "url", IocPort = "", Tier = case(_key == UrlKey, "high", UrlHost == _h, "medium", "low")',
    projectLine(table, flavour),
  ].join('\n');
}
