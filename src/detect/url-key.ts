// URL comparison key, computed identically here (for IOCs) and in KQL (for log columns, see URL_KEY_KQL).

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
const HOST_OR_URL_HOST = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/)?(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/;

export interface UrlKey {
  /** host[:port unless default]/path?query — scheme-less, fragment dropped, host lower-case. */
  key: string;
  /** Lower-case host without trailing dots. */
  host: string;
}

const trimWs = (s: string): string => s.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, ''); // RE2's ASCII \s
const trimDots = (s: string): string => s.replace(/\.+$/, '');
const group = (re: RegExp, s: string): string => re.exec(s)?.[1] ?? '';

/** Mirrors the KQL of {@link urlKeyKql}; returns null when there is no host. */
export function urlKey(url: string): UrlKey | null {
  const u = trimWs(url);
  const scheme = group(SCHEME, u).toLowerCase();
  const rest = scheme ? group(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/(.*)$/, u) : u;
  const auth = group(/^([^/?#]*)/, rest);
  const path = group(/^[^/?#]*(.*)$/, rest);
  const hp = group(/^(?:[^@]*@)?(.*)$/, auth);
  const host = trimDots(group(/^(\[[^\]]*\]|[^:]*)/, hp).toLowerCase());
  let port = group(/^(?:\[[^\]]*\]|[^:]*):(\d+)$/, hp);
  if ((port === '80' && (scheme === 'http' || scheme === '')) || (port === '443' && (scheme === 'https' || scheme === ''))) port = '';
  let p = group(/^([^#]*)/, path);
  if (!p.startsWith('/')) p = '/' + p;
  if (!host) return null;
  return { key: host + (port ? ':' + port : '') + p, host };
}

/** Host of a host-or-URL value, lower-case, trailing dots removed (mirrors {@link hostKql}). */
export function hostOf(value: string): string {
  return trimDots(group(HOST_OR_URL_HOST, trimWs(value)).toLowerCase());
}

/** KQL lines computing `_h` (host) and `_key` (URL key) from the string column `MatchedValue`. */
export const URL_KEY_KQL: readonly string[] = [
  '| extend _u = trim(@"\\s+", MatchedValue)',
  '| extend _scheme = tolower(extract(@"^([A-Za-z][A-Za-z0-9+.-]*)://", 1, _u))',
  '| extend _rest = iff(isnotempty(_scheme), extract(@"^[A-Za-z][A-Za-z0-9+.-]*://(.*)$", 1, _u), _u)',
  '| extend _auth = extract(@"^([^/?#]*)", 1, _rest), _path = extract(@"^[^/?#]*(.*)$", 1, _rest)',
  '| extend _hp = extract(@"^(?:[^@]*@)?(.*)$", 1, _auth)',
  '| extend _h = trim_end(@"\\.+", tolower(extract(@"^(\\[[^\\]]*\\]|[^:]*)", 1, _hp))), _port = extract(@"^(?:\\[[^\\]]*\\]|[^:]*):(\\d+)$", 1, _hp)',
  '| extend _port = iff((_port == "80" and _scheme in ("http", "")) or (_port == "443" and _scheme in ("https", "")), "", _port)',
  '| extend _p = extract(@"^([^#]*)", 1, _path)',
  '| extend _p = iff(_p startswith "/", _p, strcat("/", _p))',
  '| extend _key = strcat(_h, iff(isnotempty(_port), strcat(":", _port), ""), _p)',
];

/** KQL expression: host of a host-or-URL string expression (no trailing-dot/case handling). */
export function hostKql(valueExpr: string, shape: 'host' | 'url'): string {
  const v = `trim(@"\\s+", ${valueExpr})`;
  return shape === 'host' ? v : `extract(@"^(?:[A-Za-z][A-Za-z0-9+.-]*://)?(?:[^@/?#]*@)?(\\[[^\\]]*\\]|[^:/?#]*)", 1, ${v})`;
}
